"""What belongs to the plan itself: org units, users and roles, plan years and targets."""

import datetime
import hashlib
import secrets
from decimal import Decimal
from itertools import pairwise

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# The reminder emails' models live in their own module; importing them here registers them.
from .reminders.models import ReminderDelivery, ReminderOptOut, ReminderSchedule  # noqa: F401

PLAN_YEAR_MIN = 2000
PLAN_YEAR_MAX = 2100


class OrgUnit(models.Model):
    """A township-level unit (街道, 镇, 乡) or a park; liaisons work for one or more.

    The statistical division code is the key; the name and kind are data with a history
    (Guangde's three 乡 became 镇 in July 2025 with the same codes), kept in OrgUnitName.
    `name` and `kind` hold the current ones so that lists need no extra query.
    """

    class Kind(models.TextChoices):
        SUBDISTRICT = "subdistrict", _("Subdistrict")
        TOWN = "town", _("Town")
        TOWNSHIP = "township", _("Township")
        PARK = "park", _("Development zone or park")

    code = models.CharField(
        _("division code"),
        max_length=12,
        unique=True,
        validators=[RegexValidator(r"^\d{6,12}$", _("Enter the 6 to 12 digit division code."))],
        help_text=_("Statistical division code (for example 341882100); it never changes."),
    )
    name = models.CharField(_("name"), max_length=50)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")

    def __str__(self):
        return self.name

    def name_on(self, day: datetime.date) -> str:
        """The unit's name as it was on `day` (for reports on past years)."""
        names = sorted(self.names.all(), key=lambda n: n.valid_from or datetime.date.min)
        current = self.name
        for entry in names:
            if entry.valid_from is None or entry.valid_from <= day:
                current = entry.name
        return current


class OrgUnitName(models.Model):
    """One name (and kind) of an org unit, valid from a date until the next one."""

    org_unit = models.ForeignKey(
        OrgUnit, on_delete=models.CASCADE, related_name="names", verbose_name=_("org unit")
    )
    name = models.CharField(_("name"), max_length=50)
    kind = models.CharField(_("kind"), max_length=20, choices=OrgUnit.Kind.choices)
    valid_from = models.DateField(
        _("valid from"), null=True, blank=True, help_text=_("Empty: since the unit existed.")
    )

    class Meta:
        ordering = ["org_unit", "valid_from"]
        verbose_name = _("org unit name")
        verbose_name_plural = _("org unit names")
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "valid_from"], name="guangde_plan_orgunitname_one_per_date"
            ),
            # NULLs are distinct in a unique index: one "since always" name per unit needs
            # its own partial constraint (nulls_distinct=False is not portable to SQLite).
            models.UniqueConstraint(
                fields=["org_unit"],
                condition=models.Q(valid_from__isnull=True),
                name="guangde_plan_orgunitname_one_initial",
            ),
        ]

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A bureau user. What they may see and change follows from `role` and `org_units`."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Bureau administrator")
        STAFF = "staff", _("Bureau staff")
        LIAISON = "liaison", _("Township or park liaison")
        LEADER = "leader", _("Leader (read-only)")

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.LIAISON)
    org_units = models.ManyToManyField(
        OrgUnit,
        blank=True,
        related_name="liaisons",
        verbose_name=_("org units"),
        help_text=_("For liaisons: the units whose data they enter and see."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Language of the interface and of emails."),
    )

    class ReminderKind(models.TextChoices):
        BY_ROLE = "by_role", _("As suits my role")
        REMINDERS = "reminders", _("Reminders: what my units have to do")
        DIGEST = "digest", _("Digest: where the plan stands and what changed")

    reminders_enabled = models.BooleanField(
        _("weekly email"),
        default=True,
        help_text=_("Untick to receive no weekly email at all."),
    )
    reminder_kind = models.CharField(
        _("weekly email to receive"),
        max_length=20,
        choices=ReminderKind.choices,
        default=ReminderKind.BY_ROLE,
        help_text=_("By role: liaisons get reminders, bureau staff and leaders the digest."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        full = f"{self.last_name}{self.first_name}".strip()
        return f"{full} ({self.username})" if full else self.username

    @property
    def is_plan_admin(self) -> bool:
        return self.is_superuser or self.role == self.Role.ADMIN

    @property
    def sees_all_units(self) -> bool:
        """Bureau users (admins, staff, leaders) see every unit; liaisons only their own."""
        return self.is_superuser or self.role != self.Role.LIAISON

    @property
    def can_write(self) -> bool:
        """Leaders read everything and change nothing."""
        return self.is_superuser or self.role != self.Role.LEADER

    @property
    def keeps_city_records(self) -> bool:
        """Bureau staff and administrators: they write the city-wide records no unit owns
        (lib/access.is_bureau_writer, and the menu items marked for_bureau_only)."""
        return self.can_write and self.sees_all_units

    @property
    def weekly_email_kind(self) -> str:
        """Either "reminders" or "digest": the user's choice, else what suits the role."""
        if self.reminder_kind != self.ReminderKind.BY_ROLE:
            return self.reminder_kind
        return self.ReminderKind.DIGEST if self.sees_all_units else self.ReminderKind.REMINDERS


class PlanYear(models.Model):
    """One year's work plan; every year has its own targets (nothing is hard-coded)."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        validators=[MinValueValidator(PLAN_YEAR_MIN), MaxValueValidator(PLAN_YEAR_MAX)],
    )
    title = models.CharField(_("title"), max_length=200)
    source_document = models.CharField(
        _("source document"),
        max_length=200,
        blank=True,
        help_text=_("The published plan the targets come from."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("plan year")
        verbose_name_plural = _("plan years")

    def __str__(self):
        return self.title or str(self.year)


def validate_expected_curve(value) -> None:
    """Twelve cumulative percentages, never decreasing, the last one 100."""
    message = _(
        "Give 12 cumulative percentages, one per month, never decreasing and ending at 100."
    )
    try:
        numbers = [Decimal(str(item)) for item in value]
    except (TypeError, ArithmeticError, ValueError) as error:
        raise ValidationError(message, code="expected_curve") from error
    if (
        len(numbers) != 12
        or numbers[-1] != 100
        or numbers[0] < 0
        or any(later < earlier for earlier, later in pairwise(numbers))
    ):
        raise ValidationError(message, code="expected_curve")


class Target(models.Model):
    """A target of a plan year, keyed by a stable code (`hte_total`, ...)."""

    class Section(models.TextChoices):
        ENTERPRISES = "enterprises", _("Enterprises as the main body of innovation")
        GUIDANCE = "guidance", _("Government guidance: finance and technology")
        PLATFORMS = "platforms", _("Innovation platforms")
        INNOVATIVE_CITY = "innovative_city", _("Building an innovative city")
        OUTREACH = "outreach", _("Science popularisation")

    class Direction(models.TextChoices):
        AT_LEAST = "at_least", _("At least")
        AT_MOST = "at_most", _("At most")
        ZERO = "zero", _("Down to zero")

    plan_year = models.ForeignKey(
        PlanYear, on_delete=models.CASCADE, related_name="targets", verbose_name=_("plan year")
    )
    code = models.SlugField(
        _("code"),
        max_length=64,
        validators=[RegexValidator(r"^[a-z][a-z0-9_]*$", _("Lower-case letters, digits, _."))],
    )
    name = models.CharField(_("name"), max_length=200)
    section = models.CharField(_("section"), max_length=20, choices=Section.choices)
    value = models.DecimalField(
        _("target value"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty when the plan sets no number."),
    )
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.AT_LEAST
    )
    description = models.TextField(_("description"), blank=True)
    # Cumulative share of the target expected by the end of each month, in percent (12
    # numbers ending in 100). Empty: a straight line over the year. Recognitions come in
    # provincial batches late in the year, so admins bend the line where it matters.
    expected_curve = models.JSONField(
        _("expected progress by month (%)"),
        null=True,
        blank=True,
        validators=[validate_expected_curve],
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan_year", "sort_order", "code"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["plan_year", "code"], name="guangde_plan_target_code_unique_per_year"
            )
        ]

    def __str__(self):
        return f"{self.plan_year.year} {self.name}"


class TargetQuota(models.Model):
    """任务分解: the share of a city target allotted to one org unit."""

    target = models.ForeignKey(
        Target, on_delete=models.CASCADE, related_name="quotas", verbose_name=_("target")
    )
    org_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="quotas", verbose_name=_("org unit")
    )
    value = models.DecimalField(
        _("quota"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["target", "org_unit"]
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.UniqueConstraint(
                fields=["target", "org_unit"], name="guangde_plan_targetquota_one_per_unit"
            )
        ]

    def __str__(self):
        return f"{self.target} · {self.org_unit}"


class TargetValue(models.Model):
    """A dated value typed by staff, for targets whose records the app does not hold
    (indicators owned by other departments)."""

    target = models.ForeignKey(
        Target, on_delete=models.CASCADE, related_name="values", verbose_name=_("target")
    )
    recorded_on = models.DateField(_("as of"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("source or note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["target", "-recorded_on"]
        verbose_name = _("target value")
        verbose_name_plural = _("target values")
        constraints = [
            models.UniqueConstraint(
                fields=["target", "recorded_on"], name="guangde_plan_targetvalue_one_per_day"
            )
        ]

    def __str__(self):
        return f"{self.target} {self.recorded_on}: {self.value}"


class ApiToken(models.Model):
    """A key another program sends (`Authorization: Bearer <secret>`) to read the API as
    `user`, within that user's scope. Only the SHA-256 of the secret is stored: the secret
    is shown once, when an administrator creates the token, and cannot be recovered."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
        help_text=_("The token reads what this user may see."),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("Which program uses it, and where.")
    )
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(
        _("prefix"),
        max_length=8,
        editable=False,
        help_text=_("The first characters of the secret, to tell tokens apart."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick to revoke the token.")
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_secret(secret: str) -> str:
        # A plain, unsalted SHA-256 is enough: the secret is 256 random bits, not a password
        # a person chose, and looking a token up by its hash needs the same digest each time.
        return hashlib.sha256(secret.encode()).hexdigest()

    def new_secret(self) -> str:
        """Give the token a fresh secret and return it: the only time anyone sees it."""
        secret = secrets.token_urlsafe(32)
        self.key_hash = self.hash_secret(secret)
        self.prefix = secret[:8]
        return secret


class ProgressSnapshot(models.Model):
    """A target's actual (city-wide when org_unit is empty, else one unit's) as it stood in
    one ISO week: the trend chart's points, and a record to audit a number later. One row
    per target, unit and week — the weekly job can run twice and writes nothing twice."""

    target = models.ForeignKey(
        Target, on_delete=models.CASCADE, related_name="snapshots", verbose_name=_("target")
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("org unit"),
    )
    week = models.DateField(_("week (its Monday)"))
    taken_on = models.DateField(_("figures as of"))
    actual = models.DecimalField(_("actual"), max_digits=14, decimal_places=2, null=True)
    expected = models.DecimalField(_("expected"), max_digits=14, decimal_places=2, null=True)
    status = models.CharField(_("status"), max_length=20)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["target", "week"]
        verbose_name = _("progress snapshot")
        verbose_name_plural = _("progress snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["target", "org_unit", "week"],
                name="guangde_plan_progresssnapshot_one_per_week",
            ),
            # NULLs are distinct in a unique index: the city-wide row needs its own.
            models.UniqueConstraint(
                fields=["target", "week"],
                condition=models.Q(org_unit__isnull=True),
                name="guangde_plan_progresssnapshot_one_city_row_per_week",
            ),
        ]

    def __str__(self):
        return f"{self.target.code} {self.week}"
