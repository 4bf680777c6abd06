"""The help ledger (培育发展台账): activities with enterprises, and the help items of each
enterprise — measures of its help plan (一企一策) and problems it raised."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from guangde_plan.models import OrgUnit

from .registry import Enterprise


class HelpActivity(models.Model):
    """A visit, training or symposium; one record links every enterprise that took part."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("Visit to the enterprise")
        TRAINING = "training", _("Training")
        SYMPOSIUM = "symposium", _("On-site symposium")
        POLICY = "policy", _("Policy briefing")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("township or park"),
        help_text=_("Empty for a city-wide activity."),
    )
    with_tax_office = models.BooleanField(_("with the tax office"), default=False)
    with_statistics_office = models.BooleanField(_("with the statistics office"), default=False)
    with_park_office = models.BooleanField(_("with the park office"), default=False)
    other_partners = models.CharField(_("other partners"), max_length=200, blank=True)
    enterprises = models.ManyToManyField(
        Enterprise, related_name="help_activities", verbose_name=_("enterprises taking part")
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("help activity")
        verbose_name_plural = _("help activities")

    def __str__(self):
        return self.title


class HelpItem(models.Model):
    """One line of an enterprise's help ledger: a measure of its help plan or a problem it
    raised, with who handles it, by when, and how it ended."""

    class Kind(models.TextChoices):
        MEASURE = "measure", _("Help-plan measure")
        PROBLEM = "problem", _("Problem raised")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Solved")

    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.CASCADE,
        related_name="help_items",
        verbose_name=_("enterprise"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    problem = models.TextField(_("problem"))
    measure = models.TextField(_("measure or answer"), blank=True)
    owner = models.CharField(_("owner"), max_length=100, blank=True)
    raised_on = models.DateField(_("raised on"))
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    done_on = models.DateField(_("solved on"), null=True, blank=True)
    activity = models.ForeignKey(
        HelpActivity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("raised at activity"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["status", "due_on", "-raised_on"]
        verbose_name = _("help item")
        verbose_name_plural = _("help items")
        indexes = [models.Index(fields=["status", "due_on"], name="enterprises_helpitem_due_idx")]

    def __str__(self):
        return self.problem[:50]

    def clean(self):
        errors = {}
        if self.due_on and self.raised_on and self.due_on < self.raised_on:
            errors["due_on"] = ValidationError(
                _("The due date cannot be before the date it was raised."), code="due_before_raised"
            )
        if self.status == self.Status.DONE and not self.done_on:
            errors["done_on"] = ValidationError(
                _("Give the date it was solved."), code="done_without_date"
            )
        if self.done_on and self.raised_on and self.done_on < self.raised_on:
            errors["done_on"] = ValidationError(
                _("It cannot be solved before it was raised."), code="done_before_raised"
            )
        if errors:
            raise ValidationError(errors)
