"""Recognitions: HTE certificates and tech-SME registrations."""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from guangde_plan.lib.dates import add_years
from guangde_plan.lib.validators import validate_past_date
from guangde_plan.models import PLAN_YEAR_MAX, PLAN_YEAR_MIN

from .registry import Enterprise

# 国科发火〔2016〕32号 art. 15: a certificate is valid three years from its issue date; there
# is no renewal, the enterprise applies again as new.
HTE_VALIDITY_YEARS = 3


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    EXPIRES_THIS_YEAR = "expires_this_year", _("Expires this year")
    EXPIRED = "expired", _("Expired")
    NOT_YET_ISSUED = "not_yet_issued", _("Not yet issued")


class HteCertificate(models.Model):
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.CASCADE,
        related_name="hte_certificates",
        verbose_name=_("enterprise"),
    )
    number = models.CharField(
        _("certificate number"),
        max_length=14,
        unique=True,
        validators=[
            RegexValidator(
                r"^GR\d{12}$",
                _("A certificate number is GR followed by 12 digits, e.g. GR202434001234."),
                code="certificate_number",
            )
        ],
        error_messages={"unique": _("A certificate with this number is already recorded.")},
    )
    issued_on = models.DateField(_("issue date"), validators=[validate_past_date])
    # Derived from issued_on (set in save): stored so that counting is one indexed query.
    expires_on = models.DateField(_("valid until (exclusive)"), editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        ordering = ["-issued_on"]
        verbose_name = _("high-tech enterprise certificate")
        verbose_name_plural = _("high-tech enterprise certificates")
        indexes = [
            models.Index(fields=["issued_on", "expires_on"], name="enterprises_hte_valid_idx")
        ]

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        self.expires_on = add_years(self.issued_on, HTE_VALIDITY_YEARS)
        super().save(*args, **kwargs)

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.issued_on <= day < add_years(self.issued_on, HTE_VALIDITY_YEARS)

    def status_on(self, day: datetime.date) -> str:
        expires_on = add_years(self.issued_on, HTE_VALIDITY_YEARS)
        if day < self.issued_on:
            return CertificateStatus.NOT_YET_ISSUED
        if day >= expires_on:
            return CertificateStatus.EXPIRED
        # The last valid day falls in this calendar year: it must apply again this year.
        if (expires_on - datetime.timedelta(days=1)).year == day.year:
            return CertificateStatus.EXPIRES_THIS_YEAR
        return CertificateStatus.VALID


class TechSmeRegistration(models.Model):
    """入库登记: valid for the year it is issued only (国科火字〔2022〕67号)."""

    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.CASCADE,
        related_name="sme_registrations",
        verbose_name=_("enterprise"),
    )
    year = models.PositiveSmallIntegerField(
        _("registration year"),
        validators=[MinValueValidator(PLAN_YEAR_MIN), MaxValueValidator(PLAN_YEAR_MAX)],
    )
    number = models.CharField(
        _("registration number"),
        max_length=40,
        unique=True,
        validators=[
            RegexValidator(
                r"^[0-9A-Z]{8,40}$",
                _("Digits and capital letters only, as printed on the registration."),
                code="registration_number",
            )
        ],
        error_messages={"unique": _("A registration with this number is already recorded.")},
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        ordering = ["-year"]
        verbose_name = _("tech-SME registration")
        verbose_name_plural = _("tech-SME registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "year"], name="enterprises_smeregistration_one_per_year"
            ),
        ]

    def __str__(self):
        return self.number
