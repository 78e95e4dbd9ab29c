"""Demo origins: provenance and packaging facts for every demo product. Idempotent."""

from django.db import transaction

from marketplace.core.demo import data

from .models import ProductOrigin

SEASON = "Récolte 2025–2026"
# By product type: (net quantity, needs an ONSSA authorisation).
PACKAGING = {
    "huile-dolive": ("75 cl", True),
    "miel": ("500 g", True),
    "epicerie": ("500 g", True),
    "plantes": ("100 g", True),
    "artisanat": ("1 pièce", False),
}
# Ingredients (fr, ar) by product slug; crafts have none.
INGREDIENTS = {
    "huile-olive-vierge-extra-zerhoune": (
        "Huile d'olive vierge extra (Picholine marocaine)",
        "زيت زيتون بكر ممتاز (بيشولين مغربية)",
    ),
    "huile-olive-vierge-extra-lemta-fes": (
        "Huile d'olive vierge extra (Picholine marocaine)",
        "زيت زيتون بكر ممتاز (بيشولين مغربية)",
    ),
    "huile-olive-vierge-extra-sefrou": (
        "Huile d'olive vierge extra (Picholine marocaine)",
        "زيت زيتون بكر ممتاز (بيشولين مغربية)",
    ),
    "huile-olive-vierge-extra-outat-el-haj": ("Huile d'olive vierge extra", "زيت زيتون بكر ممتاز"),
    "olives-vertes-cassees-citron-beldi": (
        "Olives vertes, eau, sel, citron beldi",
        "زيتون أخضر، ماء، ملح، حامض بلدي",
    ),
    "miel-de-zendaz": ("Miel de fleurs de Zendaz (100 %)", "عسل زهور زنداز (100٪)"),
    "miel-de-romarin": ("Miel de romarin (100 %)", "عسل إكليل الجبل (100٪)"),
    "miel-toutes-fleurs-montagne": (
        "Miel toutes fleurs de montagne (100 %)",
        "عسل جبلي متعدد الأزهار (100٪)",
    ),
    "figues-sechees-nabout-taounate": (
        "Figues séchées au soleil (variété Nabout)",
        "تين مجفف في الشمس (صنف نابوت)",
    ),
    "confiture-figues-anis": (
        "Figues, sucre, graines d'anis, jus de citron",
        "تين، سكر، حبة حلاوة، عصير حامض",
    ),
    "confiture-cerises-sefrou": (
        "Cerises de Sefrou, sucre, jus de citron",
        "حب الملوك صفرو، سكر، عصير حامض",
    ),
    "amandes-beldi-aknoul": ("Amandes beldi décortiquées", "لوز بلدي مقشر"),
    "amlou-amandes-aknoul": ("Amandes grillées, huile d'argan, miel", "لوز محمص، زيت أركان، عسل"),
    "poudre-de-caroube": ("Caroube torréfiée moulue", "خروب محمص مطحون"),
    "couscous-ble-dur-roule-main": ("Semoule de blé dur, eau, sel", "سميد القمح الصلب، ماء، ملح"),
    "belboula-couscous-orge": ("Semoule d'orge, eau, sel", "سميد الشعير، ماء، ملح"),
    "romarin-seche-boulemane": ("Romarin séché", "إكليل الجبل مجفف"),
    "armoise-blanche-chih": ("Armoise blanche séchée", "شيح مجفف"),
    "origan-sauvage-zaatar": ("Origan sauvage séché", "زعتر بري مجفف"),
}


def seed(catalogue_result, stdout=None):
    """Create or update the origin of every demo product."""
    count = 0
    with transaction.atomic():
        for number, producer in enumerate(data.PRODUCERS, start=1):
            products = (catalogue_result.get(producer["slug"]) or {}).get("products", [])
            for index, product in enumerate(products, start=1):
                net_quantity, needs_onssa = PACKAGING.get(product.product_type.slug, ("", False))
                ingredients_fr, ingredients_ar = INGREDIENTS.get(product.slug, ("", ""))
                ProductOrigin.objects.update_or_create(
                    product=product,
                    defaults={
                        "province": producer["province"],
                        "commune": producer["commune"],
                        "season": SEASON if needs_onssa else "",
                        "net_quantity": net_quantity,
                        "ingredients_fr": ingredients_fr,
                        "ingredients_ar": ingredients_ar,
                        "onssa_number": (
                            f"AS.{number:02d}.{100 + index:03d}.26" if needs_onssa else ""
                        ),
                    },
                )
                count += 1
    if stdout is not None:
        stdout.write(f"Demo origins: {count} products")
