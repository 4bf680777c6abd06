"""Science-popularisation events (科普活动) and their photos."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from guangde_plan.models import OrgUnit, PlanYear

from .bases import Base
from .societies import Society
from .themes import MonthlyTheme


class Event(models.Model):
    """An activity held: a volunteer activity on the month's theme, a lecture, an exhibition,
    the forum, a visit to front-line workers… It belongs to the township or park that held
    it; an event without one is city-wide (held by the bureau, recorded by its staff)."""

    class Kind(models.TextChoices):
        VOLUNTEER = "volunteer", _("Volunteer activity")
        LECTURE = "lecture", _("Lecture")
        EXHIBITION = "exhibition", _("Exhibition")
        TRAINING = "training", _("Training")
        FORUM = "forum", _("Forum")
        VISIT = "visit", _("Visit to front-line sci-tech workers")
        STUDY_TOUR = "study_tour", _("Study tour")
        COMPETITION = "competition", _("Competition")
        ACADEMIC = "academic", _("Academic exchange")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    theme = models.ForeignKey(
        MonthlyTheme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("monthly theme"),
        help_text=_("Empty when the event is not on a monthly theme."),
    )
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("township or park"),
        help_text=_("Empty for a city-wide event held by the bureau."),
    )
    organisers = models.CharField(_("organisers"), max_length=200, blank=True)
    partners = models.CharField(_("partner units"), max_length=300, blank=True)
    volunteers = models.TextField(_("volunteers"), blank=True)
    volunteer_count = models.PositiveIntegerField(_("number of volunteers"), default=0)
    experts = models.TextField(_("expert-team members"), blank=True)
    audience = models.PositiveIntegerField(
        _("audience"), null=True, blank=True, help_text=_("People reached; empty if not counted.")
    )
    base = models.ForeignKey(
        Base,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("hosted by base"),
    )
    society = models.ForeignKey(
        Society,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("held by society or association"),
    )
    report = models.TextField(_("short report"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("science-popularisation event")
        verbose_name_plural = _("science-popularisation events")
        indexes = [
            models.Index(fields=["held_on"], name="outreach_event_held_on_idx"),
            models.Index(fields=["org_unit", "held_on"], name="outreach_event_unit_day_idx"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.held_on and not PlanYear.objects.filter(year=self.held_on.year).exists():
            errors["held_on"] = ValidationError(
                _("There is no plan for the year %(year)s: an event must fall in a plan year.")
                % {"year": self.held_on.year},
                code="outside_plan_years",
            )
        elif self.held_on and self.theme_id and self.theme.plan_year.year != self.held_on.year:
            errors["theme"] = ValidationError(
                _("This theme belongs to %(theme_year)s; the event is dated %(year)s.")
                % {"theme_year": self.theme.plan_year.year, "year": self.held_on.year},
                code="theme_of_other_year",
            )
        if errors:
            raise ValidationError(errors)


def photo_upload_to(instance, filename: str) -> str:
    """A random name: the uploader's file name (kept apart, for display) says nothing about
    where the file is, and its extension comes from the format Pillow found, not the name."""
    extension = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}[instance.format]
    return f"outreach/photos/{timezone.localdate():%Y}/{uuid.uuid4().hex}{extension}"


class EventPhoto(models.Model):
    """A photo of an event: checked to be a real image on upload (outreach/photos.py), kept
    under MEDIA_ROOT and served only through a view that checks the event's scope."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="photos", verbose_name=_("event")
    )
    image = models.FileField(_("photo"), upload_to=photo_upload_to, max_length=200)
    format = models.CharField(_("format"), max_length=10)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["event", "uploaded_at", "pk"]
        verbose_name = _("event photo")
        verbose_name_plural = _("event photos")

    def __str__(self):
        return self.original_name

    @property
    def content_type(self) -> str:
        return f"image/{self.format.lower()}"
