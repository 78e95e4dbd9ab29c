import pytest
from django.core.management import call_command

from marketplace.core.regions import Province
from marketplace.fairs.models import ApplicationStatus, Fair, FairStop

pytestmark = pytest.mark.django_db


def seed():
    with open("/dev/null", "w") as quiet:
        call_command("seed_demo", stdout=quiet)


def test_demo_has_a_tour_through_every_province_a_meknes_fair_and_curated_stops(settings):
    # given
    settings.DEBUG = True

    # when
    seed()

    # then
    tour = Fair.objects.get(slug="souks-mobiles-2026-2027")
    upcoming = FairStop.objects.published().upcoming().filter(fair=tour)
    assert tour.is_published
    assert set(upcoming.values_list("province", flat=True)) == set(Province.values)
    meknes = Fair.objects.get(slug="foire-regionale-meknes")
    assert meknes.is_published
    assert meknes.stops.get().province == Province.MEKNES
    statuses = set(tour.stops.values_list("applications__status", flat=True))
    assert statuses >= set(ApplicationStatus.values)
    stops = list(FairStop.objects.published().select_related("collection"))
    assert all(stop.collection.is_published for stop in stops)
    assert all(stop.collection.products.exists() for stop in stops)
    assert tour.events.filter(action="collection_updated").exists()


def test_seeding_the_demo_again_changes_no_fair(settings):
    # given
    settings.DEBUG = True
    seed()
    before = (Fair.objects.count(), FairStop.objects.count())

    # when
    seed()

    # then
    assert (Fair.objects.count(), FairStop.objects.count()) == before
