"""Reads of the technology projects (needs and results, cooperations, key projects) and of the
technology intermediaries (科技中介服务机构), always scoped to what the user may see.

Which rows a user may see is decided by `scope_to_units`; this module only says how the
records reach an org unit:
- needs, cooperations, key projects and intermediary services through their enterprise;
- an intermediary through none: it is a city-wide record that every logged-in user reads,
  and that only bureau users who can write (staff, administrators) create or change.
"""

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from guangde_plan.models import User
from guangde_plan.selectors import org_units_writable, scope_to_units

from .models import (
    Cooperation,
    Enterprise,
    Intermediary,
    IntermediaryService,
    KeyProject,
    TechDemand,
)

BY_ENTERPRISE = "enterprise__org_unit"


def _scoped(model, *, user: User) -> QuerySet:
    """`model`'s rows whose enterprise the user may see, with the enterprise and its unit."""
    return scope_to_units(
        model.objects.select_related("enterprise__org_unit"), user=user, path=BY_ENTERPRISE
    )


def tech_demand_list_visible(*, user: User) -> QuerySet[TechDemand]:
    return _scoped(TechDemand, user=user)


def cooperation_list_visible(*, user: User) -> QuerySet[Cooperation]:
    return _scoped(Cooperation, user=user)


def key_project_list_visible(*, user: User) -> QuerySet[KeyProject]:
    return _scoped(KeyProject, user=user)


def intermediary_service_list_visible(*, user: User) -> QuerySet[IntermediaryService]:
    return _scoped(IntermediaryService, user=user).select_related("intermediary")


def record_get_visible(queryset: QuerySet, *, pk: int):
    """The record of a scoped queryset above, or 404 when it does not exist *or* its
    enterprise lies outside the user's units. Whoever may see a record's enterprise and can
    write may change the record (as with help items)."""
    return get_object_or_404(queryset, pk=pk)


def enterprise_list_writable(*, user: User) -> QuerySet[Enterprise]:
    """The enterprises for which the user may record something new: those of the units they
    may write in (leaders: none), in unit order then by name, for a select."""
    return (
        Enterprise.objects.select_related("org_unit")
        .filter(org_unit__in=org_units_writable(user=user))
        .order_by("org_unit__sort_order", "org_unit__code", "name", "pk")
    )


def intermediary_list_with_counts() -> QuerySet[Intermediary]:
    """Every intermediary (city-wide records), each with `enterprise_count`: the number of
    different enterprises it served, all units (a number, not names)."""
    return Intermediary.objects.select_related("org_unit").annotate(
        enterprise_count=Count("services_given__enterprise", distinct=True)
    )


def intermediary_get(*, pk: int) -> Intermediary:
    """The intermediary with `enterprise_count` and `service_count` (all units), or 404."""
    intermediaries = intermediary_list_with_counts().annotate(
        service_count=Count("services_given", distinct=True)
    )
    return get_object_or_404(intermediaries, pk=pk)


def intermediary_list_for_choice() -> QuerySet[Intermediary]:
    return Intermediary.objects.order_by("name", "pk")
