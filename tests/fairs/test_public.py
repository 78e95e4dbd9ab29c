import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.fairs import services
from marketplace.fairs.errors import FairErrorCode
from marketplace.fairs.saleor_collections import collection_product_ids
from marketplace.fairs.selectors import attach_next_stops

from .conftest import approved_cooperative_with_owner
from .helpers import link, make_application, make_fair, make_stop

pytestmark = pytest.mark.django_db


def published_stop_with(tour, planner, cooperative, products, **fields):
    stop = make_stop(tour, **fields)
    application = make_application(stop, cooperative, products)
    services.application_decide(application=application, actor=planner, decision="accept")
    return services.stop_publish(stop=stop, actor=planner)


def test_publishing_a_stop_fills_its_collection_with_what_exhibitors_bring(
    tour, planner, approved_cooperative, oil, product_factory
):
    # given
    left_at_home = link(product_factory(name="Miel"), approved_cooperative)

    # when
    stop = published_stop_with(tour, planner, approved_cooperative, [oil])

    # then
    assert collection_product_ids(stop.collection) == [oil.pk]
    assert stop.collection.is_published
    assert left_at_home.pk not in collection_product_ids(stop.collection)


def test_collection_of_a_draft_fair_stays_hidden_until_the_fair_is_published(
    planner, approved_cooperative, oil
):
    # given
    fair = make_fair(status="draft")
    stop = published_stop_with(fair, planner, approved_cooperative, [oil])
    assert not stop.collection.is_published

    # when
    services.fair_publish(fair=fair, actor=planner)

    # then
    stop.collection.refresh_from_db()
    assert stop.collection.is_published


def test_staff_curate_only_exhibitors_products(
    tour, planner, approved_cooperative, oil, other_oil, product_factory
):
    # given
    stop = published_stop_with(tour, planner, approved_cooperative, [oil])
    honey = link(product_factory(name="Miel"), approved_cooperative)

    # when
    services.fair_collection_update(
        stop=stop, actor=planner, add_product_ids=[honey.pk], remove_product_ids=[oil.pk]
    )
    with pytest.raises(Exception) as excinfo:
        services.fair_collection_update(stop=stop, actor=planner, add_product_ids=[other_oil.pk])

    # then
    assert collection_product_ids(stop.collection) == [honey.pk]
    assert excinfo.value.error_dict["add_products"][0].code == (
        FairErrorCode.PRODUCT_NOT_EXHIBITED.value
    )


def test_stop_page_shows_place_dates_exhibitors_collection_and_map(
    client, tour, planner, approved_cooperative, oil
):
    # given
    stop = published_stop_with(
        tour, planner, approved_cooperative, [oil], commune="Sefrou", venue="Bab Lamkam"
    )

    # when
    response = client.get(f"/fairs/{tour.slug}/stops/{stop.pk}/")

    # then
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bab Lamkam" in page
    assert approved_cooperative.name_fr in page
    assert "Huile d&#x27;olive" in page or "Huile d'olive" in page
    assert "https://www.openstreetmap.org/?mlat=33.830000&amp;mlon=-4.830000" in page
    assert stop.starts_at.strftime("%H:%M") in page or "09:00" in page


def test_stops_not_published_have_no_public_page(client, tour):
    # given
    stop = make_stop(tour)

    # when
    response = client.get(f"/fairs/{tour.slug}/stops/{stop.pk}/")

    # then
    assert response.status_code == 404


def test_fairs_page_filters_stops_by_province(client, tour):
    # given
    make_stop(tour, status="published", province="taza", commune="Tahla")
    make_stop(tour, status="published", province="ifrane", commune="Azrou")

    # when
    response = client.get("/fairs/", {"province": "ifrane"})

    # then
    page = response.content.decode()
    assert "Azrou" in page
    assert "Tahla" not in page


def test_a_products_next_stops_are_those_it_will_be_sold_at(
    tour, planner, approved_cooperative, oil, other_oil
):
    # given
    stop = published_stop_with(
        tour, planner, approved_cooperative, [oil], commune="Sefrou", starts_in_days=12
    )
    make_stop(tour, status="published", commune="Ailleurs")

    # when
    with CaptureQueriesContext(connection) as queries:
        products = attach_next_stops([oil, other_oil], language="fr")

    # then
    assert len(queries) == 1
    [next_stop] = products[0].next_stops
    assert next_stop.title == f"{tour.name_fr} — Sefrou"
    assert next_stop.url == stop.get_absolute_url()
    assert next_stop.province_name == "Sefrou"
    assert products[1].next_stops == []


def test_a_withdrawn_cooperatives_products_leave_the_stops_collection(
    tour, planner, approved_cooperative, owner, oil
):
    # given
    stop = published_stop_with(tour, planner, approved_cooperative, [oil])
    application = stop.applications.get()

    # when
    services.application_withdraw(application=application, actor=owner)

    # then
    assert collection_product_ids(stop.collection) == []
    assert attach_next_stops([oil], language="fr")[0].next_stops == []


def stops_with_exhibitors(count, product_factory):
    fair = make_fair(status="published")
    for number in range(count):
        stop = make_stop(fair, status="published", commune=f"Commune {number}")
        cooperative, _ = approved_cooperative_with_owner(f"c-{count}-{number}@example.ma")
        make_application(stop, cooperative, status="accepted")
    return fair


FAIR_STOPS = """
{ fairStops(first: 50) { totalCount edges { node {
    commune provinceName standsFree url fair { name } exhibitors { name }
} } } }
"""


@pytest.mark.parametrize("url", ["/fairs/", "graphql"])
def test_lists_of_stops_take_the_same_queries_for_3_and_30_stops(
    client, graphql, product_factory, url
):
    # given: one request first, so that per-process caches (site, settings) are warm
    client.get("/fairs/")
    counts = []
    for size in (3, 30):
        fair = stops_with_exhibitors(size, product_factory)

        # when
        with CaptureQueriesContext(connection) as queries:
            if url == "graphql":
                body = graphql(FAIR_STOPS)
                assert len(body["data"]["fairStops"]["edges"]) >= size
            else:
                assert client.get(url).status_code == 200
        counts.append(len(queries))
        fair.stops.all().delete()

    # then
    assert counts[0] == counts[1]
