"""The platform pages: the list (with its Excel export), a platform's page, adding and
editing one, closing, reopening and deleting it. Recognitions, applications and incubation
figures are in views_records.py."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from guangde_plan.lib.access import read_view, write_view
from guangde_plan.lib.excel import wants_xlsx, xlsx_response
from guangde_plan.lib.forms import add_service_error
from guangde_plan.lib.history import change_history
from guangde_plan.lib.http import NotFound, posted_data
from guangde_plan.lib.pagination import is_filtered, paginate
from guangde_plan.selectors import plan_year_current

from . import exports, services
from .filters import PlatformFilter
from .forms import PlatformCloseForm, PlatformForm
from .gaps import density, operating_years
from .models.platforms import next_level
from .progress_sources import COUNTED
from .selectors import (
    confirms_host_as_tech_sme,
    incubation_gaps,
    platform_detail,
    platform_get_visible,
    platform_list_visible,
    with_open_applications,
)


@read_view
@require_safe
def platform_list(request):
    filterset = PlatformFilter(
        request.GET or None, queryset=platform_list_visible(user=request.user), user=request.user
    )
    platforms = with_open_applications(filterset.qs.order_by("name", "pk"))
    today = timezone.localdate()
    if wants_xlsx(request):
        rows = list(platforms)
        table = exports.platforms(rows, gaps=incubation_gaps(platforms=rows, today=today))
        return xlsx_response(table.workbook(), table.filename)
    page = paginate(request, platforms)
    # list() runs the page's query (and its prefetch) now: the gaps are read for its rows
    # in two queries, and the template does no database access.
    shown = list(page)
    gaps = incubation_gaps(platforms=shown, today=today)
    return render(
        request,
        "platforms/platform_list.html",
        {
            "filter": filterset,
            "page": page,
            "rows": [(platform, gaps.get(platform.pk)) for platform in shown],
            "is_filtered": is_filtered(request),
        },
    )


@read_view
@require_safe
def platform_counted(request, target_code):
    """The platforms behind a section 三 figure of the dashboard: the list, filtered by the
    counting rule of the target (progress_sources.COUNTED) for `?year=`."""
    if target_code not in COUNTED:
        raise NotFound(_("No platform figure is counted as “%(code)s”.") % {"code": target_code})
    category, level = COUNTED[target_code]
    year = request.GET.get("year", "").strip()
    if not (year.isascii() and year.isdigit() and len(year) == 4):
        current = plan_year_current()
        year = current.year if current else timezone.localdate().year
    params = {"category": category, "granted_level": level, "granted_year": year}
    if request.GET.get("org_unit"):
        params["org_unit"] = request.GET["org_unit"]
    return redirect(f"{reverse('platforms:list')}?{urlencode(params)}")


@read_view
@require_safe
def platform_detail_page(request, platform_id):
    platform = platform_get_visible(user=request.user, pk=platform_id)
    today = timezone.localdate()
    detail = platform_detail(platform=platform, today=today)
    can_write = request.user.can_write
    return render(
        request,
        "platforms/platform_detail.html",
        {
            "platform": platform,
            **detail,
            "figure_rows": [(figures, density(figures)) for figures in detail["figures"]],
            "operating_years": operating_years(platform.opened_on, today),
            "confirms_host": confirms_host_as_tech_sme(platform),
            # Computed from the lists above: no query for the delete button.
            "has_history": bool(
                detail["recognitions"] or detail["applications"] or detail["figures"]
            ),
            "can_apply": can_write
            and not platform.is_closed
            and next_level(platform.level) is not None,
            "history": change_history(platform),
        },
    )


@write_view
@require_http_methods(["GET", "POST"])
def platform_create(request):
    initial = {}
    for key in ("kind", "host_enterprise"):
        if request.GET.get(key, "").isdigit():
            initial[key] = request.GET[key]
    form = PlatformForm(posted_data(request), user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        platform = form.save()
        messages.success(request, _("Platform “%(name)s” added.") % {"name": platform.name})
        return redirect(platform)
    return render(request, "platforms/platform_form.html", {"form": form})


@write_view
@require_http_methods(["GET", "POST"])
def platform_update(request, platform_id):
    platform = platform_get_visible(user=request.user, pk=platform_id)
    form = PlatformForm(posted_data(request), instance=platform, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Changes to “%(name)s” saved.") % {"name": platform.name})
        return redirect(platform)
    if form.errors:
        # The form has put the refused values on the instance; the page shows the saved ones.
        platform.refresh_from_db()
    return render(
        request,
        "platforms/platform_form.html",
        {"form": form, "platform": platform, "history": change_history(platform)},
    )


@write_view
@require_http_methods(["GET", "POST"])
def platform_close(request, platform_id):
    platform = platform_get_visible(user=request.user, pk=platform_id)
    initial = {"closed_on": platform.closed_on, "closed_reason": platform.closed_reason}
    form = PlatformCloseForm(posted_data(request), initial=initial if platform.is_closed else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.platform_close(
                platform=platform,
                on=form.cleaned_data["closed_on"],
                reason=form.cleaned_data["closed_reason"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
            platform.refresh_from_db()
        else:
            messages.success(
                request,
                _("“%(name)s” is recorded as closed on %(date)s.")
                % {"name": platform.name, "date": platform.closed_on.isoformat()},
            )
            return redirect(platform)
    return render(request, "platforms/platform_close.html", {"form": form, "platform": platform})


@write_view
@require_http_methods(["GET", "POST"])
def platform_reopen(request, platform_id):
    platform = platform_get_visible(user=request.user, pk=platform_id)
    if request.method == "POST":
        if platform.is_closed:
            services.platform_reopen(platform=platform)
            messages.success(request, _("“%(name)s” is operating again.") % {"name": platform.name})
        else:
            messages.info(request, _("“%(name)s” is not closed.") % {"name": platform.name})
        return redirect(platform)
    return render(
        request,
        "platforms/platform_confirm.html",
        {
            "platform": platform,
            "title": _("Reopen “%(name)s”") % {"name": platform.name},
            "text": _(
                "The platform operates again; its closing date and reason are removed. "
                "Withdrawn applications stay withdrawn."
            ),
            "button": _("Reopen"),
            "button_class": "btn-primary",
            "can_confirm": platform.is_closed,
            "refusal": "" if platform.is_closed else _("The platform is not closed."),
        },
    )


@write_view
@require_http_methods(["GET", "POST"])
def platform_delete(request, platform_id):
    platform = platform_get_visible(user=request.user, pk=platform_id)
    if request.method == "POST":
        try:
            services.platform_delete(platform=platform)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(platform)
        messages.success(request, _("Platform “%(name)s” deleted.") % {"name": platform.name})
        return redirect("platforms:list")
    has_history = services.platform_has_history(platform)
    return render(
        request,
        "platforms/platform_confirm.html",
        {
            "platform": platform,
            "title": _("Delete “%(name)s”") % {"name": platform.name},
            "text": _("Only a platform entered by mistake is deleted. This cannot be undone."),
            "button": _("Delete"),
            "button_class": "btn-danger",
            "can_confirm": not has_history,
            "refusal": _(
                "This platform has recognitions, applications or figures: close it instead."
            )
            if has_history
            else "",
        },
    )
