"""The demo catalogue as plain data: producers, their products, and the vocabulary they use.

Texts are French (the catalogue's base language) with Arabic and English
translations. Producers are invented; places and products are the region's.
Quality labels are the olive-oil IGPs of the region; other products carry none.

A product's variants are `(value_slug, price_mad, stock)`; the value belongs to
the product type's variant attribute, and the SKU is the product's SKU followed
by the value slug. Products of a type without variants have one variant
`(None, price_mad, stock)` whose SKU is the product's SKU.
"""

from decimal import Decimal as D


def tr(fr, ar, en):
    return {"fr": fr, "ar": ar, "en": en}


SITE = {
    "name": "Terroir Fès–Meknès",
    "domain": "127.0.0.1:8000",
    "header_text": tr(
        "Les produits des coopératives de Fès–Meknès",
        "منتجات تعاونيات جهة فاس مكناس",
        "Products from the cooperatives of Fès–Meknès",
    ),
}

# The region's 2 prefectures and 7 provinces, by the slugs of marketplace.core.regions.
PROVINCES = {
    "fes": tr("Préfecture de Fès", "عمالة فاس", "Fès Prefecture"),
    "meknes": tr("Préfecture de Meknès", "عمالة مكناس", "Meknès Prefecture"),
    "boulemane": tr("Province de Boulemane", "إقليم بولمان", "Boulemane Province"),
    "el-hajeb": tr("Province d'El Hajeb", "إقليم الحاجب", "El Hajeb Province"),
    "ifrane": tr("Province d'Ifrane", "إقليم إفران", "Ifrane Province"),
    "moulay-yacoub": tr(
        "Province de Moulay Yacoub", "إقليم مولاي يعقوب", "Moulay Yacoub Province"
    ),
    "sefrou": tr("Province de Sefrou", "إقليم صفرو", "Sefrou Province"),
    "taounate": tr("Province de Taounate", "إقليم تاونات", "Taounate Province"),
    "taza": tr("Province de Taza", "إقليم تازة", "Taza Province"),
}

SHIPPING_ZONE = {
    "name": "Maroc",
    "countries": ["MA"],
    "methods": [
        {
            "name": tr("Livraison à domicile", "التوصيل إلى المنزل", "Home delivery"),
            "price": D("35.00"),
        }
    ],
}

ATTRIBUTES = {
    "volume": {
        "name": tr("Contenance", "السعة", "Volume"),
        "values": {
            "50cl": tr("50 cl", "50 سل", "50 cl"),
            "1l": tr("1 L", "1 لتر", "1 L"),
            "5l": tr("5 L", "5 لترات", "5 L"),
        },
    },
    "poids": {
        "name": tr("Poids", "الوزن", "Weight"),
        "values": {
            "100g": tr("100 g", "100 غ", "100 g"),
            "250g": tr("250 g", "250 غ", "250 g"),
            "500g": tr("500 g", "500 غ", "500 g"),
            "1kg": tr("1 kg", "1 كلغ", "1 kg"),
        },
    },
    "signe-de-qualite": {
        "name": tr("Signe de qualité", "علامة الجودة", "Quality label"),
        "values": {
            "igp-zerhoune": tr("IGP Zerhoune", "بيان جغرافي محمي زرهون", "PGI Zerhoune"),
            "igp-lemta-fes": tr("IGP Lemta-Fès", "بيان جغرافي محمي لمطة فاس", "PGI Lemta-Fès"),
            "igp-sefrou": tr("IGP Sefrou", "بيان جغرافي محمي صفرو", "PGI Sefrou"),
            "igp-outat-el-haj": tr(
                "IGP Outat El Haj", "بيان جغرافي محمي أوطاط الحاج", "PGI Outat El Haj"
            ),
        },
    },
    "matiere": {
        "name": tr("Matière", "المادة", "Material"),
        "values": {
            "terre-cuite-emaillee": tr("Terre cuite émaillée", "فخار مزجج", "Glazed earthenware"),
            "coton-brode-soie": tr(
                "Coton brodé de soie", "قطن مطرز بالحرير", "Silk-embroidered cotton"
            ),
            "fil-de-soie": tr("Fil de soie", "خيط الحرير", "Silk thread"),
            "bois-de-cedre": tr("Bois de cèdre", "خشب الأرز", "Cedar wood"),
            "laine": tr("Laine de mouton", "صوف الغنم", "Sheep's wool"),
        },
    },
}

# Saleor 2.10 has no ProductTypeTranslation: product types are back-office only.
PRODUCT_TYPES = {
    "huile-dolive": {
        "name": "Huile d'olive",
        "product_attributes": ["signe-de-qualite"],
        "variant_attributes": ["volume"],
    },
    "miel": {"name": "Miel", "product_attributes": [], "variant_attributes": ["poids"]},
    "epicerie": {
        "name": "Épicerie au poids",
        "product_attributes": [],
        "variant_attributes": ["poids"],
    },
    "plantes": {
        "name": "Plantes aromatiques",
        "product_attributes": [],
        "variant_attributes": ["poids"],
    },
    "artisanat": {
        "name": "Artisanat",
        "product_attributes": ["matiere"],
        "variant_attributes": [],
    },
}

# Shipping weight of one packed unit, bottle or jar included.
PACKED_WEIGHT_KG = {
    "50cl": D("0.9"),
    "1l": D("1.6"),
    "5l": D("4.8"),
    "100g": D("0.15"),
    "250g": D("0.35"),
    "500g": D("0.65"),
    "1kg": D("1.2"),
}

CATEGORIES = {
    "produits-du-terroir": {
        "parent": None,
        "name": tr("Produits du terroir", "المنتجات المجالية", "Local produce"),
        "description": tr(
            "Le garde-manger de la région, des oliveraies du Zerhoune aux ruchers du Moyen Atlas.",
            "خيرات الجهة، من زياتين زرهون إلى مناحل الأطلس المتوسط.",
            "The region's larder, from the olive groves of Zerhoune to the apiaries of "
            "the Middle Atlas.",
        ),
    },
    "huiles-dolive": {
        "parent": "produits-du-terroir",
        "name": tr("Huiles d'olive", "زيوت الزيتون", "Olive oils"),
        "description": tr(
            "Huiles vierges extra des quatre IGP de la région.",
            "زيوت بكر ممتازة من البيانات الجغرافية المحمية الأربعة بالجهة.",
            "Extra virgin oils from the region's four PGIs.",
        ),
    },
    "miels": {
        "parent": "produits-du-terroir",
        "name": tr("Miels", "العسل", "Honey"),
        "description": tr(
            "Miels de montagne récoltés dans le Moyen Atlas.",
            "عسل جبلي من مناحل الأطلس المتوسط.",
            "Mountain honeys harvested in the Middle Atlas.",
        ),
    },
    "fruits-secs": {
        "parent": "produits-du-terroir",
        "name": tr("Fruits secs et amandes", "الفواكه الجافة واللوز", "Dried fruit and almonds"),
        "description": tr(
            "Figues de Taounate et amandes d'Aknoul, séchées et cassées à la main.",
            "تين تاونات ولوز أكنول، مجفف ومكسر يدويا.",
            "Taounate figs and Aknoul almonds, dried and cracked by hand.",
        ),
    },
    "epicerie-fine": {
        "parent": "produits-du-terroir",
        "name": tr("Épicerie du terroir", "مواد غذائية مجالية", "Pantry"),
        "description": tr(
            "Couscous roulés main, amlou, confitures et olives préparés par les coopératives.",
            "كسكس مفتول باليد وأملو ومربيات وزيتون من إعداد التعاونيات.",
            "Hand-rolled couscous, amlou, jams and olives made by the cooperatives.",
        ),
    },
    "plantes-aromatiques": {
        "parent": "produits-du-terroir",
        "name": tr(
            "Plantes aromatiques et médicinales",
            "النباتات العطرية والطبية",
            "Aromatic and medicinal plants",
        ),
        "description": tr(
            "Herbes sauvages cueillies à la main et séchées à l'ombre.",
            "أعشاب برية مقطوفة يدويا ومجففة في الظل.",
            "Wild herbs picked by hand and dried in the shade.",
        ),
    },
    "artisanat": {
        "parent": None,
        "name": tr("Artisanat", "الصناعة التقليدية", "Handicrafts"),
        "description": tr(
            "Le savoir-faire des maâlems et des artisanes de Fès, Bhalil, Azrou et Timahdite.",
            "مهارة معلمي وصانعات فاس والبهاليل وأزرو وتيمحضيت.",
            "The skill of the master craftspeople of Fès, Bhalil, Azrou and Timahdite.",
        ),
    },
    "poterie": {
        "parent": "artisanat",
        "name": tr("Poterie et céramique", "الفخار والخزف", "Pottery and ceramics"),
        "description": tr(
            "Céramique de Fès tournée et peinte à la main.",
            "خزف فاسي مصنوع ومرسوم باليد.",
            "Fès ceramics, thrown and painted by hand.",
        ),
    },
    "broderie": {
        "parent": "artisanat",
        "name": tr("Broderie et passementerie", "الطرز والعقاد", "Embroidery and trimmings"),
        "description": tr(
            "Terz fassi, boutons de djellaba et galons de soie.",
            "الطرز الفاسي وعقاد الجلابة وشرائط الحرير.",
            "Terz fassi embroidery, djellaba buttons and silk trims.",
        ),
    },
    "bois-de-cedre": {
        "parent": "artisanat",
        "name": tr("Bois de cèdre", "خشب الأرز", "Cedar woodwork"),
        "description": tr(
            "Objets sculptés et marquetés dans le cèdre du Moyen Atlas.",
            "تحف منحوتة ومطعمة من أرز الأطلس المتوسط.",
            "Carved and inlaid pieces in Middle Atlas cedar.",
        ),
    },
    "tissage": {
        "parent": "artisanat",
        "name": tr("Tissage", "النسيج", "Weaving"),
        "description": tr(
            "Laine filée, teinte et tissée sur métier vertical.",
            "صوف مغزول ومصبوغ ومنسوج على المنسج العمودي.",
            "Wool spun, dyed and woven on a vertical loom.",
        ),
    },
}


def oil(slug, sku, label, name, description, variants):
    return {
        "slug": slug,
        "sku": sku,
        "type": "huile-dolive",
        "category": "huiles-dolive",
        "attributes": {"signe-de-qualite": label},
        "name": name,
        "description": description,
        "variants": variants,
    }


def by_weight(slug, sku, product_type, category, name, description, variants):
    return {
        "slug": slug,
        "sku": sku,
        "type": product_type,
        "category": category,
        "attributes": {},
        "name": name,
        "description": description,
        "variants": variants,
    }


def craft(slug, sku, category, material, name, description, price, weight_kg, stock):
    return {
        "slug": slug,
        "sku": sku,
        "type": "artisanat",
        "category": category,
        "attributes": {"matiere": material},
        "weight_kg": weight_kg,
        "name": name,
        "description": description,
        "variants": [(None, price, stock)],
    }


PRODUCERS = [
    {
        "slug": "cooperative-fakhar-ain-nokbi",
        "name_fr": "Coopérative Fakhar Aïn Nokbi",
        "name_ar": "تعاونية فخار عين النقبي",
        "legal_form": "cooperative",
        "province": "fes",
        "commune": "Fès",
        "address": "Quartier des potiers, Aïn Nokbi",
        "phone": "+212535000101",
        "email": "fakhar-ain-nokbi@demo.terroir-fes-meknes.ma",
        "founded": 2009,
        "members": 18,
        "women_members": 5,
        "young_members": 7,
        "sectors": ["poterie"],
        "story_fr": (
            "Installés dans le quartier des potiers d'Aïn Nokbi, les maâlems de la coopérative "
            "façonnent l'argile de la région et perpétuent le bleu de Fès, l'émail au cobalt "
            "qui a fait la renommée de la céramique fassie."
        ),
        "story_ar": (
            "يشتغل معلمو التعاونية في حي الفخارين بعين النقبي، حيث يشكلون طين المنطقة "
            "ويحافظون على الأزرق الفاسي، الطلاء بالكوبالت الذي صنع شهرة الخزف الفاسي."
        ),
        "products": [
            craft(
                "tajine-de-service-bleu-de-fes",
                "FAK-TAJINE-30",
                "poterie",
                "terre-cuite-emaillee",
                tr(
                    "Tajine de service bleu de Fès (Ø 30 cm)",
                    "طاجين تقديم بالأزرق الفاسي (قطر 30 سم)",
                    "Fès blue serving tagine (30 cm)",
                ),
                tr(
                    "Tajine tourné et peint à la main, décor floral au bleu de cobalt sur fond "
                    "blanc. Pour le service à table ; ne va pas sur le feu.",
                    "طاجين مصنوع ومرسوم باليد، بزخارف نباتية بالأزرق الكوبالتي على أرضية "
                    "بيضاء. مخصص للتقديم على المائدة ولا يوضع على النار.",
                    "Hand-thrown, hand-painted tagine with floral cobalt-blue decoration on "
                    "white. For serving at the table; not for the stove.",
                ),
                D("320.00"),
                D("2.8"),
                8,
            ),
            craft(
                "plat-a-couscous-fassi",
                "FAK-GSAA-40",
                "poterie",
                "terre-cuite-emaillee",
                tr(
                    "Plat à couscous fassi (Ø 40 cm)",
                    "صحن الكسكس الفاسي (قطر 40 سم)",
                    "Fassi couscous platter (40 cm)",
                ),
                tr(
                    "Grand plat creux émaillé aux motifs géométriques traditionnels, pour "
                    "servir le couscous du vendredi.",
                    "صحن كبير مقعر مزجج بزخارف هندسية تقليدية، لتقديم كسكس يوم الجمعة.",
                    "Large, deep glazed platter with traditional geometric patterns, made for "
                    "Friday couscous.",
                ),
                D("450.00"),
                D("3.5"),
                5,
            ),
            craft(
                "bols-bleu-de-fes-lot-de-6",
                "FAK-BOLS-6",
                "poterie",
                "terre-cuite-emaillee",
                tr(
                    "Bols bleu de Fès (lot de 6)",
                    "ست زلايف بالأزرق الفاسي",
                    "Fès blue bowls (set of 6)",
                ),
                tr(
                    "Six bols de 12 cm pour la harira ou l'amlou, émaillés et peints à la main.",
                    "ست زلايف بقطر 12 سم للحريرة أو أملو، مزججة ومرسومة باليد.",
                    "Six 12 cm bowls for harira or amlou, glazed and painted by hand.",
                ),
                D("240.00"),
                D("1.8"),
                12,
            ),
        ],
    },
    {
        "slug": "association-terz-fassi",
        "name_fr": "Association Terz Fassi des brodeuses de la médina",
        "name_ar": "جمعية الطرز الفاسي لطرازات المدينة العتيقة",
        "legal_form": "association",
        "province": "fes",
        "commune": "Fès",
        "address": "Talaa Kebira, Fès el-Bali",
        "phone": "+212535000102",
        "email": "terz-fassi@demo.terroir-fes-meknes.ma",
        "founded": 2012,
        "members": 34,
        "women_members": 34,
        "young_members": 12,
        "sectors": ["broderie"],
        "story_fr": (
            "Des brodeuses de la médina transmettent aux jeunes filles le terz fassi, broderie "
            "au point compté en fil de soie, identique à l'endroit et à l'envers, qu'on "
            "reconnaît à ses motifs géométriques d'une seule couleur."
        ),
        "story_ar": (
            "تنقل طرازات المدينة العتيقة إلى الفتيات فن الطرز الفاسي، وهو تطريز بالغرزة "
            "المعدودة بخيط الحرير، متطابق على الوجه والظهر، يعرف بزخارفه الهندسية ذات "
            "اللون الواحد."
        ),
        "products": [
            craft(
                "nappe-brodee-terz-fassi",
                "TRZ-NAPPE-6",
                "broderie",
                "coton-brode-soie",
                tr(
                    "Nappe brodée terz fassi (6 couverts)",
                    "مفرش مائدة بالطرز الفاسي (6 أشخاص)",
                    "Terz fassi embroidered tablecloth (6 settings)",
                ),
                tr(
                    "Nappe en coton écru brodée à la main au fil de soie bleu, motifs de "
                    "bordure traditionnels. Environ quarante heures de travail.",
                    "مفرش من القطن الطبيعي مطرز يدويا بخيط الحرير الأزرق، بزخارف حاشية "
                    "تقليدية. حوالي أربعين ساعة من العمل.",
                    "Ecru cotton tablecloth hand-embroidered in blue silk thread with "
                    "traditional border patterns. About forty hours of work.",
                ),
                D("950.00"),
                D("0.8"),
                3,
            ),
            craft(
                "serviettes-brodees-terz-fassi",
                "TRZ-SERV-6",
                "broderie",
                "coton-brode-soie",
                tr(
                    "Serviettes brodées terz fassi (lot de 6)",
                    "ستة مناديل مطرزة بالطرز الفاسي",
                    "Terz fassi embroidered napkins (set of 6)",
                ),
                tr(
                    "Serviettes de table en coton, brodées dans un coin d'un motif fassi au fil "
                    "de soie.",
                    "مناديل مائدة من القطن، مطرزة في الركن بزخرفة فاسية بخيط الحرير.",
                    "Cotton table napkins, each embroidered in one corner with a Fassi motif "
                    "in silk thread.",
                ),
                D("380.00"),
                D("0.4"),
                6,
            ),
        ],
    },
    {
        "slug": "cooperative-zitoun-zerhoune",
        "name_fr": "Coopérative Zitoun Zerhoune",
        "name_ar": "تعاونية زيتون زرهون",
        "legal_form": "cooperative",
        "province": "meknes",
        "commune": "Moulay Idriss Zerhoun",
        "address": "Route de Volubilis",
        "phone": "+212535000301",
        "email": "zitoun-zerhoune@demo.terroir-fes-meknes.ma",
        "founded": 2006,
        "members": 46,
        "women_members": 11,
        "young_members": 9,
        "sectors": ["oleiculture"],
        "story_fr": (
            "Sur les pentes du massif du Zerhoune, au-dessus de Volubilis, les membres "
            "récoltent à la main des oliviers centenaires de picholine marocaine et les "
            "triturent à froid le jour même de la cueillette."
        ),
        "story_ar": (
            "على سفوح جبل زرهون، فوق وليلي، يجني الأعضاء يدويا ثمار أشجار زيتون معمرة من "
            "صنف البيشولين المغربية، ويعصرونها على البارد في يوم القطف نفسه."
        ),
        "products": [
            oil(
                "huile-olive-vierge-extra-zerhoune",
                "ZRH-HOVE",
                "igp-zerhoune",
                tr(
                    "Huile d'olive vierge extra de Zerhoune",
                    "زيت الزيتون البكر الممتاز من زرهون",
                    "Zerhoune extra virgin olive oil",
                ),
                tr(
                    "Fruité vert, notes d'herbe fraîche et d'amande, légère amertume en fin de "
                    "bouche. Extraction à froid.",
                    "نكهة فاكهية خضراء، بلمسات من العشب الطري واللوز، ومرارة خفيفة في آخر "
                    "المذاق. مستخلص على البارد.",
                    "Green-fruity, with notes of fresh grass and almond and a light bitter "
                    "finish. Cold-extracted.",
                ),
                [("50cl", D("60.00"), 40), ("1l", D("105.00"), 30), ("5l", D("480.00"), 10)],
            ),
            by_weight(
                "olives-vertes-cassees-citron-beldi",
                "ZRH-OLIVES",
                "epicerie",
                "epicerie-fine",
                tr(
                    "Olives vertes cassées au citron beldi",
                    "زيتون أخضر مرضوض بالحامض البلدي",
                    "Cracked green olives with beldi lemon",
                ),
                tr(
                    "Olives picholine cassées, adoucies à l'eau puis marinées au citron confit, "
                    "à l'ail et au thym.",
                    "زيتون بيشولين مرضوض، منقوع في الماء لإزالة المرارة، ثم متبل بالحامض "
                    "المصير والثوم والزعتر.",
                    "Cracked picholine olives, debittered in water, then marinated with "
                    "preserved lemon, garlic and thyme.",
                ),
                [("500g", D("35.00"), 25), ("1kg", D("65.00"), 15)],
            ),
        ],
    },
    {
        "slug": "cooperative-nour-lemta",
        "name_fr": "Coopérative Nour Lemta",
        "name_ar": "تعاونية نور لمطة",
        "legal_form": "cooperative",
        "province": "moulay-yacoub",
        "commune": "Aïn Chkef",
        "address": "Douar Ouled Ameur",
        "phone": "+212535000401",
        "email": "nour-lemta@demo.terroir-fes-meknes.ma",
        "founded": 2011,
        "members": 27,
        "women_members": 14,
        "young_members": 6,
        "sectors": ["oleiculture", "cereales"],
        "story_fr": (
            "Entre Fès et Moulay Yacoub, sur les terres des Lemta, la coopérative réunit des "
            "oléiculteurs et des femmes qui roulent encore le couscous à la main, au tamis et "
            "dans la grande gasaa de bois."
        ),
        "story_ar": (
            "بين فاس ومولاي يعقوب، في أراضي لمطة، تجمع التعاونية مزارعي الزيتون ونساء ما "
            "زلن يفتلن الكسكس باليد بالغربال والقصعة الخشبية."
        ),
        "products": [
            oil(
                "huile-olive-vierge-extra-lemta-fes",
                "LMT-HOVE",
                "igp-lemta-fes",
                tr(
                    "Huile d'olive vierge extra Lemta-Fès",
                    "زيت الزيتون البكر الممتاز لمطة فاس",
                    "Lemta-Fès extra virgin olive oil",
                ),
                tr(
                    "Fruité mûr et rond, notes d'artichaut et de tomate, peu d'amertume : "
                    "l'huile de tous les jours de la table fassie.",
                    "نكهة فاكهية ناضجة ومتوازنة، بلمسات من القوق والطماطم ومرارة قليلة: "
                    "زيت المائدة الفاسية اليومي.",
                    "Ripe, rounded fruit with notes of artichoke and tomato and little "
                    "bitterness: the everyday oil of the Fassi table.",
                ),
                [("50cl", D("55.00"), 40), ("1l", D("95.00"), 30), ("5l", D("430.00"), 8)],
            ),
            by_weight(
                "couscous-ble-dur-roule-main",
                "LMT-COUSCOUS",
                "epicerie",
                "epicerie-fine",
                tr(
                    "Couscous de blé dur roulé à la main",
                    "كسكس القمح الصلب المفتول باليد",
                    "Hand-rolled durum wheat couscous",
                ),
                tr(
                    "Semoule de blé dur de la région roulée à la main et séchée au soleil ; "
                    "grain moyen.",
                    "سميد القمح الصلب من المنطقة مفتول باليد ومجفف تحت الشمس؛ حبة متوسطة.",
                    "Local durum wheat semolina rolled by hand and sun-dried; medium grain.",
                ),
                [("1kg", D("38.00"), 50)],
            ),
            by_weight(
                "belboula-couscous-orge",
                "LMT-BELBOULA",
                "epicerie",
                "epicerie-fine",
                tr(
                    "Belboula, couscous d'orge",
                    "بلبولة، كسكس الشعير",
                    "Belboula (barley couscous)",
                ),
                tr(
                    "Couscous d'orge concassée, riche en fibres, pour le couscous au lait ou la "
                    "soupe d'hiver.",
                    "كسكس من الشعير المجروش، غني بالألياف، لكسكس الحليب أو حساء الشتاء.",
                    "Cracked-barley couscous, rich in fibre, for couscous with milk or winter "
                    "soup.",
                ),
                [("1kg", D("32.00"), 40)],
            ),
        ],
    },
    {
        "slug": "cooperative-hab-lmlouk-sefrou",
        "name_fr": "Coopérative Hab Lmlouk de Sefrou",
        "name_ar": "تعاونية حب الملوك صفرو",
        "legal_form": "cooperative",
        "province": "sefrou",
        "commune": "Sefrou",
        "address": "Route d'Azzaba",
        "phone": "+212535000701",
        "email": "hab-lmlouk@demo.terroir-fes-meknes.ma",
        "founded": 2014,
        "members": 22,
        "women_members": 9,
        "young_members": 8,
        "sectors": ["oleiculture", "arboriculture", "agroalimentaire"],
        "story_fr": (
            "Au pied du Moyen Atlas, Sefrou est la ville des cerises et des oliviers. La "
            "coopérative presse l'huile de ses vergers en terrasses et transforme les cerises "
            "de juin en confiture."
        ),
        "story_ar": (
            "عند سفح الأطلس المتوسط، صفرو مدينة حب الملوك والزيتون. تعصر التعاونية زيت "
            "بساتينها المدرجة وتحول حب الملوك في شهر يونيو إلى مربى."
        ),
        "products": [
            oil(
                "huile-olive-vierge-extra-sefrou",
                "SFR-HOVE",
                "igp-sefrou",
                tr(
                    "Huile d'olive vierge extra de Sefrou",
                    "زيت الزيتون البكر الممتاز من صفرو",
                    "Sefrou extra virgin olive oil",
                ),
                tr(
                    "Fruité intense, piquant marqué et notes de feuille d'olivier ; idéale crue "
                    "sur les salades et le pain chaud.",
                    "نكهة فاكهية قوية، وحرارة واضحة ولمسات من ورق الزيتون؛ مثالية نيئة على "
                    "السلطات والخبز الساخن.",
                    "Intense fruit, a marked peppery kick and olive-leaf notes; best raw on "
                    "salads and warm bread.",
                ),
                [("50cl", D("58.00"), 35), ("1l", D("100.00"), 25)],
            ),
            by_weight(
                "confiture-cerises-sefrou",
                "SFR-CONF-CERISE",
                "epicerie",
                "epicerie-fine",
                tr(
                    "Confiture de cerises de Sefrou",
                    "مربى حب الملوك من صفرو",
                    "Sefrou cherry jam",
                ),
                tr(
                    "Cerises cueillies en juin dans les vergers de Sefrou, dénoyautées à la "
                    "main et cuites au chaudron avec peu de sucre.",
                    "حب ملوك مقطوف في يونيو من بساتين صفرو، منزوع النوى يدويا ومطبوخ في القدر "
                    "بقليل من السكر.",
                    "Cherries picked in June in the Sefrou orchards, pitted by hand and cooked "
                    "in a copper pan with little sugar.",
                ),
                [("250g", D("32.00"), 30), ("500g", D("58.00"), 20)],
            ),
        ],
    },
    {
        "slug": "association-aakad-bhalil",
        "name_fr": "Association des femmes de Bhalil pour l'aakad",
        "name_ar": "جمعية نساء البهاليل للعقاد",
        "legal_form": "association",
        "province": "sefrou",
        "commune": "Bhalil",
        "address": "Quartier des maisons troglodytes",
        "phone": "+212535000702",
        "email": "aakad-bhalil@demo.terroir-fes-meknes.ma",
        "founded": 2010,
        "members": 60,
        "women_members": 60,
        "young_members": 15,
        "sectors": ["passementerie"],
        "story_fr": (
            "À Bhalil, les femmes nouent les « aakad », boutons de djellaba en fil de soie, "
            "assises devant leur porte : une journée pour une centaine de boutons. "
            "L'association leur assure un prix juste."
        ),
        "story_ar": (
            "في البهاليل، تعقد النساء العقاد، أزرار الجلابة بخيط الحرير، جالسات أمام أبواب "
            "بيوتهن: يوم كامل لحوالي مئة زر. تضمن لهن الجمعية ثمنا عادلا."
        ),
        "products": [
            craft(
                "aakad-boutons-djellaba-soie",
                "BHL-AAKAD-100",
                "broderie",
                "fil-de-soie",
                tr(
                    "Boutons de djellaba en soie (lot de 100)",
                    "عقاد الجلابة بالحرير (100 زر)",
                    "Silk djellaba buttons (100)",
                ),
                tr(
                    "Boutons « aakad » noués à la main en fil de soie ivoire, pour djellabas et "
                    "caftans.",
                    "عقاد معقود يدويا بخيط الحرير العاجي، للجلابة والقفطان.",
                    "Hand-knotted aakad buttons in ivory silk thread, for djellabas and kaftans.",
                ),
                D("180.00"),
                D("0.1"),
                20,
            ),
            craft(
                "sfifa-galon-soie",
                "BHL-SFIFA-5M",
                "broderie",
                "fil-de-soie",
                tr(
                    "Sfifa, galon de soie tressé (5 m)",
                    "سفيفة من الحرير المضفور (5 أمتار)",
                    "Sfifa braided silk trim (5 m)",
                ),
                tr(
                    "Galon tressé à la main qui borde l'encolure et les manches des caftans.",
                    "شريط مضفور يدويا يزين عنق القفطان وأكمامه.",
                    "Hand-braided trim that edges the neckline and sleeves of kaftans.",
                ),
                D("220.00"),
                D("0.1"),
                15,
            ),
        ],
    },
    {
        "slug": "cooperative-moulouya-outat-el-haj",
        "name_fr": "Coopérative Moulouya d'Outat El Haj",
        "name_ar": "تعاونية ملوية أوطاط الحاج",
        "legal_form": "cooperative",
        "province": "boulemane",
        "commune": "Outat El Haj",
        "address": "Route de Missour",
        "phone": "+212535000201",
        "email": "moulouya-outat@demo.terroir-fes-meknes.ma",
        "founded": 2008,
        "members": 38,
        "women_members": 12,
        "young_members": 10,
        "sectors": ["oleiculture", "plantes-aromatiques"],
        "story_fr": (
            "Dans la haute vallée de la Moulouya, au climat sec et contrasté, les oliviers "
            "irrigués d'Outat El Haj donnent une huile de caractère. Les membres cueillent "
            "aussi l'armoise et le romarin des steppes du Boulemane."
        ),
        "story_ar": (
            "في وادي ملوية العالي، ذي المناخ الجاف والمتقلب، تعطي أشجار الزيتون المسقية في "
            "أوطاط الحاج زيتا ذا طابع قوي. ويجني الأعضاء أيضا الشيح وإكليل الجبل من سهوب "
            "بولمان."
        ),
        "products": [
            oil(
                "huile-olive-vierge-extra-outat-el-haj",
                "OEH-HOVE",
                "igp-outat-el-haj",
                tr(
                    "Huile d'olive vierge extra d'Outat El Haj",
                    "زيت الزيتون البكر الممتاز من أوطاط الحاج",
                    "Outat El Haj extra virgin olive oil",
                ),
                tr(
                    "Fruité moyen, notes de pomme verte et d'herbes sèches, belle longueur en "
                    "bouche.",
                    "نكهة فاكهية متوسطة، بلمسات من التفاح الأخضر والأعشاب الجافة، ومذاق يدوم.",
                    "Medium fruit with notes of green apple and dry herbs and a long finish.",
                ),
                [("50cl", D("55.00"), 30), ("1l", D("95.00"), 25), ("5l", D("430.00"), 6)],
            ),
            by_weight(
                "romarin-seche-boulemane",
                "OEH-ROMARIN",
                "plantes",
                "plantes-aromatiques",
                tr(
                    "Romarin séché du Boulemane",
                    "إكليل الجبل (أزير) مجفف من بولمان",
                    "Dried rosemary from Boulemane",
                ),
                tr(
                    "Romarin sauvage cueilli en fleur et séché à l'ombre ; en tisane ou dans "
                    "les tajines.",
                    "إكليل جبل بري مقطوف عند الإزهار ومجفف في الظل؛ للشاي العشبي أو الطواجن.",
                    "Wild rosemary picked in flower and shade-dried; for infusions or tagines.",
                ),
                [("100g", D("25.00"), 40), ("250g", D("55.00"), 20)],
            ),
            by_weight(
                "armoise-blanche-chih",
                "OEH-CHIH",
                "plantes",
                "plantes-aromatiques",
                tr("Armoise blanche (chih)", "الشيح", "White wormwood (chih)"),
                tr(
                    "Armoise des hauts plateaux, traditionnellement ajoutée au thé d'hiver.",
                    "شيح الهضاب العليا، يضاف تقليديا إلى الشاي في فصل الشتاء.",
                    "High-plateau white wormwood, traditionally added to winter mint tea.",
                ),
                [("100g", D("22.00"), 40)],
            ),
        ],
    },
    {
        "slug": "cooperative-apicole-zendaz",
        "name_fr": "Coopérative apicole Zendaz d'El Hajeb",
        "name_ar": "تعاونية الزنداز لتربية النحل بالحاجب",
        "legal_form": "cooperative",
        "province": "el-hajeb",
        "commune": "El Hajeb",
        "address": "Route d'Ifrane",
        "phone": "+212535000501",
        "email": "zendaz@demo.terroir-fes-meknes.ma",
        "founded": 2013,
        "members": 19,
        "women_members": 4,
        "young_members": 8,
        "sectors": ["apiculture"],
        "story_fr": (
            "Les ruches transhument entre le plateau d'El Hajeb et les pentes du Moyen Atlas, "
            "au rythme des floraisons du zendaz, petite plante aromatique de montagne qui "
            "donne un miel ambré très recherché."
        ),
        "story_ar": (
            "تنتقل الخلايا بين هضبة الحاجب وسفوح الأطلس المتوسط حسب مواسم إزهار الزنداز، وهو "
            "نبات عطري جبلي صغير يعطي عسلا كهرمانيا مطلوبا بشدة."
        ),
        "products": [
            by_weight(
                "miel-de-zendaz",
                "ZDZ-ZENDAZ",
                "miel",
                "miels",
                tr("Miel de zendaz", "عسل الزنداز", "Zendaz honey"),
                tr(
                    "Miel ambré au parfum intense et boisé, à cristallisation fine. Récolte de "
                    "début d'été dans le Moyen Atlas.",
                    "عسل كهرماني بعطر قوي وخشبي وتبلور ناعم. جني بداية الصيف في الأطلس المتوسط.",
                    "Amber honey with an intense, woody aroma and fine crystallisation. "
                    "Early-summer harvest in the Middle Atlas.",
                ),
                [("250g", D("90.00"), 25), ("500g", D("170.00"), 20), ("1kg", D("320.00"), 10)],
            ),
            by_weight(
                "miel-de-romarin",
                "ZDZ-ROMARIN",
                "miel",
                "miels",
                tr("Miel de romarin", "عسل إكليل الجبل", "Rosemary honey"),
                tr(
                    "Miel clair, à cristallisation fine et crémeuse, au parfum délicat.",
                    "عسل فاتح اللون، يتبلور بشكل ناعم وكريمي، بعطر رقيق.",
                    "Pale honey that crystallises fine and creamy, with a delicate scent.",
                ),
                [("250g", D("75.00"), 25), ("500g", D("140.00"), 15)],
            ),
            by_weight(
                "miel-toutes-fleurs-montagne",
                "ZDZ-TOUTESFLEURS",
                "miel",
                "miels",
                tr(
                    "Miel toutes fleurs de montagne",
                    "عسل جبلي متعدد الأزهار",
                    "Mountain wildflower honey",
                ),
                tr(
                    "Miel de printemps doux et floral, pour le petit-déjeuner et les pâtisseries.",
                    "عسل ربيعي لطيف بنكهة الأزهار، لوجبة الفطور والحلويات.",
                    "Mild, floral spring honey for breakfast and pastries.",
                ),
                [("500g", D("110.00"), 30), ("1kg", D("200.00"), 15)],
            ),
        ],
    },
    {
        "slug": "gie-artisans-cedre-azrou",
        "name_fr": "GIE des artisans du cèdre d'Azrou",
        "name_ar": "مجموعة النفع الاقتصادي لحرفيي الأرز بأزرو",
        "legal_form": "gie",
        "province": "ifrane",
        "commune": "Azrou",
        "address": "Ensemble artisanal, avenue Mohammed V",
        "phone": "+212535000601",
        "email": "cedre-azrou@demo.terroir-fes-meknes.ma",
        "founded": 2016,
        "members": 9,
        "women_members": 2,
        "young_members": 4,
        "sectors": ["menuiserie"],
        "story_fr": (
            "Au cœur de la cédraie du Moyen Atlas, les artisans d'Azrou travaillent un cèdre "
            "issu de coupes autorisées : un bois odorant et imputrescible, qu'ils sculptent et "
            "marquettent à la main."
        ),
        "story_ar": (
            "في قلب غابة الأرز بالأطلس المتوسط، يشتغل حرفيو أزرو خشب أرز متأتيا من قطع "
            "مرخص: خشب عطري لا يتعفن، ينحتونه ويطعمونه يدويا."
        ),
        "products": [
            craft(
                "coffret-a-bijoux-cedre-sculpte",
                "AZR-COFFRET",
                "bois-de-cedre",
                "bois-de-cedre",
                tr(
                    "Coffret à bijoux en cèdre sculpté",
                    "علبة مجوهرات من خشب الأرز المنحوت",
                    "Carved cedar jewellery box",
                ),
                tr(
                    "Coffret sculpté de motifs floraux ; l'intérieur brut garde le parfum du "
                    "cèdre.",
                    "علبة منحوتة بزخارف نباتية؛ داخلها الخام يحتفظ بعطر الأرز.",
                    "Box carved with floral patterns; the untreated inside keeps the scent of "
                    "cedar.",
                ),
                D("260.00"),
                D("0.6"),
                10,
            ),
            craft(
                "plateau-a-the-cedre-marquete",
                "AZR-PLATEAU-45",
                "bois-de-cedre",
                "bois-de-cedre",
                tr(
                    "Plateau à thé en cèdre marqueté (Ø 45 cm)",
                    "صينية شاي من خشب الأرز المطعم (قطر 45 سم)",
                    "Inlaid cedar tea tray (45 cm)",
                ),
                tr(
                    "Plateau rond en cèdre, marqueterie de noyer, fini à la cire d'abeille.",
                    "صينية مستديرة من خشب الأرز، مطعمة بخشب الجوز ومصقولة بشمع النحل.",
                    "Round cedar tray with walnut inlay, finished with beeswax.",
                ),
                D("420.00"),
                D("2.0"),
                6,
            ),
            craft(
                "boite-a-epices-cedre",
                "AZR-EPICES-6",
                "bois-de-cedre",
                "bois-de-cedre",
                tr(
                    "Boîte à épices en cèdre (6 compartiments)",
                    "علبة توابل من خشب الأرز (6 خانات)",
                    "Cedar spice box (6 compartments)",
                ),
                tr(
                    "Boîte à couvercle coulissant et six compartiments pour le cumin, le ras el "
                    "hanout et les épices du quotidien.",
                    "علبة بغطاء منزلق وست خانات للكمون ورأس الحانوت وتوابل كل يوم.",
                    "Sliding-lid box with six compartments for cumin, ras el hanout and "
                    "everyday spices.",
                ),
                D("190.00"),
                D("0.8"),
                12,
            ),
        ],
    },
    {
        "slug": "cooperative-tifawin-timahdite",
        "name_fr": "Coopérative Tifawin de Timahdite",
        "name_ar": "تعاونية تيفاوين تيمحضيت",
        "legal_form": "cooperative",
        "province": "ifrane",
        "commune": "Timahdite",
        "address": "Centre de Timahdite",
        "phone": "+212535000602",
        "email": "tifawin@demo.terroir-fes-meknes.ma",
        "founded": 2015,
        "members": 25,
        "women_members": 25,
        "young_members": 9,
        "sectors": ["tissage"],
        "story_fr": (
            "Sur le plateau de Timahdite, pays d'élevage ovin, les tisserandes filent et "
            "teignent la laine de leurs propres troupeaux avant de la tisser sur le métier "
            "vertical."
        ),
        "story_ar": (
            "في هضبة تيمحضيت، أرض تربية الأغنام، تغزل النساجات صوف قطعانهن ويصبغنه قبل نسجه "
            "على المنسج العمودي."
        ),
        "products": [
            craft(
                "handira-couverture-laine",
                "TFW-HANDIRA",
                "tissage",
                "laine",
                tr(
                    "Handira, couverture en laine tissée main",
                    "حنديرة، غطاء من الصوف منسوج يدويا",
                    "Handira, hand-woven wool blanket",
                ),
                tr(
                    "Couverture en laine naturelle à rayures écrues et noires, tissée sur métier "
                    "vertical ; environ 1,5 × 2 m.",
                    "غطاء من الصوف الطبيعي بخطوط بيضاء وسوداء، منسوج على المنسج العمودي؛ "
                    "حوالي 1.5 × 2 متر.",
                    "Natural wool blanket with ecru and black stripes, woven on a vertical "
                    "loom; about 1.5 × 2 m.",
                ),
                D("1200.00"),
                D("3.0"),
                3,
            ),
            craft(
                "housse-coussin-motifs-amazighs",
                "TFW-COUSSIN-45",
                "tissage",
                "laine",
                tr(
                    "Housse de coussin à motifs amazighs",
                    "غطاء وسادة بزخارف أمازيغية",
                    "Cushion cover with Amazigh motifs",
                ),
                tr(
                    "Housse de 45 × 45 cm tissée en laine teinte au henné et à la garance.",
                    "غطاء وسادة 45 × 45 سم منسوج من صوف مصبوغ بالحناء والفوة.",
                    "45 × 45 cm cover woven in wool dyed with henna and madder.",
                ),
                D("280.00"),
                D("0.5"),
                8,
            ),
        ],
    },
    {
        "slug": "cooperative-nabout-taounate",
        "name_fr": "Coopérative Nabout de Taounate",
        "name_ar": "تعاونية النابوت تاونات",
        "legal_form": "cooperative",
        "province": "taounate",
        "commune": "Ghafsaï",
        "address": "Centre de Ghafsaï",
        "phone": "+212535000801",
        "email": "nabout@demo.terroir-fes-meknes.ma",
        "founded": 2010,
        "members": 31,
        "women_members": 13,
        "young_members": 7,
        "sectors": ["arboriculture", "plantes-aromatiques", "agroalimentaire"],
        "story_fr": (
            "Dans les collines du pré-Rif, à Taounate, le figuier est roi. La coopérative sèche "
            "au soleil la figue Nabout, variété locale à peau fine et chair miellée, et cueille "
            "l'origan des montagnes voisines."
        ),
        "story_ar": (
            "في تلال مقدمة الريف بتاونات، التين سيد الأشجار. تجفف التعاونية تحت الشمس تين "
            "النابوت، وهو صنف محلي بقشرة رقيقة ولب عسلي، وتجني الزعتر البري من الجبال "
            "المجاورة."
        ),
        "products": [
            by_weight(
                "figues-sechees-nabout-taounate",
                "NBT-FIGUES",
                "epicerie",
                "fruits-secs",
                tr(
                    "Figues sèches Nabout de Taounate",
                    "تين النابوت المجفف من تاونات",
                    "Taounate Nabout dried figs",
                ),
                tr(
                    "Figues séchées au soleil sur claies, sans sucre ajouté ni conservateur ; "
                    "chair tendre et miellée.",
                    "تين مجفف تحت الشمس على الأطباق، دون سكر مضاف أو مواد حافظة؛ لب طري وعسلي.",
                    "Figs dried in the sun on racks, with no added sugar or preservatives; "
                    "tender, honeyed flesh.",
                ),
                [("500g", D("55.00"), 40), ("1kg", D("100.00"), 20)],
            ),
            by_weight(
                "confiture-figues-anis",
                "NBT-CONF-FIGUE",
                "epicerie",
                "epicerie-fine",
                tr(
                    "Confiture de figues à l'anis", "مربى التين بحبة حلاوة", "Fig jam with aniseed"
                ),
                tr(
                    "Figues fraîches de Taounate cuites avec une pointe d'anis vert.",
                    "تين طري من تاونات مطبوخ مع قليل من حبة حلاوة.",
                    "Fresh Taounate figs cooked with a hint of green aniseed.",
                ),
                [("250g", D("32.00"), 30)],
            ),
            by_weight(
                "origan-sauvage-zaatar",
                "NBT-ZAATAR",
                "plantes",
                "plantes-aromatiques",
                tr("Origan sauvage (zaatar)", "الزعتر البري", "Wild oregano (zaatar)"),
                tr(
                    "Origan des montagnes du pré-Rif, cueilli en juin et séché à l'ombre ; pour "
                    "le thé, les œufs et les grillades.",
                    "زعتر جبال مقدمة الريف، مقطوف في يونيو ومجفف في الظل؛ للشاي والبيض والمشويات.",
                    "Oregano from the pre-Rif mountains, picked in June and shade-dried; for "
                    "tea, eggs and grilled meat.",
                ),
                [("100g", D("25.00"), 40)],
            ),
        ],
    },
    {
        "slug": "cooperative-louz-aknoul",
        "name_fr": "Coopérative Louz Aknoul",
        "name_ar": "تعاونية لوز أكنول",
        "legal_form": "cooperative",
        "province": "taza",
        "commune": "Aknoul",
        "address": "Route de Taza",
        "phone": "+212535000901",
        "email": "louz-aknoul@demo.terroir-fes-meknes.ma",
        "founded": 2012,
        "members": 42,
        "women_members": 16,
        "young_members": 11,
        "sectors": ["arboriculture", "agroalimentaire"],
        "story_fr": (
            "Sur les hauteurs d'Aknoul, au nord de Taza, les amandiers beldi poussent sans "
            "irrigation sur des terrasses de pierre sèche. Les femmes de la coopérative cassent, "
            "trient et torréfient les amandes à la main."
        ),
        "story_ar": (
            "في مرتفعات أكنول، شمال تازة، تنمو أشجار اللوز البلدي دون سقي على مدرجات من "
            "الحجر الجاف. تكسر نساء التعاونية اللوز وتفرزنه وتحمصنه يدويا."
        ),
        "products": [
            by_weight(
                "amandes-beldi-aknoul",
                "AKN-AMANDES",
                "epicerie",
                "fruits-secs",
                tr(
                    "Amandes beldi décortiquées d'Aknoul",
                    "لوز بلدي مقشر من أكنول",
                    "Shelled beldi almonds from Aknoul",
                ),
                tr(
                    "Petites amandes de pays au goût prononcé, cassées à la main ; à croquer ou "
                    "pour les pâtisseries.",
                    "لوز بلدي صغير بمذاق قوي، مكسر يدويا؛ يؤكل كما هو أو في الحلويات.",
                    "Small local almonds with a pronounced flavour, cracked by hand; for "
                    "snacking or pastries.",
                ),
                [("500g", D("85.00"), 30), ("1kg", D("160.00"), 15)],
            ),
            by_weight(
                "amlou-amandes-aknoul",
                "AKN-AMLOU",
                "epicerie",
                "epicerie-fine",
                tr("Amlou aux amandes d'Aknoul", "أملو بلوز أكنول", "Amlou with Aknoul almonds"),
                tr(
                    "Pâte d'amandes grillées, de miel et d'huile d'argan, broyée à la meule de "
                    "pierre.",
                    "عجينة من اللوز المحمص والعسل وزيت الأركان، مطحونة بالرحى الحجرية.",
                    "A spread of roasted almonds, honey and argan oil, ground on a stone mill.",
                ),
                [("250g", D("70.00"), 25), ("500g", D("130.00"), 15)],
            ),
            by_weight(
                "poudre-de-caroube",
                "AKN-CAROUBE",
                "epicerie",
                "epicerie-fine",
                tr("Poudre de caroube", "مسحوق الخروب", "Carob powder"),
                tr(
                    "Gousses de caroube de la région de Taza, torréfiées et moulues ; un "
                    "substitut naturel du cacao.",
                    "قرون خروب من منطقة تازة، محمصة ومطحونة؛ بديل طبيعي للكاكاو.",
                    "Carob pods from the Taza area, roasted and ground; a natural cocoa "
                    "substitute.",
                ),
                [("250g", D("28.00"), 30)],
            ),
        ],
    },
]

ADMIN = {"email": "admin@terroir-fes-meknes.ma", "first_name": "Amina", "last_name": "Idrissi"}

CUSTOMER = {
    "email": "client@terroir-fes-meknes.ma",
    "first_name": "Salma",
    "last_name": "Bennani",
    "address": {
        "street_address_1": "12, rue Ibn Khaldoun",
        "city": "Fès",
        "country_area": "Préfecture de Fès",
        "postal_code": "30000",
        "phone": "+212600000001",
    },
}
