import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.fixtures.cooperatives import make_cooperative, make_user

pytestmark = pytest.mark.django_db


def render(source, **context):
    return Template("{% load storefront %}" + source).render(Context(context))


def test_anonymous_header_offers_log_in_and_selling_as_links(client):
    # when
    content = client.get("/").content.decode()

    # then
    assert 'href="/accounts/login/"' in content
    assert 'href="/backoffice/cooperatives/apply/">Vendez avec nous</a>' in content


def test_shopper_header_never_links_to_the_back_office(client, customer):
    # given
    client.force_login(customer)

    # when
    content = client.get("/ar/").content.decode()

    # then
    assert "/backoffice/\"" not in content
    assert "customer@example.com\n" not in content
    assert "حسابي" in content


def test_member_header_links_to_the_back_office_without_printing_the_email(client, owner):
    # given
    make_cooperative(owner=owner)
    client.force_login(owner)

    # when
    content = client.get("/").content.decode()

    # then
    assert 'href="/backoffice/">Espace de gestion</a>' in content
    assert f">{owner.email}<" not in content


def test_footer_links_every_static_page_in_the_page_language(client):
    # when
    content = client.get("/ar/").content.decode()

    # then
    for slug in ("about", "terms-of-sale", "returns", "privacy", "contact"):
        assert f'href="/ar/pages/{slug}/"' in content
    assert "الشروط العامة للبيع" in content


def test_pages_declare_a_favicon_and_open_graph_tags(client):
    # when
    content = client.get("/en/cooperatives/").content.decode()

    # then
    assert 'rel="icon" href="/static/storefront/favicon.svg"' in content
    assert '<meta property="og:url" content="http://testserver/en/cooperatives/">' in content
    assert '<link rel="canonical" href="http://testserver/en/cooperatives/">' in content
    assert '<meta property="og:locale" content="en_GB">' in content


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "3 mars 2026"), ("ar", "3 مارس 2026"), ("en", "3 March 2026")],
)
def test_local_date_writes_day_month_year_in_each_language(language, expected):
    # when
    with translation.override(language):
        long = render("{{ day|local_date }}", day=datetime.date(2026, 3, 3))
        short = render("{{ day|local_date:'short' }}", day=datetime.date(2026, 3, 4))

    # then
    assert long == expected
    assert short == "04/03/2026"


def test_local_number_uses_the_language_separators():
    # when
    with translation.override("fr"):
        french = render("{{ n|local_number:2 }}", n=1234.5)
    with translation.override("en"):
        english = render("{{ n|local_number:2 }}", n=1234.5)

    # then
    assert french == "1\xa0234,50"
    assert english == "1,234.50"


def test_staff_header_links_to_the_back_office(client):
    # given
    client.force_login(make_user("staff@example.com", is_staff=True))

    # when
    content = client.get("/en/").content.decode()

    # then
    assert 'href="/en/backoffice/">Back office</a>' in content


@pytest.mark.parametrize(
    ("language", "expected_date"),
    [("ar", "04/03/2026"), ("fr", "4 mars 2026"), ("en", "04/03/2026")],
)
def test_short_dates_put_the_day_first_in_every_language(language, expected_date):
    # given
    moment = datetime.datetime(2026, 3, 4, 15, 30)

    # when
    with translation.override(language):
        short_date = Template('{{ moment|date:"SHORT_DATE_FORMAT" }}').render(
            Context({"moment": moment})
        )
        short_datetime = Template('{{ moment|date:"SHORT_DATETIME_FORMAT" }}').render(
            Context({"moment": moment})
        )

    # then
    assert short_date.replace("\u200f", "") == expected_date
    assert short_datetime.replace("\u200f", "").startswith(f"{expected_date} 15:30")
