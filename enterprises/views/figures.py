"""Entering an enterprise's annual figures (the model keeps their history)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from guangde_plan.lib.access import write_view
from guangde_plan.lib.forms import save_unless_taken
from guangde_plan.lib.history import change_history
from guangde_plan.lib.http import posted_data
from guangde_plan.models import PLAN_YEAR_MIN

from ..forms_figures import AnnualFiguresForm
from ..selectors import enterprise_get_visible
from ..selectors_figures import figures_get_visible


@write_view
@require_http_methods(["GET", "POST"])
def figures_create(request, enterprise_id):
    enterprise = enterprise_get_visible(user=request.user, pk=enterprise_id)
    form = AnnualFiguresForm(
        posted_data(request), enterprise=enterprise, initial={"year": _initial_year(request)}
    )
    if request.method == "POST" and form.is_valid():
        figures = save_unless_taken(form, on_conflict=lambda form: form.add_year_taken_error())
        if figures is not None:
            messages.success(
                request,
                _("Figures for %(year)d of “%(name)s” added.")
                % {"year": figures.year, "name": enterprise.name},
            )
            return redirect("enterprises:readiness", enterprise_id=enterprise.pk, year=figures.year)
    return render(
        request, "enterprises/figures_form.html", {"form": form, "enterprise": enterprise}
    )


@write_view
@require_http_methods(["GET", "POST"])
def figures_update(request, figures_id):
    figures = figures_get_visible(user=request.user, pk=figures_id)
    enterprise = figures.enterprise
    form = AnnualFiguresForm(posted_data(request), instance=figures, enterprise=enterprise)
    if request.method == "POST" and form.is_valid():
        saved = save_unless_taken(form, on_conflict=lambda form: form.add_year_taken_error())
        if saved is not None:
            messages.success(
                request,
                _("Figures for %(year)d of “%(name)s” saved.")
                % {"year": saved.year, "name": enterprise.name},
            )
            return redirect("enterprises:readiness", enterprise_id=enterprise.pk, year=saved.year)
    return render(
        request,
        "enterprises/figures_form.html",
        {
            "form": form,
            "enterprise": enterprise,
            "figures": figures,
            "history": change_history(figures, unchanging=("enterprise",)),
        },
    )


def _initial_year(request) -> int:
    """?year= when it is a year figures may be entered for, else the last calendar year
    (the year whose figures are due)."""
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return this_year - 1
    return year if PLAN_YEAR_MIN <= year <= this_year else this_year - 1
