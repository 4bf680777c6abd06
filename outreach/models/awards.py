"""Outstanding sci-tech workers (优秀科技工作者): selected locally, then recommended to the
Xuancheng, provincial and national selections, with the results."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from guangde_plan.models import PlanYear

from .common import result_errors


class Selection(models.TextChoices):
    """The selections a local honoree can be recommended to, lowest first."""

    XUANCHENG = "xuancheng", _("Xuancheng selection")
    PROVINCIAL = "provincial", _("Provincial selection")
    NATIONAL = "national", _("National selection")


class Honoree(models.Model):
    """A sci-tech worker selected and honoured locally in a plan year (a city-wide record
    kept by bureau staff)."""

    plan_year = models.ForeignKey(
        PlanYear,
        on_delete=models.PROTECT,
        related_name="outreach_honorees",
        verbose_name=_("plan year"),
    )
    name = models.CharField(_("name"), max_length=50)
    employer = models.CharField(_("work unit"), max_length=200)
    position = models.CharField(_("position or title"), max_length=100, blank=True)
    field = models.CharField(_("field"), max_length=100, blank=True)
    achievements = models.TextField(_("achievements"), blank=True)
    honour = models.CharField(
        _("local honour"),
        max_length=200,
        help_text=_("The title awarded locally, for example 优秀科技工作者."),
    )
    selected_on = models.DateField(_("selected on"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-plan_year__year", "name", "pk"]
        verbose_name = _("outstanding sci-tech worker")
        verbose_name_plural = _("outstanding sci-tech workers")

    def __str__(self):
        return f"{self.name}（{self.employer}）"

    def clean(self):
        if self.selected_on and self.plan_year_id and self.selected_on.year != self.plan_year.year:
            raise ValidationError(
                {
                    "selected_on": ValidationError(
                        _("The selection day must lie in the plan year %(year)s.")
                        % {"year": self.plan_year.year},
                        code="outside_plan_year",
                    )
                }
            )


class AwardRecommendation(models.Model):
    """An honoree recommended to one higher selection, with its result."""

    class Result(models.TextChoices):
        PENDING = "pending", _("Awaiting the result")
        AWARDED = "awarded", _("Awarded")
        NOT_AWARDED = "not_awarded", _("Not awarded")

    honoree = models.ForeignKey(
        Honoree,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("sci-tech worker"),
    )
    selection = models.CharField(_("selection"), max_length=20, choices=Selection.choices)
    recommended_on = models.DateField(_("recommended on"))
    result = models.CharField(
        _("result"), max_length=20, choices=Result.choices, default=Result.PENDING
    )
    result_on = models.DateField(_("result on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["honoree", "selection"]
        verbose_name = _("award recommendation")
        verbose_name_plural = _("award recommendations")
        constraints = [
            models.UniqueConstraint(
                fields=["honoree", "selection"], name="outreach_awardrecommendation_one_each"
            )
        ]

    def __str__(self):
        return f"{self.honoree.name} → {self.get_selection_display()}"

    def clean(self):
        errors = result_errors(
            decided=self.result != self.Result.PENDING,
            result_on=self.result_on,
            asked_on=self.recommended_on,
            field="result_on",
        )
        if errors:
            raise ValidationError(errors)
