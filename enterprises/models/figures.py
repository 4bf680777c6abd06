"""An enterprise's annual figures: the data both the HTE and the tech-SME evaluations use."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from guangde_plan.models import PLAN_YEAR_MAX, PLAN_YEAR_MIN

from .registry import Enterprise

NON_NEGATIVE = [MinValueValidator(Decimal("0"))]


def money(verbose_name, help_text=""):
    """An amount in 万元 (10,000 yuan); empty means "not reported", never zero."""
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NON_NEGATIVE,
        help_text=help_text,
    )


def count(verbose_name):
    return models.PositiveIntegerField(verbose_name, null=True, blank=True)


class RdInstitutionLevel(models.TextChoices):
    NONE = "none", _("None")
    IN_HOUSE = "in_house", _("In-house")
    MUNICIPAL = "municipal", _("Municipal")
    PROVINCIAL = "provincial", _("Provincial")
    NATIONAL = "national", _("National")


class AnnualFigures(models.Model):
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="figures", verbose_name=_("enterprise")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(PLAN_YEAR_MIN), MaxValueValidator(PLAN_YEAR_MAX)]
    )
    sales_revenue = money(_("sales revenue (10k yuan)"))
    main_business_revenue = money(_("main-business revenue (10k yuan)"))
    total_costs = money(_("total costs and expenses (10k yuan)"))
    total_assets = money(_("total assets (10k yuan)"))
    employees = count(_("employees"))
    tech_staff = count(_("S&T staff"))
    rd_expense = money(_("R&D expense (10k yuan)"))
    rd_expense_domestic = money(_("R&D expense spent in China (10k yuan)"))
    high_tech_revenue = money(_("high-tech product and service revenue (10k yuan)"))
    rd_institution_level = models.CharField(
        _("R&D institution"),
        max_length=20,
        choices=RdInstitutionLevel.choices,
        default=RdInstitutionLevel.NONE,
    )
    has_rd_ledger = models.BooleanField(_("R&D auxiliary ledger set up"), default=False)
    invention_applications = count(_("invention patent applications in the year"))
    class1_ip_count = count(_("valid Class I IP"))
    class2_ip_count = count(_("valid Class II IP"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["enterprise", "-year"]
        verbose_name = _("annual figures")
        verbose_name_plural = _("annual figures")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "year"], name="enterprises_annualfigures_one_per_year"
            ),
        ]

    def __str__(self):
        return f"{self.enterprise} {self.year}"

    def clean(self):
        errors = {}
        if None not in (self.tech_staff, self.employees) and self.tech_staff > self.employees:
            errors["tech_staff"] = ValidationError(
                _("S&T staff (%(staff)d) cannot exceed the employees (%(employees)d)."),
                code="tech_staff_above_employees",
                params={"staff": self.tech_staff, "employees": self.employees},
            )
        if (
            None not in (self.rd_expense_domestic, self.rd_expense)
            and self.rd_expense_domestic > self.rd_expense
        ):
            errors["rd_expense_domestic"] = ValidationError(
                _("R&D spent in China cannot exceed the total R&D expense."),
                code="domestic_rd_above_total",
            )
        if (
            None not in (self.high_tech_revenue, self.sales_revenue)
            and self.high_tech_revenue > self.sales_revenue
        ):
            errors["high_tech_revenue"] = ValidationError(
                _("High-tech revenue cannot exceed the sales revenue."),
                code="high_tech_above_sales",
            )
        if errors:
            raise ValidationError(errors)
