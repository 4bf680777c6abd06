"""The R&D growth page and the three 三个清零 lists. The figures come from enterprises/rd.py,
the same selectors as the dashboard's figures; the plan year picks the figures year there."""

from dataclasses import dataclass

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from guangde_plan.lib.access import read_view
from guangde_plan.lib.excel import wants_xlsx, xlsx_response
from guangde_plan.lib.http import NotFound
from guangde_plan.selectors import org_units_visible, plan_year_chosen

from .. import exports
from ..rd import (
    MOVERS_SHOWN,
    THREE_ZERO_KINDS,
    THREE_ZERO_LABELS,
    Growth,
    field_label,
    figures_year_for,
    rd_report_visible,
    three_zero_list_visible,
)
from ..selectors_figures import plan_year_list, rules_of


@dataclass(frozen=True)
class GrowthRow:
    label: str
    growth: Growth


def _plan_and_figures_year(request):
    plan_years = plan_year_list()
    plan_year = plan_year_chosen(request.GET.get("year"), years=plan_years)
    return plan_years, plan_year, figures_year_for(plan_year=plan_year.year)


@read_view
@require_safe
def rd_growth(request):
    plan_years, plan_year, figures_year = _plan_and_figures_year(request)
    report = rd_report_visible(user=request.user, year=figures_year)
    if wants_xlsx(request):
        table = exports.rd_enterprises(report)
        return xlsx_response(table.workbook(), table.filename)
    units = org_units_visible(user=request.user).order_by("sort_order", "code")
    return render(
        request,
        "enterprises/rd_growth.html",
        {
            "plan_year": plan_year,
            "years": plan_years,
            "figures_year": figures_year,
            "report": report,
            "by_unit": [
                GrowthRow(unit.name, report.by_unit.get(unit.pk, Growth())) for unit in units
            ],
            "by_field": sorted(
                (
                    GrowthRow(field_label(value), growth)
                    for value, growth in report.by_field.items()
                ),
                key=lambda row: -(row.growth.current or 0),
            ),
            "movers_up": report.movers_up[:MOVERS_SHOWN],
            "movers_down": report.movers_down[:MOVERS_SHOWN],
            "missing": report.missing,
        },
    )


@read_view
@require_safe
def three_zero(request, kind):
    if kind not in THREE_ZERO_KINDS:
        raise NotFound(_("There is no such list."))
    plan_years, plan_year, figures_year = _plan_and_figures_year(request)
    rules = rules_of(plan_year)
    result = three_zero_list_visible(user=request.user, kind=kind, year=figures_year, rules=rules)
    if wants_xlsx(request):
        table = exports.three_zero(result, label=str(THREE_ZERO_LABELS[kind]))
        return xlsx_response(table.workbook(), table.filename)
    return render(
        request,
        "enterprises/three_zero.html",
        {
            "plan_year": plan_year,
            "years": plan_years,
            "figures_year": figures_year,
            "kind": kind,
            "tabs": [(value, THREE_ZERO_LABELS[value]) for value in THREE_ZERO_KINDS],
            "list": result,
        },
    )
