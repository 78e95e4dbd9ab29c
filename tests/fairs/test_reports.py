import csv
import io
from decimal import Decimal

import pytest

from marketplace.fairs import reports, services
from tests.cooperatives.orders_helpers import place_order, product_of, seller, with_plugin  # noqa: F401

from .helpers import make_application, make_fair, make_stop

pytestmark = pytest.mark.django_db


@pytest.fixture
def season(with_plugin, planner):  # noqa: F811
    """A season: an exhibitor at Taza who sold online, a cancelled stop at Sefrou."""
    fair = make_fair(status="published", slug="tournee-hiver")
    taza = make_stop(fair, status="published", province="taza", commune="Taza")
    sefrou = make_stop(fair, status="published", province="sefrou", commune="Sefrou")
    women_led = seller(province="taza", members_count=10, women_members=7, young_members=1)
    elsewhere = seller(province="sefrou", members_count=10, women_members=1, young_members=1)
    make_application(taza, women_led, status="accepted")
    make_application(sefrou, elsewhere, status="accepted")
    services.stop_cancel(stop=sefrou, actor=planner, reason="Intempéries")
    place_order([(product_of(women_led, price="120.00"), 2)])
    return {"fair": fair, "taza": taza, "exhibitor": women_led}


def test_season_report_counts_exhibitors_reach_and_online_sales(season):
    # when
    report = reports.season_report_of(season["fair"])

    # then
    rows = {row.province: row for row in report.provinces}
    assert report.exhibitors == [season["exhibitor"]]
    assert report.women_led_share == 100
    assert report.youth_led_share == 0
    assert [row.province for row in report.reached] == ["taza"]
    assert "sefrou" in [row.province for row in report.not_reached]
    assert (rows["taza"].online_orders, rows["taza"].online_value) == (1, Decimal("240.00"))
    assert rows["sefrou"].online_orders == 0
    assert report.first_time_sellers == [season["exhibitor"]]
    assert report.totals["pickup_orders"] == 0


def test_report_csv_has_a_row_per_province(client, planner, season):
    # given
    client.force_login(planner)

    # when
    response = client.get("/en/backoffice/fairs/tournee-hiver/report.csv")

    # then
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Province", "Stops", "Exhibitors"]
    taza = next(row for row in rows if row and row[0] == "Taza")
    assert taza[1:5] == ["1", "1", "1", "240.00"]


def test_report_page_draws_its_chart_without_script(client, planner, season):
    # given
    client.force_login(planner)

    # when
    response = client.get(f"/backoffice/fairs/stops/{season['taza'].pk}/report/")

    # then
    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page and "<script" not in page
    chart = reports.chart(reports.stop_report_of(season["taza"]))
    taza_bar = next(bar for bar in chart["bars"] if bar["label"] == "Taza")
    assert taza_bar["online"] > 0
    assert f'width="{taza_bar["online"]}"' in page
