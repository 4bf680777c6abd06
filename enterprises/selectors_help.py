"""Reads of the help ledger (培育发展台账), always scoped to what the user may see.

Which rows a user may see is decided by `scope_to_units`; this module only says how help
activities and help items reach an org unit:
- an activity through its own unit, or, when it is city-wide (no unit), through the
  enterprises that took part: whoever may see one of them may see the activity;
- a help item through its enterprise.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from guangde_plan.models import User
from guangde_plan.selectors import scope_to_units

from .models import Enterprise, HelpActivity, HelpItem

ActivityEnterprise = HelpActivity.enterprises.through


def help_activity_list_visible(*, user: User) -> QuerySet[HelpActivity]:
    """Activities of the user's units, and city-wide ones in which at least one enterprise
    they may see took part (bureau users: all)."""
    activities = HelpActivity.objects.select_related("org_unit")
    in_own_units = scope_to_units(activities, user=user)
    visible_links = scope_to_units(
        ActivityEnterprise.objects.filter(helpactivity=OuterRef("pk")),
        user=user,
        path="enterprise__org_unit",
    )
    city_wide = activities.filter(Exists(visible_links), org_unit__isnull=True)
    # One query with OR, not a UNION: it still filters, counts and paginates like any other.
    return in_own_units | city_wide


def help_activity_list_with_counts(*, user: User) -> QuerySet[HelpActivity]:
    """The visible activities, each with `enterprise_count`: all enterprises that took part
    (a number, not names, so also those of units the user may not see)."""
    return help_activity_list_visible(user=user).annotate(enterprise_count=Count("enterprises"))


def help_activity_list_writable(*, user: User) -> QuerySet[HelpActivity]:
    """Activities the user may change: those of their own units. `scope_to_units` gives a
    liaison no row without a unit, so city-wide activities stay with bureau staff."""
    if not user.is_authenticated or not user.can_write:
        return HelpActivity.objects.none()
    return scope_to_units(HelpActivity.objects.select_related("org_unit"), user=user)


def help_activity_may_be_city_wide(*, user: User) -> bool:
    """Whether the user may record an activity without a unit: the users whom
    `scope_to_units` leaves unfiltered, i.e. bureau users who can write."""
    return user.is_authenticated and user.can_write and user.sees_all_units


def help_activity_get_visible(*, user: User, pk: int) -> HelpActivity:
    """The activity, or 404 when it does not exist *or* the user may not see it; with
    `enterprise_count` (all that took part) and `is_writable`."""
    writable = help_activity_list_writable(user=user).filter(pk=OuterRef("pk"))
    activities = help_activity_list_with_counts(user=user).annotate(
        # Exists() over none() (a leader) compiles to a plain FALSE: still one query.
        is_writable=Exists(writable),
    )
    return get_object_or_404(activities.select_related("created_by"), pk=pk)


def help_activity_get_writable(*, user: User, pk: int) -> HelpActivity:
    """The activity to change: 404 when the user may not see it, 403 when they may see it
    (it is no secret that it exists) but not change it, like a liaison and a city-wide one."""
    activity = help_activity_get_visible(user=user, pk=pk)
    if not activity.is_writable:
        raise PermissionDenied
    return activity


def help_activity_enterprises_visible(*, activity: HelpActivity, user: User) -> list[Enterprise]:
    """The enterprises that took part and the user may see (a city-wide activity may name
    enterprises of every unit; a liaison sees only theirs)."""
    enterprises = activity.enterprises.select_related("org_unit").order_by("name", "pk")
    return list(scope_to_units(enterprises, user=user))


def help_activity_list_for_enterprise(
    *, enterprise: Enterprise, user: User
) -> QuerySet[HelpActivity]:
    """The activities the enterprise took part in that the user may see, newest first."""
    return help_activity_list_visible(user=user).filter(enterprises=enterprise)


def help_item_list_visible(*, user: User, today: datetime.date) -> QuerySet[HelpItem]:
    """Help items of the enterprises the user may see, each with `is_overdue`: due before
    `today` and not solved."""
    items = HelpItem.objects.select_related("enterprise__org_unit", "activity").annotate(
        is_overdue=ExpressionWrapper(help_item_overdue_q(today=today), output_field=BooleanField())
    )
    return scope_to_units(items, user=user, path="enterprise__org_unit")


def help_item_overdue_q(*, today: datetime.date) -> Q:
    """Due before `today` and not solved. `isnull=False` keeps the value a plain TRUE/FALSE
    (never NULL) for items without a due date, so that negating it also works."""
    return Q(due_on__isnull=False, due_on__lt=today) & ~Q(status=HelpItem.Status.DONE)


def help_item_get_visible(*, user: User, pk: int, today: datetime.date) -> HelpItem:
    """The item, or 404 when it does not exist *or* its enterprise lies outside the user's
    units. Anyone who may see an item's enterprise and can write may change the item."""
    return get_object_or_404(help_item_list_visible(user=user, today=today), pk=pk)
