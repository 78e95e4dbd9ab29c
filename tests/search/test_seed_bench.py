import pytest
from django.core.management import call_command

from catalog_extensions.search.api import SearchRequest, search
from marketplace.cooperatives.models import Cooperative, CooperativeProduct, CooperativeStatus

pytestmark = pytest.mark.django_db


def test_seed_bench_creates_searchable_products_of_many_cooperatives():
    # when
    call_command("seed_bench", products=60, cooperatives=34, stdout=open("/dev/null", "w"))

    # then
    bench = Cooperative.objects.filter(slug__startswith="bench-")
    suspended = bench.filter(status=CooperativeStatus.SUSPENDED)
    links = CooperativeProduct.objects.filter(cooperative__in=bench)
    hidden = links.filter(cooperative__in=suspended).count()
    assert bench.count() == 34 and suspended.count() == 1
    assert links.count() == 60 and hidden == 1
    everything = search(SearchRequest(per_page=100, category=None))
    bench_ids = set(links.values_list("product_id", flat=True))
    assert len(bench_ids & set(everything.product_ids)) == 59
    assert search(SearchRequest(text="amlou")).total >= 1


def test_seed_bench_again_replaces_its_rows():
    # given
    call_command("seed_bench", products=10, cooperatives=3, stdout=open("/dev/null", "w"))

    # when
    call_command("seed_bench", products=12, cooperatives=4, stdout=open("/dev/null", "w"))

    # then
    assert Cooperative.objects.filter(slug__startswith="bench-").count() == 4
    assert CooperativeProduct.objects.filter(cooperative__slug__startswith="bench-").count() == 12
