"""The plan year's calendar: monthly themes with their coverage across units, the key days
(5.30 and 全国科普日) with what each unit held, and the year's figures."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from guangde_plan.lib.access import bureau_view, is_bureau_writer, read_view
from guangde_plan.lib.excel import wants_xlsx, xlsx_response
from guangde_plan.lib.forms import add_conflict_error, save_unless_taken
from guangde_plan.lib.http import posted_data
from guangde_plan.lib.pagination import paginate
from guangde_plan.models import PlanYear
from guangde_plan.selectors import org_units_visible, plan_year_chosen, plan_year_get_or_404

from .. import exports
from ..forms import KeyDayForm, ThemeForm
from ..keydays import KeyDayKind, default_window, window_for
from ..models import KeyDay
from ..selectors import (
    event_list_visible,
    key_day_override,
    theme_get_or_new,
    themes_of_year,
)
from ..selectors_figures import MONTHS, bases_by_level, month_table, society_renewals
from ..selectors_records import base_list_visible
from . import render_form, saved_message

MONTH_PAGE_SIZE = 50


def _chosen_year(request) -> PlanYear:
    return plan_year_chosen(request.GET.get("year"), years=list(PlanYear.objects.order_by("-year")))


def _table(request, plan_year):
    # list() runs the units' query now, so the template does no database access.
    units = list(org_units_visible(user=request.user))
    events = event_list_visible(user=request.user)
    return month_table(events=events, year=plan_year.year, org_units=units)


@read_view
@require_safe
def theme_calendar(request):
    """The year's twelve months: each theme, the events held, how many units held one on
    the theme (a liaison: their units)."""
    years = list(PlanYear.objects.order_by("-year"))
    plan_year = plan_year_chosen(request.GET.get("year"), years=years)
    themes = themes_of_year(plan_year=plan_year)
    table = _table(request, plan_year)
    today = timezone.localdate()
    overrides = {row.kind: row for row in plan_year.outreach_key_days.all()}
    months = [
        {
            "month": month,
            "theme": themes.get(month),
            "cell": table.totals[month - 1],
            "units_on_theme": table.units_on_theme(month),
            "has_begun": (plan_year.year, month) <= (today.year, today.month),
        }
        for month in MONTHS
    ]
    return render(
        request,
        "outreach/theme_calendar.html",
        {
            "plan_year": plan_year,
            "years": years,
            "months": months,
            "unit_count": sum(1 for row in table.rows if row.org_unit is not None),
            "key_days": [
                window_for(plan_year.year, kind, override=overrides.get(kind))
                for kind in KeyDayKind
            ],
            "may_edit": is_bureau_writer(request.user),
        },
    )


def _month(month: int) -> int:
    if month not in MONTHS:
        raise Http404
    return month


@read_view
@require_safe
def theme_month(request, year, month):
    """One month across the units: its theme, each unit's events (on the theme or not) and
    audience, units without any standing out, and the events themselves."""
    plan_year = plan_year_get_or_404(year=year)
    month = _month(month)
    table = _table(request, plan_year)
    events = (
        event_list_visible(user=request.user)
        .filter(held_on__year=year, held_on__month=month)
        .order_by("held_on", "org_unit__sort_order", "pk")
    )
    return render(
        request,
        "outreach/theme_month.html",
        {
            "plan_year": plan_year,
            "month": month,
            "theme": themes_of_year(plan_year=plan_year).get(month),
            "rows": table.month(month),
            "total": table.totals[month - 1],
            "units_on_theme": table.units_on_theme(month),
            "page": paginate(request, events, per_page=MONTH_PAGE_SIZE),
            "may_edit": is_bureau_writer(request.user),
        },
    )


@bureau_view
@require_http_methods(["GET", "POST"])
def theme_edit(request, year, month):
    plan_year = plan_year_get_or_404(year=year)
    theme = theme_get_or_new(plan_year=plan_year, month=_month(month))
    form = ThemeForm(posted_data(request), instance=theme)
    calendar = reverse("outreach:themes") + f"?year={year}"
    if request.method == "POST" and form.is_valid():
        saved = save_unless_taken(form, on_conflict=add_conflict_error)
        if saved is not None:
            messages.success(request, saved_message(saved))
            return redirect(calendar)
    return render_form(
        request,
        form=form,
        record=theme if theme.pk else None,
        heading=_("Theme of %(month)s") % {"month": f"{year}-{month:02d}"},
        list_url=calendar,
        list_heading=_("Monthly themes %(year)s") % {"year": year},
        cancel_url=calendar,
    )


def _kind(key_day: str) -> str:
    if key_day not in KeyDayKind.values:
        raise Http404
    return key_day


@read_view
@require_safe
def key_day(request, key_day):
    """What each unit held within the key day's window of the chosen plan year."""
    kind = _kind(key_day)
    plan_year = _chosen_year(request)
    window = window_for(
        plan_year.year, kind, override=key_day_override(plan_year=plan_year, kind=kind)
    )
    units = list(org_units_visible(user=request.user))
    events = list(
        event_list_visible(user=request.user)
        .filter(held_on__range=(window.starts_on, window.ends_on))
        .order_by("held_on", "pk")
    )
    by_unit = {unit.pk: [] for unit in units}
    city_wide = []
    for event in events:
        (by_unit.setdefault(event.org_unit_id, []) if event.org_unit_id else city_wide).append(
            event
        )
    rows = [(unit, by_unit[unit.pk]) for unit in units]
    today = timezone.localdate()
    return render(
        request,
        "outreach/key_day.html",
        {
            "plan_year": plan_year,
            "window": window,
            "kind": kind,
            "other_kinds": [other for other in KeyDayKind if other != kind],
            "rows": rows,
            "city_wide": city_wide,
            "units_held": sum(1 for _unit, unit_events in rows if unit_events),
            "audience": sum(event.audience or 0 for event in events),
            "event_count": len(events),
            "record_on": window.starts_on if window.starts_on <= today else None,
            "may_edit": is_bureau_writer(request.user),
        },
    )


@bureau_view
@require_http_methods(["GET", "POST"])
def key_day_edit(request, key_day, year):
    """The bureau's window for the year (when 中国科协's notice differs from the default);
    "reset" removes it and the default applies again."""
    kind = _kind(key_day)
    plan_year = plan_year_get_or_404(year=year)
    override = key_day_override(plan_year=plan_year, kind=kind)
    page = reverse("outreach:key_day", kwargs={"key_day": kind}) + f"?year={year}"
    if request.method == "POST" and "reset" in request.POST:
        if override is not None:
            override.delete()
        messages.success(request, _("The default dates apply again."))
        return redirect(page)
    instance = override or KeyDay(plan_year=plan_year, kind=kind)
    form = KeyDayForm(posted_data(request), instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = save_unless_taken(form, on_conflict=add_conflict_error)
        if saved is not None:
            messages.success(request, saved_message(saved))
            return redirect(page)
    default = default_window(year, kind)
    return render_form(
        request,
        form=form,
        record=override,
        heading=_("Dates of %(key_day)s in %(year)s") % {"key_day": default.label, "year": year},
        list_url=page,
        list_heading=default.label,
        cancel_url=page,
        default_window=default,
        may_reset=override is not None,
    )


@read_view
@require_safe
def figures(request):
    """The year's figures: events and audience by unit and month, bases by level, societies
    due or overdue for renewal. Exports the unit-by-month table."""
    plan_year = _chosen_year(request)
    table = _table(request, plan_year)
    if wants_xlsx(request):
        export = exports.month_table(table)
        return xlsx_response(export.workbook(), export.filename)
    today = timezone.localdate()
    return render(
        request,
        "outreach/figures.html",
        {
            "plan_year": plan_year,
            "years": list(PlanYear.objects.order_by("-year").values_list("year", flat=True)),
            "table": table,
            "months": list(MONTHS),
            "levels": bases_by_level(bases=base_list_visible(user=request.user)),
            "renewals": society_renewals(today=today),
            "today": today,
        },
    )
