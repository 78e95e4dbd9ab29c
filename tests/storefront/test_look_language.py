import pytest
from django.conf import settings

from storefront.demo import seed

pytestmark = pytest.mark.django_db


def test_first_visit_follows_the_browser_language(client):
    # when
    response = client.get("/cooperatives/?province=sefrou", HTTP_ACCEPT_LANGUAGE="ar-MA,ar;q=0.9")

    # then
    assert response.status_code == 302
    assert response["Location"] == "/ar/cooperatives/?province=sefrou"


def test_visitor_without_a_language_preference_reads_french(client):
    # when
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE")

    # then
    assert response.status_code == 200
    assert '<html lang="fr" dir="ltr">' in response.content.decode()


def test_language_switch_keeps_the_page_and_remembers_the_choice(client):
    # when
    switched = client.get("/language/en/", {"next": "/ar/cooperatives/?page=2"})
    later = client.get("/cooperatives/", HTTP_ACCEPT_LANGUAGE="ar")

    # then
    assert switched.status_code == 302
    assert switched["Location"] == "/en/cooperatives/?page=2"
    assert switched.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert later.status_code == 302
    assert later["Location"] == "/en/cooperatives/"


def test_choosing_french_stays_on_unprefixed_pages_despite_the_browser(client):
    # given
    client.get("/language/ar/", {"next": "/"})

    # when
    switched = client.get("/language/fr/", {"next": "/ar/cooperatives/"})
    page = client.get("/cooperatives/", HTTP_ACCEPT_LANGUAGE="ar")

    # then
    assert switched["Location"] == "/cooperatives/"
    assert page.status_code == 200
    assert '<html lang="fr"' in page.content.decode()


def test_language_switch_refuses_to_send_the_visitor_elsewhere(client):
    # when
    response = client.get("/language/ar/", {"next": "https://evil.example/"})

    # then
    assert response["Location"] == "/ar/"


@pytest.mark.parametrize("path", ["/", "/cooperatives/", "/accounts/login/", "/pages/about/"])
def test_every_page_kind_switches_to_the_same_page(client, path):
    # given
    seed(None)

    # when
    content = client.get(path).content.decode()

    # then
    assert f'hreflang="ar" href="/language/ar/?next={path.replace("/", "%2F")}"' in content


def test_signed_in_visitor_without_a_choice_is_not_redirected_by_the_browser(client, customer):
    # given
    client.force_login(customer)

    # when
    response = client.get("/cooperatives/", HTTP_ACCEPT_LANGUAGE="en")

    # then
    assert response.status_code == 200
