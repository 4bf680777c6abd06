"""The innovative-city models' own derived values: met or not, overdue or not, the
reference printed on a notice."""

import datetime
from decimal import Decimal

import pytest

from platforms.models import Indicator, Notice

D = datetime.date


@pytest.mark.parametrize(
    ("direction", "target", "value", "met"),
    [
        ("at_least", "10", "10", True),
        ("at_least", "10", "9.99", False),
        ("at_least", "10", "12", True),
        ("at_most", "10", "10", True),
        ("at_most", "10", "10.01", False),
        ("at_most", "10", "3", True),
        ("at_least", None, "3", None),
        ("at_most", "10", None, None),
    ],
)
def test_an_indicator_is_met_by_a_value_in_its_direction(direction, target, value, met):
    indicator = Indicator(direction=direction, target=None if target is None else Decimal(target))
    assert indicator.is_met_by(None if value is None else Decimal(value)) is met


def test_a_notice_is_overdue_from_the_day_after_its_due_day():
    notice = Notice(due_on=D(2024, 3, 20))
    assert not notice.is_overdue_on(D(2024, 3, 19))
    assert not notice.is_overdue_on(D(2024, 3, 20))
    assert notice.is_overdue_on(D(2024, 3, 21))


def test_a_replied_notice_is_never_overdue():
    notice = Notice(due_on=D(2024, 3, 20), replied_on=D(2024, 4, 2))
    assert notice.is_replied
    assert not notice.is_overdue_on(D(2024, 5, 1))


@pytest.mark.django_db
def test_the_reference_is_the_year_and_a_three_digit_number(plan_year):
    assert Notice(plan_year=plan_year, number=3).reference == "2024-003"
    assert Notice(plan_year=plan_year, number=112).reference == "2024-112"
