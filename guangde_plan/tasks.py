"""Background jobs of the plan itself. Thin: they parse their arguments and call a service,
which the database keeps idempotent, so a redelivery or a retry writes nothing twice."""

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from .lib.dates import parse_iso_date
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
