"""The council's static pages for `manage.py seed_demo`: French, with Arabic and English.

Created once: the council's later edits (through Saleor's page mutations) are kept.
"""

from django.core.files.base import ContentFile

from marketplace.cooperatives.models import Cooperative
from marketplace.core.demo.images import cooperative_logo

from .saleor_pages import page_seed

PAGES = [
    {
        "slug": "about",
        "fr": (
            "Qui sommes-nous",
            "Terroir Fès–Meknès est la place de marché des coopératives de l'économie sociale "
            "et solidaire de la région Fès–Meknès, portée par le Conseil régional.\n\n"
            "Chaque produit est vendu par la coopérative qui le fabrique : huile d'olive de "
            "Zerhoune, miel du Moyen Atlas, figues de Taounate, poterie de Fès, cèdre d'Azrou.",
        ),
        "ar": (
            "من نحن",
            "تيروار فاس مكناس هي السوق الإلكترونية لتعاونيات الاقتصاد الاجتماعي والتضامني "
            "بجهة فاس مكناس، بدعم من مجلس الجهة.\n\n"
            "كل منتج تبيعه التعاونية التي تصنعه: زيت زيتون زرهون، عسل الأطلس المتوسط، "
            "تين تاونات، فخار فاس، وخشب أرز أزرو.",
        ),
        "en": (
            "About us",
            "Terroir Fès–Meknès is the marketplace of the social and solidarity economy "
            "cooperatives of the Fès–Meknès region, backed by the Regional Council.\n\n"
            "Each product is sold by the cooperative that makes it: Zerhoune olive oil, "
            "Middle Atlas honey, Taounate figs, Fès pottery, Azrou cedar.",
        ),
    },
    {
        "slug": "terms-of-sale",
        "fr": (
            "Conditions générales de vente",
            "Les prix sont indiqués en dirhams marocains (MAD), toutes taxes comprises. "
            "Chaque coopérative vend et expédie ses propres produits.\n\n"
            "Le paiement se fait à la livraison ou par carte lorsque ce moyen est proposé. "
            "La commande est confirmée par courriel.",
        ),
        "ar": (
            "الشروط العامة للبيع",
            "الأسعار معروضة بالدرهم المغربي، شاملة لجميع الرسوم. تبيع كل تعاونية منتجاتها "
            "وتتكفل بإرسالها.\n\n"
            "يتم الأداء عند التسليم أو بالبطاقة البنكية عندما تكون متاحة. يتم تأكيد الطلب "
            "عبر البريد الإلكتروني.",
        ),
        "en": (
            "Terms of sale",
            "Prices are in Moroccan dirhams (MAD), all taxes included. Each cooperative sells "
            "and ships its own products.\n\n"
            "You pay on delivery, or by card when it is offered. "
            "Your order is confirmed by e-mail.",
        ),
    },
    {
        "slug": "returns",
        "fr": (
            "Retours et remboursements",
            "Vous pouvez refuser un colis à la livraison ou nous signaler un produit abîmé "
            "dans les 7 jours suivant sa réception.\n\n"
            "Les produits alimentaires ouverts ne sont ni repris ni échangés.",
        ),
        "ar": (
            "الإرجاع والاسترداد",
            "يمكنك رفض الطرد عند التسليم أو إبلاغنا بمنتج تالف خلال 7 أيام من استلامه.\n\n"
            "لا تُسترجع ولا تُستبدل المنتجات الغذائية المفتوحة.",
        ),
        "en": (
            "Returns and refunds",
            "You may refuse a parcel at the door, or tell us about a damaged product within "
            "7 days of receiving it.\n\n"
            "Opened food products can be neither returned nor exchanged.",
        ),
    },
    {
        "slug": "privacy",
        "fr": (
            "Confidentialité",
            "Nous utilisons vos coordonnées uniquement pour traiter vos commandes, "
            "conformément à la loi 09-08 relative à la protection des données personnelles.\n\n"
            "Un seul cookie retient votre langue ; aucun traceur publicitaire n'est utilisé.",
        ),
        "ar": (
            "الخصوصية",
            "نستعمل معطياتك فقط لمعالجة طلباتك، وفقاً للقانون 09-08 المتعلق بحماية المعطيات "
            "ذات الطابع الشخصي.\n\n"
            "ملف تعريف ارتباط واحد يحفظ لغتك، ولا نستعمل أي أداة تتبع إشهارية.",
        ),
        "en": (
            "Privacy",
            "We use your details only to handle your orders, under Law 09-08 on the protection "
            "of personal data.\n\n"
            "One cookie remembers your language; no advertising tracker is used.",
        ),
    },
    {
        "slug": "contact",
        "fr": (
            "Contact",
            "Conseil régional de Fès–Meknès, "
            "programme de valorisation des produits du terroir.\n\n"
            "Courriel : marketplace@terroir-fes-meknes.ma",
        ),
        "ar": (
            "اتصل بنا",
            "مجلس جهة فاس مكناس، برنامج تثمين المنتجات المجالية.\n\n"
            "البريد الإلكتروني: marketplace@terroir-fes-meknes.ma",
        ),
        "en": (
            "Contact",
            "Fès–Meknès Regional Council, local products programme.\n\n"
            "E-mail: marketplace@terroir-fes-meknes.ma",
        ),
    },
]


def seed(catalogue_result, stdout=None):
    created = 0
    for spec in PAGES:
        title, content = spec["fr"]
        _page, was_created = page_seed(
            slug=spec["slug"],
            title=title,
            content=content,
            translations={language: spec[language] for language in ("ar", "en")},
        )
        created += was_created
    logos = cooperative_logos_seed()
    if stdout is not None:
        stdout.write(f"Static pages: {created} created; cooperative logos drawn: {logos}.")
    return created


def cooperative_logos_seed():
    """Give each approved cooperative without a logo a drawing of its craft (no letters)."""
    drawn = 0
    for cooperative in Cooperative.objects.approved().filter(logo=""):
        png = cooperative_logo(sectors=cooperative.sectors or [])
        cooperative.logo.save(f"{cooperative.slug}.png", ContentFile(png), save=False)
        cooperative.save(update_fields=["logo"])
        drawn += 1
    return drawn
