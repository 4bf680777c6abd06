"""The readiness page, the candidates list and the rules editor.

The rules are applied by enterprises/readiness.py; this module only loads (through the
selectors) and turns the outcomes into text: every number shown is formatted here, so that
money gets its thousands separators and a ratio without a denominator reads "no data".
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_safe

from guangde_plan.lib.access import admin_view, read_view
from guangde_plan.lib.excel import wants_xlsx, xlsx_response
from guangde_plan.lib.pagination import paginate
from guangde_plan.models import PLAN_YEAR_MAX, PLAN_YEAR_MIN
from guangde_plan.selectors import plan_year_chosen

from .. import exports
from ..forms_figures import CandidatesFilterForm, RulesForm
from ..models import EvaluationRules, Track
from ..readiness import (
    DEFAULT_RULES,
    DIRECT,
    FAIL,
    NO_DATA,
    PASS,
    PROVINCIAL_RD_INSTITUTION,
    VALID_HTE,
    Condition,
    pct_display,
)
from ..selectors import enterprise_get_visible
from ..selectors_figures import (
    candidates_for,
    enterprise_readiness,
    plan_year_get,
    plan_year_list,
)
from ..selectors_pipelines import track_checked

NO_DATA_TEXT = gettext_lazy("no data")
STATUS_LABELS = {
    PASS: gettext_lazy("pass"),
    FAIL: gettext_lazy("fail"),
    NO_DATA: gettext_lazy("no data"),
    DIRECT: gettext_lazy("confirmed directly"),
}
# Bootstrap colours of the status badges.
STATUS_STYLES = {PASS: "success", FAIL: "danger", NO_DATA: "secondary", DIRECT: "primary"}
DIRECT_PATH_LABELS = {
    VALID_HTE: gettext_lazy("holds a high-tech enterprise certificate valid in the year"),
    PROVINCIAL_RD_INSTITUTION: gettext_lazy(
        "has an R&D institution recognised at provincial level or above"
    ),
}

# How each HTE condition and tech-SME eligibility check is measured.
PERCENT_MINIMUMS = {"tech_staff", "rd_ratio", "domestic_rd", "high_tech_revenue"}
COUNT_MAXIMUMS = {"employees"}
MONEY_MAXIMUMS = {"sales", "assets"}


# Numbers as text ----------------------------------------------------------------------------


def money_text(value: Decimal | None) -> str:
    """An amount in 万元 with thousands separators; "—" when not reported."""
    return "—" if value is None else f"{value:,.2f}"


def count_text(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def pct_text(value: Decimal | None) -> str:
    return str(NO_DATA_TEXT) if value is None else f"{pct_display(value):,.2f}%"


def ratio_text(part, whole) -> str:
    """part ÷ whole as a percentage; "no data" without a part or with a zero or missing whole."""
    if part is None or not whole:
        return str(NO_DATA_TEXT)
    return pct_text(Decimal(part) * 100 / Decimal(whole))


def _points_text(value: Decimal) -> str:
    return f"{pct_display(abs(value)):,.2f}"


def margin_text(condition: Condition) -> str:
    """By how much a condition holds or fails, in words."""
    margin = condition.margin
    if margin is None:
        return ""
    if condition.code == "registered":
        days = abs(margin)
        if margin >= 0:
            return ngettext(
                "registered %(days)s day before the cut-off",
                "registered %(days)s days before the cut-off",
                days,
            ) % {"days": f"{days:,}"}
        return ngettext(
            "registered %(days)s day after the cut-off",
            "registered %(days)s days after the cut-off",
            days,
        ) % {"days": f"{days:,}"}
    if condition.code in PERCENT_MINIMUMS:
        if margin >= 0:
            return _("+%(points)s percentage points") % {"points": _points_text(margin)}
        if pct_display(margin) == 0:  # short by less than the rounding shows
            return _("short by less than 0.01 percentage points")
        return _("short by %(points)s percentage points") % {"points": _points_text(margin)}
    if condition.code in COUNT_MAXIMUMS:
        if margin >= 0:
            return _("%(count)s below the limit") % {"count": count_text(margin)}
        return _("%(count)s over the limit") % {"count": count_text(-margin)}
    if condition.code in MONEY_MAXIMUMS:
        if margin >= 0:
            return _("%(amount)s (10k yuan) below the limit") % {"amount": money_text(margin)}
        return _("%(amount)s (10k yuan) over the limit") % {"amount": money_text(-margin)}
    # A minimum count (intellectual property).
    if margin >= 0:
        return f"+{margin:,}"
    return _("short by %(count)s") % {"count": count_text(-margin)}


def _value_text(condition: Condition, value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if condition.code in PERCENT_MINIMUMS:
        return pct_text(value)
    if condition.code in MONEY_MAXIMUMS:
        return money_text(value)
    return count_text(value)


def _required_text(condition: Condition) -> str:
    value = _value_text(condition, condition.required)
    if not value:
        return ""
    if condition.code == "registered":
        return _("registered on or before %(date)s") % {"date": value}
    if condition.code in COUNT_MAXIMUMS | MONEY_MAXIMUMS:
        return f"≤ {value}"
    return f"≥ {value}"


@dataclass(frozen=True)
class ConditionRow:
    code: str
    label: str
    status: str
    status_label: str
    style: str
    actual: str
    required: str
    margin: str
    detail: str
    years_used: str


def condition_row(condition: Condition) -> ConditionRow:
    return ConditionRow(
        code=condition.code,
        label=condition.label,
        status=condition.status,
        status_label=STATUS_LABELS[condition.status],
        style=STATUS_STYLES[condition.status],
        actual=_value_text(condition, condition.actual) or str(NO_DATA_TEXT),
        required=_required_text(condition),
        margin=margin_text(condition),
        detail=condition.detail,
        years_used=", ".join(str(year) for year in condition.years_used),
    )


def sme_view(evaluation, rules) -> dict:
    """The tech-SME evaluation as the template shows it."""
    better = None
    if evaluation.rd_points is not None:
        better = "sales" if evaluation.rd_sales_points == evaluation.rd_points else "costs"
    ip_bands = [band.points for band in rules.sme_class2_ip_bands]
    return {
        "evaluation": evaluation,
        "eligibility": [condition_row(check) for check in evaluation.eligibility_checks],
        "eligible_label": STATUS_LABELS[evaluation.eligible],
        "eligible_style": STATUS_STYLES[evaluation.eligible],
        "staff_ratio": pct_text(evaluation.staff_ratio),
        "staff_max": max((band.points for band in rules.sme_staff_bands), default=0),
        "rd_sales_ratio": pct_text(evaluation.rd_sales_ratio),
        "rd_costs_ratio": pct_text(evaluation.rd_costs_ratio),
        "rd_max": max(
            (band.points for band in rules.sme_rd_sales_bands + rules.sme_rd_costs_bands),
            default=0,
        ),
        "rd_better": better,
        "ip_max": max([rules.sme_class1_ip_points, *ip_bands]),
        "pass_score": rules.sme_pass_score,
        "result_label": STATUS_LABELS[evaluation.result],
        "result_style": STATUS_STYLES[evaluation.result],
        "direct_paths": [DIRECT_PATH_LABELS[code] for code in evaluation.direct_confirmation],
    }


# Views --------------------------------------------------------------------------------------


@read_view
@require_safe
def readiness(request, enterprise_id, year):
    enterprise = enterprise_get_visible(user=request.user, pk=enterprise_id)
    result = None
    if PLAN_YEAR_MIN <= year <= PLAN_YEAR_MAX:
        result = enterprise_readiness(enterprise=enterprise, figures_year=year)
    if result is None:
        return render(
            request,
            "enterprises/readiness_no_figures.html",
            {"enterprise": enterprise, "year": year},
            status=404,
        )
    return render(
        request,
        "enterprises/readiness_detail.html",
        {
            "enterprise": enterprise,
            "readiness": result,
            "hte_rows": [condition_row(condition) for condition in result.hte.conditions],
            "sme": sme_view(result.sme, result.rules),
            "figures_used": [
                _figures_used(figures_year, result.figures.get(figures_year))
                for figures_year in range(year - 2, year + 1)
            ],
        },
    )


def _figures_used(year, figures) -> dict:
    return {
        "year": year,
        "reported": figures is not None,
        "sales": money_text(getattr(figures, "sales_revenue", None)),
        "rd": money_text(getattr(figures, "rd_expense", None)),
        "rd_domestic": money_text(getattr(figures, "rd_expense_domestic", None)),
    }


@read_view
@require_safe
def candidates(request, track):
    track_checked(track)
    plan_years = plan_year_list()
    plan_year = plan_year_chosen(request.GET.get("year"), years=plan_years)
    form = CandidatesFilterForm(
        request.GET or None,
        user=request.user,
        plan_years=plan_years,
        initial={"year": plan_year.year},
    )
    # A unit outside the user's scope is not a valid choice: the form says so and the list
    # stays the whole scope.
    org_unit = form.cleaned_data.get("org_unit") if form.is_valid() else None
    rows = candidates_for(user=request.user, track=track, plan_year=plan_year, org_unit=org_unit)
    if wants_xlsx(request):
        table = exports.candidates(
            rows, track=track, track_label=Track(track).label, figures_year=plan_year.year - 1
        )
        return xlsx_response(table.workbook(), table.filename)
    page = paginate(request, rows)
    return render(
        request,
        "enterprises/candidates_list.html",
        {
            "track": track,
            "track_label": Track(track).label,
            "other_track": Track.TECH_SME if track == Track.HTE else Track.HTE,
            "plan_year": plan_year,
            "figures_year": plan_year.year - 1,
            "form": form,
            "page": page,
            "total_count": len(rows),
        },
    )


@admin_view
@require_http_methods(["GET", "POST"])
def rules_update(request, year):
    plan_year = plan_year_get(year=year)
    try:
        stored = plan_year.evaluation_rules
    except EvaluationRules.DoesNotExist:
        stored = None
    current = DEFAULT_RULES
    if stored is not None:
        try:
            current = stored.as_rules()
        except (KeyError, TypeError, ValueError, ArithmeticError):
            # Broken by hand in the Django admin: this page is where it gets repaired.
            messages.warning(
                request,
                _("The stored rules cannot be read; the form shows the national defaults."),
            )
    form = RulesForm(request.POST if request.method == "POST" else None, rules=current)
    if request.method == "POST" and form.is_valid():
        stored = stored or EvaluationRules(plan_year=plan_year)
        stored.rules = form.rules.to_dict()
        stored.full_clean()
        stored.save()
        messages.success(
            request,
            _("The evaluation rules of %(year)d are saved.") % {"year": plan_year.year},
        )
        return redirect("enterprises:rules_update", year=plan_year.year)
    return render(request, "enterprises/rules_form.html", {"form": form, "plan_year": plan_year})
