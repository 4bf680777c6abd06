"""The records of the weekly reminder emails (registered with the guangde_plan app through
guangde_plan/models.py, which imports them).

- `ReminderDelivery`: one row per recipient and ISO week. The unique constraint is what makes
  a run safe to repeat: a retry, a second beat, a redelivered task or an operator's re-run
  finds the row and never sends a `sent` one again.
- `ReminderOptOut`: outside contacts (responsible units' addresses, who have no account)
  who followed the unsubscribe link. Users switch off on their own account instead.
- `ReminderSchedule`: the day and hour administrators chose (one row; none = Monday 09:00).
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_WEEKDAY = 0  # Monday
DEFAULT_HOUR = 9


class ReminderDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Nothing to send")
        # Left "sending" by a run that was cut off (worker killed mid-send): the message may
        # have gone, so it is never sent again.
        INTERRUPTED = "interrupted", _("Cut off while sending (not sent again)")

    class Kind(models.TextChoices):
        REMINDERS = "reminders", _("Reminders")
        DIGEST = "digest", _("Weekly digest")

    week = models.DateField(_("week (its Monday)"))
    # "user:<pk>" or "department:<pk>": recipients are users or responsible units' contacts.
    recipient_key = models.CharField(_("recipient"), max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reminder_deliveries",
        verbose_name=_("user"),
    )
    recipient_name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("last error"), blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    item_count = models.PositiveIntegerField(_("items"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # When a run took the row to send it: a row left "sending" long after this was cut off
    # mid-send (worker killed) and is never sent again, since it may have gone.
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-week", "recipient_name", "pk"]
        verbose_name = _("reminder email")
        verbose_name_plural = _("reminder emails")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient_key", "week"],
                name="guangde_plan_reminderdelivery_one_per_week",
            )
        ]
        indexes = [models.Index(fields=["week", "status"], name="guangde_plan_reminder_week_idx")]

    def __str__(self):
        return f"{self.week} {self.recipient_name} <{self.email}>"


class ReminderOptOut(models.Model):
    """A recipient without an account (a responsible unit's contact) who unsubscribed."""

    recipient_key = models.CharField(_("recipient"), max_length=40, unique=True)
    email = models.EmailField(_("email"), blank=True)
    created_at = models.DateTimeField(_("unsubscribed at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("unsubscribed contact")
        verbose_name_plural = _("unsubscribed contacts")

    def __str__(self):
        return self.email or self.recipient_key


class ReminderSchedule(models.Model):
    """When the week's reminders go out. An hourly beat tick reads it, so a change applies
    from the next hour on, without restarting anything."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    weekday = models.PositiveSmallIntegerField(
        _("day of the week"), choices=Weekday.choices, default=DEFAULT_WEEKDAY
    )
    hour = models.PositiveSmallIntegerField(
        _("hour"),
        default=DEFAULT_HOUR,
        validators=[MaxValueValidator(23)],
        help_text=_("0 to 23, Beijing time. The emails go out within a few minutes of it."),
    )
    is_active = models.BooleanField(
        _("send reminders"),
        default=True,
        help_text=_("Untick to stop every reminder email, for instance over a holiday."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("reminder schedule")
        verbose_name_plural = _("reminder schedule")

    def __str__(self):
        return str(_("Reminder schedule"))

    @classmethod
    def current(cls) -> "ReminderSchedule":
        """The stored schedule, or the default one (Monday 09:00) while none is stored."""
        return cls.objects.order_by("pk").first() or cls()

    def due_at(self, week: datetime.date) -> datetime.datetime:
        """The moment the reminders of the week starting on Monday `week` are due."""
        day = week + datetime.timedelta(days=self.weekday)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(self.hour)))
