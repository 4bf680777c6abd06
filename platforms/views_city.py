"""The innovative-city pages (plan section 四): a plan year's indicators in the five lines of
work, the units responsible for them, and the work-reminder notices (工作提示单) sent to
those units with the replies and values they bring back.

City-wide records that no township owns: every logged-in user reads them (liaisons
included); bureau staff and administrators write them (bureau_view: 403 for leaders and
liaisons).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from guangde_plan.lib.access import bureau_view, is_bureau_writer, read_view
from guangde_plan.lib.excel import wants_xlsx, xlsx_response
from guangde_plan.lib.forms import add_conflict_error, save_unless_taken
from guangde_plan.lib.history import change_history
from guangde_plan.lib.http import posted_data
from guangde_plan.lib.pagination import is_filtered, paginate
from guangde_plan.models import PlanYear
from guangde_plan.selectors import plan_year_chosen, plan_year_current

from . import exports_city
from . import selectors_city as city
from .filters_city import NoticeFilter
from .forms_city import (
    DepartmentForm,
    IndicatorForm,
    IndicatorValueForm,
    NoticeForm,
    NoticeReplyForm,
)
from .models import Department, Indicator, IndicatorValue, Notice
from .services import notice_issue, notice_record_reply


def _query_id(request, name: str) -> int | None:
    """A record id from the query string (`?department=3`), None unless it is a number."""
    value = request.GET.get(name, "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


def _query_plan_year(request) -> PlanYear | None:
    """The plan year `?year=2024` names, None when it names none."""
    year = request.GET.get("year", "").strip()
    if not (year.isascii() and year.isdigit() and len(year) == 4):
        return None
    return PlanYear.objects.filter(year=int(year)).first()


# Indicators ----------------------------------------------------------------------------------


@read_view
@require_safe
def indicator_list(request):
    """A plan year's indicators by line of work (all five shown, even empty), each with its
    latest value, whether it meets the target, and its unanswered notices."""
    years = list(PlanYear.objects.order_by("-year"))
    plan_year = plan_year_chosen(request.GET.get("year"), years=years)
    if wants_xlsx(request):
        table = exports_city.indicators(
            city.indicator_list(plan_year=plan_year), year=plan_year.year
        )
        return xlsx_response(table.workbook(), table.filename)
    groups = city.indicator_groups(plan_year=plan_year)
    for _group, indicators in groups:
        for indicator in indicators:
            indicator.met = indicator.is_met_by(indicator.latest_value)
    return render(
        request,
        "platforms/city_indicator_list.html",
        {
            "plan_year": plan_year,
            "years": years,
            "groups": groups,
            "count": sum(len(indicators) for _group, indicators in groups),
            "may_write": is_bureau_writer(request.user),
        },
    )


def _indicator_form_page(request, form, indicator=None):
    if request.method == "POST" and form.is_valid():
        saved = save_unless_taken(form, on_conflict=add_conflict_error)
        if saved is not None:
            messages.success(request, _("Indicator “%(name)s” saved.") % {"name": saved.name})
            return redirect("platforms:indicator_detail", indicator_id=saved.pk)
    return render(
        request,
        "platforms/city_indicator_form.html",
        {
            "form": form,
            "indicator": indicator,
            "history": change_history(indicator) if indicator else None,
        },
    )


@bureau_view
@require_http_methods(["GET", "POST"])
def indicator_create(request):
    initial = {"plan_year": _query_plan_year(request) or plan_year_current()}
    if (group := _query_id(request, "group")) is not None:
        initial["group"] = group
    return _indicator_form_page(request, IndicatorForm(posted_data(request), initial=initial))


@bureau_view
@require_http_methods(["GET", "POST"])
def indicator_update(request, indicator_id):
    indicator = city.indicator_get(pk=indicator_id)
    form = IndicatorForm(posted_data(request), instance=indicator)
    return _indicator_form_page(request, form, indicator)


@read_view
@require_safe
def indicator_detail(request, indicator_id):
    indicator = city.indicator_get(pk=indicator_id)
    today = timezone.localdate()
    detail = city.indicator_detail(indicator=indicator)
    for notice in detail["notices"]:
        notice.overdue_days = city.days_overdue(notice, today=today)
    latest = detail["values"][0] if detail["values"] else None
    may_write = is_bureau_writer(request.user)
    return render(
        request,
        "platforms/city_indicator_detail.html",
        {
            "indicator": indicator,
            "values": detail["values"],
            "notices": detail["notices"],
            "latest": latest,
            "met": indicator.is_met_by(latest.value if latest else None),
            "may_write": may_write,
            "value_form": IndicatorValueForm(initial={"as_of": today}) if may_write else None,
            "history": change_history(indicator),
        },
    )


@bureau_view
@require_http_methods(["GET", "POST"])
def indicator_value_create(request, indicator_id):
    """A value typed in (from a yearbook, a report): the indicator page's form posts here;
    refused, the form comes back on a page of its own with the reasons beside the fields."""
    indicator = city.indicator_get(pk=indicator_id)
    form = IndicatorValueForm(
        posted_data(request),
        instance=IndicatorValue(indicator=indicator, recorded_by=request.user),
        initial={"as_of": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        value = form.save()
        messages.success(
            request,
            _("Value %(value)s as of %(day)s recorded for “%(name)s”.")
            % {"value": value.value, "day": value.as_of.isoformat(), "name": indicator.name},
        )
        return redirect("platforms:indicator_detail", indicator_id=indicator.pk)
    return render(request, "platforms/city_value_form.html", {"form": form, "indicator": indicator})


# Responsible units ---------------------------------------------------------------------------


@read_view
@require_safe
def department_list(request):
    return render(
        request,
        "platforms/city_department_list.html",
        {
            # list() runs the query here: the page shows every unit (a few dozen at most).
            "departments": list(city.department_list()),
            "may_write": is_bureau_writer(request.user),
        },
    )


def _department_form_page(request, form, department=None):
    if request.method == "POST" and form.is_valid():
        saved = save_unless_taken(form, on_conflict=add_conflict_error)
        if saved is not None:
            messages.success(request, _("Unit “%(name)s” saved.") % {"name": saved.name})
            return redirect("platforms:department_list")
    return render(
        request,
        "platforms/city_department_form.html",
        {
            "form": form,
            "department": department,
            "history": change_history(department) if department else None,
        },
    )


@bureau_view
@require_http_methods(["GET", "POST"])
def department_create(request):
    return _department_form_page(request, DepartmentForm(posted_data(request)))


@bureau_view
@require_http_methods(["GET", "POST"])
def department_update(request, department_id):
    department = city.department_get(pk=department_id)
    form = DepartmentForm(posted_data(request), instance=department)
    return _department_form_page(request, form, department)


# Notices -------------------------------------------------------------------------------------


@read_view
@require_safe
def notice_list(request):
    today = timezone.localdate()
    filterset = NoticeFilter(request.GET or None, queryset=city.notice_list(), today=today)
    notices = filterset.qs.order_by("-issued_on", "-number", "-pk")
    if wants_xlsx(request):
        table = exports_city.notices(notices, today=today)
        return xlsx_response(table.workbook(), table.filename)
    page = paginate(request, notices)
    for notice in page:
        notice.overdue_days = city.days_overdue(notice, today=today)
    return render(
        request,
        "platforms/city_notice_list.html",
        {
            "filter": filterset,
            "page": page,
            "is_filtered": is_filtered(request),
            "overdue_count": city.notices_overdue(today=today).count(),
            "may_write": is_bureau_writer(request.user),
        },
    )


def _notice_initial(request) -> dict:
    """What `?indicator=`, `?department=` and `?year=` preselect on a new notice: an
    indicator brings its unit and year along."""
    initial = {
        "issued_on": timezone.localdate(),
        "plan_year": _query_plan_year(request) or plan_year_current(),
    }
    department_id = _query_id(request, "department")
    if department_id is not None and Department.objects.filter(pk=department_id).exists():
        initial["department"] = department_id
    indicator_id = _query_id(request, "indicator")
    if indicator_id is not None:
        indicator = Indicator.objects.filter(pk=indicator_id).select_related("plan_year").first()
        if indicator is not None:
            initial.update(
                plan_year=indicator.plan_year,
                department=indicator.department_id,
                indicators=[indicator.pk],
            )
    return initial


@bureau_view
@require_http_methods(["GET", "POST"])
def notice_create(request):
    initial = _notice_initial(request)
    # Opened for one unit, the form offers that unit's indicators; `?all=1` (or a posted
    # form) offers every indicator of the year.
    department_only = (
        request.method == "GET" and "department" in initial and not (request.GET.get("all"))
    )
    form = NoticeForm(posted_data(request), initial=initial, department_only=department_only)
    if request.method == "POST" and form.is_valid():
        try:
            notice = notice_issue(
                notice=form.save(commit=False),
                indicators=form.cleaned_data["indicators"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Notice %(reference)s issued to %(department)s.")
                % {"reference": notice.reference, "department": notice.department.name},
            )
            return redirect("platforms:notice_detail", notice_id=notice.pk)
    return render(
        request,
        "platforms/city_notice_form.html",
        {"form": form, "department_only": department_only},
    )


def _value_rows(notice: Notice) -> list[tuple[Indicator, IndicatorValue | None]]:
    """Each indicator on the notice with the value received for it (None before the reply
    or when the unit sent none)."""
    received = {value.indicator_id: value for value in city.notice_values(notice=notice)}
    return [(indicator, received.get(indicator.pk)) for indicator in notice.indicators.all()]


@read_view
@require_safe
def notice_detail(request, notice_id):
    """The notice as printed (工作提示单), its status and, until it is answered, the form
    that records the reply (bureau staff). A recorded reply is shown read-only."""
    notice = city.notice_get(pk=notice_id)
    today = timezone.localdate()
    may_write = is_bureau_writer(request.user)
    reply_form = None
    if may_write and not notice.is_replied:
        reply_form = NoticeReplyForm(notice=notice)
    return render(
        request,
        "platforms/city_notice_detail.html",
        {
            "notice": notice,
            "rows": _value_rows(notice),
            "overdue_days": city.days_overdue(notice, today=today),
            "reply_form": reply_form,
            "may_write": may_write,
        },
    )


@bureau_view
@require_http_methods(["GET", "POST"])
def notice_reply(request, notice_id):
    """Records the reply and the values received (the notice page's form posts here;
    refused, the form comes back on a page of its own with the reasons beside the
    fields). A notice is answered once."""
    notice = city.notice_get(pk=notice_id)
    if notice.is_replied:
        messages.warning(
            request,
            _("The reply to notice %(reference)s has been recorded already.")
            % {"reference": notice.reference},
        )
        return redirect("platforms:notice_detail", notice_id=notice.pk)
    form = NoticeReplyForm(posted_data(request), notice=notice)
    if request.method == "POST" and form.is_valid():
        try:
            notice_record_reply(
                notice=notice,
                replied_on=form.cleaned_data["replied_on"],
                reply=form.cleaned_data["reply"].strip(),
                values=form.values(),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Reply to notice %(reference)s recorded.") % {"reference": notice.reference},
            )
            return redirect("platforms:notice_detail", notice_id=notice.pk)
    return render(request, "platforms/city_notice_reply.html", {"form": form, "notice": notice})
