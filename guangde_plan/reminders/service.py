"""The weekly run: who is due this week's email, their messages, and sending each at most
once.

Exactly once is the database's business, never Celery's. Each recipient has one
ReminderDelivery row per week (unique on recipient and week). A run creates the rows it
lacks, then sends a message only after *claiming* its row with a conditional UPDATE
(pending or failed → sending, one attempt more), and marks it sent once the mail server has
accepted it. A second run at the same time (a second beat, a redelivered task, an
operator's command) finds the row claimed or sent and leaves it; a retry sends only what is
still pending or failed. A row left "sending" by a run that was cut off becomes
"interrupted" and is not sent again: better one reminder missed than one sent twice.

Failures: a message the server refuses (its recipient, its data) is marked failed and the
run goes on; an unreachable or failing server (OSError, which SMTPException belongs to) stops
the run, marks what it had taken failed, and raises, so that the task retries with back-off.
A row is tried MAX_ATTEMPTS times in all; after that it stays failed, and the log shows it.
"""

import datetime
import logging
import smtplib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import ReminderDelivery, ReminderSchedule
from ..snapshots import week_monday
from .build import Message, build_messages, run_context
from .recipients import recipients_all
from .render import render_email

log = logging.getLogger(__name__)
Status = ReminderDelivery.Status

MAX_ATTEMPTS = 6
# Longer than the task's hard time limit (10 minutes): a row still "sending" after this was
# claimed by a run that no longer exists.
STALE_SENDING = datetime.timedelta(minutes=20)
# Errors about one message; the connection is still good for the others.
MESSAGE_ERRORS = (
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPDataError,
    smtplib.SMTPNotSupportedError,
)


class DeliveryIncomplete(Exception):
    """Some of a run's emails failed and will be tried again (the task retries on it)."""


@dataclass
class RunResult:
    week: datetime.date
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    # Recipients whose row was settled before this run (sent, skipped, failed for good).
    settled: int = 0
    # Failed rows a later run will try again.
    retryable: int = 0
    # With dry_run: every message the run would have built.
    messages: list[Message] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "week": self.week.isoformat(),
            "sent": self.sent,
            "failed": self.failed,
            "skipped": self.skipped,
            "settled": self.settled,
            "retryable": self.retryable,
        }


def _is_due(row: ReminderDelivery | None) -> bool:
    if row is None or row.status == Status.PENDING:
        return True
    return row.status == Status.FAILED and row.attempts < MAX_ATTEMPTS


def _release_stale(now: datetime.datetime) -> None:
    ReminderDelivery.objects.filter(
        status=Status.SENDING, claimed_at__lt=now - STALE_SENDING
    ).update(status=Status.INTERRUPTED)


def _record(week: datetime.date, messages: list[Message], stored: dict) -> None:
    """Create the week's rows this run lacks (pending, or skipped with nothing to send);
    a pending or failed row whose recipient now has nothing to do becomes skipped."""
    ReminderDelivery.objects.bulk_create(
        [
            ReminderDelivery(
                week=week,
                recipient_key=m.recipient.key,
                user_id=m.recipient.user_id,
                recipient_name=m.recipient.name[:200],
                email=m.recipient.email,
                kind=m.kind,
                status=Status.PENDING if m.item_count else Status.SKIPPED,
                item_count=m.item_count,
            )
            for m in messages
            if m.recipient.key not in stored
        ],
        batch_size=1000,
        # Another run may have created some of them meanwhile: theirs stand.
        ignore_conflicts=True,
    )
    emptied = [m.recipient.key for m in messages if not m.item_count and m.recipient.key in stored]
    if emptied:
        ReminderDelivery.objects.filter(
            week=week, recipient_key__in=emptied, status__in=[Status.PENDING, Status.FAILED]
        ).update(status=Status.SKIPPED, item_count=0)


def _claim(week: datetime.date, message: Message, subject: str) -> bool:
    """Take the recipient's row for this run; False when another run has it or sent it."""
    recipient = message.recipient
    return bool(
        ReminderDelivery.objects.filter(
            week=week,
            recipient_key=recipient.key,
            status__in=[Status.PENDING, Status.FAILED],
            attempts__lt=MAX_ATTEMPTS,
        ).update(
            status=Status.SENDING,
            attempts=F("attempts") + 1,
            claimed_at=timezone.now(),
            subject=subject[:255],
            item_count=message.item_count,
            email=recipient.email,
            recipient_name=recipient.name[:200],
            kind=message.kind,
            error="",
        )
    )


def _finish(week: datetime.date, key: str, *, error: Exception | None = None) -> None:
    rows = ReminderDelivery.objects.filter(week=week, recipient_key=key, status=Status.SENDING)
    if error is None:
        rows.update(status=Status.SENT, sent_at=timezone.now())
    else:
        rows.update(status=Status.FAILED, error=_error_text(error))


def _error_text(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:1000]


def _fail_unreachable(week: datetime.date, keys: list[str], error: Exception) -> None:
    """The server could not be reached: every message the run was to send counts one
    failed attempt."""
    ReminderDelivery.objects.filter(
        week=week, recipient_key__in=keys, status__in=[Status.PENDING, Status.FAILED]
    ).update(status=Status.FAILED, attempts=F("attempts") + 1, error=_error_text(error))


def run_week(
    *,
    week: datetime.date | None = None,
    now: datetime.datetime | None = None,
    dry_run: bool = False,
) -> RunResult:
    """Send the week's emails still due (default: this week). The content is as of today,
    whatever the week: records keep no history of what was due when. With `dry_run`,
    build the messages and write and send nothing."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    week = week_monday(week or today)
    if week > week_monday(today):
        raise ValidationError(
            _("The week of %(week)s has not begun: only this week or a past one can be sent."),
            code="future_week",
            params={"week": week.isoformat()},
        )
    if not dry_run:
        _release_stale(now)
    recipients = recipients_all()
    stored = {row.recipient_key: row for row in ReminderDelivery.objects.filter(week=week)}
    todo = [r for r in recipients if _is_due(stored.get(r.key))]
    result = RunResult(week=week, settled=len(recipients) - len(todo))
    if not todo:
        return result
    messages = build_messages(recipients=todo, context=run_context(week=week, today=today))
    if dry_run:
        result.messages = messages
        return result

    _record(week, messages, stored)
    result.skipped = sum(1 for m in messages if not m.item_count)
    to_send = [m for m in messages if m.item_count]
    if to_send:
        _send(week, to_send, result)
    return result


def _send(week: datetime.date, messages: list[Message], result: RunResult) -> None:
    connection = get_connection()
    try:
        connection.open()
    except OSError as error:
        _fail_unreachable(week, [m.recipient.key for m in messages], error)
        log.warning("Reminders of the week of %s: mail server unreachable: %s", week, error)
        raise
    try:
        for message in messages:
            email = render_email(message, connection=connection)
            if not _claim(week, message, email.subject):
                continue
            try:
                if not connection.send_messages([email]):
                    raise smtplib.SMTPDataError(554, "the mail backend sent nothing")
            except MESSAGE_ERRORS as error:
                _finish(week, message.recipient.key, error=error)
                result.failed += 1
                log.warning("Reminder to %s refused: %s", message.recipient.email, error)
                continue
            except OSError as error:
                # The server went away: this message failed, the rest wait for the retry.
                _finish(week, message.recipient.key, error=error)
                result.failed += 1
                raise
            _finish(week, message.recipient.key)
            result.sent += 1
    finally:
        connection.close()
        result.retryable = ReminderDelivery.objects.filter(
            week=week, status=Status.FAILED, attempts__lt=MAX_ATTEMPTS
        ).count()
    log.info("Reminders of the week of %s: %s", week, result.as_dict())


def run_if_due(*, now: datetime.datetime | None = None) -> RunResult | None:
    """The hourly check: this week's run once the schedule's day and hour have come (and at
    every later check of the week, which sends only what is still due: a missed Monday, a
    worker or Redis that was down, catches up at the next check)."""
    now = now or timezone.now()
    schedule = ReminderSchedule.current()
    week = week_monday(timezone.localdate(now))
    if not schedule.is_active or now < schedule.due_at(week):
        return None
    return run_week(week=week, now=now)
