import datetime
from decimal import Decimal

import pytest

from enterprises.models import PipelineEntry
from guangde_plan.models import PlanYear, Target, TargetQuota, TargetValue
from guangde_plan.progress import (
    BEHIND,
    MET,
    NO_DATA,
    NO_TARGET,
    NOT_TRACKED,
    ON_TRACK,
    default_as_of,
    plan_progress,
    progress_document,
    year_fraction,
)
from tests.factories import (
    AnnualFiguresFactory,
    EnterpriseFactory,
    HteCertificateFactory,
    TechSmeRegistrationFactory,
)

D = datetime.date


def progress(plan_year, day, units=()):
    return {
        item.target.code: item
        for item in plan_progress(plan_year=plan_year, as_of=day, org_units=list(units))
    }


def test_the_straight_line_runs_over_the_whole_year(plan_year):
    target = Target(plan_year=plan_year)
    assert year_fraction(target, D(2023, 12, 31)) == 0
    assert year_fraction(target, D(2024, 1, 1)) == Decimal(1) / 366
    assert year_fraction(target, D(2024, 7, 1)) == Decimal(183) / 366
    assert year_fraction(target, D(2024, 12, 31)) == 1


def test_a_curve_is_interpolated_within_the_month(plan_year):
    # Nothing until September, then the provincial batches.
    curve = [0, 0, 0, 0, 0, 0, 0, 0, 20, 40, 70, 100]
    target = Target(plan_year=plan_year, expected_curve=curve)
    assert year_fraction(target, D(2024, 6, 30)) == 0
    assert year_fraction(target, D(2024, 9, 30)) == Decimal("0.2")
    assert year_fraction(target, D(2024, 11, 15)) == Decimal("0.4") + Decimal("0.3") * 15 / 30


def test_hte_total_counts_certificates_valid_on_the_day(plan_year, taozhou, xinhang):
    HteCertificateFactory(enterprise=EnterpriseFactory(org_unit=taozhou), issued_on=D(2021, 12, 15))
    HteCertificateFactory(enterprise=EnterpriseFactory(org_unit=xinhang), issued_on=D(2023, 5, 1))
    on_14th = progress(plan_year, D(2024, 12, 14), [taozhou, xinhang])["hte_total"]
    on_15th = progress(plan_year, D(2024, 12, 15), [taozhou, xinhang])["hte_total"]
    assert on_14th.actual == 2 and on_15th.actual == 1
    assert [row.actual for row in on_15th.by_unit] == [0, 1]


def test_the_expected_line_of_a_stock_starts_from_new_year(plan_year, taozhou):
    # 100 holders on 1 January, target 200: expected 150 half-way through the year.
    for _ in range(100):
        HteCertificateFactory(
            enterprise=EnterpriseFactory(org_unit=taozhou), issued_on=D(2023, 3, 1)
        )
    item = progress(plan_year, D(2024, 7, 1))["hte_total"]
    assert item.expected == Decimal("150.0")  # 100 + 100 × 183/366
    assert item.status == BEHIND
    assert item.percentage == Decimal("50.0")


def test_statuses(plan_year, taozhou):
    TechSmeRegistrationFactory.create_batch(3, enterprise__org_unit=taozhou, year=2024)
    Target.objects.filter(code="tech_sme_total").update(value=4)
    assert progress(plan_year, D(2024, 6, 1))["tech_sme_total"].status == ON_TRACK
    assert progress(plan_year, D(2024, 12, 1))["tech_sme_total"].status == BEHIND
    Target.objects.filter(code="tech_sme_total").update(value=3)
    assert progress(plan_year, D(2024, 12, 1))["tech_sme_total"].status == MET
    assert progress(plan_year, D(2024, 6, 1))["rd_spend_total"].status == NO_TARGET


def test_a_target_without_records_is_not_tracked_until_staff_type_a_value(
    plan_year, staff_user, typed_target
):
    code = typed_target.code
    item = progress(plan_year, D(2024, 6, 1))[code]
    assert (item.tracked, item.status, item.actual) == (False, NOT_TRACKED, None)
    TargetValue.objects.create(
        target=typed_target, recorded_on=D(2024, 5, 1), value=9, recorded_by=staff_user
    )
    TargetValue.objects.create(target=typed_target, recorded_on=D(2024, 7, 1), value=12)
    assert progress(plan_year, D(2024, 6, 1))[code].actual == 9
    assert progress(plan_year, D(2024, 8, 1))[code].actual == 12


def test_rd_growth_compares_the_sums_of_two_years(plan_year, taozhou, xinhang):
    AnnualFiguresFactory(enterprise__org_unit=taozhou, year=2023, rd_expense=Decimal("100"))
    AnnualFiguresFactory(enterprise__org_unit=taozhou, year=2024, rd_expense=Decimal("115"))
    AnnualFiguresFactory(enterprise__org_unit=xinhang, year=2024, rd_expense=Decimal("10"))
    result = progress(plan_year, D(2024, 12, 31), [taozhou, xinhang])
    assert result["rd_spend_total"].actual == Decimal("125")
    growth = result["rd_growth_pct"]
    assert growth.actual == Decimal("25.00")
    assert growth.status == MET
    # 新杭镇 had no R&D the year before: no growth figure rather than a division by zero.
    assert [row.actual for row in growth.by_unit] == [Decimal("15.00"), Decimal(0)]


def test_no_figures_means_no_data_not_zero(plan_year):
    assert progress(plan_year, D(2024, 6, 1))["rd_growth_pct"].status == NO_DATA


def test_the_forecast_adds_the_pipeline_at_the_pass_rate_and_drops_expiring(plan_year, taozhou):
    earlier = PlanYear.objects.create(year=2023, title="2023")
    for stage in ["recognised", "recognised", "rejected", "withdrawn"]:  # pass rate 1/2
        PipelineEntry.objects.create(
            enterprise=EnterpriseFactory(org_unit=taozhou),
            track="hte",
            plan_year=earlier,
            stage=stage,
            stage_changed_on=D(2023, 11, 1),
        )
    for stage in ["applied", "applied", "cultivating", "cultivating", "surveyed"]:
        PipelineEntry.objects.create(
            enterprise=EnterpriseFactory(org_unit=taozhou),
            track="hte",
            plan_year=plan_year,
            stage=stage,
            stage_changed_on=D(2024, 5, 1),
        )
    HteCertificateFactory.create_batch(3, enterprise__org_unit=taozhou, issued_on=D(2022, 6, 1))
    HteCertificateFactory(enterprise__org_unit=taozhou, issued_on=D(2021, 9, 1))  # ends 2024-09
    item = progress(plan_year, D(2024, 6, 1))["hte_total"]
    assert item.actual == 4
    assert item.forecast_basis == {
        "holders": 4,
        "expiring_before_year_end": 1,
        "in_pipeline": 4,
        "pass_rate": 0.5,
    }
    assert item.forecast == 4 - 1 + 2


def test_quotas_per_unit_and_whether_they_add_up(plan_year, taozhou, xinhang):
    target = Target.objects.get(code="hte_total")
    TargetQuota.objects.create(target=target, org_unit=taozhou, value=120)
    TargetQuota.objects.create(target=target, org_unit=xinhang, value=70)
    HteCertificateFactory.create_batch(6, enterprise__org_unit=taozhou, issued_on=D(2024, 1, 5))
    item = progress(plan_year, D(2024, 6, 1), [taozhou, xinhang])["hte_total"]
    assert item.quotas_total == 190 and item.quotas_add_up is False
    assert [(row.actual, row.quota, row.percentage) for row in item.by_unit] == [
        (6, 120, Decimal("5.0")),
        (0, 70, Decimal("0.0")),
    ]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2024, 5, 6), D(2024, 5, 6)),
        (D(2026, 11, 24), D(2024, 12, 31)),
        (D(2023, 3, 1), D(2024, 1, 1)),
    ],
)
def test_the_default_day(plan_year, today, expected):
    assert default_as_of(plan_year, today) == expected


def test_the_document_is_plain_data(plan_year, taozhou):
    document = progress_document(plan_year=plan_year, as_of=D(2024, 6, 1), org_units=[taozhou])
    assert document["year"] == 2024 and document["as_of"] == "2024-06-01"
    codes = [item["code"] for item in document["targets"]]
    assert codes[:2] == ["hte_total", "tech_sme_total"]
    assert document["targets"][0]["by_unit"][0]["code"] == "341882100"


@pytest.mark.parametrize("size", [5, 60])
def test_the_query_count_does_not_grow_with_the_data(
    plan_year, org_units, django_assert_num_queries, size
):
    for number in range(size):
        enterprise = EnterpriseFactory(org_unit=org_units["341882100"])
        HteCertificateFactory(
            enterprise=enterprise, issued_on=D(2023, 1, 1) + datetime.timedelta(days=number)
        )
        TechSmeRegistrationFactory(enterprise=enterprise, year=2024)
        AnnualFiguresFactory(enterprise=enterprise, year=2023)
        AnnualFiguresFactory(enterprise=enterprise, year=2024)
    units = list(org_units.values())
    # targets, quotas, typed values, the plan year's evaluation rules (three-zero
    # thresholds); hte_total: holders by unit, holders on 1 January, expiring, pass rate,
    # pipeline; tech_sme_total: registrations by unit, pass rate, pipeline; whether the
    # plan year has figures (the figures year); rd_spend_total and rd_growth_pct: the R&D
    # sums by enterprise, read once for both; the three-zero lists: the 规上 enterprises
    # with their figures, read once for all three; provincial_rd_centres_new and
    # municipal_incubators_new: platforms granted the level by unit, applications
    # submitted, the earlier years' pass rate, each (platforms/progress_sources.py)
    with django_assert_num_queries(21):
        plan_progress(plan_year=plan_year, as_of=D(2024, 6, 1), org_units=units)
