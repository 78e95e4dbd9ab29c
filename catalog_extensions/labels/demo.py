"""Demo labels: the region's IGPs, the generic marks, bodies and a few certifications. Idempotent.

Certifications are dated from the day the demo is loaded, so that the demo
always shows one verified label ending within 30 days, one expired and one
waiting for review.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from marketplace.cooperatives.models import CooperativeProduct
from marketplace.core.demo import data

from .models import (
    Certification,
    CertificationEvent,
    CertificationStatus,
    CertifyingBody,
    Label,
    LabelKind,
    today_in_morocco,
)

BODIES = [
    ("normacert", "Normacert", "نورماسيرت", "https://www.normacert.ma"),
    ("bureau-veritas-maroc", "Bureau Veritas Maroc", "بيرو فيريتاس المغرب", ""),
    ("ecocert-maroc", "Ecocert Maroc", "إيكوسير المغرب", "https://www.ecocert.com"),
    ("sgs-maroc", "SGS Maroc", "إس جي إس المغرب", ""),
]

IGP_GUARANTEE_FR = (
    "Le produit vient de la zone géographique délimitée et suit le cahier des charges de "
    "l'indication géographique reconnue par le ministère de l'Agriculture (loi 25-06) ; un "
    "organisme agréé le contrôle chaque année."
)
IGP_GUARANTEE_AR = (
    "المنتج من المنطقة الجغرافية المحددة ويحترم دفتر تحملات البيان الجغرافي المعترف به من طرف "
    "وزارة الفلاحة (القانون 25-06)، وتراقبه هيئة معتمدة كل سنة."
)
IGP_GUARANTEE_EN = (
    "The product comes from the defined geographical area and follows the specification of "
    "the geographical indication recognised by the Ministry of Agriculture (law 25-06); an "
    "approved body checks it every year."
)

# slug, fr, ar, en, protected product (fr, ar), provinces
IGPS = [
    (
        "igp-zerhoune",
        "Huile d'olive vierge extra Zerhoune",
        "زيت الزيتون البكر الممتاز زرهون",
        "Zerhoune extra virgin olive oil",
        ("Huile d'olive vierge extra", "زيت الزيتون البكر الممتاز"),
        ["meknes"],
    ),
    (
        "igp-lemta-fes",
        "Huile d'olive vierge extra Lemta-Fès",
        "زيت الزيتون البكر الممتاز لمطة فاس",
        "Lemta-Fès extra virgin olive oil",
        ("Huile d'olive vierge extra", "زيت الزيتون البكر الممتاز"),
        ["fes", "moulay-yacoub"],
    ),
    (
        "igp-sefrou",
        "Huile d'olive vierge extra de Sefrou",
        "زيت الزيتون البكر الممتاز صفرو",
        "Sefrou extra virgin olive oil",
        ("Huile d'olive vierge extra", "زيت الزيتون البكر الممتاز"),
        ["sefrou"],
    ),
    (
        "igp-outat-el-haj",
        "Huile d'olive vierge extra Outat El Haj",
        "زيت الزيتون البكر الممتاز أوطاط الحاج",
        "Outat El Haj extra virgin olive oil",
        ("Huile d'olive vierge extra", "زيت الزيتون البكر الممتاز"),
        ["boulemane"],
    ),
    (
        "igp-miel-zendaz",
        "Miel de Zendaz",
        "عسل زنداز",
        "Zendaz honey",
        ("Miel", "عسل"),
        ["el-hajeb", "ifrane"],
    ),
    (
        "igp-amandes-aknoul",
        "Amandes d'Aknoul",
        "لوز أكنول",
        "Aknoul almonds",
        ("Amandes", "لوز"),
        ["taza"],
    ),
    (
        "igp-figues-nabout-taounate",
        "Figues sèches Nabout de Taounate",
        "التين المجفف نابوت تاونات",
        "Nabout dried figs of Taounate",
        ("Figues sèches", "تين مجفف"),
        ["taounate"],
    ),
]

GENERIC = [
    {
        "slug": "label-agricole",
        "kind": LabelKind.LABEL_AGRICOLE,
        "name_fr": "Label Agricole",
        "name_ar": "العلامة الفلاحية",
        "name_en": "Label Agricole",
        "guarantees_fr": "Une qualité supérieure à celle d'un produit courant, selon un cahier "
        "des charges contrôlé par un organisme agréé (loi 25-06).",
        "guarantees_ar": "جودة أعلى من المنتج العادي، وفق دفتر تحملات تراقبه هيئة معتمدة "
        "(القانون 25-06).",
        "guarantees_en": "A quality above that of an ordinary product, against a specification "
        "checked by an approved body (law 25-06).",
        "bodies": ["normacert", "bureau-veritas-maroc", "sgs-maroc"],
        "certificate_required": True,
    },
    {
        "slug": "bio-maroc",
        "kind": LabelKind.ORGANIC,
        "name_fr": "Agriculture biologique (Bio Maroc)",
        "name_ar": "الفلاحة البيولوجية (بيو المغرب)",
        "name_en": "Organic farming (Bio Maroc)",
        "guarantees_fr": "Produit sans engrais ni pesticides de synthèse, certifié selon la "
        "loi 39-12 relative à la production biologique.",
        "guarantees_ar": "منتج بدون أسمدة أو مبيدات كيميائية، معتمد وفق القانون 39-12 المتعلق "
        "بالإنتاج البيولوجي.",
        "guarantees_en": "Grown without synthetic fertilisers or pesticides, certified under "
        "law 39-12 on organic production.",
        "bodies": ["ecocert-maroc", "bureau-veritas-maroc"],
        "certificate_required": True,
    },
    {
        "slug": "marque-terroir-fes-meknes",
        "kind": LabelKind.REGIONAL_MARK,
        "name_fr": "Marque Terroir Fès–Meknès",
        "name_ar": "علامة منتوجات جهة فاس مكناس",
        "name_en": "Fès–Meknès Terroir mark",
        "guarantees_fr": "Produit fabriqué dans la région par une coopérative de l'économie "
        "sociale et solidaire, vérifié par le Conseil de la région.",
        "guarantees_ar": "منتج مصنوع في الجهة من طرف تعاونية من الاقتصاد الاجتماعي والتضامني، "
        "تحقق منه مجلس الجهة.",
        "guarantees_en": "Made in the region by a social and solidarity economy cooperative, "
        "checked by the regional council.",
        "bodies": [],
        "certificate_required": False,
    },
]

# product slug, label slug, state, certificate number, body
CERTIFICATIONS = [
    (
        "huile-olive-vierge-extra-zerhoune",
        "igp-zerhoune",
        "verified",
        "IGP-ZRH-2026-031",
        "normacert",
    ),
    (
        "huile-olive-vierge-extra-lemta-fes",
        "igp-lemta-fes",
        "verified",
        "IGP-LMT-2026-007",
        "normacert",
    ),
    (
        "huile-olive-vierge-extra-sefrou",
        "igp-sefrou",
        "expiring",
        "IGP-SEF-2025-014",
        "bureau-veritas-maroc",
    ),
    ("amandes-beldi-aknoul", "igp-amandes-aknoul", "verified", "IGP-AKN-2026-002", "normacert"),
    ("miel-de-zendaz", "igp-miel-zendaz", "verified", "IGP-ZDZ-2026-011", "sgs-maroc"),
    ("miel-de-zendaz", "bio-maroc", "verified", "BIO-MA-2026-4471", "ecocert-maroc"),
    (
        "figues-sechees-nabout-taounate",
        "igp-figues-nabout-taounate",
        "expired",
        "IGP-NBT-2024-005",
        "normacert",
    ),
    (
        "huile-olive-vierge-extra-outat-el-haj",
        "igp-outat-el-haj",
        "pending",
        "IGP-OEH-2026-019",
        "normacert",
    ),
    ("couscous-ble-dur-roule-main", "marque-terroir-fes-meknes", "verified", "", None),
]


def _dates(state, today):
    if state == "expiring":
        return today - datetime.timedelta(days=345), today + datetime.timedelta(days=20)
    if state == "expired":
        return today - datetime.timedelta(days=400), today - datetime.timedelta(days=35)
    return today - datetime.timedelta(days=60), today + datetime.timedelta(days=305)


def seed(catalogue_result, stdout=None):
    with transaction.atomic():
        bodies = {}
        for slug, name, name_ar, website in BODIES:
            bodies[slug], _ = CertifyingBody.objects.update_or_create(
                slug=slug, defaults={"name": name, "name_ar": name_ar, "website": website}
            )
        labels = {}
        for slug, name_fr, name_ar, name_en, protected, provinces in IGPS:
            label, _ = Label.objects.update_or_create(
                slug=slug,
                defaults={
                    "kind": LabelKind.IGP,
                    "name_fr": name_fr,
                    "name_ar": name_ar,
                    "name_en": name_en,
                    "description_fr": f"Indication géographique protégée : {name_fr}.",
                    "description_ar": f"بيان جغرافي محمي: {name_ar}.",
                    "description_en": f"Protected geographical indication: {name_en}.",
                    "guarantees_fr": IGP_GUARANTEE_FR,
                    "guarantees_ar": IGP_GUARANTEE_AR,
                    "guarantees_en": IGP_GUARANTEE_EN,
                    "certificate_required": True,
                    "protected_product_fr": protected[0],
                    "protected_product_ar": protected[1],
                    "provinces": provinces,
                },
            )
            label.certifying_bodies.set(
                [bodies["normacert"], bodies["bureau-veritas-maroc"], bodies["sgs-maroc"]]
            )
            labels[slug] = label
        for spec in GENERIC:
            spec = dict(spec)
            body_slugs = spec.pop("bodies")
            label, _ = Label.objects.update_or_create(slug=spec.pop("slug"), defaults=spec)
            label.certifying_bodies.set([bodies[slug] for slug in body_slugs])
            labels[label.slug] = label
        count = _seed_certifications(catalogue_result, labels, bodies)
    if stdout is not None:
        stdout.write(f"Demo labels: {len(labels)} labels, {count} certifications")


def _seed_certifications(catalogue_result, labels, bodies):
    products = {
        product.slug: product
        for result in catalogue_result.values()
        for product in result.get("products", [])
    }
    council = get_user_model().objects.filter(email=data.ADMIN["email"]).first()
    today = today_in_morocco()
    count = 0
    for product_slug, label_slug, state, number, body_slug in CERTIFICATIONS:
        product = products.get(product_slug)
        link = CooperativeProduct.objects.filter(product=product).first() if product else None
        if link is None:
            continue
        valid_from, valid_until = _dates(state, today)
        status = {
            "expiring": CertificationStatus.VERIFIED,
            "expired": CertificationStatus.EXPIRED,
            "pending": CertificationStatus.PENDING,
        }.get(state, CertificationStatus.VERIFIED)
        reviewed = status != CertificationStatus.PENDING
        certification, created = Certification.objects.update_or_create(
            product=product,
            label=labels[label_slug],
            defaults={
                "cooperative": link.cooperative,
                "certificate_number": number,
                "certifying_body": bodies.get(body_slug),
                "valid_from": valid_from,
                "valid_until": valid_until,
                "status": status,
                "reviewer": council if reviewed else None,
                "reason": "",
            },
        )
        if created:
            _history(certification, status, council)
        count += 1
    return count


def _history(certification, status, council):
    CertificationEvent.objects.create(
        certification=certification, from_status="", to_status=CertificationStatus.PENDING
    )
    if status in (CertificationStatus.VERIFIED, CertificationStatus.EXPIRED):
        CertificationEvent.objects.create(
            certification=certification,
            from_status=CertificationStatus.PENDING,
            to_status=CertificationStatus.VERIFIED,
            actor=council,
        )
    if status == CertificationStatus.EXPIRED:
        CertificationEvent.objects.create(
            certification=certification,
            from_status=CertificationStatus.VERIFIED,
            to_status=CertificationStatus.EXPIRED,
        )
