"""The dashboard's R&D and three-zero sources (guangde_plan/progress.py) read enterprises/rd.py:
the figures year they pick, their counts by unit, the thresholds in the cache key, and the
links from the dashboard to the R&D and three-zero pages."""

import datetime
from decimal import Decimal

from django.urls import reverse

from enterprises.models import EvaluationRules
from enterprises.rd import rd_report_city
from enterprises.readiness import Rules
from guangde_plan.models import PlanYear
from guangde_plan.progress import plan_progress
from tests.factories import AnnualFiguresFactory, EnterpriseFactory

JUNE = datetime.date(2024, 6, 1)


def figures(plan_year, units=()):
    # A fresh plan year object each time: its rules are read anew.
    fresh = PlanYear.objects.get(pk=plan_year.pk)
    items = plan_progress(plan_year=fresh, as_of=JUNE, org_units=list(units))
    return {item.target.code: item for item in items}


def above_size(unit, year, sales, **values):
    enterprise = EnterpriseFactory(org_unit=unit, is_above_designated_size=True)
    AnnualFiguresFactory(enterprise=enterprise, year=year, sales_revenue=Decimal(sales), **values)
    return enterprise


def test_before_any_figures_of_the_plan_year_the_sources_read_the_year_before(plan_year, taozhou):
    # Only 2023 and 2022 figures: the 2024 plan reads 2023 against 2022.
    enterprise = EnterpriseFactory(org_unit=taozhou)
    AnnualFiguresFactory(enterprise=enterprise, year=2022, rd_expense=Decimal(100))
    AnnualFiguresFactory(enterprise=enterprise, year=2023, rd_expense=Decimal(120))
    above_size(taozhou, 2023, "20000", rd_expense=Decimal(0))
    items = figures(plan_year)
    assert items["rd_spend_total"].actual == Decimal(120)
    assert items["rd_growth_pct"].actual == Decimal("20.00")
    assert items["three_zero_rd_activity"].actual == 1
    for code in ("rd_spend_total", "rd_growth_pct", "three_zero_rd_activity"):
        assert items[code].forecast_basis["figures_year"] == 2023
    # Once any 2024 figures are in, all of them switch to 2024 together.
    AnnualFiguresFactory(enterprise=enterprise, year=2024, rd_expense=Decimal(60))
    items = figures(plan_year)
    assert items["rd_spend_total"].actual == Decimal(60)
    assert items["rd_growth_pct"].actual == Decimal("-50.00")
    assert items["three_zero_rd_activity"].forecast_basis == {
        "figures_year": 2024,
        "data_missing": 1,
    }
    assert items["three_zero_rd_activity"].actual is None  # no 规上 enterprise judged on 2024


def test_the_rd_figures_are_the_rd_pages(plan_year, taozhou, xinhang):
    for unit, previous, current in ((taozhou, "100", "130"), (xinhang, "50", None)):
        enterprise = EnterpriseFactory(org_unit=unit)
        AnnualFiguresFactory(enterprise=enterprise, year=2023, rd_expense=Decimal(previous))
        if current:
            AnnualFiguresFactory(enterprise=enterprise, year=2024, rd_expense=Decimal(current))
    report = rd_report_city(year=2024)
    items = figures(plan_year, [taozhou, xinhang])
    assert items["rd_spend_total"].actual == report.total.current == Decimal(130)
    assert items["rd_growth_pct"].actual == report.total.pct
    units = {row.org_unit: row.actual for row in items["rd_growth_pct"].by_unit}
    assert units == {taozhou: Decimal("30.00"), xinhang: Decimal(0)}


def test_three_zero_counts_by_unit_and_status(plan_year, taozhou, xinhang):
    above_size(taozhou, 2024, "10000", rd_expense=Decimal(0))
    above_size(taozhou, 2024, "9999.99", rd_expense=Decimal(0))
    above_size(xinhang, 2024, "60000", rd_expense=None, rd_institution_level="none")
    items = figures(plan_year, [taozhou, xinhang])
    activity = items["three_zero_rd_activity"]
    assert activity.actual == 2 and activity.status == "behind"
    assert {row.org_unit: row.actual for row in activity.by_unit} == {taozhou: 1, xinhang: 1}
    assert items["three_zero_rd_institution"].actual == 1
    assert items["three_zero_innovation"].actual == 0
    assert items["three_zero_innovation"].status == "met"


def test_changed_thresholds_are_not_served_from_the_cache(plan_year, taozhou):
    above_size(taozhou, 2024, "8000", rd_expense=Decimal(0))
    assert figures(plan_year)["three_zero_rd_activity"].actual == 0
    # The rules are no watched model: only the cache key can tell.
    EvaluationRules.objects.update_or_create(
        plan_year=plan_year,
        defaults={"rules": Rules(three_zero_rd_activity_min_sales=Decimal(8000)).to_dict()},
    )
    assert figures(plan_year)["three_zero_rd_activity"].actual == 1


def test_the_dashboard_links_the_figures_to_the_pages(client, staff_user, plan_year, taozhou):
    above_size(taozhou, 2024, "20000", rd_expense=Decimal(0))
    client.force_login(staff_user)
    response = client.get(
        reverse("home"), {"as_of": "2024-06-01", "target": "three_zero_innovation"}
    )
    rows = {
        row.item.target.code: row.records_url
        for _label, rows in response.context["sections"]
        for row in rows
    }
    three_zero = reverse("enterprises:three_zero", kwargs={"kind": "rd_activity"})
    assert rows["three_zero_rd_activity"] == f"{three_zero}?year=2024"
    assert rows["rd_growth_pct"] == f"{reverse('enterprises:rd_growth')}?year=2024"
    innovation = reverse("enterprises:three_zero", kwargs={"kind": "innovation"})
    assert {row.records_url for row in response.context["unit_rows"]} == {f"{innovation}?year=2024"}
