"""The plan's targets, and the dated values bureau staff type in for those the app holds no
records for (indicators owned by other departments). The dashboard's actual of such a target
is its latest value on or before the day (guangde_plan.progress)."""

from django.contrib import messages
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from . import progress
from .forms import TargetValueForm
from .lib.access import bureau_view, is_bureau_writer, read_view
from .lib.excel import wants_xlsx, xlsx_from_rows, xlsx_response
from .lib.forms import save_unless_taken
from .lib.http import posted_data
from .models import Target, TargetValue
from .selectors import plan_year_get_or_404, target_list_for_year
from .templatetags.plan_tags import figure

HISTORY_LIMIT = 50


def _get_target(year: int, code: str) -> Target:
    return get_object_or_404(
        Target.objects.select_related("plan_year"), plan_year__year=year, code=code
    )


@read_view
@require_safe
def target_list(request, year):
    """Every target of a plan year: how the plan states it and where its actual comes from."""
    plan_year = plan_year_get_or_404(year=year)
    latest = TargetValue.objects.filter(target=OuterRef("pk")).order_by("-recorded_on")
    # One query whatever the number of targets and values: the latest typed value and its
    # day come in as subqueries. list() runs it now, so that the template does no database
    # access.
    targets = list(
        target_list_for_year(plan_year=plan_year).annotate(
            latest_value=Subquery(latest.values("value")[:1]),
            latest_on=Subquery(latest.values("recorded_on")[:1]),
        )
    )
    for target in targets:
        target.is_computed = target.code in progress.SOURCES
    if wants_xlsx(request):
        return _targets_workbook(plan_year, targets)
    return render(
        request,
        "guangde_plan/target_list.html",
        {
            "plan_year": plan_year,
            "targets": targets,
            "may_add_values": is_bureau_writer(request.user),
        },
    )


def _targets_workbook(plan_year, targets):
    title = _("Targets of %(year)s") % {"year": plan_year.year}
    headers = [_("Code"), _("Target"), _("Section"), _("Target value"), _("Unit of measure")]
    headers += [_("Direction"), _("Actual from"), _("Latest value"), _("As of")]
    rows = [
        [
            target.code,
            target.name,
            target.get_section_display(),
            target.value,
            target.unit,
            target.get_direction_display(),
            _("Computed from the records") if target.is_computed else _("Typed in by staff"),
            None if target.is_computed else target.latest_value,
            None if target.is_computed else target.latest_on,
        ]
        for target in targets
    ]
    filename = f"{title}-{timezone.localdate():%Y%m%d}.xlsx"
    return xlsx_response(xlsx_from_rows(title, headers, rows), filename)


# Marked read_view: every logged-in user may read the values. Adding one is the write,
# guarded by write_view and the bureau check in _add_value.
@read_view
@require_http_methods(["GET", "HEAD", "POST"])
def target_values(request, year, code):
    """A target's typed values, newest first, with the form to add one."""
    target = _get_target(year, code)
    if request.method == "POST":
        return _add_value(request, target)
    form = None
    if target.code not in progress.SOURCES and is_bureau_writer(request.user):
        form = TargetValueForm(target=target, initial={"recorded_on": timezone.localdate()})
    return _render_values(request, target, form)


@bureau_view
def _add_value(request, target):
    if target.code in progress.SOURCES:
        # The actual comes from the records: a typed value would never be shown, so none
        # is stored. The page explains why there is no form.
        return _render_values(request, target, None, status=400)
    form = TargetValueForm(posted_data(request), target=target)
    if form.is_valid():
        form.instance.recorded_by = request.user
        value = save_unless_taken(form, on_conflict=lambda form: form.add_day_taken_error())
        if value is not None:
            messages.success(
                request,
                _("Value %(value)s as of %(day)s recorded for “%(name)s”.")
                % {
                    "value": figure(value.value),
                    "day": value.recorded_on.isoformat(),
                    "name": target.name,
                },
            )
            return redirect("target_values", year=target.plan_year.year, code=target.code)
    return _render_values(request, target, form)


def _render_values(request, target, form, status=200):
    # list() runs the queries now, so that the template does no database access.
    values = list(target.values.select_related("recorded_by").order_by("-recorded_on"))
    # The changes to this target's values, deletions in the administration included.
    history = list(
        TargetValue.history.filter(target_id=target.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:HISTORY_LIMIT]
    )
    return render(
        request,
        "guangde_plan/target_values.html",
        {
            "plan_year": target.plan_year,
            "target": target,
            "is_computed": target.code in progress.SOURCES,
            "values": values,
            "history": history,
            "form": form,
        },
        status=status,
    )
