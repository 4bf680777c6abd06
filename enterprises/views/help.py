"""The help ledger (培育发展台账): help activities and the help items of each enterprise."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from guangde_plan.lib.access import read_view, write_view
from guangde_plan.lib.excel import wants_xlsx, xlsx_response
from guangde_plan.lib.history import change_history
from guangde_plan.lib.http import posted_data
from guangde_plan.lib.pagination import is_filtered, paginate

from .. import exports
from ..filters_help import HelpActivityFilter, HelpItemFilter, item_ordering_for
from ..forms_help import HelpActivityForm, HelpItemForm
from ..models import HelpItem
from ..selectors import enterprise_get_visible
from ..selectors_help import (
    help_activity_enterprises_visible,
    help_activity_get_visible,
    help_activity_get_writable,
    help_activity_list_with_counts,
    help_item_get_visible,
    help_item_list_visible,
)


@read_view
@require_safe
def help_activity_list(request):
    activities = help_activity_list_with_counts(user=request.user)
    filterset = HelpActivityFilter(request.GET or None, queryset=activities, user=request.user)
    # Newest first, said again: Django drops Meta.ordering from a GROUP BY query (the count).
    activities = filterset.qs.order_by("-held_on", "-pk")
    if wants_xlsx(request):
        table = exports.help_activities(activities)
        return xlsx_response(table.workbook(), table.filename)
    page = paginate(request, activities)
    return render(
        request,
        "enterprises/help_activity_list.html",
        {"filter": filterset, "page": page, "is_filtered": is_filtered(request)},
    )


@read_view
@require_safe
def help_activity_detail(request, activity_id):
    activity = help_activity_get_visible(user=request.user, pk=activity_id)
    enterprises = help_activity_enterprises_visible(activity=activity, user=request.user)
    return render(
        request,
        "enterprises/help_activity_detail.html",
        {
            "activity": activity,
            "enterprises": enterprises,
            "other_enterprise_count": activity.enterprise_count - len(enterprises),
        },
    )


@write_view
@require_http_methods(["GET", "POST"])
def help_activity_create(request):
    form = HelpActivityForm(posted_data(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        form.instance.created_by = request.user
        activity = form.save()
        messages.success(request, _("Activity “%(title)s” recorded.") % {"title": activity.title})
        return redirect("enterprises:help_activity_detail", activity_id=activity.pk)
    return render(request, "enterprises/help_activity_form.html", {"form": form})


@write_view
@require_http_methods(["GET", "POST"])
def help_activity_update(request, activity_id):
    activity = help_activity_get_writable(user=request.user, pk=activity_id)
    form = HelpActivityForm(posted_data(request), instance=activity, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Changes to “%(title)s” saved.") % {"title": activity.title})
        return redirect("enterprises:help_activity_detail", activity_id=activity.pk)
    return render(
        request, "enterprises/help_activity_form.html", {"form": form, "activity": activity}
    )


@read_view
@require_safe
def help_item_list(request):
    today = timezone.localdate()
    items = help_item_list_visible(user=request.user, today=today)
    filterset = HelpItemFilter(request.GET or None, queryset=items, user=request.user, today=today)
    sort, order_by = item_ordering_for(request.GET.get("sort"))
    items = filterset.qs.order_by(*order_by)
    if wants_xlsx(request):
        table = exports.help_items(items)
        return xlsx_response(table.workbook(), table.filename)
    page = paginate(request, items)
    return render(
        request,
        "enterprises/help_item_list.html",
        {
            "filter": filterset,
            "page": page,
            "sort": sort,
            "is_filtered": is_filtered(request),
        },
    )


@write_view
@require_http_methods(["GET", "POST"])
def help_item_create(request, enterprise_id):
    enterprise = enterprise_get_visible(user=request.user, pk=enterprise_id)
    kind = request.GET.get("kind")
    initial = {"raised_on": timezone.localdate()}
    if kind in HelpItem.Kind.values:
        initial["kind"] = kind
    form = HelpItemForm(
        posted_data(request),
        instance=HelpItem(enterprise=enterprise),
        initial=initial,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        item = form.save()
        messages.success(
            request,
            _("“%(item)s” added to the help ledger of %(name)s.")
            % {"item": item, "name": enterprise.name},
        )
        return redirect(_ledger_url(enterprise))
    return render(
        request, "enterprises/help_item_form.html", {"form": form, "enterprise": enterprise}
    )


@write_view
@require_http_methods(["GET", "POST"])
def help_item_update(request, item_id):
    item = help_item_get_visible(user=request.user, pk=item_id, today=timezone.localdate())
    form = HelpItemForm(posted_data(request), instance=item, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request,
            _("Changes to “%(item)s” of %(name)s saved.")
            % {"item": item, "name": item.enterprise.name},
        )
        return redirect(_ledger_url(item.enterprise))
    return render(
        request,
        "enterprises/help_item_form.html",
        {
            "form": form,
            "item": item,
            "enterprise": item.enterprise,
            "history": change_history(item, unchanging=("enterprise",)),
        },
    )


def _ledger_url(enterprise) -> str:
    """The help section of the enterprise page."""
    return reverse("enterprises:detail", args=[enterprise.pk]) + "#help"
