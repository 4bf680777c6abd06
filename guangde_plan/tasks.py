"""Background jobs of the plan itself. Thin: they parse their arguments and call a service,
which the database keeps idempotent, so a redelivery or a retry writes nothing twice."""

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from .lib.dates import parse_iso_date
from .reminders.service import DeliveryIncomplete, run_if_due, run_week
from .snapshots import take_snapshots

logger = logging.getLogger(__name__)

# Retries wait about 30, 60 and 120 s (full jitter, never above SNAPSHOT_RETRY_MAX): long
# enough for a database restart, and far below the broker's visibility timeout (1 h), after
# which Redis would hand a waiting message to a second worker.
SNAPSHOT_RETRY_BACKOFF = 30
SNAPSHOT_RETRY_MAX = 5 * 60
SNAPSHOT_MAX_RETRIES = 3


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    # A lost or restarting database; anything else is a bug a retry would not fix.
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=SNAPSHOT_RETRY_BACKOFF,
    retry_backoff_max=SNAPSHOT_RETRY_MAX,
    retry_jitter=True,
    max_retries=SNAPSHOT_MAX_RETRIES,
    # One run of the engine: a few seconds even on a large registry.
    soft_time_limit=2 * 60,
    time_limit=3 * 60,
)
def take_weekly_snapshots(week_iso: str | None = None) -> dict:
    """Store the week's progress snapshots. The Monday beat passes nothing: "this week" is
    decided here, in Asia/Shanghai, when the task runs. `week_iso` (any day of the week,
    YYYY-MM-DD) back-fills a past week."""
    week = parse_iso_date(week_iso) if week_iso else None
    result = take_snapshots(week=week, today=timezone.localdate())
    logger.info(
        "Snapshots of the week of %s: %d created, %d already there.",
        result.week,
        result.created,
        result.already_there,
    )
    return {
        "week": result.week.isoformat(),
        "taken_on": result.taken_on.isoformat() if result.taken_on else None,
        "created": result.created,
        "already_there": result.already_there,
    }


# Reminder emails. Retries wait about 60, 120 and 240 s (full jitter): an SMTP server or a
# database back from a restart. With the hard time limit that stays far below the broker's
# visibility timeout (1 h). Between and after retries, the hourly check sends what is still
# due (guangde_plan/reminders/service.py counts the attempts per recipient).
REMINDER_RETRY_BACKOFF = 60
REMINDER_RETRY_MAX = 10 * 60
REMINDER_MAX_RETRIES = 3
REMINDER_TASK_OPTIONS = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    # A lost database, an unreachable or failing mail server (smtplib's errors are OSErrors),
    # messages refused this time: a later try may succeed. Nothing is sent twice (the rows).
    "autoretry_for": (OperationalError, InterfaceError, OSError, DeliveryIncomplete),
    "retry_backoff": REMINDER_RETRY_BACKOFF,
    "retry_backoff_max": REMINDER_RETRY_MAX,
    "retry_jitter": True,
    "max_retries": REMINDER_MAX_RETRIES,
    # A county's emails take well under a minute (bench/reminders.py: 3,000 liaisons).
    "soft_time_limit": 9 * 60,
    "time_limit": 10 * 60,
}


def _reminder_result(result) -> dict | None:
    if result is None:
        return None
    if result.retryable:
        # Retried by autoretry_for, with back-off; what was sent is not sent again.
        raise DeliveryIncomplete(f"{result.retryable} reminder emails failed: {result.as_dict()}")
    return result.as_dict()


@shared_task(**REMINDER_TASK_OPTIONS)
def send_due_reminders() -> dict | None:
    """The hourly beat tick: this week's reminders once the schedule's day and hour have
    come (ReminderSchedule, set by administrators), and whatever is still due after that."""
    return _reminder_result(run_if_due(now=timezone.now()))


@shared_task(**REMINDER_TASK_OPTIONS)
def send_weekly_reminders(week_iso: str | None = None) -> dict:
    """The emails of one week still due (any day of it, YYYY-MM-DD; default this week),
    whatever the schedule: the "send now" button of the log page."""
    week = parse_iso_date(week_iso) if week_iso else None
    return _reminder_result(run_week(week=week, now=timezone.now()))
