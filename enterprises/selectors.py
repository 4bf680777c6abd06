"""Reads of the enterprise registry, always scoped to what the user may see."""

import datetime

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from guangde_plan import figures_cache
from guangde_plan.lib.history import change_history
from guangde_plan.models import OrgUnit, User
from guangde_plan.selectors import org_units_visible, scope_to_units

from .models import Enterprise, tracking_cutoff


def enterprise_list_visible(*, user: User) -> QuerySet[Enterprise]:
    return scope_to_units(Enterprise.objects.select_related("org_unit"), user=user)


def enterprise_get_visible(*, user: User, pk: int) -> Enterprise:
    """The enterprise, or 404 when it does not exist *or* lies outside the user's units."""
    return get_object_or_404(enterprise_list_visible(user=user), pk=pk)


def enterprise_find_by_uscc(*, uscc: str) -> Enterprise | None:
    """Unscoped on purpose: a duplicate code must be refused even across units, and the
    message names the existing enterprise so that liaisons can sort it out."""
    return Enterprise.objects.select_related("org_unit").filter(uscc=uscc).first()


def enterprise_history(*, enterprise: Enterprise, limit: int = 50) -> list[dict]:
    """The enterprise's changes, newest first (two queries: history rows, unit names)."""
    return change_history(enterprise, limit=limit)


def enterprise_counts_by_unit(*, user: User, today: datetime.date) -> list[OrgUnit]:
    """Each visible unit with its number of enterprises, 规上 ones and those on the
    tracking-service list (production started in the last two years). The counts are summed
    over the whole registry and cached (guangde_plan/figures_cache.py); the units are read
    for the user: one query, two without the cache."""
    cutoff = tracking_cutoff(today)

    def compute():
        return {
            row["org_unit"]: row
            for row in Enterprise.objects.order_by()
            .values("org_unit")
            .annotate(
                enterprise_count=Count("pk"),
                above_size_count=Count("pk", filter=Q(is_above_designated_size=True)),
                recent_production_count=Count("pk", filter=Q(production_started_on__gte=cutoff)),
            )
        }

    counts = figures_cache.cached("registry_counts", (cutoff.isoformat(),), compute)
    units = list(org_units_visible(user=user).order_by("sort_order", "code"))
    for unit in units:
        row = counts.get(unit.pk, {})
        for key in REGISTRY_COUNTS:
            setattr(unit, key, row.get(key, 0))
    return units


REGISTRY_COUNTS = ("enterprise_count", "above_size_count", "recent_production_count")
