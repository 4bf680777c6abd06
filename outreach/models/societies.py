"""Learned societies and associations (学会/协会): their charters and terms, so that the next
renewal (换届) is known, and the papers collected from them."""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from guangde_plan.lib.dates import add_years

# A renewal falling due within this many days is shown as due (so it can be prepared).
RENEWAL_NOTICE_DAYS = 180
TERM_YEARS_MAX = 10


class RenewalStatus(models.TextChoices):
    OVERDUE = "overdue", _("Renewal overdue")
    DUE = "due", _("Renewal due soon")
    IN_TERM = "in_term", _("In term")


class Society(models.Model):
    """A society or association under the bureau's guidance: a city-wide record kept by
    bureau staff. Its term runs `term_years` from `term_started_on`; `renewal_due_on`, the
    day its next renewal falls due, is derived on save (so lists can filter on it)."""

    class Kind(models.TextChoices):
        SOCIETY = "society", _("Learned society")
        ASSOCIATION = "association", _("Association")
        RESEARCH = "research", _("Research society")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    supervisor = models.CharField(_("supervising unit"), max_length=200, blank=True)
    chair = models.CharField(_("chair"), max_length=50)
    secretary_general = models.CharField(_("secretary-general"), max_length=50, blank=True)
    member_count = models.PositiveIntegerField(_("members"), default=0)
    charter = models.TextField(
        _("charter"),
        blank=True,
        help_text=_("When it was adopted and its main provisions, or where it is kept."),
    )
    term_started_on = models.DateField(_("current term started on"))
    term_years = models.PositiveSmallIntegerField(
        _("term (years)"),
        validators=[
            MinValueValidator(1, _("A term lasts at least one year.")),
            MaxValueValidator(TERM_YEARS_MAX),
        ],
        help_text=_("As the charter says, usually 5."),
    )
    renewal_due_on = models.DateField(_("next renewal due on"), editable=False)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick when it is dissolved or merged.")
    )
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("society or association")
        verbose_name_plural = _("societies and associations")
        indexes = [models.Index(fields=["renewal_due_on"], name="outreach_society_renewal_idx")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Derived from the row's own fields, so kept with them (a renewal moves both).
        self.renewal_due_on = self.next_renewal_on()
        super().save(*args, **kwargs)

    def next_renewal_on(self) -> datetime.date:
        return add_years(self.term_started_on, self.term_years)

    def renewal_status(self, today: datetime.date) -> str:
        """Overdue once the due day has passed; due from RENEWAL_NOTICE_DAYS before it."""
        due = self.next_renewal_on()
        if due < today:
            return RenewalStatus.OVERDUE
        if due <= today + datetime.timedelta(days=RENEWAL_NOTICE_DAYS):
            return RenewalStatus.DUE
        return RenewalStatus.IN_TERM


class Paper(models.Model):
    """An academic paper collected from a society (征集学术论文), with its evaluation."""

    class Evaluation(models.TextChoices):
        PENDING = "pending", _("Not evaluated yet")
        FIRST = "first", _("First prize")
        SECOND = "second", _("Second prize")
        THIRD = "third", _("Third prize")
        EXCELLENT = "excellent", _("Excellent paper")
        NONE = "none", _("No award")

    society = models.ForeignKey(
        Society,
        on_delete=models.PROTECT,
        related_name="papers",
        verbose_name=_("society or association"),
    )
    title = models.CharField(_("title"), max_length=300)
    authors = models.CharField(_("authors"), max_length=200)
    collected_on = models.DateField(_("collected on"))
    evaluation = models.CharField(
        _("evaluation"), max_length=20, choices=Evaluation.choices, default=Evaluation.PENDING
    )
    award = models.CharField(
        _("award"), max_length=200, blank=True, help_text=_("The honour given, if any.")
    )
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-collected_on", "-pk"]
        verbose_name = _("paper")
        verbose_name_plural = _("papers")

    def __str__(self):
        return self.title

    @property
    def is_awarded(self) -> bool:
        return self.evaluation in (
            self.Evaluation.FIRST,
            self.Evaluation.SECOND,
            self.Evaluation.THIRD,
            self.Evaluation.EXCELLENT,
        )
