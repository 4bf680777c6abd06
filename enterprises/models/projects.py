"""Technology projects (section 二 of the plan): needs and results collected from enterprises,
their cooperation with universities and institutes, and their applications to "揭榜挂帅"
key-technology challenges and major result-transfer projects."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .figures import money
from .registry import Enterprise


def check_period(instance, start: str, end: str, message) -> None:
    """Refuse an end before the start, on the end's field (loans, cooperations, …)."""
    started, ended = getattr(instance, start), getattr(instance, end)
    if started and ended and ended < started:
        raise ValidationError({end: ValidationError(message, code="end_before_start")})


class TechDemand(models.Model):
    """A technology need an enterprise stated, or a research result it offers, collected
    by the bureau to match with universities, institutes and other enterprises."""

    class Kind(models.TextChoices):
        NEED = "need", _("Technology need")
        RESULT = "result", _("Research result")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        MATCHED = "matched", _("Matched")
        CLOSED = "closed", _("Closed")

    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.CASCADE,
        related_name="tech_demands",
        verbose_name=_("enterprise"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    collected_on = models.DateField(_("collected on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    matched_with = models.CharField(_("matched with"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-collected_on", "-pk"]
        verbose_name = _("technology need or result")
        verbose_name_plural = _("technology needs and results")

    def __str__(self):
        return self.title


class Cooperation(models.Model):
    """Enterprise–university/institute cooperation (产学研合作)."""

    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.CASCADE,
        related_name="cooperations",
        verbose_name=_("enterprise"),
    )
    partner = models.CharField(_("university or institute"), max_length=200)
    subject = models.CharField(_("subject"), max_length=200)
    amount = money(_("contract amount (10k yuan)"))
    started_on = models.DateField(_("start date"))
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("cooperation")
        verbose_name_plural = _("cooperations")

    def __str__(self):
        return f"{self.partner} · {self.subject}"

    def clean(self):
        check_period(self, "started_on", "ended_on", _("The end date cannot be before the start."))


class KeyProject(models.Model):
    """An application to a "揭榜挂帅" key-technology challenge or a major result-transfer
    project, with its status and the funding granted."""

    class Kind(models.TextChoices):
        CHALLENGE = "challenge", _("Key-technology challenge (揭榜挂帅)")
        TRANSFER = "transfer", _("Major result-transfer project")

    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        PROVINCIAL = "provincial", _("Provincial")
        MUNICIPAL = "municipal", _("Municipal")

    class Status(models.TextChoices):
        PREPARING = "preparing", _("Preparing")
        APPLIED = "applied", _("Applied")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not approved")
        COMPLETED = "completed", _("Completed")

    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.CASCADE,
        related_name="key_projects",
        verbose_name=_("enterprise"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    title = models.CharField(_("project"), max_length=200)
    applied_on = models.DateField(_("applied on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.APPLIED
    )
    funding = money(_("funding granted (10k yuan)"))
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-applied_on", "-pk"]
        verbose_name = _("key project")
        verbose_name_plural = _("key projects")

    def __str__(self):
        return self.title

    def clean(self):
        if self.funding and self.status in (self.Status.PREPARING, self.Status.REJECTED):
            raise ValidationError(
                {"funding": _("Funding is granted only to an approved or completed project.")},
                code="funding_without_approval",
            )
