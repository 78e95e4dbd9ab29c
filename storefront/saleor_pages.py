"""Bridge to Saleor's Page model: the council's static pages and their translations."""

from django.utils import timezone
from saleor.page.models import Page, PageTranslation


class PageView:
    """A page as the current language reads it (falls back to the base text)."""

    def __init__(self, page):
        translated = page.translated
        self.slug = page.slug
        self.title = translated.title or page.title
        self.seo_description = translated.seo_description or page.seo_description or ""
        self.paragraphs = _paragraphs(translated.content_json, translated.content or page.content)
        self.updated = page.created


def _paragraphs(content_json, content):
    blocks = (content_json or {}).get("blocks") or []
    texts = [block.get("text", "").strip() for block in blocks]
    if any(texts):
        return [text for text in texts if text]
    return [part.strip() for part in (content or "").split("\n\n") if part.strip()]


def published_page(slug):
    page = Page.objects.published().filter(slug=slug).prefetch_related("translations").first()
    return PageView(page) if page else None


def published_pages():
    """(slug, last change) of every published page, for the sitemap."""
    return list(Page.objects.published().order_by("slug").values_list("slug", "created"))


def page_seed(*, slug, title, content, translations):
    """Create a page once (the council's later edits are kept).

    ``translations``: {language: (title, content)}.
    """
    page, created = Page.objects.get_or_create(
        slug=slug,
        defaults={
            "title": title,
            "content": content,
            "is_published": True,
            "publication_date": timezone.localdate(),
        },
    )
    for language, (translated_title, translated_content) in translations.items():
        PageTranslation.objects.get_or_create(
            page=page,
            language_code=language,
            defaults={"title": translated_title, "content": translated_content},
        )
    return page, created
