"""Key-day rules (outreach/keydays.py): 30 May, and the 全国科普日 window year by year."""

import datetime

import pytest

from outreach.keydays import (
    Basis,
    KeyDayKind,
    default_window,
    third_saturday_of_september,
    third_weekend_day_of_september,
    window_for,
)
from outreach.models import KeyDay
from outreach.selectors import key_day_q, key_day_window, key_day_windows, key_days_of

D = datetime.date
SCIENCE, WORKERS = KeyDayKind.SCIENCE_DAY, KeyDayKind.WORKERS_DAY


@pytest.mark.parametrize("year", [2016, 2024, 2028])
def test_workers_day_is_30_may_every_year(year):
    window = default_window(year, WORKERS)
    assert (window.starts_on, window.ends_on, window.days) == (D(year, 5, 30), D(year, 5, 30), 1)
    assert window.basis == Basis.FIXED


@pytest.mark.parametrize(
    ("year", "first", "last"),
    [
        (2009, D(2009, 9, 19), D(2009, 9, 25)),
        (2020, D(2020, 9, 19), D(2020, 9, 25)),
        (2021, D(2021, 9, 11), D(2021, 9, 17)),
        (2022, D(2022, 9, 15), D(2022, 9, 21)),
        (2023, D(2023, 9, 17), D(2023, 9, 23)),  # shared/domain.md's example
        (2024, D(2024, 9, 15), D(2024, 9, 25)),
    ],
)
def test_science_day_is_the_published_window_where_there_is_one(year, first, last):
    window = default_window(year, SCIENCE)
    assert (window.starts_on, window.ends_on) == (first, last)
    assert window.basis == Basis.PUBLISHED


def test_the_literal_third_weekend_day_reading_misses_the_published_2023_start():
    # Why the counting in shared/domain.md is not the rule: 2 Sat, 3 Sun, 9 Sat.
    assert third_weekend_day_of_september(2023) == D(2023, 9, 9)
    assert third_weekend_day_of_september(2024) == D(2024, 9, 8)  # 1 Sun, 7 Sat, 8 Sun
    assert third_weekend_day_of_september(2021) == D(2021, 9, 11)


@pytest.mark.parametrize(
    ("year", "first"),
    [
        (2010, D(2010, 9, 18)),
        (2012, D(2012, 9, 15)),  # 1 September was a Saturday: it counts
        (2018, D(2018, 9, 15)),
        (2019, D(2019, 9, 21)),  # 1 September was a Sunday: the first Saturday is the 7th
    ],
)
def test_other_years_before_2025_take_the_third_saturday_and_the_week_after(year, first):
    window = default_window(year, SCIENCE)
    assert window.starts_on == first == third_saturday_of_september(year)
    assert window.starts_on.weekday() == 5
    assert window.ends_on == first + datetime.timedelta(days=6)
    assert (window.days, window.basis) == (7, Basis.RULE)


@pytest.mark.parametrize("year", [2025, 2026, 2030])
def test_from_2025_the_whole_of_september_is_science_month(year):
    window = default_window(year, SCIENCE)
    assert (window.starts_on, window.ends_on, window.basis) == (
        D(year, 9, 1),
        D(year, 9, 30),
        Basis.LAW,
    )


def test_the_bureaus_window_wins():
    override = KeyDay(starts_on=D(2024, 9, 14), ends_on=D(2024, 9, 20))
    window = window_for(2024, SCIENCE, override=override)
    assert (window.starts_on, window.ends_on, window.basis) == (
        D(2024, 9, 14),
        D(2024, 9, 20),
        Basis.SET,
    )
    assert D(2024, 9, 20) in window and D(2024, 9, 21) not in window


def test_unknown_kinds_are_refused():
    with pytest.raises(ValueError):
        default_window(2024, "tree_day")


def test_windows_of_the_plan_years_and_the_days_they_hold(plan_year):
    assert key_day_window(plan_year=plan_year, kind=SCIENCE).starts_on == D(2024, 9, 15)
    KeyDay.objects.create(
        plan_year=plan_year, kind=SCIENCE, starts_on=D(2024, 9, 10), ends_on=D(2024, 9, 12)
    )
    assert key_day_window(plan_year=plan_year, kind=SCIENCE).basis == Basis.SET
    assert [(w.starts_on, w.ends_on) for w in key_day_windows(kind=SCIENCE)] == [
        (D(2024, 9, 10), D(2024, 9, 12))
    ]
    assert [w.kind for w in key_days_of(D(2024, 5, 30))] == [WORKERS]
    assert [w.kind for w in key_days_of(D(2024, 9, 11))] == [SCIENCE]
    assert key_days_of(D(2024, 9, 15)) == []
    assert key_days_of(D(2019, 5, 30)) == []  # no plan for 2019


def test_no_window_matches_nothing(db):
    from outreach.models import Event

    assert not Event.objects.filter(key_day_q([])).exists()


@pytest.mark.parametrize(
    ("first", "last", "field", "code"),
    [
        (D(2023, 9, 16), D(2024, 9, 22), "starts_on", "outside_plan_year"),
        (D(2024, 9, 16), D(2025, 9, 22), "ends_on", "outside_plan_year"),
        (D(2024, 9, 22), D(2024, 9, 16), "ends_on", "end_before_start"),
        (D(2024, 8, 20), D(2024, 9, 30), "ends_on", "too_long"),
    ],
)
def test_a_window_stays_in_its_year_in_order_and_within_a_month(
    plan_year, first, last, field, code
):
    from django.core.exceptions import ValidationError

    window = KeyDay(plan_year=plan_year, kind=SCIENCE, starts_on=first, ends_on=last)
    with pytest.raises(ValidationError) as error:
        window.full_clean()
    assert error.value.error_dict[field][0].code == code
