"""The innovative-city indicators (plan section 四): each owned by a department of the
city, followed through work-reminder notices (工作提示单) and the values they bring back."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from guangde_plan.lib.validators import phone_validator, validate_past_date
from guangde_plan.models import PlanYear


class Department(models.Model):
    """A unit responsible for indicators (统计局, 发改委, 人社局, …) and its contact."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=30, blank=True, validators=[phone_validator]
    )
    email = models.EmailField(_("email"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("responsible unit")
        verbose_name_plural = _("responsible units")

    def __str__(self):
        return self.name


class IndicatorGroup(models.Model):
    """A line of work of the plan (补短板, 强基础, 增优势, 优环境, 多交流)."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("line of work")
        verbose_name_plural = _("lines of work")

    def __str__(self):
        return self.name


class Indicator(models.Model):
    class Direction(models.TextChoices):
        AT_LEAST = "at_least", _("At least the target")
        AT_MOST = "at_most", _("At most the target")

    plan_year = models.ForeignKey(
        PlanYear, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("plan year")
    )
    group = models.ForeignKey(
        IndicatorGroup,
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name=_("line of work"),
    )
    name = models.CharField(_("name"), max_length=200)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name=_("responsible unit"),
    )
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("unit of measure"), max_length=20, blank=True)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.AT_LEAST
    )
    description = models.TextField(_("definition"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["plan_year", "group__sort_order", "sort_order", "name"]
        verbose_name = _("innovative-city indicator")
        verbose_name_plural = _("innovative-city indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["plan_year", "name"], name="platforms_indicator_name_per_year"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("platforms:indicator_detail", args=[self.pk])

    def is_met_by(self, value) -> bool | None:
        if value is None or self.target is None:
            return None
        if self.direction == self.Direction.AT_MOST:
            return value <= self.target
        return value >= self.target


class Notice(models.Model):
    """A work-reminder notice (工作提示单) to a responsible unit: what is due, by when; then
    the reply and the values received (IndicatorValue rows pointing back here)."""

    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="notices",
        verbose_name=pgettext_lazy("notice", "To"),
    )
    plan_year = models.ForeignKey(
        PlanYear, on_delete=models.PROTECT, related_name="notices", verbose_name=_("plan year")
    )
    number = models.PositiveSmallIntegerField(_("number"), editable=False)
    subject = models.CharField(pgettext_lazy("notice", "Subject"), max_length=200)
    content = models.TextField(_("what is due"))
    indicators = models.ManyToManyField(
        Indicator, blank=True, related_name="notices", verbose_name=_("indicators")
    )
    issued_on = models.DateField(_("issued on"), validators=[validate_past_date])
    due_on = models.DateField(_("due by"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    replied_on = models.DateField(
        _("reply received on"), null=True, blank=True, validators=[validate_past_date]
    )
    reply = models.TextField(_("reply"), blank=True)
    reply_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reply recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        ordering = ["-issued_on", "-number"]
        verbose_name = _("work-reminder notice")
        verbose_name_plural = _("work-reminder notices")
        constraints = [
            models.UniqueConstraint(
                fields=["plan_year", "number"], name="platforms_notice_number_per_year"
            )
        ]
        indexes = [models.Index(fields=["replied_on", "due_on"], name="platforms_notice_due_idx")]

    def __str__(self):
        return f"{self.reference} {self.subject}"

    def get_absolute_url(self):
        return reverse("platforms:notice_detail", args=[self.pk])

    @property
    def reference(self) -> str:
        """As printed on the notice: 2024-003."""
        return f"{self.plan_year.year}-{self.number:03d}"

    @property
    def is_replied(self) -> bool:
        return self.replied_on is not None

    def is_overdue_on(self, day: datetime.date) -> bool:
        """Due yesterday or earlier and no reply recorded: the due day itself is still on time."""
        return self.replied_on is None and self.due_on < day


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    as_of = models.DateField(_("as of"), validators=[validate_past_date])
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    notice = models.ForeignKey(
        Notice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="values",
        verbose_name=_("received with notice"),
    )
    note = models.CharField(_("source or note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        ordering = ["-as_of", "-pk"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        indexes = [models.Index(fields=["indicator", "as_of"], name="platforms_value_latest_idx")]

    def __str__(self):
        return f"{self.indicator} = {self.value} ({self.as_of})"
