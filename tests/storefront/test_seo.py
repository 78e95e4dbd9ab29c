import pytest

from marketplace.cooperatives.models import CooperativeStatus
from storefront.demo import seed
from tests.fixtures.cooperatives import make_cooperative

pytestmark = pytest.mark.django_db


def test_sitemap_lists_active_cooperatives_and_pages_in_every_language(client):
    # given
    make_cooperative(slug="zitoun", status=CooperativeStatus.APPROVED)
    make_cooperative(slug="suspendue", status=CooperativeStatus.SUSPENDED)
    make_cooperative(slug="brouillon")
    seed(None)

    # when
    response = client.get("/sitemap.xml")

    # then
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    xml = response.content.decode()
    assert "<loc>http://testserver/cooperatives/zitoun/</loc>" in xml
    assert "<loc>http://testserver/ar/cooperatives/zitoun/</loc>" in xml
    assert (
        '<xhtml:link rel="alternate" hreflang="en" href="http://testserver/en/pages/privacy/"/>'
        in xml
    )
    assert "suspendue" not in xml
    assert "brouillon" not in xml


def test_sitemap_is_the_same_whatever_the_visitor_language(client):
    # when
    french = client.get("/sitemap.xml").content
    arabic = client.get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE="ar").content

    # then
    assert french == arabic


def test_robots_keeps_crawlers_out_of_private_areas_and_points_to_the_sitemap(client):
    # when
    response = client.get("/robots.txt")

    # then
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /backoffice/" in text
    assert "Disallow: /ar/backoffice/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_favicon_at_the_root_leads_to_the_icon(client):
    # when
    response = client.get("/favicon.ico")

    # then
    assert response.status_code == 301
    assert response["Location"] == "/static/storefront/favicon.ico"


def test_page_tells_crawlers_its_language_versions(client):
    # when
    content = client.get("/ar/cooperatives/").content.decode()

    # then
    assert '<link rel="canonical" href="http://testserver/ar/cooperatives/">' in content
    assert '<link rel="alternate" hreflang="fr" href="http://testserver/cooperatives/">' in content
    assert 'hreflang="x-default" href="http://testserver/cooperatives/"' in content
    assert '<meta property="og:locale" content="ar_MA">' in content
