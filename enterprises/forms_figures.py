"""Forms of the figures, readiness, candidates and rules pages."""

import re
import unicodedata
from dataclasses import fields
from decimal import Decimal
from itertools import pairwise

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from guangde_plan.lib.forms import GroupedDecimalField, GroupedIntegerField
from guangde_plan.models import PLAN_YEAR_MIN
from guangde_plan.selectors import org_units_visible

from .models import AnnualFigures
from .readiness import DEFAULT_RULES, MAX_YEARS_REGISTERED, Band, Rules
from .selectors_figures import figures_year_taken


def _figures_formfield(model_field, **kwargs):
    # Money and counts accept "1,234.5"; none may be negative. A text input, because a
    # browser's number input refuses the separators before the server sees them.
    if isinstance(model_field, models.DecimalField):
        return model_field.formfield(form_class=GroupedDecimalField, min_value=0, **kwargs)
    if isinstance(model_field, models.PositiveIntegerField):
        return model_field.formfield(form_class=GroupedIntegerField, min_value=0, **kwargs)
    return model_field.formfield(**kwargs)


class AnnualFiguresForm(forms.ModelForm):
    """One enterprise's figures for one year. The enterprise comes from the URL; the model's
    clean() refuses S&T staff above employees, China R&D above total R&D and high-tech
    revenue above sales, each on its field."""

    year = forms.IntegerField(
        label=capfirst(AnnualFigures._meta.get_field("year").verbose_name), min_value=PLAN_YEAR_MIN
    )

    class Meta:
        model = AnnualFigures
        formfield_callback = _figures_formfield
        fields = [
            "year",
            "sales_revenue",
            "main_business_revenue",
            "total_costs",
            "total_assets",
            "employees",
            "tech_staff",
            "rd_expense",
            "rd_expense_domestic",
            "high_tech_revenue",
            "rd_institution_level",
            "has_rd_ledger",
            "invention_applications",
            "class1_ip_count",
            "class2_ip_count",
        ]

    def __init__(self, *args, enterprise, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.enterprise = enterprise
        self.fields["year"].widget.attrs["max"] = timezone.localdate().year

    def clean_year(self):
        year = self.cleaned_data["year"]
        this_year = timezone.localdate().year
        if year > this_year:
            raise ValidationError(
                _("Figures can be entered up to the current year, %(year)d."),
                code="year_in_future",
                params={"year": this_year},
            )
        # The enterprise is not a form field, so ModelForm's unique check skips the
        # (enterprise, year) constraint: check here rather than meet an IntegrityError.
        if figures_year_taken(
            enterprise_id=self.instance.enterprise_id, year=year, exclude_pk=self.instance.pk
        ):
            raise _year_taken(year)
        return year

    def add_year_taken_error(self):
        """For the view, when a concurrent save took the year after clean_year looked."""
        self.add_error("year", _year_taken(self.cleaned_data["year"]))


def _year_taken(year: int) -> ValidationError:
    return ValidationError(
        _(
            "Figures for %(year)d are already recorded for this enterprise; "
            "edit them instead of adding them again."
        ),
        code="figures_year_taken",
        params={"year": year},
    )


# Rules ------------------------------------------------------------------------------------

RULE_LABELS = {
    "hte_min_years_registered": _("HTE: minimum years since registration"),
    "hte_min_tech_staff_pct": _("HTE: minimum S&T staff share of employees (%)"),
    "hte_rd_ratio_bands": _(
        "HTE: minimum three-year R&D ratio (%) by the latest year's sales (10k yuan)"
    ),
    "hte_min_domestic_rd_pct": _("HTE: minimum share of R&D spent in China (%)"),
    "hte_min_high_tech_revenue_pct": _("HTE: minimum high-tech revenue share (%)"),
    "sme_max_employees": _("Tech SME: maximum employees"),
    "sme_max_sales": _("Tech SME: maximum sales revenue (10k yuan)"),
    "sme_max_assets": _("Tech SME: maximum total assets (10k yuan)"),
    "sme_pass_score": _("Tech SME: pass score"),
    "sme_staff_bands": _("Tech SME: points by S&T staff share (%)"),
    "sme_rd_sales_bands": _("Tech SME: points by R&D to sales ratio (%)"),
    "sme_rd_costs_bands": _("Tech SME: points by R&D to total costs ratio (%)"),
    "sme_class1_ip_points": _("Tech SME: points for at least one Class I IP"),
    "sme_class2_ip_bands": _("Tech SME: points by number of Class II IP"),
    "three_zero_rd_activity_min_sales": _(
        "Three zero lists: sales revenue (10k yuan) from which R&D expense is required"
    ),
    "three_zero_rd_institution_min_sales": _(
        "Three zero lists: sales revenue (10k yuan) from which an R&D institution is required"
    ),
    "three_zero_innovation_min_sales": _(
        "Three zero lists: sales revenue (10k yuan) from which innovation results are required"
    ),
}
HTE_BANDS_HELP = _(
    "Pairs of “sales ceiling: minimum %”, lowest ceiling first, separated by commas; "
    "* marks the one band without a ceiling. Example: 5000:5, 20000:4, *:3"
)
POINT_BANDS_HELP = _(
    "Pairs of “threshold: points”, highest threshold first, separated by commas. "
    "Example: 30:20, 25:16, 20:12"
)
OPEN_CEILING = "*"


def _number_text(value) -> str:
    if value is None:
        return OPEN_CEILING
    if isinstance(value, Decimal):
        # 5000.00 → 5000, 2.50 → 2.5: the shortest exact form.
        return format(value.normalize(), "f")
    return str(value)


def bands_text(name: str, value) -> str:
    """A band list as the text the form edits."""
    if name == "hte_rd_ratio_bands":
        return ", ".join(f"{_number_text(ceiling)}:{_number_text(pct)}" for ceiling, pct in value)
    return ", ".join(f"{_number_text(band.threshold)}:{band.points}" for band in value)


def rule_text(name: str, value) -> str:
    if isinstance(value, tuple):
        return bands_text(name, value)
    return _number_text(value)


# Plain decimals only: no exponents, NaN or infinity (int() of "1e999999999" points would
# build a billion-digit number).
_PLAIN_NUMBER = re.compile(r"-?\d{1,12}(\.\d{1,4})?")


def _parse_number(text: str) -> Decimal:
    if not _PLAIN_NUMBER.fullmatch(text):
        raise ValueError(text)
    return Decimal(text)


def _pairs(text: str) -> list[tuple[str, str]]:
    text = unicodedata.normalize("NFKC", text)
    pairs = []
    for entry in re.split(r"[,;\n]", text):
        entry = "".join(entry.split())
        if not entry:
            continue
        parts = entry.split(":")
        if len(parts) != 2:
            raise _unreadable(entry)
        pairs.append((parts[0], parts[1]))
    return pairs


def _unreadable(entry) -> ValidationError:
    return ValidationError(
        _("“%(entry)s” is not a pair of two numbers separated by a colon."),
        code="band_format",
        params={"entry": entry},
    )


def _negative() -> ValidationError:
    return ValidationError(_("Numbers cannot be negative."), code="negative_number")


def parse_point_bands(text: str) -> tuple[Band, ...]:
    bands = []
    for threshold_text, points_text in _pairs(text):
        try:
            threshold = _parse_number(threshold_text)
            points = _parse_number(points_text)
        except ValueError as error:
            raise _unreadable(f"{threshold_text}:{points_text}") from error
        if points != points.to_integral_value():
            raise ValidationError(
                _("Points are whole numbers: “%(points)s” is not."),
                code="points_not_whole",
                params={"points": points_text},
            )
        if threshold < 0 or points < 0:
            raise _negative()
        bands.append(Band(threshold, int(points)))
    if not bands:
        raise ValidationError(_("Enter at least one band."), code="required")
    for higher, lower in pairwise(bands):
        # A higher threshold must score at least as many points as a lower one.
        if not (higher.threshold > lower.threshold and higher.points >= lower.points):
            raise ValidationError(
                _(
                    "List the bands from the highest threshold down, each threshold once and "
                    "points not rising as the threshold falls."
                ),
                code="bands_unsorted",
            )
    return tuple(bands)


def parse_hte_bands(text: str) -> tuple[tuple[Decimal | None, Decimal], ...]:
    bands = []
    for ceiling_text, pct_text in _pairs(text):
        try:
            ceiling = None if ceiling_text in ("", OPEN_CEILING) else _parse_number(ceiling_text)
            pct = _parse_number(pct_text)
        except ValueError as error:
            raise _unreadable(f"{ceiling_text}:{pct_text}") from error
        if (ceiling is not None and ceiling < 0) or pct < 0:
            raise _negative()
        bands.append((ceiling, pct))
    if not bands:
        raise ValidationError(_("Enter at least one band."), code="required")
    if sum(1 for ceiling, _pct in bands if ceiling is None) != 1 or bands[-1][0] is not None:
        raise ValidationError(
            _("Exactly one band, the last, has no sales ceiling (written *)."),
            code="hte_open_band",
        )
    ceilings = [ceiling for ceiling, _pct in bands[:-1]]
    if any(lower >= higher for lower, higher in pairwise(ceilings)):
        raise ValidationError(
            _("List the sales ceilings from the lowest up, each once."), code="bands_unsorted"
        )
    return tuple(bands)


class RulesForm(forms.Form):
    """One field per threshold of `Rules`; band lists as "threshold:points, …" text."""

    def __init__(self, *args, rules: Rules, **kwargs):
        super().__init__(*args, **kwargs)
        self.defaults = {}
        for f in fields(Rules):
            default = getattr(DEFAULT_RULES, f.name)
            self.defaults[f.name] = rule_text(f.name, default)
            label = RULE_LABELS[f.name]
            if isinstance(default, tuple):
                help_text = HTE_BANDS_HELP if f.name == "hte_rd_ratio_bands" else POINT_BANDS_HELP
                field = forms.CharField(label=label, max_length=500, help_text=help_text)
            elif isinstance(default, Decimal):
                field = GroupedDecimalField(
                    label=label, min_value=0, max_digits=14, decimal_places=4
                )
            else:
                field = GroupedIntegerField(
                    label=label,
                    min_value=0,
                    max_value=MAX_YEARS_REGISTERED
                    if f.name == "hte_min_years_registered"
                    else 100_000,
                )
            field.initial = rule_text(f.name, getattr(rules, f.name))
            self.fields[f.name] = field

    @property
    def sections(self):
        """(title, [(bound field, national default as text), …]) for the template."""
        return [
            (
                title,
                [
                    (self[name], self.defaults[name])
                    for name in self.fields
                    if name.startswith(prefix)
                ],
            )
            for prefix, title in (
                ("hte_", _("High-tech enterprise")),
                ("sme_", _("Technology-based SME")),
                (
                    "three_zero_",
                    _("Three zero lists (industrial enterprises above designated size)"),
                ),
            )
        ]

    def clean_hte_rd_ratio_bands(self):
        return parse_hte_bands(self.cleaned_data["hte_rd_ratio_bands"])

    def clean_sme_staff_bands(self):
        return parse_point_bands(self.cleaned_data["sme_staff_bands"])

    def clean_sme_rd_sales_bands(self):
        return parse_point_bands(self.cleaned_data["sme_rd_sales_bands"])

    def clean_sme_rd_costs_bands(self):
        return parse_point_bands(self.cleaned_data["sme_rd_costs_bands"])

    def clean_sme_class2_ip_bands(self):
        return parse_point_bands(self.cleaned_data["sme_class2_ip_bands"])

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            try:
                self.rules = Rules(**cleaned)
            except ValueError as error:  # Rules checks its bands once more
                raise ValidationError(str(error), code="invalid_rules") from error
        return cleaned


# Candidates -------------------------------------------------------------------------------


class CandidatesFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Plan year"), coerce=int, required=False)
    org_unit = forms.ModelChoiceField(
        queryset=None, label=_("Township or park"), required=False, empty_label=_("All units")
    )

    def __init__(self, *args, user, plan_years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(p.year, p.year) for p in plan_years]
        self.fields["org_unit"].queryset = org_units_visible(user=user)
