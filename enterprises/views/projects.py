"""Technology projects (needs and results, university cooperations, 揭榜挂帅 and result-transfer
projects) and technology intermediaries (科技中介服务机构) with the services they gave.

The three project lists share one shape (a scoped list with filters and an export, a form
to add a record for one of the user's enterprises and one to change it): each is described
once by a `RecordKind` and served by the same three functions.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from guangde_plan.lib.access import bureau_view, is_bureau_writer, read_view, write_view
from guangde_plan.lib.excel import wants_xlsx, xlsx_response
from guangde_plan.lib.history import change_history
from guangde_plan.lib.http import posted_data
from guangde_plan.lib.pagination import is_filtered, paginate

from .. import exports
from ..filters_projects import (
    CooperationFilter,
    IntermediaryFilter,
    KeyProjectFilter,
    TechDemandFilter,
)
from ..forms_projects import (
    CooperationForm,
    IntermediaryForm,
    IntermediaryServiceForm,
    KeyProjectForm,
    TechDemandForm,
)
from ..selectors_projects import (
    cooperation_list_visible,
    intermediary_get,
    intermediary_list_with_counts,
    intermediary_service_list_visible,
    key_project_list_visible,
    record_get_visible,
    tech_demand_list_visible,
)

# `?from=list` on an add or edit link: go back to the list after saving (otherwise to the
# enterprise page's projects section, where the new record shows among the others).
FROM_LIST = "list"
FROM_INTERMEDIARY = "intermediary"


@dataclass(frozen=True)
class RecordKind:
    """One kind of project record: where its pages are and what they are made of."""

    name: str  # the URL names: project_<name>_list, _create, _update
    visible: Any  # selector: (*, user) -> scoped queryset
    filter_class: Any
    form_class: Any
    export: Any  # records -> exports.Table
    heading: Promise
    add_label: Promise
    edit_label: Promise
    dated_field: str  # given today's date on a new record
    pk_kwarg: str  # the update URL's keyword
    preselect: tuple[str, ...] = ("enterprise", "kind")

    def url(self, action: str) -> str:
        return f"enterprises:project_{self.name}_{action}"


DEMANDS = RecordKind(
    name="demand",
    visible=tech_demand_list_visible,
    filter_class=TechDemandFilter,
    form_class=TechDemandForm,
    export=exports.tech_demands,
    heading=gettext_lazy("Technology needs and results"),
    add_label=gettext_lazy("Add a need or result"),
    edit_label=gettext_lazy("Edit a need or result"),
    dated_field="collected_on",
    pk_kwarg="demand_id",
)
COOPERATIONS = RecordKind(
    name="cooperation",
    visible=cooperation_list_visible,
    filter_class=CooperationFilter,
    form_class=CooperationForm,
    export=exports.cooperations,
    heading=gettext_lazy("University and institute cooperations"),
    add_label=gettext_lazy("Add a cooperation"),
    edit_label=gettext_lazy("Edit a cooperation"),
    dated_field="started_on",
    pk_kwarg="cooperation_id",
    preselect=("enterprise",),
)
KEY_PROJECTS = RecordKind(
    name="key",
    visible=key_project_list_visible,
    filter_class=KeyProjectFilter,
    form_class=KeyProjectForm,
    export=exports.key_projects,
    heading=gettext_lazy("Key projects"),
    add_label=gettext_lazy("Add an application"),
    edit_label=gettext_lazy("Edit an application"),
    dated_field="applied_on",
    pk_kwarg="key_project_id",
)
KINDS = (DEMANDS, COOPERATIONS, KEY_PROJECTS)


def _record_list(request, kind: RecordKind):
    filterset = kind.filter_class(
        request.GET or None, queryset=kind.visible(user=request.user), user=request.user
    )
    records = filterset.qs  # in the model's order: newest first
    if wants_xlsx(request):
        table = kind.export(records)
        return xlsx_response(table.workbook(), table.filename)
    page = paginate(request, records)
    return render(
        request,
        f"enterprises/project_{kind.name}_list.html",
        {
            "kind": kind,
            "tabs": [(reverse(other.url("list")), other.heading, other is kind) for other in KINDS],
            "add_url": reverse(kind.url("create")) + f"?from={FROM_LIST}",
            "filter": filterset,
            "page": page,
            "is_filtered": is_filtered(request),
        },
    )


def _record_form(request, kind: RecordKind, *, record=None):
    initial = {}
    if record is None:
        initial = {key: request.GET[key] for key in kind.preselect if request.GET.get(key)}
        initial[kind.dated_field] = timezone.localdate()
    form = kind.form_class(
        posted_data(request), instance=record, initial=initial, user=request.user
    )
    back_to_list = request.GET.get("from") == FROM_LIST
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("“%(record)s” saved.") % {"record": saved})
        return redirect(reverse(kind.url("list")) if back_to_list else _section_url(saved))
    if record is not None and not back_to_list:
        cancel = _section_url(record)
    else:
        cancel = reverse(kind.url("list"))
    return render(
        request,
        "enterprises/project_form.html",
        {
            "form": form,
            "record": record,
            "heading": kind.edit_label if record else kind.add_label,
            "list_url": reverse(kind.url("list")),
            "list_heading": kind.heading,
            "cancel_url": cancel,
            "history": change_history(record, unchanging=("enterprise",)) if record else None,
        },
    )


def _section_url(record) -> str:
    """The projects section of the record's enterprise page."""
    return reverse("enterprises:detail", args=[record.enterprise_id]) + "#projects"


def _intermediary_url(pk) -> str:
    return reverse("enterprises:intermediary_detail", kwargs={"intermediary_id": pk})


def _views_of(kind: RecordKind):
    """The list, create and update views of one kind of record, each with its access mark."""

    @read_view
    @require_safe
    def record_list(request):
        return _record_list(request, kind)

    @write_view
    @require_http_methods(["GET", "POST"])
    def record_create(request):
        return _record_form(request, kind)

    @write_view
    @require_http_methods(["GET", "POST"])
    def record_update(request, **kwargs):
        record = record_get_visible(kind.visible(user=request.user), pk=kwargs[kind.pk_kwarg])
        return _record_form(request, kind, record=record)

    return record_list, record_create, record_update


project_demand_list, project_demand_create, project_demand_update = _views_of(DEMANDS)
project_cooperation_list, project_cooperation_create, project_cooperation_update = _views_of(
    COOPERATIONS
)
project_key_list, project_key_create, project_key_update = _views_of(KEY_PROJECTS)


# Intermediaries: city-wide records, read by everyone, kept by bureau staff.


@read_view
@require_safe
def intermediary_list(request):
    filterset = IntermediaryFilter(request.GET or None, queryset=intermediary_list_with_counts())
    # Said again: Django drops Meta.ordering from a GROUP BY query (the count).
    intermediaries = filterset.qs.order_by("name", "pk")
    day = (filterset.form.cleaned_data.get("on") if filterset.is_bound else None) or (
        timezone.localdate()
    )
    if wants_xlsx(request):
        table = exports.intermediaries(intermediaries, day=day)
        return xlsx_response(table.workbook(), table.filename)
    page = paginate(request, intermediaries)
    for intermediary in page:
        intermediary.is_listed = intermediary.is_whitelisted_on(day)
    return render(
        request,
        "enterprises/intermediary_list.html",
        {
            "filter": filterset,
            "page": page,
            "day": day,
            "may_edit": is_bureau_writer(request.user),
            "is_filtered": is_filtered(request),
        },
    )


@read_view
@require_safe
def intermediary_detail(request, intermediary_id):
    intermediary = intermediary_get(pk=intermediary_id)
    services = intermediary_service_list_visible(user=request.user).filter(
        intermediary=intermediary
    )
    page = paginate(request, services)
    today = timezone.localdate()
    return render(
        request,
        "enterprises/intermediary_detail.html",
        {
            "intermediary": intermediary,
            "is_listed": intermediary.is_whitelisted_on(today),
            "today": today,
            "page": page,
            "other_service_count": intermediary.service_count - page.paginator.count,
            "may_edit": is_bureau_writer(request.user),
        },
    )


@bureau_view
@require_http_methods(["GET", "POST"])
def intermediary_create(request):
    return _intermediary_form(request)


@bureau_view
@require_http_methods(["GET", "POST"])
def intermediary_update(request, intermediary_id):
    return _intermediary_form(request, intermediary=intermediary_get(pk=intermediary_id))


def _intermediary_form(request, *, intermediary=None):
    form = IntermediaryForm(posted_data(request), instance=intermediary, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("“%(record)s” saved.") % {"record": saved})
        return redirect(_intermediary_url(saved.pk))
    list_url = reverse("enterprises:intermediary_list")
    return render(
        request,
        "enterprises/project_form.html",
        {
            "form": form,
            "record": intermediary,
            "heading": _("Edit an intermediary") if intermediary else _("Add an intermediary"),
            "list_url": list_url,
            "list_heading": _("Technology intermediaries"),
            "cancel_url": _intermediary_url(intermediary.pk) if intermediary else list_url,
            "history": change_history(intermediary) if intermediary else None,
        },
    )


@write_view
@require_http_methods(["GET", "POST"])
def intermediary_service_create(request):
    return _service_form(request)


@write_view
@require_http_methods(["GET", "POST"])
def intermediary_service_update(request, intermediary_service_id):
    service = record_get_visible(
        intermediary_service_list_visible(user=request.user), pk=intermediary_service_id
    )
    return _service_form(request, service=service)


def _service_form(request, *, service=None):
    """A service to one of the user's enterprises. After saving, back to the intermediary
    when it came from there (`?from=intermediary`), otherwise to the enterprise page."""
    initial = {}
    if service is None:
        initial = {
            key: request.GET[key] for key in ("intermediary", "enterprise") if request.GET.get(key)
        }
        initial["served_on"] = timezone.localdate()
    form = IntermediaryServiceForm(
        posted_data(request), instance=service, initial=initial, user=request.user
    )
    from_intermediary = request.GET.get("from") == FROM_INTERMEDIARY
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("“%(record)s” saved.") % {"record": saved})
        if from_intermediary:
            return redirect(_intermediary_url(saved.intermediary_id))
        return redirect(_section_url(saved))
    list_url = reverse("enterprises:intermediary_list")
    if service is not None:
        cancel = (
            _intermediary_url(service.intermediary_id)
            if from_intermediary
            else _section_url(service)
        )
    else:
        cancel = list_url
    return render(
        request,
        "enterprises/project_form.html",
        {
            "form": form,
            "record": service,
            "heading": _("Edit a service") if service else _("Record a service"),
            "list_url": list_url,
            "list_heading": _("Technology intermediaries"),
            "cancel_url": cancel,
            "history": change_history(service, unchanging=("enterprise",)) if service else None,
        },
    )
