"""Writes with rules or side effects for the cultivation pipelines."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guangde_plan.models import PlanYear, User

from .models import (
    Enterprise,
    EvaluationRules,
    HteCertificate,
    PipelineEntry,
    PipelineMove,
    Stage,
    TechSmeRegistration,
    Track,
)
from .readiness import DEFAULT_RULES, Rules


def _field_error(field: str, message, code: str, **params) -> ValidationError:
    """An error for one form field that keeps its code (Django keeps codes only on the
    errors inside a dict, not on the dict's wrapper)."""
    return ValidationError({field: ValidationError(message, code=code, params=params or None)})


def _check_date(on: datetime.date) -> None:
    if on > timezone.localdate():
        raise _field_error("on", _("This date is in the future."), "future_date")


def _check_recognition(*, entry: PipelineEntry) -> None:
    """ "Recognised" needs the proof: a certificate issued in the plan year (HTE) or a
    registration for the plan year (tech SME)."""
    year = entry.plan_year.year
    if entry.track == Track.HTE:
        has_proof = HteCertificate.objects.filter(
            enterprise=entry.enterprise_id, issued_on__year=year
        ).exists()
        message = _(
            "Record the high-tech enterprise certificate issued in %(year)d first; "
            "“recognised” needs it."
        )
    else:
        has_proof = TechSmeRegistration.objects.filter(
            enterprise=entry.enterprise_id, year=year
        ).exists()
        message = _("Record the tech-SME registration for %(year)d first; “registered” needs it.")
    if not has_proof:
        raise _field_error("to_stage", message, "recognition_missing", year=year)


@transaction.atomic
def pipeline_start(
    *,
    enterprise: Enterprise,
    track: str,
    plan_year: PlanYear,
    stage: str = Stage.SURVEYED,
    on: datetime.date,
    by: User,
    note: str = "",
) -> PipelineEntry:
    """Put an enterprise into a track's pipeline for a plan year, at `stage`."""
    _check_date(on)
    entry = PipelineEntry(
        enterprise=enterprise,
        track=track,
        plan_year=plan_year,
        stage=stage,
        stage_changed_on=on,
        note=note,
    )
    if stage == Stage.RECOGNISED:
        _check_recognition(entry=entry)
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as error:
        raise ValidationError(
            _("This enterprise is already in the %(track)s pipeline for %(year)d."),
            code="pipeline_exists",
            params={"track": Track(track).label, "year": plan_year.year},
        ) from error
    PipelineMove.objects.create(
        entry=entry, from_stage="", to_stage=stage, moved_on=on, moved_by=by, note=note
    )
    return entry


@transaction.atomic
def pipeline_move(
    *, entry: PipelineEntry, to_stage: str, on: datetime.date, by: User, note: str = ""
) -> PipelineMove:
    """Move an entry to another stage, recording the move.

    Refused: the stage it is at already; anything after "recognised" (final: the
    certificate or registration exists); a date in the future or before the last move;
    "recognised" without its certificate or registration.
    """
    # Lock the row: two liaisons moving the same entry at once must not both succeed.
    entry = PipelineEntry.objects.select_for_update().select_related("plan_year").get(pk=entry.pk)
    _check_date(on)
    if to_stage == entry.stage:
        raise _field_error("to_stage", _("The entry is at this stage already."), "same_stage")
    if entry.stage == Stage.RECOGNISED:
        raise _field_error(
            "to_stage", _("A recognised entry is final for the year."), "final_stage"
        )
    if on < entry.stage_changed_on:
        raise _field_error(
            "on",
            _("The previous move was on %(date)s; a move cannot be dated earlier."),
            "before_last_move",
            date=entry.stage_changed_on.isoformat(),
        )
    if to_stage == Stage.RECOGNISED:
        _check_recognition(entry=entry)
    move = PipelineMove.objects.create(
        entry=entry,
        from_stage=entry.stage,
        to_stage=to_stage,
        moved_on=on,
        moved_by=by,
        note=note,
    )
    entry.stage, entry.stage_changed_on = to_stage, on
    entry.save(update_fields=["stage", "stage_changed_on"])
    return move


def evaluation_rules_for(*, plan_year: PlanYear) -> Rules:
    """The plan year's thresholds; a year without its own gets the national defaults,
    stored so that admins can correct them."""
    stored, _created = EvaluationRules.objects.get_or_create(
        plan_year=plan_year, defaults={"rules": DEFAULT_RULES.to_dict()}
    )
    return stored.as_rules()
