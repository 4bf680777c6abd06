"""Reads of the science-popularisation events, their photos, the monthly themes and the key
days, always scoped to what the user may see.

Which rows a user may see is decided by `scope_to_units`; this module only says how the
records reach an org unit:
- an event through its own unit; a city-wide event (no unit, held by the bureau) is read
  by every logged-in user and changed only by bureau writers;
- a photo through its event;
- themes and key-day windows are city-wide records: everyone reads, bureau staff set them.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import ExtractMonth
from django.shortcuts import get_object_or_404

from guangde_plan.models import PlanYear, User
from guangde_plan.selectors import scope_to_units

from .keydays import KeyDayKind, Window, window_for
from .models import Base, Event, EventPhoto, KeyDay, MonthlyTheme, Society


def _events() -> QuerySet[Event]:
    return Event.objects.select_related("org_unit", "theme", "base", "society")


def event_list_visible(*, user: User) -> QuerySet[Event]:
    """The events of the user's units and the city-wide ones (bureau users: all)."""
    if not user.is_authenticated:
        return Event.objects.none()
    events = _events()
    # One query with OR, not a UNION: it still filters, counts and paginates.
    return scope_to_units(events, user=user) | events.filter(org_unit__isnull=True)


def event_list_writable(*, user: User) -> QuerySet[Event]:
    """The events the user may change: those of their units. `scope_to_units` gives a
    liaison no row without a unit, so city-wide events stay with bureau staff."""
    if not user.is_authenticated or not user.can_write:
        return Event.objects.none()
    return scope_to_units(_events(), user=user)


def event_may_be_city_wide(*, user: User) -> bool:
    """Whether the user may record an event without a unit: bureau users who can write."""
    return user.is_authenticated and user.can_write and user.sees_all_units


def event_get_visible(*, user: User, pk: int) -> Event:
    """The event with `photo_count` and `is_writable`, or 404 when it does not exist *or*
    the user may not see it."""
    writable = event_list_writable(user=user).filter(pk=OuterRef("pk"))
    events = event_list_visible(user=user).annotate(
        is_writable=Exists(writable), photo_count=Count("photos")
    )
    return get_object_or_404(events.select_related("created_by"), pk=pk)


def event_get_writable(*, user: User, pk: int) -> Event:
    """The event to change: 404 when the user may not see it, 403 when they may see it but
    not change it (a liaison and a city-wide event)."""
    event = event_get_visible(user=user, pk=pk)
    if not event.is_writable:
        raise PermissionDenied
    return event


def event_photos(*, event: Event) -> list[EventPhoto]:
    return list(event.photos.order_by("uploaded_at", "pk"))


def photo_get_visible(*, user: User, pk: int) -> EventPhoto:
    """The photo, or 404 when its event is not one the user may see."""
    visible = event_list_visible(user=user).filter(pk=OuterRef("event_id"))
    return get_object_or_404(EventPhoto.objects.filter(Exists(visible)), pk=pk)


def photo_get_writable(*, user: User, pk: int) -> EventPhoto:
    """The photo to delete: 404 as above, 403 when its event is seen but not changeable."""
    photo = photo_get_visible(user=user, pk=pk)
    if not event_list_writable(user=user).filter(pk=photo.event_id).exists():
        raise PermissionDenied
    return photo


def base_list_for_event(*, user: User) -> QuerySet[Base]:
    """The active bases an event of the user may be hosted by: those of their units."""
    return scope_to_units(Base.objects.select_related("org_unit"), user=user).filter(is_active=True)


def society_list_for_choice() -> QuerySet[Society]:
    return Society.objects.filter(is_active=True).order_by("name", "pk")


def theme_list_for_choice() -> QuerySet[MonthlyTheme]:
    return MonthlyTheme.objects.select_related("plan_year").order_by("-plan_year__year", "month")


def themes_of_year(*, plan_year: PlanYear) -> dict[int, MonthlyTheme]:
    return {theme.month: theme for theme in plan_year.outreach_themes.all()}


def theme_get_or_new(*, plan_year: PlanYear, month: int) -> MonthlyTheme:
    theme = plan_year.outreach_themes.filter(month=month).first()
    return theme or MonthlyTheme(plan_year=plan_year, month=month)


def on_theme_q(prefix: str = "") -> Q:
    """The event is on the theme of its own month (the theme's year is the event's: the
    model refuses anything else)."""
    return Q(**{f"{prefix}theme__month": ExtractMonth(f"{prefix}held_on")})


# Key days


def key_day_override(*, plan_year: PlanYear, kind: str) -> KeyDay | None:
    return plan_year.outreach_key_days.filter(kind=kind).first()


def key_day_window(*, plan_year: PlanYear, kind: str) -> Window:
    """The key day's window in the plan year: the bureau's, else the default (keydays.py)."""
    return window_for(
        plan_year.year, kind, override=key_day_override(plan_year=plan_year, kind=kind)
    )


def key_day_windows(*, kind: str) -> list[Window]:
    """The key day's window in every plan year (two queries)."""
    overrides = {row.plan_year_id: row for row in KeyDay.objects.filter(kind=kind)}
    return [
        window_for(plan_year.year, kind, override=overrides.get(plan_year.pk))
        for plan_year in PlanYear.objects.order_by("year")
    ]


def key_day_q(windows: list[Window], prefix: str = "") -> Q:
    """Held within one of the windows (a Q that matches nothing when there are none)."""
    found = Q(pk__in=[])
    for window in windows:
        found |= Q(**{f"{prefix}held_on__range": (window.starts_on, window.ends_on)})
    return found


def key_days_of(day: datetime.date) -> list[Window]:
    """The key days whose window (of the day's plan year) holds `day`: for the event page."""
    plan_year = PlanYear.objects.filter(year=day.year).first()
    if plan_year is None:
        return []
    overrides = {row.kind: row for row in plan_year.outreach_key_days.all()}
    windows = [window_for(day.year, kind, override=overrides.get(kind)) for kind in KeyDayKind]
    return [window for window in windows if day in window]
