"""Technology finance: "科技贷" loans, IP and equity pledges and "科技银行" business per
enterprise, and the white lists of recognised enterprises handed to banks."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .figures import NON_NEGATIVE
from .projects import check_period
from .registry import Enterprise


class FinanceRecord(models.Model):
    class Kind(models.TextChoices):
        TECH_LOAN = "tech_loan", _("Tech loan (科技贷)")
        IP_PLEDGE = "ip_pledge", _("IP pledge")
        EQUITY_PLEDGE = "equity_pledge", _("Equity pledge")
        TECH_BANK = "tech_bank", _("Tech bank business")

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        GRANTED = "granted", _("Granted")
        REPAID = "repaid", _("Repaid")
        REFUSED = "refused", _("Refused")

    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.CASCADE,
        related_name="finance_records",
        verbose_name=_("enterprise"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    bank = models.CharField(_("bank"), max_length=100)
    amount = models.DecimalField(
        _("amount (10k yuan)"), max_digits=14, decimal_places=2, validators=NON_NEGATIVE
    )
    started_on = models.DateField(_("start date"))
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.GRANTED
    )
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("finance record")
        verbose_name_plural = _("finance records")
        indexes = [models.Index(fields=["kind", "started_on"], name="enterprises_finance_kind_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.bank}"

    def clean(self):
        check_period(self, "started_on", "ended_on", _("The end date cannot be before the start."))


class WhiteList(models.Model):
    """The list of HTEs and tech SMEs handed to banks on a day: generated from the
    recognitions valid on that day, then kept as it was handed over."""

    title = models.CharField(_("title"), max_length=200)
    as_of = models.DateField(_("recognitions valid on"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-as_of", "-pk"]
        verbose_name = _("bank white list")
        verbose_name_plural = _("bank white lists")

    def __str__(self):
        return self.title


class WhiteListEntry(models.Model):
    class Recognition(models.TextChoices):
        HTE = "hte", _("High-tech enterprise")
        TECH_SME = "tech_sme", _("Tech-based SME")

    white_list = models.ForeignKey(
        WhiteList, on_delete=models.CASCADE, related_name="entries", verbose_name=_("white list")
    )
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="+", verbose_name=_("enterprise")
    )
    recognition = models.CharField(_("recognition"), max_length=10, choices=Recognition.choices)
    # The certificate or registration number, as it stood when the list was made.
    number = models.CharField(_("certificate or registration number"), max_length=40)

    class Meta:
        ordering = ["white_list", "recognition", "pk"]
        verbose_name = _("white-list entry")
        verbose_name_plural = _("white-list entries")
        constraints = [
            models.UniqueConstraint(
                fields=["white_list", "enterprise", "recognition"],
                name="enterprises_whitelistentry_once",
            )
        ]

    def __str__(self):
        return f"{self.enterprise} · {self.get_recognition_display()}"
