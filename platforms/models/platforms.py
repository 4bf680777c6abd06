"""Innovation platforms: enterprise R&D centres, incubators, maker spaces, university
science-park branches, and any other kind an administrator adds.

A platform's level is the outcome of its recognitions (认定) or filings (备案): each is kept
with its date and document number, and the platform's `level` is the highest one not
revoked (kept on the platform so that lists filter on it; set by the services only).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from enterprises.models import Enterprise
from guangde_plan.lib.validators import phone_validator, validate_past_date
from guangde_plan.models import PLAN_YEAR_MAX, PLAN_YEAR_MIN, OrgUnit, PlanYear


class Level(models.TextChoices):
    NONE = "none", pgettext_lazy("platform level", "None")
    MUNICIPAL = "municipal", _("Municipal")
    PROVINCIAL = "provincial", _("Provincial")
    NATIONAL = "national", _("National")


LEVEL_RANK = {Level.NONE: 0, Level.MUNICIPAL: 1, Level.PROVINCIAL: 2, Level.NATIONAL: 3}
RECOGNISED_LEVELS = [(value, label) for value, label in Level.choices if value != Level.NONE]


def next_level(level: str) -> str | None:
    """The level above `level`, or None at the top."""
    rank = LEVEL_RANK[level] + 1
    return next((lv for lv, r in LEVEL_RANK.items() if r == rank), None)


class Category(models.TextChoices):
    # Counts as an enterprise R&D institution: tech-SME direct confirmation at provincial
    # level or above; off the 三个清零 "no R&D institution" list; the R&D-centre target.
    RD_INSTITUTION = "rd_institution", _("R&D institution")
    # Incubation carrier (孵化载体): yearly incubation figures and the gap to the next level;
    # the municipal incubation-platform target.
    INCUBATION = "incubation", _("Incubation carrier")
    OTHER = "other", _("Other")


class PlatformKind(models.Model):
    """A kind of platform (企业研发中心, 科技企业孵化器, 众创空间, …): data, so administrators
    can add the kinds their province runs."""

    class Act(models.TextChoices):
        RECOGNISED = "recognised", _("Recognised (认定)")
        FILED = "filed", _("Filed (备案)")

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=50, unique=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    act = models.CharField(
        _("how a level is granted"), max_length=12, choices=Act.choices, default=Act.RECOGNISED
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("platform kind")
        verbose_name_plural = _("platform kinds")

    def __str__(self):
        return self.name

    @property
    def tracks_incubation(self) -> bool:
        return self.category == Category.INCUBATION


class Platform(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.ForeignKey(
        PlatformKind, on_delete=models.PROTECT, related_name="platforms", verbose_name=_("kind")
    )
    host_enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="platforms",
        verbose_name=_("host enterprise"),
        help_text=_("An enterprise of the registry; leave empty for another organisation."),
    )
    host_organisation = models.CharField(
        _("host organisation"),
        max_length=200,
        blank=True,
        help_text=_("A university, a park company, a government body … (no enterprise)."),
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        related_name="platforms",
        verbose_name=_("township or park"),
    )
    level = models.CharField(
        _("current level"),
        max_length=12,
        choices=Level.choices,
        default=Level.NONE,
        editable=False,
    )
    opened_on = models.DateField(
        _("operating since"), null=True, blank=True, validators=[validate_past_date]
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=30, blank=True, validators=[phone_validator]
    )
    note = models.TextField(_("note"), blank=True)
    closed_on = models.DateField(
        _("closed on"), null=True, blank=True, validators=[validate_past_date]
    )
    closed_reason = models.CharField(_("reason for closing"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("platform")
        verbose_name_plural = _("platforms")
        indexes = [models.Index(fields=["org_unit", "name"], name="platforms_unit_name_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("platforms:detail", args=[self.pk])

    @property
    def host_name(self) -> str:
        return self.host_enterprise.name if self.host_enterprise_id else self.host_organisation

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None


class Recognition(models.Model):
    """One act of a higher authority on a platform: a level granted (认定/备案), confirmed
    again on review (复核), or revoked (撤销, recording the level that remains)."""

    class Act(models.TextChoices):
        GRANTED = "granted", _("Level granted")
        CONFIRMED = "confirmed", _("Confirmed on review")
        REVOKED = "revoked", _("Revoked or downgraded")

    platform = models.ForeignKey(
        Platform,
        on_delete=models.PROTECT,
        related_name="recognitions",
        verbose_name=_("platform"),
    )
    act = models.CharField(_("act"), max_length=12, choices=Act.choices, default=Act.GRANTED)
    level = models.CharField(
        _("level"),
        max_length=12,
        choices=Level.choices,
        help_text=_("For a revocation: the level the platform keeps (none if it loses all)."),
    )
    recognised_on = models.DateField(_("date"), validators=[validate_past_date])
    document_number = models.CharField(
        _("document number"), max_length=100, blank=True, help_text=_("e.g. 皖科企〔2024〕12号")
    )
    issuer = models.CharField(_("issued by"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        ordering = ["-recognised_on", "-pk"]
        verbose_name = _("recognition or filing")
        verbose_name_plural = _("recognitions and filings")
        indexes = [
            models.Index(fields=["act", "level", "recognised_on"], name="platforms_recog_idx")
        ]

    def __str__(self):
        return f"{self.platform} · {self.get_level_display()} · {self.recognised_on}"


class ApplicationStage(models.TextChoices):
    PREPARING = "preparing", _("Preparing")
    APPLIED = "applied", _("Applied")
    RECOGNISED = "recognised", pgettext_lazy("pipeline stage", "Recognised")
    REJECTED = "rejected", _("Not approved")
    WITHDRAWN = "withdrawn", _("Withdrawn")


ACTIVE_STAGES = (ApplicationStage.PREPARING, ApplicationStage.APPLIED)


class Application(models.Model):
    """A platform's application for a level in a plan year: preparing → applied →
    recognised / not approved (or withdrawn)."""

    platform = models.ForeignKey(
        Platform,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("platform"),
    )
    target_level = models.CharField(
        _("level applied for"), max_length=12, choices=RECOGNISED_LEVELS
    )
    plan_year = models.ForeignKey(
        PlanYear,
        on_delete=models.PROTECT,
        related_name="platform_applications",
        verbose_name=_("plan year"),
    )
    stage = models.CharField(_("stage"), max_length=12, choices=ApplicationStage.choices)
    stage_changed_on = models.DateField(_("stage changed on"))
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["plan_year", "platform__name", "pk"]
        verbose_name = _("platform application")
        verbose_name_plural = _("platform applications")
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "target_level", "plan_year"],
                name="platforms_application_one_per_level_year",
            ),
        ]
        indexes = [models.Index(fields=["plan_year", "stage"], name="platforms_appl_stage_idx")]

    def __str__(self):
        return f"{self.platform} → {self.get_target_level_display()} ({self.plan_year.year})"

    @property
    def is_final(self) -> bool:
        return self.stage not in ACTIVE_STAGES


class ApplicationMove(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="moves", verbose_name=_("application")
    )
    from_stage = models.CharField(
        _("from"), max_length=12, choices=ApplicationStage.choices, blank=True
    )
    to_stage = models.CharField(_("to"), max_length=12, choices=ApplicationStage.choices)
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
        verbose_name = _("application move")
        verbose_name_plural = _("application moves")

    def __str__(self):
        return f"{self.get_from_stage_display() or '—'} → {self.get_to_stage_display()}"


def _count(label):
    return models.PositiveIntegerField(label, null=True, blank=True)


def _decimal(label, **kwargs):
    return models.DecimalField(
        label,
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        **kwargs,
    )


class IncubationFigures(models.Model):
    """An incubation carrier's figures at the end of a year (or as of now for this year)."""

    platform = models.ForeignKey(
        Platform,
        on_delete=models.PROTECT,
        related_name="incubation_figures",
        verbose_name=_("platform"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(PLAN_YEAR_MIN), MaxValueValidator(PLAN_YEAR_MAX)]
    )
    area = _decimal(_("incubation area (m²)"))
    incubatees = _count(_("enterprises in incubation"))
    graduates = _count(_("graduated enterprises (cumulative)"))
    fund = _decimal(_("incubation fund (10k yuan)"))
    staff = _count(_("professional incubation staff"))
    mentors = _count(_("start-up mentors"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["platform", "-year"]
        verbose_name = _("incubation figures")
        verbose_name_plural = _("incubation figures")
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "year"], name="platforms_incubationfigures_one_per_year"
            ),
        ]

    def __str__(self):
        return f"{self.platform} · {self.year}"


class LevelCriteria(models.Model):
    """What a kind of platform needs for a level (e.g. national incubator: 国科发区〔2018〕
    300号). Empty = no requirement on that measure. Data, so the bureau corrects the
    provincial and municipal rules without a release."""

    kind = models.ForeignKey(
        PlatformKind, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("kind")
    )
    level = models.CharField(_("level"), max_length=12, choices=RECOGNISED_LEVELS)
    min_operating_years = models.PositiveSmallIntegerField(
        _("operating at least (years)"), null=True, blank=True
    )
    min_area = _decimal(_("area at least (m²)"))
    min_incubatees = _count(_("enterprises in incubation at least"))
    min_density = _decimal(
        _("enterprises in incubation per 1,000 m² at least"),
    )
    min_graduates = _count(_("graduated enterprises at least"))
    min_fund = _decimal(_("incubation fund at least (10k yuan)"))
    min_staff = _count(_("professional incubation staff at least"))
    min_mentors = _count(_("start-up mentors at least"))
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("The rule these numbers come from.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "level"]
        verbose_name = _("level criteria")
        verbose_name_plural = _("level criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "level"], name="platforms_criteria_one_per_level"
            )
        ]

    def __str__(self):
        return f"{self.kind} · {self.get_level_display()}"
