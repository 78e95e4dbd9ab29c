from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    """What search knows of one product, denormalised so a query reads one table.

    Built from the product's names and descriptions in every language, its
    category path, its cooperative and its stock; `document` is the weighted
    text-search vector (arabic and french configurations), `names` the
    normalised names that trigram similarity matches typos against.
    Rebuilt whenever something it is made of changes (see freshness.py).
    """

    product = models.OneToOneField(
        "product.Product", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    name_fr = models.CharField(max_length=250, blank=True)
    name_ar = models.CharField(max_length=250, blank=True)
    name_en = models.CharField(max_length=250, blank=True)
    sort_fr = models.CharField(max_length=250, blank=True)
    sort_ar = models.CharField(max_length=250, blank=True)
    sort_en = models.CharField(max_length=250, blank=True)
    names = models.TextField(blank=True)
    text_ar = models.TextField(blank=True)
    text_fr = models.TextField(blank=True)
    document = SearchVectorField(null=True)
    category_slugs = ArrayField(models.CharField(max_length=255), default=list, blank=True)
    cooperative_id = models.IntegerField(null=True, blank=True)
    cooperative_slug = models.CharField(max_length=120, blank=True)
    province = models.CharField(max_length=20, blank=True)
    price = models.DecimalField(max_digits=12, decimal_places=3, null=True, blank=True)
    in_stock = models.BooleanField(default=False)
    is_published = models.BooleanField(default=False)
    publication_date = models.DateField(null=True, blank=True)
    # False once the product's cooperative is no longer approved.
    seller_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            GinIndex(fields=["document"], name="search_document_gin"),
            GinIndex(fields=["category_slugs"], name="search_category_gin"),
            models.Index(fields=["price"], name="search_price_idx"),
            models.Index(fields=["sort_fr"], name="search_sort_fr_idx"),
            models.Index(fields=["sort_ar"], name="search_sort_ar_idx"),
        ]

    def __str__(self):
        return self.name_fr


class SearchLabel(models.Model):
    """A label a product may display, with the dates between which it is valid.

    Kept apart from the document so a label that expires tonight stops
    matching tomorrow without any rebuild: queries compare the dates.
    """

    product = models.ForeignKey("product.Product", on_delete=models.CASCADE, related_name="+")
    slug = models.CharField(max_length=120)
    name_fr = models.CharField(max_length=200, blank=True)
    name_ar = models.CharField(max_length=200, blank=True)
    name_en = models.CharField(max_length=200, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_until = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["slug", "product"], name="search_label_slug_idx")]

    def __str__(self):
        return f"{self.slug} → {self.product_id}"
