"""The plan year's calendar: one theme a month (一月一主题) and the key days' windows."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from guangde_plan.models import PlanYear

from ..keydays import KeyDayKind

# A key day's window is a day, a week or (全国科普月) a month.
KEY_DAY_MAX_DAYS = 31


class MonthlyTheme(models.Model):
    """The theme of one month's volunteer science-popularisation activities, set by staff."""

    plan_year = models.ForeignKey(
        PlanYear,
        on_delete=models.CASCADE,
        related_name="outreach_themes",
        verbose_name=_("plan year"),
    )
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    title = models.CharField(_("theme"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["plan_year", "month"]
        verbose_name = _("monthly theme")
        verbose_name_plural = _("monthly themes")
        constraints = [
            models.UniqueConstraint(
                fields=["plan_year", "month"], name="outreach_monthlytheme_one_per_month"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.plan_year.year, self.month, 1)


class KeyDay(models.Model):
    """The bureau's window for a key day in one plan year, when 中国科协's notice differs
    from the default (outreach/keydays.py explains the defaults)."""

    plan_year = models.ForeignKey(
        PlanYear,
        on_delete=models.CASCADE,
        related_name="outreach_key_days",
        verbose_name=_("plan year"),
    )
    kind = models.CharField(_("key day"), max_length=20, choices=KeyDayKind.choices)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    note = models.CharField(
        _("source or note"),
        max_length=200,
        blank=True,
        help_text=_("The notice the dates come from."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan_year", "kind"]
        verbose_name = _("key-day window")
        verbose_name_plural = _("key-day windows")
        constraints = [
            models.UniqueConstraint(
                fields=["plan_year", "kind"], name="outreach_keyday_one_per_kind_and_year"
            )
        ]

    def __str__(self):
        return f"{self.plan_year.year} {self.get_kind_display()}"

    def clean(self):
        errors = {}
        year = self.plan_year.year if self.plan_year_id else None
        for name in ("starts_on", "ends_on"):
            day = getattr(self, name)
            if day and year and day.year != year:
                errors[name] = ValidationError(
                    _("The day must lie in the plan year %(year)s.") % {"year": year},
                    code="outside_plan_year",
                )
        if self.starts_on and self.ends_on and "ends_on" not in errors:
            if self.ends_on < self.starts_on:
                errors["ends_on"] = ValidationError(
                    _("The last day cannot be before the first."), code="end_before_start"
                )
            elif (self.ends_on - self.starts_on).days + 1 > KEY_DAY_MAX_DAYS:
                errors["ends_on"] = ValidationError(
                    _("A key day's window lasts at most %(days)s days.")
                    % {"days": KEY_DAY_MAX_DAYS},
                    code="too_long",
                )
        if errors:
            raise ValidationError(errors)
