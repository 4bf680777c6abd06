"""The hourly beat check and the tasks: on time, at the administrators' day and hour,
catching up a missed week, retried with back-off below the broker's visibility timeout."""

import datetime
from unittest import mock

import time_machine
from celery.schedules import crontab
from django.conf import settings
from django.core import mail

from guangde_plan.celery import app as project_app
from guangde_plan.models import ReminderDelivery, ReminderSchedule
from guangde_plan.reminders.service import RunResult, run_if_due
from guangde_plan.tasks import send_due_reminders, send_weekly_reminders

from .conftest import WEEK

ENTRY = settings.CELERY_BEAT_SCHEDULE["send-due-reminders"]


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment of June 2024 in Guangde (UTC+8)."""
    return datetime.datetime(
        2024, 6, day, hour, minute, tzinfo=datetime.timezone(datetime.timedelta(hours=8))
    )


def test_the_beat_checks_every_hour():
    assert ENTRY["task"] == send_due_reminders.name
    assert send_due_reminders.name in project_app.tasks
    assert ENTRY["schedule"] == crontab(minute=0)
    assert not ENTRY.get("args") and not ENTRY.get("kwargs")
    assert project_app.conf.timezone == "Asia/Shanghai"


def test_every_retry_waits_well_below_the_visibility_timeout():
    for task in (send_due_reminders, send_weekly_reminders):
        assert task.acks_late and task.reject_on_worker_lost
        assert OSError in task.autoretry_for  # smtplib's errors are OSErrors
        assert task.soft_time_limit < task.time_limit
        longest = min(task.retry_backoff * 2 ** (task.max_retries - 1), task.retry_backoff_max)
        visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
        assert longest + task.time_limit < visibility / 4


def test_nothing_before_monday_nine(scenario):
    with time_machine.travel(at(10, 8, 59), tick=False):
        assert run_if_due() is None
    assert mail.outbox == []


def test_monday_nine_sends_the_week(scenario):
    with time_machine.travel(at(10, 9), tick=False):
        result = run_if_due()
    assert result.week == WEEK and result.sent == 5
    # Every later check of the week finds nothing more to send.
    with time_machine.travel(at(10, 10), tick=False):
        assert run_if_due().sent == 0
    assert len(mail.outbox) == 5


def test_a_missed_monday_catches_up_at_the_next_check(scenario):
    """Redis (or the worker, or beat) was down from Sunday to Wednesday morning."""
    assert not ReminderDelivery.objects.exists()
    with time_machine.travel(at(12, 11), tick=False):
        result = run_if_due()
    assert result.week == WEEK and result.sent == 5


def test_the_administrators_day_and_hour(scenario):
    ReminderSchedule.objects.create(weekday=ReminderSchedule.Weekday.TUESDAY, hour=14)
    with time_machine.travel(at(11, 13), tick=False):
        assert run_if_due() is None
    with time_machine.travel(at(11, 14), tick=False):
        assert run_if_due().sent == 5


def test_switched_off_nothing_goes(scenario):
    ReminderSchedule.objects.create(is_active=False)
    with time_machine.travel(at(12, 11), tick=False):
        assert run_if_due() is None
    assert mail.outbox == []


def test_the_tick_runs_the_check(scenario):
    with time_machine.travel(at(10, 9, 1), tick=False):
        result = send_due_reminders.apply().get()
    assert result["sent"] == 5 and result["week"] == "2024-06-10"


def test_failed_emails_make_the_task_retry(scenario):
    calls = []

    def flaky(**kwargs):
        calls.append(kwargs)
        return RunResult(week=WEEK, failed=1, retryable=1 if len(calls) == 1 else 0)

    # apply() runs the retry at once, in place of the worker's delayed redelivery.
    with mock.patch("guangde_plan.tasks.run_week", flaky):
        result = send_weekly_reminders.apply(args=["2024-06-12"], throw=False)
    assert result.successful(), result.traceback
    assert len(calls) == 2 and calls[0]["week"] == datetime.date(2024, 6, 12)


def test_a_malformed_week_is_not_retried(scenario):
    with mock.patch("guangde_plan.tasks.run_week") as service:
        result = send_weekly_reminders.apply(args=["June"], throw=False)
    assert result.failed() and isinstance(result.result, ValueError)
    service.assert_not_called()
