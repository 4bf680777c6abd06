"""The enterprise registry: the spine of the plan, keyed by the 统一社会信用代码."""

import datetime

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from guangde_plan.lib.dates import add_years
from guangde_plan.lib.uscc import validate_uscc
from guangde_plan.lib.validators import phone_validator, validate_past_date
from guangde_plan.models import OrgUnit


class TechField(models.TextChoices):
    """The 8 national key high-tech fields (国家重点支持的高新技术领域)."""

    ELECTRONIC_INFORMATION = "electronic_information", _("Electronic information")
    BIOMEDICINE = "biomedicine", _("Biology and new medicine")
    AEROSPACE = "aerospace", _("Aerospace")
    NEW_MATERIALS = "new_materials", _("New materials")
    HIGH_TECH_SERVICES = "high_tech_services", _("High-tech services")
    NEW_ENERGY = "new_energy", _("New energy and energy saving")
    RESOURCES_ENVIRONMENT = "resources_environment", _("Resources and environment")
    ADVANCED_MANUFACTURING = "advanced_manufacturing", _("Advanced manufacturing and automation")


class Enterprise(models.Model):
    name = models.CharField(_("enterprise name"), max_length=200)
    uscc = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_uscc],
        error_messages={"unique": _("An enterprise with this code is already registered.")},
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        related_name="enterprises",
        verbose_name=_("township or park"),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    tech_field = models.CharField(
        _("high-tech field"), max_length=30, choices=TechField.choices, blank=True
    )
    registered_on = models.DateField(
        _("registration date"), null=True, blank=True, validators=[validate_past_date]
    )
    production_started_on = models.DateField(
        _("production start date"), null=True, blank=True, validators=[validate_past_date]
    )
    is_above_designated_size = models.BooleanField(
        _("industrial enterprise above designated size"),
        default=False,
        help_text=_("规上工业企业: main-business revenue of 20 million yuan or more."),
    )
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=30, blank=True, validators=[phone_validator]
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        indexes = [
            models.Index(fields=["org_unit", "name"], name="enterprises_unit_name_idx"),
            models.Index(fields=["production_started_on"], name="enterprises_production_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("enterprises:detail", args=[self.pk])

    def started_production_within(self, years: int, today: datetime.date) -> bool:
        """On the plan's tracking-service list: production started in the last `years`."""
        if self.production_started_on is None:
            return False
        return self.production_started_on >= tracking_cutoff(today, years)


def tracking_cutoff(today: datetime.date, years: int = 2) -> datetime.date:
    """The earliest production start date that still counts as 'the last `years` years'."""
    return add_years(today, -years)
