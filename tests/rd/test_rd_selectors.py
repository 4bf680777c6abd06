"""R&D growth (enterprises/rd.py): totals, like for like, by unit and field, movers,
missing figures, and the figures year a plan year reads."""

from decimal import Decimal

import pytest

from enterprises.models import TechField
from enterprises.rd import figures_year_for, growth_pct, rd_report_city, rd_report_visible
from tests.factories import AnnualFiguresFactory, EnterpriseFactory

pytestmark = pytest.mark.django_db


def rd(enterprise, year, amount):
    return AnnualFiguresFactory(
        enterprise=enterprise, year=year, rd_expense=None if amount is None else Decimal(amount)
    )


def test_growth_counts_every_enterprise_and_like_for_like_only_those_in_both_years(taozhou):
    stays, leaves, arrives = (EnterpriseFactory(org_unit=taozhou) for _ in range(3))
    rd(stays, 2023, "100")
    rd(stays, 2024, "110")
    rd(leaves, 2023, "50")  # no figures for 2024 yet
    rd(arrives, 2024, "40")  # new: no figures for 2023
    report = rd_report_city(year=2024)
    assert (report.total.current, report.total.previous) == (Decimal(150), Decimal(150))
    assert report.total.pct == Decimal("0.00")
    assert (report.total.like_current, report.total.like_previous) == (Decimal(110), Decimal(100))
    assert report.total.like_pct == Decimal("10.00")
    assert (report.total.reported, report.total.reported_before, report.total.in_both) == (2, 2, 1)
    assert [row.enterprise_id for row in report.missing] == [leaves.pk]
    assert [row.enterprise_id for row in report.movers_up] == [arrives.pk, stays.pk]
    assert report.movers_up[0].is_new and report.movers_up[0].change == Decimal(40)


def test_movers_down_rank_the_largest_drop_first(taozhou):
    small, large = EnterpriseFactory(org_unit=taozhou), EnterpriseFactory(org_unit=taozhou)
    rd(small, 2023, "100")
    rd(small, 2024, "90")
    rd(large, 2023, "100")
    rd(large, 2024, "20")
    report = rd_report_city(year=2024)
    assert [row.enterprise_id for row in report.movers_down] == [large.pk, small.pk]
    assert report.movers_up == []


def test_a_zero_previous_year_gives_no_percentage(taozhou):
    enterprise = EnterpriseFactory(org_unit=taozhou)
    rd(enterprise, 2023, "0")
    rd(enterprise, 2024, "30")
    report = rd_report_city(year=2024)
    assert report.total.current == Decimal(30)
    assert report.total.previous == Decimal(0)
    assert report.total.pct is None and report.total.like_pct is None
    assert growth_pct(Decimal(0), Decimal(100)) == Decimal("-100.00")


def test_an_empty_rd_figure_is_missing_not_zero(taozhou):
    enterprise = EnterpriseFactory(org_unit=taozhou)
    rd(enterprise, 2023, "80")
    rd(enterprise, 2024, None)  # figures entered, R&D not reported
    report = rd_report_city(year=2024)
    assert report.total.current is None
    assert report.total.pct is None
    assert [row.enterprise_id for row in report.missing] == [enterprise.pk]


def test_by_unit_and_by_field(taozhou, xinhang):
    a = EnterpriseFactory(org_unit=taozhou, tech_field=TechField.NEW_MATERIALS)
    b = EnterpriseFactory(org_unit=xinhang, tech_field="")
    rd(a, 2023, "100")
    rd(a, 2024, "125")
    rd(b, 2023, "10")
    rd(b, 2024, "9")
    report = rd_report_city(year=2024)
    assert report.by_unit[taozhou.pk].pct == Decimal("25.00")
    assert report.by_unit[xinhang.pk].pct == Decimal("-10.00")
    assert report.by_field[TechField.NEW_MATERIALS].current == Decimal(125)
    assert report.by_field[""].previous == Decimal(10)


def test_a_liaison_sees_only_their_units(liaison, taozhou, xinhang):
    rd(EnterpriseFactory(org_unit=taozhou), 2024, "10")
    rd(EnterpriseFactory(org_unit=xinhang), 2024, "99")
    report = rd_report_visible(user=liaison, year=2024)
    assert report.total.current == Decimal(10)
    assert set(report.by_unit) == {taozhou.pk}
    assert rd_report_city(year=2024).total.current == Decimal(109)


def test_the_figures_year_is_the_plan_years_once_any_figures_are_in(taozhou):
    assert figures_year_for(plan_year=2024) == 2023
    AnnualFiguresFactory(enterprise=EnterpriseFactory(org_unit=taozhou), year=2024)
    assert figures_year_for(plan_year=2024) == 2024


@pytest.mark.parametrize("size", [3, 30])
def test_the_report_is_one_query(taozhou, django_assert_num_queries, size):
    for _ in range(size):
        enterprise = EnterpriseFactory(org_unit=taozhou)
        rd(enterprise, 2023, "10")
        rd(enterprise, 2024, "11")
    with django_assert_num_queries(1):  # the R&D sums per enterprise, both years
        report = rd_report_city(year=2024)
    assert report.total.reported == size


def test_the_dashboards_sql_sums_agree_with_the_report(taozhou, xinhang, django_assert_num_queries):
    from enterprises.rd import rd_sums_city

    for unit, amounts in [
        (taozhou, [("100", "110"), ("50", None), (None, "40"), ("0", "12.5")]),
        (xinhang, [("80", "60"), (None, None)]),
    ]:
        for previous, current in amounts:
            enterprise = EnterpriseFactory(org_unit=unit)
            rd(enterprise, 2023, previous)
            rd(enterprise, 2024, current)
    report = rd_report_city(year=2024)
    with django_assert_num_queries(1):
        total, by_unit = rd_sums_city(year=2024)

    def fields(growth):
        return (
            growth.current,
            growth.previous,
            growth.reported,
            growth.reported_before,
            growth.pct,
        )

    assert fields(total) == fields(report.total)
    assert {unit: fields(g) for unit, g in by_unit.items()} == {
        unit: fields(g) for unit, g in report.by_unit.items()
    }
    assert set(by_unit) == {taozhou.pk, xinhang.pk}
