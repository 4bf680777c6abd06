import datetime
import functools
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from django.views.i18n import set_language as django_set_language

from enterprises.selectors import REGISTRY_COUNTS, enterprise_counts_by_unit

from . import figures_cache, progress
from .lib.access import public_view, read_view
from .lib.dates import parse_iso_date
from .lib.excel import wants_xlsx, xlsx_response
from .lib.http import NotFound, no_plan_for
from .models import PlanYear, Target
from .progress_export import progress_filename, progress_workbook
from .selectors import plan_year_current, plan_year_get_or_404, snapshot_series

# The enterprise-list filters that list the records behind a target's figure, by code. They
# use the counting rules of enterprises/recognitions.py, so the list's count is the figure.
RECORD_FILTERS = {
    "hte_total": lambda plan_year, as_of: {"hte_valid_on": as_of.isoformat()},
    "tech_sme_total": lambda plan_year, as_of: {"sme_year": plan_year.year},
}
# Targets whose records have a page of their own, by code: the URL name and its keywords.
# These pages read the same selectors as the sources (enterprises/rd.py) and take the plan
# year; they show every unit themselves, so a unit's figure links to the same page.
RECORD_PAGES = {
    "rd_spend_total": ("enterprises:rd_growth", ()),
    "rd_growth_pct": ("enterprises:rd_growth", ()),
    "three_zero_rd_activity": ("enterprises:three_zero", (("kind", "rd_activity"),)),
    "three_zero_rd_institution": ("enterprises:three_zero", (("kind", "rd_institution"),)),
    "three_zero_innovation": ("enterprises:three_zero", (("kind", "innovation"),)),
    # The platform list filtered by the target's counting rule (platforms/progress_sources.py).
    "provincial_rd_centres_new": (
        "platforms:counted",
        (("target_code", "provincial_rd_centres_new"),),
    ),
    "municipal_incubators_new": (
        "platforms:counted",
        (("target_code", "municipal_incubators_new"),),
    ),
}
DEFAULT_TARGET = "hte_total"
SUMMARY_STATUSES = (progress.MET, progress.ON_TRACK, progress.BEHIND)


@dataclass(frozen=True)
class TargetRow:
    item: progress.TargetProgress
    # The city-wide records; None where the app holds no list for the target or the reader
    # sees only some units (their list could not add up to the city's figure).
    records_url: str | None


@dataclass(frozen=True)
class UnitRow:
    row: progress.UnitProgress
    records_url: str | None


@functools.cache
def _path(script_prefix: str, name: str = "enterprises:list", kwargs: tuple = ()) -> str:
    # reverse() costs ~50 µs and the dashboard links dozens of figures to the same pages.
    return reverse(name, kwargs=dict(kwargs))


def _records_url(code: str, plan_year: PlanYear, as_of: datetime.date, **extra) -> str | None:
    """The page of the records behind a target's figure (`extra`: filters of the enterprise
    list, such as the unit), or None where the app has none."""
    if code in RECORD_PAGES:
        name, kwargs = RECORD_PAGES[code]
        return f"{_path(get_script_prefix(), name, kwargs)}?{urlencode({'year': plan_year.year})}"
    make_filters = RECORD_FILTERS.get(code)
    if make_filters is None:
        return None
    path = _path(get_script_prefix())
    return f"{path}?{urlencode({**make_filters(plan_year, as_of), **extra})}"


def _plan_year_from(request) -> PlanYear | None:
    """`?year=` picks a plan year (404 for one that does not exist); else the latest."""
    year = request.GET.get("year", "").strip()
    if not year:
        return plan_year_current()
    if not (year.isascii() and year.isdigit() and len(year) == 4):
        raise no_plan_for(year)
    return plan_year_get_or_404(year=int(year))


def _as_of_from(
    request, plan_year: PlanYear, today: datetime.date
) -> tuple[datetime.date, str | None]:
    """The day to report on and, when the request asked for another one, why not."""
    default = progress.default_as_of(plan_year, today)
    value = request.GET.get("as_of", "").strip()
    if not value:
        return default, None
    try:
        day = parse_iso_date(value)
    except ValueError:
        day = None
    if day is None:
        return default, _("“%(value)s” is not a date of the form YYYY-MM-DD: showing %(day)s.") % {
            "value": value,
            "day": default.isoformat(),
        }
    within = progress.default_as_of(plan_year, day)
    if within != day:
        return within, _("%(value)s lies outside the %(year)s plan: showing %(day)s.") % {
            "value": value,
            "year": plan_year.year,
            "day": within.isoformat(),
        }
    return day, None


def _chart(chosen, plan_year: PlanYear, as_of: datetime.date, city_wide: bool) -> dict:
    """The trend chart's data: the weekly snapshots of the chosen target plus the figure of
    the day shown, against the expected line (month by month) and the target. A point
    links to the records behind it where the dashboard's figure does."""
    code = chosen.target.code
    points = [
        (snapshot.taken_on, snapshot.actual)
        for snapshot in snapshot_series(target=chosen.target)
        if snapshot.taken_on < as_of and snapshot.actual is not None
    ]
    if chosen.actual is not None:
        points.append((as_of, chosen.actual))
    year = plan_year.year
    line_days = (
        [datetime.date(year, 1, 1)]
        + [datetime.date(year, month, 1) - datetime.timedelta(days=1) for month in range(2, 13)]
        + [datetime.date(year, 12, 31)]
    )
    expected = [(day, chosen.expected_on(day)) for day in line_days]

    def number(value):
        return None if value is None else float(value)

    return {
        "name": chosen.target.name,
        "unit": chosen.target.unit,
        "target": number(chosen.target.value),
        "end": datetime.date(year, 12, 31).isoformat(),
        "actual": [
            {
                "date": day.isoformat(),
                "value": number(value),
                "url": _records_url(code, plan_year, day) if city_wide else None,
            }
            for day, value in points
        ],
        "expected": [
            {"date": day.isoformat(), "value": number(value)}
            for day, value in expected
            if value is not None
        ],
        "labels": {
            "actual": gettext("Actual"),
            "expected": gettext("Expected"),
            "target": gettext("Target"),
        },
    }


@read_view
@require_safe
def home(request):
    """The dashboard: where each target of a plan year stands on a day, city-wide and for
    each unit the reader may see, every figure linking to the records behind it."""
    plan_year = _plan_year_from(request)
    today = timezone.localdate()
    # The units the reader may see (org_units_visible), with their registry counts: the same
    # query serves the per-unit rows of the targets and the registry table.
    units = enterprise_counts_by_unit(user=request.user, today=today)
    totals = {key: sum(getattr(unit, key) for unit in units) for key in REGISTRY_COUNTS}
    context = {"plan_year": plan_year, "units": units, "totals": totals, "notices": []}
    if plan_year is None:
        return render(request, "guangde_plan/home.html", context)

    as_of, notice = _as_of_from(request, plan_year, today)
    if notice:
        context["notices"].append(notice)
    items = progress.plan_progress(plan_year=plan_year, as_of=as_of, org_units=units)
    by_code = {item.target.code: item for item in items}
    code = request.GET.get("target", "").strip()
    if code and code not in by_code:
        context["notices"].append(
            _("The plan has no target “%(code)s”: showing units for the default one.")
            % {"code": code}
        )
    chosen = by_code.get(code) or by_code.get(DEFAULT_TARGET) or (items[0] if items else None)
    if wants_xlsx(request):
        workbook = progress_workbook(plan_year=plan_year, as_of=as_of, items=items)
        return xlsx_response(workbook, progress_filename(plan_year, as_of))

    city_wide = request.user.sees_all_units
    rows = [
        TargetRow(
            item=item,
            records_url=_records_url(item.target.code, plan_year, as_of) if city_wide else None,
        )
        for item in items
    ]
    sections = [
        (label, section_rows)
        for value, label in Target.Section.choices
        if (section_rows := [row for row in rows if row.item.target.section == value])
    ]
    statuses = Counter(item.status for item in items)
    context.update(
        {
            "as_of": as_of,
            "is_default_day": as_of == progress.default_as_of(plan_year, today),
            # list() runs the query now, so that the template does no database access.
            "years": list(PlanYear.objects.order_by("-year").values_list("year", flat=True)),
            "sections": sections,
            "summary": {status: statuses[status] for status in SUMMARY_STATUSES},
            "unresolved_count": len(items) - sum(statuses[s] for s in SUMMARY_STATUSES),
            "chosen": chosen,
            "chart": _chart(chosen, plan_year, as_of, city_wide) if chosen else None,
            "unit_rows": [
                UnitRow(
                    row=row,
                    records_url=_records_url(
                        chosen.target.code, plan_year, as_of, org_unit=row.org_unit.pk
                    ),
                )
                for row in (chosen.by_unit if chosen else [])
            ],
        }
    )
    context["dashboard_body"] = _dashboard_body(request, context, units=units, chosen=chosen)
    return render(request, "guangde_plan/home.html", context)


def _dashboard_body(request, context, *, units, chosen) -> str:
    """The figures part of the page, rendered once per state of the records (the figures
    cache's generation: every record it shows is watched) and per kind of reader: the
    same units, the same links, the same language. Rendering it is most of a cached
    request's time."""
    parts = (
        context["plan_year"].year,
        context["as_of"].isoformat(),
        chosen.target.code if chosen else "",
        request.user.sees_all_units,
        ".".join(str(unit.pk) for unit in units),
        get_language(),
    )
    body = figures_cache.cached(
        "dashboard_body",
        parts,
        lambda: render_to_string("guangde_plan/_dashboard_body.html", context, request=request),
    )
    return mark_safe(body)


def page_not_found(request, exception):
    """The 404 page (handler404), with the reason where the view gave one for the reader."""
    message = str(exception) if isinstance(exception, NotFound) else ""
    return render(request, "404.html", {"message": message}, status=404)


@public_view
@require_POST
def set_language(request):
    """Django's language switch, remembering the choice on the user (emails use it too)."""
    response = django_set_language(request)
    language = request.POST.get("language")
    user = request.user
    if user.is_authenticated and language in dict(settings.LANGUAGES) and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return response


@public_view
@never_cache
@require_safe
def health(request):
    """For monitoring: can the app reach its database and its cache? No details leak."""
    status = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        status["database"] = "error"
    try:
        cache.set("health-check", "1", 10)
        if cache.get("health-check") != "1":
            status["cache"] = "error"
    except Exception:  # the Redis client raises its own errors; any of them means "down"
        status["cache"] = "error"
    healthy = all(value == "ok" for value in status.values())
    return JsonResponse(status, status=200 if healthy else 503)
