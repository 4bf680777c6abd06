"""Reads of the innovative-city records: latest values, open and overdue notices."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from platforms import selectors_city as city
from platforms.models import IndicatorGroup

from .factories import DepartmentFactory, IndicatorFactory, IndicatorValueFactory, issue_notice

D = datetime.date


def at_noon(day: datetime.date):
    return datetime.datetime(day.year, day.month, day.day, 4, tzinfo=datetime.UTC)


def test_the_latest_value_is_the_one_of_the_latest_day_then_the_last_recorded(plan_year):
    indicator = IndicatorFactory()
    IndicatorValueFactory(indicator=indicator, as_of=D(2024, 5, 1), value=Decimal("7"))
    IndicatorValueFactory(indicator=indicator, as_of=D(2024, 4, 1), value=Decimal("9"))
    IndicatorValueFactory(indicator=indicator, as_of=D(2024, 5, 1), value=Decimal("8"))
    row = city.indicator_list(plan_year=plan_year).get()
    assert (row.latest_value, row.latest_as_of) == (Decimal("8"), D(2024, 5, 1))


def test_an_indicator_without_values_has_none(plan_year):
    IndicatorFactory()
    row = city.indicator_list(plan_year=plan_year).get()
    assert row.latest_value is None and row.latest_as_of is None


def test_open_notices_count_the_unanswered_only(plan_year, staff_user):
    indicator = IndicatorFactory()
    answered = issue_notice(indicators=[indicator])
    issue_notice(indicators=[indicator])
    issue_notice(indicators=[indicator])
    answered.replied_on = D(2024, 3, 5)
    answered.save()
    assert city.indicator_list(plan_year=plan_year).get().open_notices == 2


def test_indicators_come_in_the_order_of_their_lines_of_work(plan_year):
    """Said in the query: a GROUP BY (the notice count) drops the model's ordering."""
    first, *_middle, last = IndicatorGroup.objects.order_by("sort_order")
    b = IndicatorFactory(name="乙", group=last, sort_order=1)
    a2 = IndicatorFactory(name="甲2", group=first, sort_order=2)
    a1 = IndicatorFactory(name="甲1", group=first, sort_order=1)
    assert list(city.indicator_list(plan_year=plan_year)) == [a1, a2, b]
    groups = city.indicator_groups(plan_year=plan_year)
    assert [group.name for group, _ in groups] == ["补短板", "强基础", "增优势", "优环境", "多交流"]
    assert [indicators for _, indicators in groups] == [[a1, a2], [], [], [], [b]]


def test_units_are_listed_by_name_with_their_counts(plan_year):
    zeta = DepartmentFactory(name="乙局")
    alpha = DepartmentFactory(name="甲局")
    IndicatorFactory(department=alpha)
    IndicatorFactory(department=alpha)
    issue_notice(department=alpha)
    issue_notice(department=alpha)
    answered = issue_notice(department=alpha)
    answered.replied_on = D(2024, 3, 5)
    answered.save()
    rows = list(city.department_list())
    assert [d.name for d in rows] == sorted([zeta.name, alpha.name])
    counts = {d.name: (d.indicator_count, d.open_notice_count) for d in rows}
    assert counts == {"甲局": (2, 2), "乙局": (0, 0)}


def test_a_notice_becomes_overdue_the_day_after_its_due_day(plan_year):
    notice = issue_notice(issued_on=D(2024, 3, 1), due_on=D(2024, 3, 20))
    with time_machine.travel(at_noon(D(2024, 3, 20)), tick=False):
        assert list(city.notices_overdue(today=D(2024, 3, 20))) == []
    with time_machine.travel(at_noon(D(2024, 3, 21)), tick=False):
        assert list(city.notices_overdue(today=D(2024, 3, 21))) == [notice]
        assert city.days_overdue(notice, today=D(2024, 3, 21)) == 1
    notice.replied_on = D(2024, 3, 22)
    notice.save()
    assert list(city.notices_overdue(today=D(2024, 4, 1))) == []


@pytest.mark.parametrize(
    ("status", "expected"),
    [("open", {"due", "late"}), ("overdue", {"late"}), ("replied", {"answered"})],
)
def test_notice_statuses(plan_year, status, expected):
    issue_notice(subject="due", due_on=D(2024, 3, 20))
    issue_notice(subject="late", due_on=D(2024, 3, 19))
    answered = issue_notice(subject="answered", due_on=D(2024, 3, 1))
    answered.replied_on = D(2024, 3, 2)
    answered.save()
    rows = city.notice_list().filter(city.notice_status_q(status, today=D(2024, 3, 20)))
    assert {notice.subject for notice in rows} == expected
