"""Technology intermediaries (科技中介服务机构): who they are, where they come from, their
white-list status, and the enterprises they served."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from guangde_plan.lib.validators import phone_validator
from guangde_plan.models import OrgUnit

from .projects import check_period
from .registry import Enterprise


class Intermediary(models.Model):
    class Origin(models.TextChoices):
        LOCAL = "local", _("Local")
        YANGTZE_DELTA = "yangtze_delta", _("Yangtze Delta agency's branch")
        OTHER = "other", _("Elsewhere")

    name = models.CharField(_("name"), max_length=200, unique=True)
    services = models.CharField(
        _("services"), max_length=300, help_text=_("What it offers: HTE applications, IP, …")
    )
    origin = models.CharField(_("origin"), max_length=20, choices=Origin.choices)
    home_city = models.CharField(
        _("home city"), max_length=50, blank=True, help_text=_("For a branch: e.g. 上海, 杭州.")
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("located in"),
    )
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=30, blank=True, validators=[phone_validator]
    )
    whitelisted_on = models.DateField(_("on the white list since"), null=True, blank=True)
    whitelist_until = models.DateField(_("on the white list until"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("intermediary")
        verbose_name_plural = _("intermediaries")

    def __str__(self):
        return self.name

    def clean(self):
        check_period(
            self,
            "whitelisted_on",
            "whitelist_until",
            _("The white-list end cannot be before its start."),
        )

    def is_whitelisted_on(self, day) -> bool:
        return bool(
            self.whitelisted_on
            and self.whitelisted_on <= day
            and (self.whitelist_until is None or day <= self.whitelist_until)
        )


class IntermediaryService(models.Model):
    """One service an intermediary gave an enterprise."""

    intermediary = models.ForeignKey(
        Intermediary,
        on_delete=models.CASCADE,
        related_name="services_given",
        verbose_name=_("intermediary"),
    )
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.CASCADE,
        related_name="intermediary_services",
        verbose_name=_("enterprise"),
    )
    service = models.CharField(_("service"), max_length=200)
    served_on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-served_on", "-pk"]
        verbose_name = _("intermediary service")
        verbose_name_plural = _("intermediary services")

    def __str__(self):
        return self.service
