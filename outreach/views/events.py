"""Science-popularisation events and their photos."""

import datetime

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from guangde_plan.lib.access import read_view, write_view
from guangde_plan.lib.dates import parse_iso_date
from guangde_plan.lib.excel import wants_xlsx, xlsx_response
from guangde_plan.lib.pagination import is_filtered, paginate

from .. import exports, services
from ..filters import EventFilter
from ..forms import EventForm
from ..selectors import (
    event_get_visible,
    event_get_writable,
    event_list_visible,
    event_photos,
    key_days_of,
    photo_get_visible,
    photo_get_writable,
)
from . import render_form, saved_message


def _detail_url(event) -> str:
    return reverse("outreach:event_detail", kwargs={"event_id": event.pk})


@read_view
@require_safe
def event_list(request):
    filterset = EventFilter(
        request.GET or None, queryset=event_list_visible(user=request.user), user=request.user
    )
    events = filterset.qs.order_by("-held_on", "-pk")
    if wants_xlsx(request):
        table = exports.events(events)
        return xlsx_response(table.workbook(), table.filename)
    return render(
        request,
        "outreach/event_list.html",
        {
            "filter": filterset,
            "page": paginate(request, events),
            "is_filtered": is_filtered(request),
        },
    )


@read_view
@require_safe
def event_detail(request, event_id):
    event = event_get_visible(user=request.user, pk=event_id)
    return render(
        request,
        "outreach/event_detail.html",
        {
            "event": event,
            "photos": event_photos(event=event),
            "key_days": key_days_of(event.held_on),
        },
    )


def _initial_day(value) -> datetime.date:
    """`?held_on=YYYY-MM-DD` (from a key-day page) when it is a day gone by, else today."""
    today = timezone.localdate()
    try:
        day = parse_iso_date(value or "")
    except ValueError:
        return today
    return day if day <= today else today


@write_view
@require_http_methods(["GET", "POST"])
def event_create(request):
    initial = {"held_on": _initial_day(request.GET.get("held_on"))}
    return _event_form(request, initial=initial)


@write_view
@require_http_methods(["GET", "POST"])
def event_update(request, event_id):
    return _event_form(request, event=event_get_writable(user=request.user, pk=event_id))


def _event_form(request, *, event=None, initial=None):
    posted = request.method == "POST"
    form = EventForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        instance=event,
        initial=initial,
        user=request.user,
    )
    if posted and form.is_valid():
        saved = services.event_save(form=form, by=request.user)
        messages.success(request, saved_message(saved))
        return redirect(_detail_url(saved))
    list_url = reverse("outreach:event_list")
    return render_form(
        request,
        form=form,
        record=event,
        heading=_("Edit the event") if event else _("Record an event"),
        list_url=list_url,
        list_heading=_("Science-popularisation events"),
        cancel_url=_detail_url(event) if event else list_url,
    )


@read_view
@require_safe
def event_photo(request, photo_id):
    """The photo's file, for those who may see its event; never from a public URL."""
    photo = photo_get_visible(user=request.user, pk=photo_id)
    try:
        file = photo.image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(file, content_type=photo.content_type, filename=photo.original_name)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@write_view
def event_photo_delete(request, photo_id):
    # The photo first, the method after: a photo of another unit is a 404 whatever the
    # method, so that a 405 never tells an outsider the photo exists.
    photo = photo_get_writable(user=request.user, pk=photo_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.event_photo_delete(photo=photo)
    messages.success(request, _("Photo “%(name)s” deleted.") % {"name": photo.original_name})
    return redirect(reverse("outreach:event_detail", kwargs={"event_id": photo.event_id}))
