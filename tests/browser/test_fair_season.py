"""A season of mobile markets, through the real pages only.

Council staff plan a season with the planner and publish its stop; an
approved cooperative applies with a product; staff accept it; the stop's
public page and its Saleor collection then show that product.

Locators use names, ids, links and data- attributes, never wording: the
pages are translated and their texts change with the catalogues.
"""

import datetime
import re

import pytest
from django.core.cache import cache
from django.utils import timezone
from graphql_relay import to_global_id
from playwright.sync_api import expect

from marketplace.fairs.models import ApplicationStatus, FairStop, StopStatus
from tests.cooperatives.orders_helpers import product_of, seller
from tests.fairs.helpers import make_fair
from tests.fixtures.cooperatives import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "password-123"  # noqa: S105 (tests/fixtures/cooperatives.make_user)


@pytest.fixture
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


def main(page):
    return page.locator(".backoffice-main")


def test_staff_plan_a_season_a_cooperative_exhibits_and_shoppers_see_its_products(
    page, graphql, fresh_rate_limits
):
    # given
    make_user("planner@example.com", is_staff=True, permissions=["fairs.manage_fairs"])
    owner = make_user("zitoun@example.ma")
    cooperative = seller(owner=owner, province="sefrou")
    product = product_of(cooperative, name="Huile Zitoun Sefrou")
    start = timezone.localdate() + datetime.timedelta(days=20)
    fair = make_fair(status="published", season=(start, start + datetime.timedelta(days=30)))

    # when: staff plan one stop in Sefrou and publish it
    log_in(page, "planner@example.com")
    page.goto(f"/backoffice/fairs/{fair.slug}/")
    main(page).locator(f"a[href$='/backoffice/fairs/{fair.slug}/plan/']").click()
    page.wait_for_url(f"**/backoffice/fairs/{fair.slug}/plan/")
    for box in main(page).locator("input[name=provinces]").all():
        box.set_checked(box.get_attribute("value") == "sefrou")
    for box in main(page).locator("input[name=weekdays]").all():
        box.check()
    main(page).locator("input[name=stops_wanted]").fill("1")
    main(page).locator("button[name=action][value=plan]").click()
    expect(main(page).locator("li.plan-stop[data-province=sefrou]")).to_have_count(1)
    main(page).locator("input[name=publish_now]").check()
    main(page).locator("button[name=action][value=publish]").click()
    page.wait_for_url(f"**/backoffice/fairs/{fair.slug}/")
    stop = FairStop.objects.get(fair=fair)
    expect(main(page).locator(f"tr[data-stop='{stop.pk}']")).to_have_count(1)
    log_out(page)

    # when: the cooperative applies with its oil
    log_in(page, "zitoun@example.ma")
    page.goto(f"/backoffice/fairs/cooperatives/{cooperative.slug}/")
    main(page).locator(
        f"li[data-stop='{stop.pk}'] a[href$='/stops/{stop.pk}/apply/']"
    ).click()
    main(page).locator(f"input[name=products][value='{product.pk}']").check()
    main(page).locator("textarea[name=needs]").fill("Une table et de l'ombre")
    main(page).locator("form[method=post] button[type=submit]").first.click()
    page.wait_for_url(f"**/backoffice/fairs/cooperatives/{cooperative.slug}/")
    application = stop.applications.get()
    log_out(page)

    # when: staff accept it
    log_in(page, "planner@example.com")
    page.goto(f"/backoffice/fairs/stops/{stop.pk}/")
    main(page).locator(
        f"li[data-application='{application.pk}'] input[name=decision][value=accept] ~ button"
    ).click()
    page.wait_for_url(f"**/backoffice/fairs/stops/{stop.pk}/")
    log_out(page)

    # then: the stop is published and its page and collection show the oil
    stop.refresh_from_db()
    application.refresh_from_db()
    assert stop.status == StopStatus.PUBLISHED
    assert stop.province == "sefrou"
    assert application.status == ApplicationStatus.ACCEPTED
    page.goto(f"/fairs/{fair.slug}/stops/{stop.pk}/")
    expect(page.locator(".exhibitor-list")).to_contain_text(cooperative.name_fr)
    expect(page.locator(".product-grid")).to_contain_text("Huile Zitoun Sefrou")
    collection = graphql(
        """query($id: ID!) { collection(id: $id) {
             products(first: 10) { edges { node { name } } } } }""",
        {"id": to_global_id("Collection", stop.collection_id)},
    )["data"]["collection"]
    assert [e["node"]["name"] for e in collection["products"]["edges"]] == [
        "Huile Zitoun Sefrou"
    ]
