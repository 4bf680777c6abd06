"""Policy and statistics work: the key-enterprise list of the annual statistical reporting
(who reported, who is missing), and policies with the enterprises that benefited."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from guangde_plan.models import PLAN_YEAR_MAX, PLAN_YEAR_MIN

from .figures import money
from .registry import Enterprise


class StatisticsReport(models.Model):
    """An enterprise on the key list of a year's statistical reporting (R&D statistics,
    high-tech statistics), and whether and when it reported."""

    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.CASCADE,
        related_name="statistics_reports",
        verbose_name=_("enterprise"),
    )
    year = models.PositiveSmallIntegerField(
        _("reporting year"),
        validators=[MinValueValidator(PLAN_YEAR_MIN), MaxValueValidator(PLAN_YEAR_MAX)],
    )
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "enterprise__name"]
        verbose_name = _("statistics report")
        verbose_name_plural = _("statistics reports")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "year"], name="enterprises_statisticsreport_once"
            )
        ]

    def __str__(self):
        return f"{self.enterprise} · {self.year}"


class Policy(models.Model):
    title = models.CharField(_("policy"), max_length=200)
    issuer = models.CharField(_("issued by"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-issued_on", "title"]
        verbose_name = _("policy")
        verbose_name_plural = _("policies")

    def __str__(self):
        return self.title


class PolicyBenefit(models.Model):
    """Money (or a measure) an enterprise received under a policy."""

    policy = models.ForeignKey(
        Policy, on_delete=models.PROTECT, related_name="benefits", verbose_name=_("policy")
    )
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.CASCADE,
        related_name="policy_benefits",
        verbose_name=_("enterprise"),
    )
    amount = money(_("amount (10k yuan)"))
    granted_on = models.DateField(_("granted on"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-granted_on", "-pk"]
        verbose_name = _("policy benefit")
        verbose_name_plural = _("policy benefits")

    def __str__(self):
        return f"{self.policy} · {self.enterprise}"
