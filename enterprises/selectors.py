"""Reads of the enterprise registry, always scoped to what the user may see."""

import datetime

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

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
    """The enterprise's changes, newest first: who, when, and each field's old → new value.

    Two queries whatever the length: the history rows with their users (one row more than
    shown, to diff the oldest shown against) and the org unit names.
    """
    records = list(
        enterprise.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    unit_names = dict(OrgUnit.objects.values_list("pk", "name"))

    def display(field, value):
        if value in (None, ""):
            return "—"
        if field.attname == "org_unit_id":
            return unit_names.get(value, value)
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, bool):
            return gettext("Yes") if value else gettext("No")
        return value

    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if record.history_type == "~" and previous is not None:
            for field in _TRACKED_FIELDS:
                old = getattr(previous, field.attname)
                new = getattr(record, field.attname)
                if old != new:
                    changes.append(
                        {
                            "field": field.verbose_name,
                            "old": display(field, old),
                            "new": display(field, new),
                        }
                    )
        entries.append({"record": record, "changes": changes})
    return entries


_TRACKED_FIELDS = [
    field
    for field in Enterprise._meta.concrete_fields
    if field.attname not in {"id", "created_at", "updated_at"}
]


def enterprise_counts_by_unit(*, user: User, today: datetime.date) -> list[OrgUnit]:
    """Each visible unit with its number of enterprises, 规上 ones and those on the
    tracking-service list (production started in the last two years). One query."""
    cutoff = tracking_cutoff(today)
    return list(
        org_units_visible(user=user).annotate(
            enterprise_count=Count("enterprises"),
            above_size_count=Count(
                "enterprises", filter=Q(enterprises__is_above_designated_size=True)
            ),
            recent_production_count=Count(
                "enterprises", filter=Q(enterprises__production_started_on__gte=cutoff)
            ),
        )
    )
