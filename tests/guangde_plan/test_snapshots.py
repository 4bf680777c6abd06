"""The weekly snapshot service (`take_snapshots`) and its command (`snapshot_progress`)."""

import datetime
import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from guangde_plan.models import PlanYear, ProgressSnapshot, TargetValue
from guangde_plan.progress import plan_progress
from guangde_plan.snapshots import take_snapshots
from tests.factories import (
    AnnualFiguresFactory,
    EnterpriseFactory,
    HteCertificateFactory,
    TechSmeRegistrationFactory,
)

D = datetime.date
MONDAY, WEDNESDAY, SUNDAY = D(2024, 6, 10), D(2024, 6, 12), D(2024, 6, 16)
LATER = D(2024, 11, 20)  # a "today" after the weeks the tests store
SOURCED = [
    "hte_total",
    "tech_sme_total",
    "rd_spend_total",
    "rd_growth_pct",
    "three_zero_rd_activity",
    "three_zero_rd_institution",
    "three_zero_innovation",
    "provincial_rd_centres_new",
    "municipal_incubators_new",
]


@pytest.fixture
def figures(plan_year, taozhou, xinhang):
    for unit in (taozhou, taozhou, xinhang):
        HteCertificateFactory(enterprise__org_unit=unit, issued_on=D(2023, 3, 1))
    TechSmeRegistrationFactory(enterprise__org_unit=taozhou, year=2024)
    AnnualFiguresFactory(enterprise__org_unit=xinhang, year=2023)
    AnnualFiguresFactory(enterprise__org_unit=xinhang, year=2024)


def stored(week=MONDAY):
    return {
        (row.target.code, row.org_unit_id): row
        for row in ProgressSnapshot.objects.filter(week=week).select_related("target")
    }


def test_it_stores_the_engines_figures_for_the_city_and_each_unit(
    figures, org_units, taozhou, xinhang
):
    result = take_snapshots(week=MONDAY, today=WEDNESDAY)

    # The week under way is taken as of today, with every unit, like the dashboard.
    assert (result.week, result.taken_on) == (MONDAY, WEDNESDAY)
    engine = plan_progress(
        plan_year=PlanYear.objects.get(year=2024),
        as_of=WEDNESDAY,
        org_units=list(org_units.values()),
    )
    rows = stored()
    expected_rows = 0
    for item in engine:
        if not item.tracked:
            continue
        city = rows[item.target.code, None]
        assert (city.actual, city.expected, city.status, city.taken_on) == (
            item.actual,
            item.expected,
            item.status,
            WEDNESDAY,
        )
        for unit_row in item.by_unit:
            assert rows[item.target.code, unit_row.org_unit.pk].actual == unit_row.actual
        expected_rows += 1 + len(item.by_unit)
    assert len(rows) == expected_rows == result.created == len(result.snapshots)
    assert [rows["hte_total", unit].actual for unit in (None, taozhou.pk, xinhang.pk)] == [3, 2, 1]


def test_targets_not_tracked_are_skipped_and_typed_ones_have_no_unit_rows(
    plan_year, staff_user, typed_target
):
    take_snapshots(week=MONDAY, today=LATER)
    assert {code for code, _unit in stored()} == set(SOURCED)

    target = typed_target
    TargetValue.objects.create(target=target, recorded_on=D(2024, 5, 1), value=9)
    take_snapshots(week=D(2024, 6, 17), today=LATER)
    typed = [row for (code, _unit), row in stored(D(2024, 6, 17)).items() if code == target.code]
    assert [(row.org_unit_id, row.actual) for row in typed] == [(None, 9)]


def test_a_second_run_stores_nothing_twice_and_leaves_the_rows_as_they_were(figures, taozhou):
    first = take_snapshots(week=MONDAY, today=WEDNESDAY)
    HteCertificateFactory(enterprise__org_unit=taozhou, issued_on=D(2024, 6, 1))

    second = take_snapshots(week=MONDAY, today=WEDNESDAY)

    assert first.created == 14 * len(SOURCED) and first.already_there == 0
    assert (second.created, second.already_there) == (0, first.created)
    assert ProgressSnapshot.objects.count() == first.created
    # A snapshot records what was seen that week: a later run does not rewrite it.
    assert stored()["hte_total", None].actual == 3


def test_a_row_missing_from_a_stored_week_is_added(figures, taozhou):
    first = take_snapshots(week=MONDAY, today=WEDNESDAY)
    ProgressSnapshot.objects.filter(org_unit=taozhou).delete()

    again = take_snapshots(week=MONDAY, today=WEDNESDAY)

    assert (again.created, again.already_there) == (len(SOURCED), first.created - len(SOURCED))
    assert ProgressSnapshot.objects.count() == first.created


def test_a_past_week_is_taken_as_of_its_sunday(plan_year, taozhou):
    # Valid three years: its last day is 11 June 2024, between the two Sundays.
    HteCertificateFactory(enterprise__org_unit=taozhou, issued_on=D(2021, 6, 12))

    before = take_snapshots(week=D(2024, 6, 3), today=LATER)
    after = take_snapshots(week=MONDAY, today=LATER)

    assert (before.taken_on, after.taken_on) == (D(2024, 6, 9), SUNDAY)
    assert stored(D(2024, 6, 3))["hte_total", None].actual == 1
    assert stored(MONDAY)["hte_total", None].actual == 0


def test_any_day_of_the_week_stands_for_its_monday(plan_year):
    assert take_snapshots(week=SUNDAY, today=LATER).week == MONDAY
    assert take_snapshots(today=WEDNESDAY).week == MONDAY  # the default: this week
    assert set(ProgressSnapshot.objects.values_list("week", flat=True)) == {MONDAY}


def test_the_week_across_new_year_records_the_old_plans_year_end(plan_year):
    result = take_snapshots(week=D(2025, 1, 3), today=D(2025, 3, 1))
    assert (result.week, result.taken_on) == (D(2024, 12, 30), D(2024, 12, 31))
    assert result.created > 0


def test_no_plan_for_the_weeks_year_stores_nothing_and_raises_nothing(plan_year):
    result = take_snapshots(week=D(2023, 6, 5), today=LATER)
    assert (result.created, result.already_there, result.taken_on) == (0, 0, None)
    assert not ProgressSnapshot.objects.exists()


def test_it_refuses_a_week_still_to_come(plan_year):
    with pytest.raises(ValidationError) as caught:
        take_snapshots(week=D(2024, 6, 17), today=SUNDAY)
    assert caught.value.code == "future_week"
    assert not ProgressSnapshot.objects.exists()


def test_a_dry_run_writes_nothing_and_counts_what_it_would(figures):
    take_snapshots(week=MONDAY, today=WEDNESDAY, dry_run=True)
    assert not ProgressSnapshot.objects.exists()

    stored_now = take_snapshots(week=MONDAY, today=WEDNESDAY).created
    ProgressSnapshot.objects.filter(org_unit__isnull=True).delete()
    dry = take_snapshots(week=MONDAY, today=WEDNESDAY, dry_run=True)
    assert (dry.created, dry.already_there) == (len(SOURCED), stored_now - len(SOURCED))
    assert ProgressSnapshot.objects.count() == stored_now - len(SOURCED)


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
    # plan year, org units; the engine's 21 (test_progress.py); savepoint, lock of the plan
    # year, the week's stored rows, one INSERT for every row, savepoint release
    with django_assert_num_queries(2 + 21 + 5):
        take_snapshots(week=MONDAY, today=WEDNESDAY)


# --- The command ---------------------------------------------------------------------


def run(*args) -> str:
    out = io.StringIO()
    call_command("snapshot_progress", *args, stdout=out)
    return out.getvalue()


def test_the_command_stores_the_week_of_any_of_its_days(figures):
    output = run("--week", "2024-06-12")
    assert ProgressSnapshot.objects.filter(week=MONDAY).count() == 14 * len(SOURCED)
    # A past week: as of its Sunday.
    assert "2024-06-10" in output and "2024-06-16" in output
    assert f"已保存{14 * len(SOURCED)}条快照" in output  # the summary, in Chinese by default

    run("--week", "2024-06-10")
    assert ProgressSnapshot.objects.count() == 14 * len(SOURCED)


def test_the_command_dry_run_prints_the_rows_and_writes_nothing(figures):
    lines = run("--week", "2024-06-12", "--dry-run").splitlines()
    assert not ProgressSnapshot.objects.exists()
    assert lines[0].split() == ["code", "org_unit", "actual", "expected", "status"]
    assert lines[1].split()[0] == "hte_total" and lines[1].split()[2] == "3"
    assert len(lines) == 1 + 14 * len(SOURCED) + 1


def test_the_command_says_when_there_is_no_plan(plan_year):
    assert "2023" in run("--week", "2023-06-05")
    assert not ProgressSnapshot.objects.exists()


def test_the_command_refuses_a_week_still_to_come(plan_year):
    with pytest.raises(CommandError):
        run("--week", "2099-01-05")


def test_the_command_exits_with_2_on_a_malformed_week_from_the_shell():
    # The date is refused while the arguments are parsed: no database is touched.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "guangde_plan.settings.test"}
    result = subprocess.run(
        [sys.executable, "manage.py", "snapshot_progress", "--week", "2024-13-01"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "--week" in result.stderr and "2024-13-01" in result.stderr
    assert result.stdout == ""
