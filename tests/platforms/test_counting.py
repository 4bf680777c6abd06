"""The section 三 targets: platforms granted exactly a level, dated in the plan year (up to
the day shown), counted once per platform, by the platform's unit; and the dashboard."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from guangde_plan.models import PlanYear
from guangde_plan.progress import plan_progress
from platforms.models import ApplicationStage, Category, Level, Recognition
from platforms.selectors import platforms_new_by_unit, recognitions_new
from platforms.services import application_start

from .factories import D, PlatformFactory, grant, kind

RD, INCUBATION = Category.RD_INSTITUTION, Category.INCUBATION
NEW_YEAR_2025 = datetime.datetime(2025, 1, 2, 4, tzinfo=datetime.UTC)


@pytest.fixture
def in_2025(time_machine):
    time_machine.move_to(NEW_YEAR_2025, tick=False)


def rd_centre(unit, name=None):
    return PlatformFactory(
        kind=kind("rd_centre"), org_unit=unit, **({"name": name} if name else {})
    )


def count(category=RD, level=Level.PROVINCIAL, year=2024, as_of=None) -> int:
    by_unit = platforms_new_by_unit(category=category, level=level, year=year, as_of=as_of)
    return int(sum(by_unit.values()))


def progress(plan_year, day, units=()):
    return {
        item.target.code: item
        for item in plan_progress(plan_year=plan_year, as_of=day, org_units=list(units))
    }


@pytest.mark.usefixtures("in_2025")
def test_the_year_runs_from_1_january_to_31_december(taozhou, staff_user):
    for day in (D(2023, 12, 31), D(2024, 1, 1), D(2024, 12, 31), D(2025, 1, 1)):
        grant(rd_centre(taozhou), Level.PROVINCIAL, day, by=staff_user)
    assert count(year=2023) == 1
    assert count(year=2024) == 2
    assert count(year=2025) == 1
    dates = recognitions_new(category=RD, level=Level.PROVINCIAL, year=2024).values_list(
        "recognised_on", flat=True
    )
    assert sorted(dates) == [D(2024, 1, 1), D(2024, 12, 31)]


def test_as_of_cuts_the_year_on_the_day(taozhou, staff_user):
    grant(rd_centre(taozhou), Level.PROVINCIAL, D(2024, 6, 10), by=staff_user)
    assert count(as_of=D(2024, 6, 9)) == 0
    assert count(as_of=D(2024, 6, 10)) == 1
    # A day after the year counts the whole year.
    assert count(as_of=D(2025, 3, 1)) == 1


def test_only_the_exact_level_counts(taozhou, staff_user):
    grant(rd_centre(taozhou), Level.MUNICIPAL, D(2024, 2, 1), by=staff_user)
    grant(rd_centre(taozhou), Level.NATIONAL, D(2024, 2, 1), by=staff_user)
    counted = rd_centre(taozhou)
    grant(counted, Level.MUNICIPAL, D(2022, 2, 1), by=staff_user)
    grant(counted, Level.PROVINCIAL, D(2024, 2, 1), by=staff_user)
    assert count() == 1
    assert count(level=Level.MUNICIPAL) == 1
    assert count(level=Level.NATIONAL) == 1


def test_confirmations_and_revocations_are_not_new(taozhou, staff_user):
    platform = rd_centre(taozhou)
    grant(platform, Level.NATIONAL, D(2021, 2, 1), by=staff_user)
    grant(platform, Level.NATIONAL, D(2024, 2, 1), by=staff_user, act=Recognition.Act.CONFIRMED)
    grant(platform, Level.PROVINCIAL, D(2024, 5, 1), by=staff_user, act=Recognition.Act.REVOKED)
    assert count() == 0
    assert count(level=Level.NATIONAL) == 0


def test_the_category_of_the_kind_decides(taozhou, staff_user):
    incubator = PlatformFactory(kind=kind("incubator"), org_unit=taozhou)
    maker_space = PlatformFactory(kind=kind("maker_space"), org_unit=taozhou)
    grant(incubator, Level.MUNICIPAL, D(2024, 3, 1), by=staff_user)
    grant(maker_space, Level.MUNICIPAL, D(2024, 3, 1), by=staff_user)
    grant(rd_centre(taozhou), Level.MUNICIPAL, D(2024, 3, 1), by=staff_user)
    assert count(category=INCUBATION, level=Level.MUNICIPAL) == 2
    assert count(category=RD, level=Level.MUNICIPAL) == 1


def test_a_platform_counts_once_however_often_granted(taozhou, staff_user):
    platform = PlatformFactory(kind=kind("incubator"), org_unit=taozhou)
    grant(platform, Level.MUNICIPAL, D(2024, 1, 10), by=staff_user)
    grant(platform, Level.NONE, D(2024, 2, 10), by=staff_user, act=Recognition.Act.REVOKED)
    grant(platform, Level.MUNICIPAL, D(2024, 4, 10), by=staff_user)
    assert recognitions_new(category=INCUBATION, level=Level.MUNICIPAL, year=2024).count() == 2
    assert count(category=INCUBATION, level=Level.MUNICIPAL) == 1


def test_it_counts_by_the_platforms_unit(taozhou, xinhang, staff_user, django_assert_num_queries):
    for unit in (taozhou, taozhou, xinhang):
        grant(rd_centre(unit), Level.PROVINCIAL, D(2024, 3, 1), by=staff_user)
    with django_assert_num_queries(1):
        by_unit = platforms_new_by_unit(category=RD, level=Level.PROVINCIAL, year=2024)
    assert by_unit == {taozhou.pk: Decimal(2), xinhang.pk: Decimal(1)}


def test_the_dashboard_figures_move_with_the_recognitions(plan_year, taozhou, xinhang, staff_user):
    before = progress(plan_year, D(2024, 6, 15), [taozhou, xinhang])
    assert before["provincial_rd_centres_new"].tracked
    assert before["provincial_rd_centres_new"].actual == 0
    assert before["municipal_incubators_new"].actual == 0

    grant(rd_centre(xinhang), Level.PROVINCIAL, D(2024, 5, 1), by=staff_user)
    grant(
        PlatformFactory(kind=kind("maker_space"), org_unit=taozhou),
        "municipal",
        D(2024, 4, 1),
        by=staff_user,
    )
    after = progress(plan_year, D(2024, 6, 15), [taozhou, xinhang])
    rd = after["provincial_rd_centres_new"]
    assert rd.actual == 1
    assert [row.actual for row in rd.by_unit] == [0, 1]
    assert after["municipal_incubators_new"].actual == 1
    assert [row.actual for row in after["municipal_incubators_new"].by_unit] == [1, 0]
    # Before the recognition's day the figure had not moved yet.
    assert progress(plan_year, D(2024, 4, 30))["provincial_rd_centres_new"].actual == 0


def test_the_forecast_adds_submitted_applications_at_the_earlier_pass_rate(
    plan_year, taozhou, staff_user
):
    earlier = PlanYear.objects.create(year=2023, title="2023")
    for stage in ("recognised", "rejected"):  # pass rate 1/2
        application = application_start(
            platform=rd_centre(taozhou),
            target_level=Level.PROVINCIAL,
            plan_year=earlier,
            stage=ApplicationStage.APPLIED,
            on=D(2023, 3, 1),
            by=staff_user,
        )
        application.stage = stage
        application.save()
    for _ in range(4):
        application_start(
            platform=rd_centre(taozhou),
            target_level=Level.PROVINCIAL,
            plan_year=plan_year,
            stage=ApplicationStage.APPLIED,
            on=D(2024, 3, 1),
            by=staff_user,
        )
    preparing = application_start(
        platform=rd_centre(taozhou),
        target_level=Level.PROVINCIAL,
        plan_year=plan_year,
        on=D(2024, 3, 1),
        by=staff_user,
    )
    assert preparing.stage == ApplicationStage.PREPARING  # not submitted: not in the forecast
    granted = rd_centre(taozhou)
    grant(granted, Level.PROVINCIAL, D(2024, 5, 1), by=staff_user)
    item = progress(plan_year, D(2024, 6, 15))["provincial_rd_centres_new"]
    assert item.actual == 1
    assert item.forecast == 3  # 1 + 4 × 1/2
    assert item.forecast_basis == {"recognised": 1, "applied": 4, "pass_rate": 0.5}
    # At the year's end the forecast is what was recognised.
    assert progress(plan_year, D(2024, 12, 31))["provincial_rd_centres_new"].forecast == 1


def test_staff_record_a_provincial_recognition_and_the_dashboard_figure_moves(
    client, staff_user, plan_year, taozhou
):
    platform = rd_centre(taozhou, "桃州某公司省级企业技术中心")
    client.force_login(staff_user)
    home = reverse("home")
    before = client.get(home, {"target": "provincial_rd_centres_new"})
    assert before.context["chosen"].actual == 0
    response = client.post(
        reverse("platforms:recognition_create", args=[platform.pk]),
        {
            "act": "granted",
            "level": "provincial",
            "recognised_on": "2024-06-01",
            "document_number": "皖经信科技〔2024〕88号",
            "issuer": "安徽省经济和信息化厅",
            "note": "",
        },
    )
    assert response.status_code == 302
    after = client.get(home, {"target": "provincial_rd_centres_new"})
    assert after.context["chosen"].actual == 1
    # The figure links to the platforms it counts.
    row = next(
        row
        for _, rows in after.context["sections"]
        for row in rows
        if row.item.target.code == "provincial_rd_centres_new"
    )
    assert row.records_url == (
        reverse("platforms:counted", args=["provincial_rd_centres_new"]) + "?year=2024"
    )
    listed = client.get(row.records_url, follow=True)
    assert [p.name for p, _ in listed.context["rows"]] == ["桃州某公司省级企业技术中心"]
    assert listed.context["page"].paginator.count == after.context["chosen"].actual
