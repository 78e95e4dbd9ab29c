"""The one place where cooperatives reach into Saleor's warehouses and shipping zones.

An approved cooperative ships from its own Saleor warehouse; this module
creates it with its address and the shipping zones it serves.
When the engine moves, this is the file that changes.
"""

from django.utils.text import slugify
from saleor.account.models import Address
from saleor.shipping.models import ShippingZone
from saleor.warehouse.models import Warehouse


def _unique_warehouse_slug(name):
    base = slugify(name)[:240]
    slug, suffix = base, 2
    while Warehouse.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def warehouse_create(*, name, slug_base, company_name, email, street, city, area, country, phone):
    """A warehouse with its address, serving every shipping zone that includes ``country``.

    Call it inside the caller's transaction: the address, the warehouse and
    its zones are written together or not at all.
    """
    address = Address(
        company_name=company_name,
        street_address_1=street,
        city=city,
        country_area=area,
        country=country,
        phone=phone,
    )
    address.full_clean()
    address.save()
    warehouse = Warehouse(
        name=name[:250],
        slug=_unique_warehouse_slug(slug_base),
        company_name=company_name,
        email=email,
        address=address,
    )
    warehouse.full_clean()
    warehouse.save()
    # django-countries stores a multiple CountryField as comma-separated
    # two-letter codes, so a substring match on a code finds exactly that country.
    warehouse.shipping_zones.set(ShippingZone.objects.filter(countries__contains=country))
    return warehouse
