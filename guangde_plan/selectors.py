"""Reads shared by views, forms, exports and tasks.

This module is the one place that decides which org units a user may see or change; every
app's selectors scope their querysets through `scope_to_units`, never by hand.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from .lib.http import NotFound, no_plan_for
from .models import OrgUnit, PlanYear, ProgressSnapshot, Target, User


def org_units_visible(*, user: User) -> QuerySet[OrgUnit]:
    if not user.is_authenticated:
        return OrgUnit.objects.none()
    if user.sees_all_units:
        return OrgUnit.objects.all()
    return _liaison_units(user)


def org_units_writable(*, user: User) -> QuerySet[OrgUnit]:
    """Units in which the user may create or change records (leaders: none)."""
    if not user.is_authenticated or not user.can_write:
        return OrgUnit.objects.none()
    return org_units_visible(user=user).filter(is_active=True)


def scope_to_units(queryset: QuerySet, *, user: User, path: str = "org_unit") -> QuerySet:
    """Restrict `queryset` to rows whose `path` (an OrgUnit relation) the user may see."""
    if not user.is_authenticated:
        return queryset.none()
    if user.sees_all_units:
        return queryset
    # A subquery, not a list of ids: one query however many units the liaison has.
    return queryset.filter(**{f"{path}__in": _liaison_units(user)})


def _liaison_units(user: User) -> QuerySet[OrgUnit]:
    """A liaison's units. A unit made inactive (merged, dissolved) drops out of their scope
    altogether, so that what they may see and what they may change stay one rule; bureau
    users still see its records."""
    return OrgUnit.objects.filter(liaisons=user, is_active=True)


def plan_year_chosen(value: str | None, *, years: list[PlanYear]) -> PlanYear:
    """The plan year named by a `year` query parameter (`years`: every plan year, latest
    first), the latest when none is given.

    404 with a message for a year without a plan (or garbage): a page about a year nobody
    planned for would only show empty columns that look like a failure.
    """
    if not years:
        raise NotFound(_("No plan year has been set up yet."))
    value = (value or "").strip()
    if not value:
        return years[0]
    for plan_year in years:
        if str(plan_year.year) == value:
            return plan_year
    raise no_plan_for(value)


def plan_year_get_or_404(*, year: int) -> PlanYear:
    try:
        return PlanYear.objects.get(year=year)
    except PlanYear.DoesNotExist:
        raise no_plan_for(year) from None


def plan_year_current() -> PlanYear | None:
    """The latest plan year (plans are set one calendar year at a time)."""
    return PlanYear.objects.order_by("-year").first()


def target_list_for_year(*, plan_year: PlanYear) -> QuerySet[Target]:
    return plan_year.targets.order_by("sort_order", "code")


def snapshot_series(*, target: Target) -> list[ProgressSnapshot]:
    """The target's weekly city-wide snapshots, oldest first (one query)."""
    return list(
        ProgressSnapshot.objects.filter(target=target, org_unit__isnull=True).order_by("week")
    )
