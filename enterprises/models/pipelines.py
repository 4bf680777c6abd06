"""Cultivation pipelines: one per track (HTE, tech SME) per enterprise per plan year."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from guangde_plan.models import PlanYear

from .registry import Enterprise


class Track(models.TextChoices):
    HTE = "hte", _("High-tech enterprise")
    TECH_SME = "tech_sme", _("Technology-based SME")


class Stage(models.TextChoices):
    SURVEYED = "surveyed", _("Surveyed")
    CULTIVATING = "cultivating", _("Cultivating")
    APPLIED = "applied", _("Applied")
    RECOGNISED = "recognised", pgettext_lazy("pipeline stage", "Recognised")
    REJECTED = "rejected", _("Not approved")
    WITHDRAWN = "withdrawn", _("Withdrawn")


ACTIVE_STAGES = (Stage.SURVEYED, Stage.CULTIVATING, Stage.APPLIED)
FINAL_STAGES = (Stage.RECOGNISED, Stage.REJECTED, Stage.WITHDRAWN)


class PipelineEntry(models.Model):
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.CASCADE,
        related_name="pipeline_entries",
        verbose_name=_("enterprise"),
    )
    track = models.CharField(_("track"), max_length=10, choices=Track.choices)
    plan_year = models.ForeignKey(
        PlanYear,
        on_delete=models.PROTECT,
        related_name="pipeline_entries",
        verbose_name=_("plan year"),
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    # When the stage last changed: entries untouched for weeks need a nudge.
    stage_changed_on = models.DateField(_("stage changed on"))
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["plan_year", "track", "enterprise__name"]
        verbose_name = _("pipeline entry")
        verbose_name_plural = _("pipeline entries")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "track", "plan_year"],
                name="enterprises_pipelineentry_one_per_track_year",
            ),
        ]
        indexes = [
            models.Index(fields=["plan_year", "track", "stage"], name="enterprises_board_idx")
        ]

    def __str__(self):
        return f"{self.enterprise} · {self.get_track_display()} · {self.plan_year.year}"

    @property
    def is_final(self) -> bool:
        return self.stage in FINAL_STAGES


class PipelineMove(models.Model):
    """Every stage change: when, who, from what to what, and why."""

    entry = models.ForeignKey(
        PipelineEntry, on_delete=models.CASCADE, related_name="moves", verbose_name=_("entry")
    )
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices)
    moved_on = models.DateField(_("date"))
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-moved_on", "-created_at"]
        verbose_name = _("pipeline move")
        verbose_name_plural = _("pipeline moves")

    def __str__(self):
        return f"{self.get_from_stage_display() or '—'} → {self.get_to_stage_display()}"
