"""Cultivation pipelines: putting an enterprise in, moving it on, the boards and the ledger."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from guangde_plan.lib.access import read_view, write_view
from guangde_plan.lib.excel import wants_xlsx, xlsx_response
from guangde_plan.lib.forms import add_service_error
from guangde_plan.lib.http import posted_data
from guangde_plan.lib.pagination import is_filtered, paginate
from guangde_plan.selectors import plan_year_chosen

from .. import exports, services
from ..forms_pipelines import (
    LEDGER_SORTS,
    BoardFilterForm,
    PipelineEntryFilter,
    PipelineMoveForm,
    PipelineStartForm,
    ledger_ordering_for,
)
from ..models import Stage, Track
from ..selectors import enterprise_get_visible
from ..selectors_figures import plan_year_list
from ..selectors_pipelines import (
    board_columns,
    entry_get_visible,
    entry_ledger,
    entry_moves,
    track_checked,
)


@write_view
@require_http_methods(["GET", "POST"])
def pipeline_create(request, enterprise_id):
    enterprise = enterprise_get_visible(user=request.user, pk=enterprise_id)
    # Links such as "start one" on the expiry watch preset the track and the plan year.
    initial = {key: request.GET[key] for key in ("track", "plan_year") if request.GET.get(key)}
    form = PipelineStartForm(posted_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.pipeline_start(
                enterprise=enterprise,
                track=data["track"],
                plan_year=data["plan_year"],
                stage=data["stage"],
                on=data["on"],
                by=request.user,
                note=data["note"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("“%(name)s” is now in the %(track)s pipeline for %(year)d.")
                % {
                    "name": enterprise.name,
                    "track": entry.get_track_display(),
                    "year": entry.plan_year.year,
                },
            )
            return redirect("enterprises:pipeline_detail", entry_id=entry.pk)
    return render(
        request, "enterprises/pipeline_form.html", {"form": form, "enterprise": enterprise}
    )


@read_view
@require_safe
def pipeline_detail(request, entry_id):
    entry = entry_get_visible(user=request.user, pk=entry_id)
    return render(
        request,
        "enterprises/pipeline_detail.html",
        {
            "entry": entry,
            "moves": entry_moves(entry=entry),
            # "Recognised" is final (the service refuses any move from it): offer no move.
            "can_move": request.user.can_write and entry.stage != Stage.RECOGNISED,
        },
    )


@write_view
@require_http_methods(["GET", "POST"])
def pipeline_move(request, entry_id):
    entry = entry_get_visible(user=request.user, pk=entry_id)
    form = PipelineMoveForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            move = services.pipeline_move(
                entry=entry,
                to_stage=data["to_stage"],
                on=data["on"],
                by=request.user,
                note=data["note"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("“%(name)s” moved to “%(stage)s”.")
                % {"name": entry.enterprise.name, "stage": move.get_to_stage_display()},
            )
            return redirect("enterprises:pipeline_detail", entry_id=entry.pk)
    return render(request, "enterprises/pipeline_move_form.html", {"form": form, "entry": entry})


@read_view
@require_safe
def pipeline_board(request, track):
    track_checked(track)
    years = plan_year_list()
    plan_year = plan_year_chosen(request.GET.get("year"), years=years)
    form = BoardFilterForm(
        {"year": plan_year.year, "org_unit": request.GET.get("org_unit", "")},
        user=request.user,
        years=years,
    )
    # An org unit the user may not see is refused by the form (shown as an error) and left
    # out of cleaned_data: the board then shows all of the user's units.
    form.is_valid()
    org_unit = form.cleaned_data.get("org_unit")
    columns = board_columns(
        user=request.user,
        track=track,
        plan_year=plan_year,
        today=timezone.localdate(),
        org_unit=org_unit,
    )
    return render(
        request,
        "enterprises/pipeline_board.html",
        {
            "track": Track(track),
            "tracks": Track,
            "plan_year": plan_year,
            "form": form,
            "columns": columns,
            "total": sum(len(column["cards"]) for column in columns),
        },
    )


@read_view
@require_safe
def pipeline_ledger(request):
    filterset = PipelineEntryFilter(
        request.GET or None, queryset=entry_ledger(user=request.user), user=request.user
    )
    sort, order_by = ledger_ordering_for(request.GET.get("sort"))
    entries = filterset.qs.order_by(*order_by)
    if wants_xlsx(request):
        table = exports.pipeline_entries(entries)
        return xlsx_response(table.workbook(), table.filename)
    page = paginate(request, entries)
    return render(
        request,
        "enterprises/pipeline_ledger.html",
        {
            "filter": filterset,
            "page": page,
            "sort": sort,
            "sortable": LEDGER_SORTS.keys(),
            "is_filtered": is_filtered(request),
        },
    )
