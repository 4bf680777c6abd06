"""Issuing notices (numbered per plan year) and recording their replies with the values
received (all or nothing)."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from guangde_plan.models import PlanYear
from platforms.models import IndicatorValue, Notice
from platforms.services import notice_issue, notice_record_reply

from .factories import DepartmentFactory, IndicatorFactory, issue_notice

D = datetime.date
pytestmark = pytest.mark.usefixtures("frozen_today")


def codes(error: ValidationError) -> dict:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def test_notices_are_numbered_within_their_plan_year(plan_year, staff_user):
    other_year = PlanYear.objects.create(year=2023, title="2023年工作计划")
    first = issue_notice(by=staff_user)
    second = issue_notice()
    elsewhere = issue_notice(plan_year=other_year, issued_on=D(2023, 5, 1), due_on=D(2023, 6, 1))
    third = issue_notice()
    assert [first.number, second.number, third.number] == [1, 2, 3]
    assert elsewhere.number == 1 and elsewhere.reference == "2023-001"
    assert third.reference == "2024-003"
    assert first.issued_by == staff_user


def test_a_number_is_never_given_twice_in_a_year(plan_year):
    """Two staff issuing at once: the service locks the year's row while it counts (it
    waits on PostgreSQL); the unique constraint is the last guard."""
    notice = issue_notice()
    duplicate = Notice(
        department=notice.department,
        plan_year=plan_year,
        number=notice.number,
        subject="重复",
        content="重复",
        issued_on=D(2024, 3, 1),
        due_on=D(2024, 3, 2),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_a_due_date_before_the_issue_date_is_refused(plan_year):
    with pytest.raises(ValidationError) as error:
        issue_notice(issued_on=D(2024, 3, 10), due_on=D(2024, 3, 9))
    assert codes(error.value) == {"due_on": ["due_before_issue"]}
    assert not Notice.objects.exists()


def test_the_due_day_may_be_the_issue_day(plan_year):
    assert issue_notice(issued_on=D(2024, 3, 10), due_on=D(2024, 3, 10)).number == 1


def test_an_issue_date_in_the_future_is_refused(plan_year, frozen_today):
    with pytest.raises(ValidationError) as error:
        issue_notice(issued_on=frozen_today + datetime.timedelta(days=1), due_on=D(2024, 7, 1))
    assert codes(error.value) == {"issued_on": ["future_date"]}
    assert not Notice.objects.exists()


def test_indicators_of_another_plan_year_are_refused(plan_year):
    other_year = PlanYear.objects.create(year=2023, title="2023年工作计划")
    old = IndicatorFactory(plan_year=other_year)
    with pytest.raises(ValidationError) as error:
        notice_issue(
            notice=Notice(
                department=DepartmentFactory(),
                plan_year=plan_year,
                subject="s",
                content="c",
                issued_on=D(2024, 3, 1),
                due_on=D(2024, 3, 2),
            ),
            indicators=[old],
            by=None,
        )
    assert codes(error.value) == {"indicators": ["other_year"]}
    assert not Notice.objects.exists()


@pytest.fixture
def notice_with_two(plan_year, stats_bureau):
    rd = IndicatorFactory(name="全社会研发经费投入强度", department=stats_bureau)
    coverage = IndicatorFactory(name="规上工业企业研发活动覆盖率", department=stats_bureau)
    notice = issue_notice(department=stats_bureau, indicators=[rd, coverage])
    return notice, rd, coverage


def test_the_reply_records_each_value_received(notice_with_two, staff_user):
    notice, rd, coverage = notice_with_two
    notice_record_reply(
        notice=notice,
        replied_on=D(2024, 3, 18),
        reply="已报送。",
        values={rd.pk: Decimal("2.31"), coverage.pk: None},
        by=staff_user,
    )
    notice.refresh_from_db()
    assert (notice.replied_on, notice.reply, notice.reply_recorded_by) == (
        D(2024, 3, 18),
        "已报送。",
        staff_user,
    )
    value = IndicatorValue.objects.get()
    assert (value.indicator, value.value, value.as_of, value.notice) == (
        rd,
        Decimal("2.31"),
        D(2024, 3, 18),
        notice,
    )
    assert value.note == "2024-001" and value.recorded_by == staff_user


def test_a_value_for_an_indicator_not_on_the_notice_is_refused(notice_with_two, staff_user):
    notice, rd, _coverage = notice_with_two
    stranger = IndicatorFactory()
    with pytest.raises(ValidationError) as error:
        notice_record_reply(
            notice=notice,
            replied_on=D(2024, 3, 18),
            reply="",
            values={rd.pk: Decimal("1"), stranger.pk: Decimal("2")},
            by=staff_user,
        )
    assert error.value.code == "indicator"
    assert not IndicatorValue.objects.exists()
    notice.refresh_from_db()
    assert notice.replied_on is None


@pytest.mark.parametrize(
    ("replied_on", "code"),
    [(D(2024, 2, 29), "reply_before_notice"), (D(2024, 6, 16), "future_date")],
)
def test_a_reply_dated_before_the_notice_or_in_the_future_is_refused(
    notice_with_two, staff_user, replied_on, code
):
    notice, rd, _coverage = notice_with_two
    with pytest.raises(ValidationError) as error:
        notice_record_reply(
            notice=notice,
            replied_on=replied_on,
            reply="x",
            values={rd.pk: Decimal("1")},
            by=staff_user,
        )
    assert codes(error.value) == {"replied_on": [code]}
    assert not IndicatorValue.objects.exists()
    notice.refresh_from_db()
    assert notice.replied_on is None


def test_a_notice_is_answered_once(notice_with_two, staff_user):
    """A double submit (a stale copy of the notice) records nothing the second time."""
    notice, rd, _coverage = notice_with_two
    stale = Notice.objects.get(pk=notice.pk)
    notice_record_reply(
        notice=notice, replied_on=D(2024, 3, 18), reply="x", values={rd.pk: 1}, by=staff_user
    )
    with pytest.raises(ValidationError) as error:
        notice_record_reply(
            notice=stale, replied_on=D(2024, 3, 19), reply="y", values={rd.pk: 2}, by=staff_user
        )
    assert error.value.code == "already_replied"
    assert IndicatorValue.objects.count() == 1
    assert Notice.objects.get(pk=notice.pk).reply == "x"


@time_machine.travel(datetime.datetime(2024, 3, 18, 23, 30, tzinfo=datetime.UTC), tick=False)
def test_today_is_the_local_day(notice_with_two, staff_user):
    """23:30 UTC is already 07:30 on 19 March in Guangde: a reply of the 19th is not in
    the future."""
    notice, rd, _coverage = notice_with_two
    notice_record_reply(
        notice=notice, replied_on=D(2024, 3, 19), reply="", values={rd.pk: 1}, by=staff_user
    )
    assert IndicatorValue.objects.get().as_of == D(2024, 3, 19)
