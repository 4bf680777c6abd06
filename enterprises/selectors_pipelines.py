"""Reads of recognitions and cultivation pipelines, always scoped to what the user may see."""

import datetime

from django.db.models import Case, IntegerField, OuterRef, QuerySet, Subquery, Value, When
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from guangde_plan.lib.http import NotFound
from guangde_plan.models import OrgUnit, PlanYear, User
from guangde_plan.selectors import scope_to_units

from .models import (
    CertificateStatus,
    Enterprise,
    HteCertificate,
    PipelineEntry,
    PipelineMove,
    Stage,
    TechSmeRegistration,
    Track,
)
from .recognitions import hte_expiring_in

ONE_DAY = datetime.timedelta(days=1)


def track_checked(track: str) -> str:
    """A track named in a URL (hte, tech_sme), or 404 with a message."""
    if track not in Track.values:
        raise NotFound(_("There is no such recognition track."))
    return track


def last_valid_day(certificate: HteCertificate) -> datetime.date:
    """`expires_on` is exclusive: the certificate still holds on the day before."""
    return certificate.expires_on - ONE_DAY


# Certificates and registrations ------------------------------------------------------------


def certificate_get_visible(*, user: User, pk: int) -> HteCertificate:
    """The certificate, or 404 when its enterprise lies outside the user's units."""
    certificates = HteCertificate.objects.select_related("enterprise__org_unit")
    return get_object_or_404(
        scope_to_units(certificates, user=user, path="enterprise__org_unit"), pk=pk
    )


def certificate_find_by_number(*, number: str) -> HteCertificate | None:
    """Unscoped on purpose (as enterprise_find_by_uscc): a number is refused even when another
    unit's enterprise holds it, and the message names that enterprise."""
    return (
        HteCertificate.objects.select_related("enterprise__org_unit").filter(number=number).first()
    )


def registration_get_visible(*, user: User, pk: int) -> TechSmeRegistration:
    registrations = TechSmeRegistration.objects.select_related("enterprise__org_unit")
    return get_object_or_404(
        scope_to_units(registrations, user=user, path="enterprise__org_unit"), pk=pk
    )


def registration_find_by_number(*, number: str) -> TechSmeRegistration | None:
    """Unscoped on purpose, like certificate_find_by_number."""
    return (
        TechSmeRegistration.objects.select_related("enterprise__org_unit")
        .filter(number=number)
        .first()
    )


def registration_year_taken(*, enterprise_id: int, year: int, exclude_pk: int | None) -> bool:
    return (
        TechSmeRegistration.objects.filter(enterprise_id=enterprise_id, year=year)
        .exclude(pk=exclude_pk)
        .exists()
    )


def enterprise_recognitions(*, enterprise: Enterprise, today: datetime.date) -> dict:
    """An enterprise's certificates (with status), registrations and pipeline entries.

    Three queries whatever the data; lists, so that the template runs none.
    """
    certificates = [
        {
            "certificate": certificate,
            "last_valid_on": last_valid_day(certificate),
            "status": CertificateStatus(certificate.status_on(today)),
        }
        for certificate in HteCertificate.objects.filter(enterprise=enterprise).order_by(
            "-issued_on", "-pk"
        )
    ]
    registrations = list(
        TechSmeRegistration.objects.filter(enterprise=enterprise).order_by("-year")
    )
    entries = list(
        PipelineEntry.objects.filter(enterprise=enterprise)
        .select_related("plan_year")
        .order_by("-plan_year__year", "track")
    )
    return {"certificates": certificates, "registrations": registrations, "entries": entries}


def hte_expiring_rows(*, user: User, plan_year: PlanYear) -> list[HteCertificate]:
    """`recognitions.hte_expiring_in` for the plan year, each certificate annotated with its
    enterprise's HTE pipeline entry of that year (`pipeline_entry_id`, `pipeline_stage`, None
    without one) and `last_valid_on`. One query, whatever the number of rows."""
    entry = PipelineEntry.objects.filter(
        enterprise=OuterRef("enterprise"), track=Track.HTE, plan_year=plan_year
    )
    certificates = list(
        hte_expiring_in(year=plan_year.year, user=user).annotate(
            pipeline_entry_id=Subquery(entry.values("pk")[:1]),
            pipeline_stage=Subquery(entry.values("stage")[:1]),
        )
    )
    for certificate in certificates:
        certificate.last_valid_on = last_valid_day(certificate)
        certificate.pipeline_stage_label = (
            Stage(certificate.pipeline_stage).label if certificate.pipeline_stage else ""
        )
    return certificates


# Plan years ---------------------------------------------------------------------------------


# Pipelines ----------------------------------------------------------------------------------


def entry_list_visible(*, user: User) -> QuerySet[PipelineEntry]:
    entries = PipelineEntry.objects.select_related("enterprise__org_unit", "plan_year")
    return scope_to_units(entries, user=user, path="enterprise__org_unit")


def entry_get_visible(*, user: User, pk: int) -> PipelineEntry:
    """The entry, or 404 when its enterprise lies outside the user's units."""
    return get_object_or_404(entry_list_visible(user=user), pk=pk)


def entry_moves(*, entry: PipelineEntry) -> list[PipelineMove]:
    """The entry's moves, newest first, with who made them: one query."""
    return list(entry.moves.select_related("moved_by").order_by("-moved_on", "-created_at", "-pk"))


# The pipeline's order, for sorting the ledger by stage rather than alphabetically.
_STAGE_ORDER = Case(
    *[When(stage=stage, then=Value(index)) for index, stage in enumerate(Stage.values)],
    output_field=IntegerField(),
)


def entry_ledger(*, user: User) -> QuerySet[PipelineEntry]:
    """The cultivation ledger (培育台账): every entry the user may see."""
    return entry_list_visible(user=user).annotate(stage_order=_STAGE_ORDER)


def board_columns(
    *,
    user: User,
    track: str,
    plan_year: PlanYear,
    today: datetime.date,
    org_unit: OrgUnit | None = None,
) -> list[dict]:
    """One column per stage, in pipeline order, each with its cards: the entry, the days since
    its stage changed and, on the HTE board, whether the enterprise's certificate expires in
    the plan year. Two queries (one on the tech-SME board) whatever the number of entries.
    """
    entries = entry_list_visible(user=user).filter(track=track, plan_year=plan_year)
    if org_unit is not None:
        entries = entries.filter(enterprise__org_unit=org_unit)
    expiring = set()
    if track == Track.HTE:
        holders = hte_expiring_in(year=plan_year.year, user=user)
        if org_unit is not None:
            holders = holders.filter(enterprise__org_unit=org_unit)
        expiring = set(holders.values_list("enterprise_id", flat=True))

    cards = {stage: [] for stage in Stage.values}
    # Longest waiting first: those need a nudge.
    for entry in entries.order_by("stage_changed_on", "enterprise__name", "pk"):
        cards[entry.stage].append(
            {
                "entry": entry,
                "days": (today - entry.stage_changed_on).days,
                "hte_expiring": entry.enterprise_id in expiring,
            }
        )
    return [
        {"stage": stage, "label": Stage(stage).label, "cards": stage_cards}
        for stage, stage_cards in cards.items()
    ]
