"""Demo cooperatives for `manage.py seed_demo`: the catalogue's producers, and one per state.

Every producer of the demo catalogue becomes an approved cooperative that
owns its products and its warehouse, with an owner who can log in. A few
more cooperatives, without products, sit in every other state, so that the
council's review queue and a cooperative's timeline have something to show.

The suspended one has no warehouse: reinstating it creates one, as the
council's approval would have.

Keyed by slug and e-mail: running it again changes nothing. A cooperative
that already exists keeps its status, whatever was done with it since.
"""

import datetime
import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import CommandError
from django.db import transaction

from marketplace.core.demo import data

from .models import (
    REQUIRED_DOCUMENT_KINDS,
    Cooperative,
    CooperativeProduct,
    CooperativeStatus,
    Membership,
    MembershipRole,
)
from .services.documents import document_upload
from .services.transitions import cooperative_transition
from .validators import ice_with_check_digits, rib_with_key

PASSWORD_VARIABLE = "DEMO_COOPERATIVE_PASSWORD"
DEFAULT_PASSWORD = "cooperative"
OWNER_EMAIL_DOMAIN = "cooperatives.demo"

# The catalogue names its producers' trades in French; the application form
# knows these sectors.
SECTORS = {
    "poterie": "pottery",
    "broderie": "textiles",
    "passementerie": "textiles",
    "tissage": "textiles",
    "oleiculture": "olive-oil",
    "cereales": "cereals",
    "arboriculture": "nuts-dried-fruit",
    "plantes-aromatiques": "aromatic-plants",
    "apiculture": "honey",
    "menuiserie": "woodwork",
    "agroalimentaire": "other",
}

S = CooperativeStatus

# Cooperatives without products, one per state other than approved. Numbers
# give each its own register number, ICE and RIB, apart from the producers'.
EXTRA_COOPERATIVES = [
    {
        "number": 101,
        "status": S.DRAFT,
        "slug": "cooperative-amlou-imouzzer",
        "name_fr": "Coopérative Amlou Imouzzer",
        "name_ar": "تعاونية أملو إيموزار",
        "legal_form": "cooperative",
        "province": "sefrou",
        "commune": "Imouzzer Kandar",
        "address": "Route d'Ifrane, Imouzzer Kandar",
        "phone": "+212535000201",
        "founded": 2019,
        "members": 9,
        "women_members": 9,
        "young_members": 4,
        "sectors": ["nuts-dried-fruit"],
        "story_fr": (
            "Des femmes d'Imouzzer qui broient amandes et argan pour un amlou à l'ancienne."
        ),
        "story_ar": "نساء من إيموزار يطحن اللوز والأركان لصنع أملو تقليدي.",
    },
    {
        "number": 102,
        "status": S.SUBMITTED,
        "slug": "cooperative-lben-el-hajeb",
        "name_fr": "Coopérative laitière Lben El Hajeb",
        "name_ar": "التعاونية الفلاحية للحليب الحاجب",
        "legal_form": "cooperative",
        "province": "el-hajeb",
        "commune": "El Hajeb",
        "address": "Douar Aït Yaazem, El Hajeb",
        "phone": "+212535000202",
        "founded": 2017,
        "members": 31,
        "women_members": 11,
        "young_members": 8,
        "sectors": ["dairy"],
        "story_fr": (
            "Le lait des éleveurs du plateau, collecté chaque matin et transformé sur place."
        ),
        "story_ar": "حليب مربي الهضبة، يجمع كل صباح ويحول في عين المكان.",
    },
    {
        "number": 103,
        "status": S.CHANGES_REQUESTED,
        "slug": "association-nahl-boulemane",
        "name_fr": "Association Nahl Boulemane",
        "name_ar": "جمعية النحل بولمان",
        "legal_form": "association",
        "province": "boulemane",
        "commune": "Boulemane",
        "address": "Centre, Boulemane",
        "phone": "+212535000203",
        "founded": 2018,
        "members": 14,
        "women_members": 6,
        "young_members": 5,
        "sectors": ["honey"],
        "story_fr": "Des ruches transhumantes entre le Moyen Atlas et la vallée de la Moulouya.",
        "story_ar": "خلايا نحل متنقلة بين الأطلس المتوسط ووادي ملوية.",
        "reason": "Quelques pièces sont à compléter avant la décision.",
        "field_comments": {
            "register_number": "Le numéro ne correspond pas au certificat d'inscription.",
            "document:bank_rib": "L'attestation de RIB n'est pas signée par la banque.",
        },
    },
    {
        "number": 104,
        "status": S.REJECTED,
        "slug": "societe-couscous-taza",
        "name_fr": "Société Couscous Taza",
        "name_ar": "شركة كسكس تازة",
        "legal_form": "gie",
        "province": "taza",
        "commune": "Taza",
        "address": "Zone industrielle, Taza",
        "phone": "+212535000204",
        "founded": 2020,
        "members": 3,
        "women_members": 0,
        "young_members": 1,
        "sectors": ["cereals"],
        "story_fr": "Une semoulerie qui roule le couscous à la machine.",
        "story_ar": "مطحنة سميد تفتل الكسكس آليا.",
        "reason": (
            "Entreprise commerciale : elle ne relève pas de l'économie sociale et solidaire."
        ),
    },
    {
        "number": 105,
        "status": S.SUSPENDED,
        "slug": "cooperative-zaafrane-meknes",
        "name_fr": "Coopérative Zaafrane Meknès",
        "name_ar": "تعاونية الزعفران مكناس",
        "legal_form": "cooperative",
        "province": "meknes",
        "commune": "Meknès",
        "address": "Route d'Agouraï, Meknès",
        "phone": "+212535000205",
        "founded": 2015,
        "members": 12,
        "women_members": 7,
        "young_members": 3,
        "sectors": ["aromatic-plants"],
        "story_fr": "Safran et plantes aromatiques cultivés sur les coteaux de Meknès.",
        "story_ar": "زعفران ونباتات عطرية تزرع على سفوح مكناس.",
        "reason": (
            "Attestation ICE expirée : la boutique est suspendue jusqu'à son renouvellement."
        ),
    },
]

# The road each demo state took, from a draft; who acted is the owner for a
# submission and the council for a decision.
PATHS = {
    S.DRAFT: [],
    S.SUBMITTED: [S.SUBMITTED],
    S.CHANGES_REQUESTED: [S.SUBMITTED, S.CHANGES_REQUESTED],
    S.REJECTED: [S.SUBMITTED, S.REJECTED],
    S.APPROVED: [S.SUBMITTED, S.APPROVED],
    S.SUSPENDED: [S.SUBMITTED, S.APPROVED, S.SUSPENDED],
}


def owner_password():
    password = os.environ.get(PASSWORD_VARIABLE)
    if password:
        return password
    if not settings.DEBUG:
        raise CommandError(
            f"Refusing to create demo cooperative owners with the default password while "
            f"DEBUG is off. Set {PASSWORD_VARIABLE}."
        )
    return DEFAULT_PASSWORD


def owner_email(slug):
    return f"{slug}@{OWNER_EMAIL_DOMAIN}"


def seed(catalogue_result, stdout=None):
    """Create or update the demo cooperatives; return the demo log-ins by role."""
    password = owner_password()
    council = get_user_model().objects.filter(email=data.ADMIN["email"]).first()
    with transaction.atomic():
        for number, producer in enumerate(data.PRODUCERS, start=1):
            producer_result = catalogue_result.get(producer["slug"]) or {}
            cooperative = cooperative_seed(
                {**producer, "number": number, "status": S.APPROVED},
                password=password,
                council=council,
                warehouse=producer_result.get("warehouse"),
            )
            _link_products(cooperative, producer_result.get("products", []))
        for spec in EXTRA_COOPERATIVES:
            cooperative_seed(spec, password=password, council=council)
    if stdout is not None:
        counts = {status.label: Cooperative.objects.filter(status=status).count() for status in S}
        stdout.write(
            "Demo cooperatives: "
            + ", ".join(f"{count} {label}" for label, count in counts.items())
        )
    return {
        "cooperative owner": (owner_email(data.PRODUCERS[0]["slug"]), password),
        "cooperative asked for changes": (
            owner_email(_spec_in(S.CHANGES_REQUESTED)["slug"]),
            password,
        ),
    }


def _spec_in(status):
    return next(spec for spec in EXTRA_COOPERATIVES if spec["status"] == status)


def cooperative_seed(spec, *, password, council, warehouse=None):
    owner = _owner_seed(spec, password)
    cooperative = Cooperative.objects.filter(slug=spec["slug"]).first()
    created = cooperative is None
    if created:
        cooperative = Cooperative(slug=spec["slug"], status=S.DRAFT)
    for field, value in _profile(spec).items():
        setattr(cooperative, field, value)
    if warehouse is not None:
        cooperative.warehouse = warehouse
    cooperative.full_clean()
    cooperative.save()
    Membership.objects.get_or_create(
        cooperative=cooperative, user=owner, defaults={"role": MembershipRole.OWNER}
    )
    if created:
        _walk(cooperative, spec, owner=owner, council=council)
    return cooperative


def _profile(spec):
    number = spec["number"]
    return {
        "name_fr": spec["name_fr"],
        "name_ar": spec["name_ar"],
        "legal_form": spec["legal_form"],
        "register_number": f"RC-{spec['province'].upper()}-{20000 + number}",
        "ice": ice_with_check_digits(f"002{number:010d}"),
        "province": spec["province"],
        "commune": spec["commune"],
        "address": spec["address"],
        "phone": spec["phone"],
        "email": spec.get("email") or f"contact@{spec['slug']}.{OWNER_EMAIL_DOMAIN}",
        # What shoppers see: a mobile line that also takes WhatsApp messages,
        # apart from the office line and address the council uses.
        "public_phone": f"+21266{number:07d}",
        "public_whatsapp": f"+21266{number:07d}",
        "public_email": f"boutique@{spec['slug']}.{OWNER_EMAIL_DOMAIN}",
        "founded_on": datetime.date(spec["founded"], 1, 1),
        "members_count": spec["members"],
        "women_members": spec["women_members"],
        "young_members": spec["young_members"],
        "sectors": _sectors(spec["sectors"]),
        "story_fr": spec["story_fr"],
        "story_ar": spec["story_ar"],
        "bank_name": "Crédit Agricole du Maroc",
        "rib": rib_with_key(f"225780{number:016d}"),
    }


def _sectors(names):
    sectors = []
    for name in names:
        sector = SECTORS.get(name, name)
        if sector not in sectors:
            sectors.append(sector)
    return sectors


def _owner_seed(spec, password):
    user, created = get_user_model().objects.get_or_create(
        email=owner_email(spec["slug"]), defaults={"is_active": True}
    )
    # Only on creation: a password changed since then is the owner's, not ours.
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def _walk(cooperative, spec, *, owner, council):
    for to_status in PATHS[spec["status"]]:
        if to_status == S.SUBMITTED:
            _file_documents(cooperative, owner)
        cooperative_transition(
            cooperative=cooperative,
            to_status=to_status,
            actor=owner if to_status == S.SUBMITTED else council,
            reason=spec.get("reason", "") if to_status == spec["status"] else "",
            field_comments=spec.get("field_comments") if to_status == spec["status"] else None,
        )


def _file_documents(cooperative, owner):
    """The four papers of an application, as small generated PDFs."""
    if cooperative.documents.exists():
        return
    for kind in REQUIRED_DOCUMENT_KINDS:
        content = demo_pdf(f"{kind.label} - {cooperative.slug}")
        document_upload(
            cooperative=cooperative,
            user=owner,
            kind=kind,
            uploaded_file=ContentFile(content, name=f"{kind.value}.pdf"),
        )


def _link_products(cooperative, products):
    for product in products:
        CooperativeProduct.objects.update_or_create(
            product=product, defaults={"cooperative": cooperative}
        )


def demo_pdf(text):
    """A one-page PDF showing ``text`` (ASCII), with a correct cross-reference table."""
    safe = "".join(ch for ch in str(text) if 32 <= ord(ch) < 127)
    safe = safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 14 Tf 40 760 Td (Demo - {safe}) Tj ET".encode("ascii")
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]"
        b"/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>",
        b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for index, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % index + body + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        output += b"%010d 00000 n \n" % offset
    output += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(output)
