"""Science-popularisation bases and demonstration units (科普阵地), and their recommendation
to higher levels (择优推荐参加各级科普示范单位、科普基地评选)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from guangde_plan.lib.validators import phone_validator
from guangde_plan.models import OrgUnit

from .common import result_errors


class Level(models.TextChoices):
    COUNTY = "county", _("County level")
    MUNICIPAL = "municipal", _("Municipal level")
    PROVINCIAL = "provincial", _("Provincial level")
    NATIONAL = "national", _("National level")


LEVEL_RANK = {level: rank for rank, level in enumerate(Level.values)}
PROVINCIAL_OR_ABOVE = (Level.PROVINCIAL, Level.NATIONAL)


class Base(models.Model):
    """A science-popularisation education base (科普教育基地), research-study base, or a
    demonstration village or community (科普示范村/社区), at the level it holds now."""

    class Kind(models.TextChoices):
        EDUCATION_BASE = "education_base", _("Science-popularisation education base")
        STUDY_BASE = "study_base", _("Research-study base")
        DEMO_VILLAGE = "demo_village", _("Demonstration village")
        DEMO_COMMUNITY = "demo_community", _("Demonstration community")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    org_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("township or park")
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.COUNTY)
    level_since = models.DateField(
        _("at this level since"),
        null=True,
        blank=True,
        help_text=_("The day it was recognised at its current level."),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=30, blank=True, validators=[phone_validator]
    )
    note = models.TextField(_("note"), blank=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick when it is closed or lost its title.")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["org_unit__sort_order", "org_unit__code", "name", "pk"]
        verbose_name = _("base or demonstration unit")
        verbose_name_plural = _("bases and demonstration units")

    def __str__(self):
        return self.name


class BaseRecommendation(models.Model):
    """A base recommended to a higher level's selection, and how it ended. A recognition
    raises the base's level (outreach/services.py)."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Awaiting the result")
        RECOGNISED = "recognised", _("Recognised")
        NOT_RECOGNISED = "not_recognised", _("Not recognised")

    base = models.ForeignKey(
        Base, on_delete=models.CASCADE, related_name="recommendations", verbose_name=_("base")
    )
    to_level = models.CharField(
        _("recommended to"),
        max_length=20,
        choices=[choice for choice in Level.choices if choice[0] != Level.COUNTY],
    )
    recommended_on = models.DateField(_("recommended on"))
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )
    decided_on = models.DateField(_("result on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-recommended_on", "-pk"]
        verbose_name = _("base recommendation")
        verbose_name_plural = _("base recommendations")

    def __str__(self):
        return f"{self.base} → {self.get_to_level_display()}"

    def clean(self):
        errors = result_errors(
            decided=self.outcome != self.Outcome.PENDING,
            result_on=self.decided_on,
            asked_on=self.recommended_on,
            field="decided_on",
        )
        if errors:
            raise ValidationError(errors)
