"""Labels and origin scenes: a registry, an approved cooperative in Sefrou, its products."""

import datetime
import zoneinfo

import pytest

from catalog_extensions.labels.models import (
    Certification,
    CertificationStatus,
    CertifyingBody,
    Label,
    LabelKind,
)
from marketplace.cooperatives.models import CooperativeProduct
from tests.fixtures.catalogue import make_product
from tests.fixtures.cooperatives import make_user

MOROCCO = zoneinfo.ZoneInfo("Africa/Casablanca")


def morocco_time(day, hour, minute=0):
    """An aware datetime at ``hour:minute`` on ``day`` in Morocco, for freezegun (as UTC)."""
    local = datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=MOROCCO)
    return local.astimezone(datetime.UTC).replace(tzinfo=None)


@pytest.fixture
def label_manager(db):
    return make_user(
        "labels-manager@example.com", is_staff=True, permissions=["labels.manage_labels"]
    )


@pytest.fixture
def label_actors(customer, other_member, owner, staff_without_permission, label_manager,
                 other_cooperative):
    """The six actors of a permission matrix for labels (None is anonymous)."""
    return {
        "anonymous": None,
        "customer": customer,
        "other_cooperative_member": other_member,
        "member": owner,
        "staff_without_permission": staff_without_permission,
        "label_manager": label_manager,
    }


@pytest.fixture
def body(db):
    return CertifyingBody.objects.create(
        slug="normacert", name="Normacert", name_ar="نورماسيرت"
    )


@pytest.fixture
def other_body(db):
    return CertifyingBody.objects.create(slug="ecocert", name="Ecocert Maroc")


def make_label(slug, *, kind=LabelKind.IGP, provinces=("sefrou",), bodies=(), **fields):
    label = Label.objects.create(
        kind=kind,
        slug=slug,
        name_fr=fields.pop("name_fr", f"Label {slug}"),
        name_ar=fields.pop("name_ar", f"علامة {slug}"),
        name_en=fields.pop("name_en", f"Label {slug}"),
        guarantees_fr=fields.pop("guarantees_fr", "Olives récoltées et pressées dans la zone."),
        provinces=list(provinces),
        **fields,
    )
    label.certifying_bodies.set(bodies)
    return label


@pytest.fixture
def igp(body):
    return make_label(
        "huile-olive-sefrou",
        name_fr="Huile d'olive vierge extra de Sefrou",
        name_ar="زيت الزيتون البكر الممتاز لصفرو",
        provinces=("sefrou",),
        bodies=[body],
    )


@pytest.fixture
def organic(body, other_body):
    return make_label(
        "bio", kind=LabelKind.ORGANIC, provinces=(), bodies=[body, other_body], name_fr="Bio"
    )


def own_product(cooperative, product_factory, **kwargs):
    product = product_factory(**kwargs)
    CooperativeProduct.objects.create(product=product, cooperative=cooperative)
    return product


@pytest.fixture
def oil(approved_cooperative, product_factory):
    return own_product(
        approved_cooperative, product_factory, name="Huile d'olive", name_ar="زيت الزيتون"
    )


@pytest.fixture
def other_oil(other_cooperative, product_factory):
    return own_product(other_cooperative, product_factory, name="Huile voisine")


def make_certification(product, label, *, cooperative=None, status=CertificationStatus.VERIFIED,
                       valid_from=None, valid_until=None, body=None, number="CERT-001"):
    from marketplace.cooperatives.models import CooperativeProduct as Link

    cooperative = cooperative or Link.objects.get(product=product).cooperative
    today = datetime.date.today()
    return Certification.objects.create(
        product=product,
        label=label,
        cooperative=cooperative,
        certificate_number=number,
        certifying_body=body or label.certifying_bodies.first(),
        valid_from=valid_from or today - datetime.timedelta(days=100),
        valid_until=valid_until or today + datetime.timedelta(days=300),
        status=status,
    )


@pytest.fixture
def pending_claim(oil, igp):
    return make_certification(oil, igp, status=CertificationStatus.PENDING)


@pytest.fixture
def verified(oil, igp):
    return make_certification(oil, igp)


__all__ = ["make_product", "morocco_time"]


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run the callbacks scheduled inside the block, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
