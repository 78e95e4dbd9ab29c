"""A stop filled through the real pages: a cooperative applies, staff accept and publish,
shoppers see the cooperative and its products on the stop's page — on a 360 px phone,
in French and in Arabic.

Locators use names, links and data- attributes, never wording.
"""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from marketplace.fairs.models import FairApplication

from .helpers import make_stop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "password-123"  # noqa: S105 (tests/fixtures/cooperatives.make_user)
PHONE = {"width": 360, "height": 740}


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def log_in(page, email):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("#content form button[type=submit]").click()
    page.wait_for_url("**/backoffice/")


def log_out(page):
    page.locator("header nav.account form button[type=submit]").click()
    page.wait_for_url(re.compile(r"^https?://[^/]+/$"))


OVERFLOWING = """
Array.from(document.querySelectorAll('body *'))
  .filter(e => !e.closest('.table-scroll'))
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
            || e.getBoundingClientRect().left < -1)
  .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))
"""


def overflowing(page):
    """What sticks out of the phone's width (an empty list when the page fits).

    Wide tables scroll inside their own `.table-scroll` box, which must fit.
    """
    return page.evaluate(OVERFLOWING)


def test_cooperative_applies_staff_accept_and_shoppers_see_it_at_the_stop(
    page, planner, owner, approved_cooperative, oil, tour
):
    # given
    stop = make_stop(tour, capacity=2, commune="Sefrou", venue="Bab Lamkam")
    page.set_viewport_size(PHONE)
    page.set_default_timeout(30_000)  # the machine is shared; pages stay the same

    # when: the cooperative applies from its fairs page (checked in Arabic too)
    log_in(page, owner.email)
    page.goto(f"/ar/backoffice/fairs/cooperatives/{approved_cooperative.slug}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert overflowing(page) == []
    page.goto(f"/backoffice/fairs/cooperatives/{approved_cooperative.slug}/")
    page.locator(f"#open-stops li[data-stop='{stop.pk}'] a.button").click()
    page.locator(f"input[name=products][value='{oil.pk}']").check()
    page.fill("textarea[name=needs]", "Une table à l'ombre")
    assert overflowing(page) == []
    page.locator(".backoffice-main form button[type=submit]").click()
    page.wait_for_url(f"**/backoffice/fairs/cooperatives/{approved_cooperative.slug}/")
    application = FairApplication.objects.get()
    expect(
        page.locator(f"#my-applications li[data-application='{application.pk}']")
    ).to_have_count(1)
    log_out(page)

    # and staff accept it, then publish the stop
    log_in(page, planner.email)
    page.goto(f"/ar/backoffice/fairs/stops/{stop.pk}/")
    assert overflowing(page) == []
    for url in (
        "/ar/backoffice/fairs/",
        f"/ar/backoffice/fairs/{tour.slug}/",
        f"/ar/backoffice/fairs/{tour.slug}/stops/new/",
        f"/ar/backoffice/fairs/{tour.slug}/report/",
        f"/backoffice/fairs/{tour.slug}/report/",
    ):
        page.goto(url)
        assert overflowing(page) == [], url
    page.goto(f"/backoffice/fairs/stops/{stop.pk}/")
    card = page.locator(f"#applications li[data-application='{application.pk}']")
    card.locator("form:has(input[value=accept]) button").click()
    page.wait_for_url(f"**/backoffice/fairs/stops/{stop.pk}/")
    page.locator("form[action$='/publish/'] button").click()
    page.wait_for_url(f"**/backoffice/fairs/stops/{stop.pk}/")
    expect(page.locator(f"#collection input[name=products][value='{oil.pk}']")).to_be_checked()
    log_out(page)

    # then: shoppers see the cooperative and its product on the stop's page
    for prefix in ("", "/ar"):
        page.goto(f"{prefix}/fairs/{tour.slug}/stops/{stop.pk}/")
        expect(
            page.locator(f".exhibitor-list a[href$='/cooperatives/{approved_cooperative.slug}/']")
        ).to_have_count(1)
        expect(page.locator(f".product-card[data-product='{oil.slug}']")).to_have_count(1)
        expect(page.locator("a.map-link[href*='openstreetmap.org']")).to_have_count(1)
        assert overflowing(page) == []
    application.refresh_from_db()
    assert application.status == "accepted"
    assert application.needs == "Une table à l'ombre"
