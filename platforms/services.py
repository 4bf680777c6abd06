"""Writes with rules for the platforms: recognitions (which decide a platform's level),
level applications and their moves, closing and deleting a platform, and notices."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guangde_plan.models import PlanYear, User

from .models import (
    ACTIVE_STAGES,
    LEVEL_RANK,
    Application,
    ApplicationMove,
    ApplicationStage,
    IndicatorValue,
    Level,
    Notice,
    Platform,
    Recognition,
)


def _field_error(field: str, message, code: str, **params) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code, params=params or None)})


def _check_not_future(on: datetime.date, field: str = "on") -> None:
    if on > timezone.localdate():
        raise _field_error(field, _("This date is in the future."), "future_date")


# Recognitions --------------------------------------------------------------------------------


def _replay(recognitions: list[Recognition]) -> str:
    """The level after the recognitions in date order (ties in the order recorded), or a
    ValidationError on the `level` field naming the first act that does not fit: a level
    granted must be above the level held on its date, a confirmation equal to it, a
    revocation below it."""
    level = Level.NONE
    for recognition in sorted(recognitions, key=lambda r: (r.recognised_on, r.pk or 10**12)):
        held, new = LEVEL_RANK[level], LEVEL_RANK[recognition.level]
        params = {
            "date": recognition.recognised_on.isoformat(),
            "held": Level(level).label,
            "level": Level(recognition.level).label,
        }
        if recognition.act == Recognition.Act.GRANTED and new <= held:
            raise _field_error(
                "level",
                _(
                    "On %(date)s the platform held the %(held)s level already: a level "
                    "granted must be higher. Record a confirmation on review instead, or "
                    "check the date."
                ),
                "not_an_upgrade",
                **params,
            )
        if recognition.act == Recognition.Act.CONFIRMED and held == 0:
            raise _field_error(
                "level",
                _("On %(date)s the platform held no level: there is nothing to confirm."),
                "nothing_to_confirm",
                **params,
            )
        if recognition.act == Recognition.Act.CONFIRMED and new != held:
            raise _field_error(
                "level",
                _("On %(date)s the platform held the %(held)s level: only that can be confirmed."),
                "confirm_other_level",
                **params,
            )
        if recognition.act == Recognition.Act.REVOKED and new >= held:
            raise _field_error(
                "level",
                _(
                    "On %(date)s the platform held the %(held)s level: a revocation leaves a "
                    "lower level (none if it loses all)."
                ),
                "not_a_downgrade",
                **params,
            )
        level = recognition.level
    return level


@transaction.atomic
def recognition_save(*, recognition: Recognition, by: User) -> Recognition:
    """Record (or correct) a recognition: it must fit the platform's other acts in date
    order; the platform's level is then set from all of them, and an open application for
    a level granted in its plan year is moved to "recognised"."""
    platform = Platform.objects.select_for_update().get(pk=recognition.platform_id)
    _check_not_future(recognition.recognised_on, "recognised_on")
    if platform.is_closed and recognition.recognised_on > platform.closed_on:
        raise _field_error(
            "recognised_on",
            _("The platform was closed on %(date)s."),
            "platform_closed",
            date=platform.closed_on.isoformat(),
        )
    if recognition.pk is None:
        recognition.recorded_by = by
    # Field checks first: the replay reads the level and the date as valid values.
    recognition.full_clean()
    others = list(platform.recognitions.exclude(pk=recognition.pk))
    level = _replay([*others, recognition])
    recognition.save()
    if platform.level != level:
        platform.level = level
        platform.save(update_fields=["level", "updated_at"])
    if recognition.act == Recognition.Act.GRANTED:
        _close_application(platform, recognition, by=by)
    return recognition


@transaction.atomic
def recognition_delete(*, recognition: Recognition, by: User | None = None) -> None:
    """Remove a wrongly recorded act; the remaining ones must still fit together. An
    application it had made "recognised" goes back to "applied" when no other grant of that
    level in that year is left to prove it."""
    platform = Platform.objects.select_for_update().get(pk=recognition.platform_id)
    others = list(platform.recognitions.exclude(pk=recognition.pk))
    level = _replay(others)
    recognition.delete()
    if platform.level != level:
        platform.level = level
        platform.save(update_fields=["level", "updated_at"])
    if recognition.act == Recognition.Act.GRANTED and not any(
        other.act == Recognition.Act.GRANTED
        and other.level == recognition.level
        and other.recognised_on.year == recognition.recognised_on.year
        for other in others
    ):
        _reopen_application(platform, recognition, by=by)


def _reopen_application(platform: Platform, recognition: Recognition, *, by) -> None:
    application = (
        Application.objects.select_for_update()
        .filter(
            platform=platform,
            target_level=recognition.level,
            plan_year__year=recognition.recognised_on.year,
            stage=ApplicationStage.RECOGNISED,
        )
        .first()
    )
    if application is None:
        return
    on = max(timezone.localdate(), application.stage_changed_on)
    ApplicationMove.objects.create(
        application=application,
        from_stage=ApplicationStage.RECOGNISED,
        to_stage=ApplicationStage.APPLIED,
        moved_on=on,
        moved_by=by,
        note=str(_("The recognition it rested on was deleted.")),
    )
    application.stage, application.stage_changed_on = ApplicationStage.APPLIED, on
    application.save(update_fields=["stage", "stage_changed_on"])


def _close_application(platform: Platform, recognition: Recognition, *, by: User) -> None:
    application = (
        Application.objects.select_for_update()
        .filter(
            platform=platform,
            target_level=recognition.level,
            plan_year__year=recognition.recognised_on.year,
            stage__in=ACTIVE_STAGES,
        )
        .first()
    )
    if application is None:
        return
    on = max(recognition.recognised_on, application.stage_changed_on)
    ApplicationMove.objects.create(
        application=application,
        from_stage=application.stage,
        to_stage=ApplicationStage.RECOGNISED,
        moved_on=on,
        moved_by=by,
        note=recognition.document_number,
    )
    application.stage, application.stage_changed_on = ApplicationStage.RECOGNISED, on
    application.save(update_fields=["stage", "stage_changed_on"])


# Applications --------------------------------------------------------------------------------


def _check_granted(application: Application) -> None:
    granted = Recognition.objects.filter(
        platform=application.platform_id,
        act=Recognition.Act.GRANTED,
        level=application.target_level,
        recognised_on__year=application.plan_year.year,
    ).exists()
    if not granted:
        raise _field_error(
            "to_stage",
            _(
                "Record the recognition at the %(level)s level dated in %(year)d first; "
                "“recognised” needs it."
            ),
            "recognition_missing",
            level=application.get_target_level_display(),
            year=application.plan_year.year,
        )


@transaction.atomic
def application_start(
    *,
    platform: Platform,
    target_level: str,
    plan_year: PlanYear,
    stage: str = ApplicationStage.PREPARING,
    on: datetime.date,
    by: User,
    note: str = "",
) -> Application:
    """Open an application for a level above the platform's current one."""
    _check_not_future(on)
    if platform.is_closed:
        raise ValidationError(_("The platform is closed."), code="platform_closed")
    if LEVEL_RANK[target_level] <= LEVEL_RANK[platform.level]:
        raise _field_error(
            "target_level",
            _("The platform holds the %(level)s level already: apply for a higher one."),
            "not_above_current",
            level=platform.get_level_display(),
        )
    if stage not in ACTIVE_STAGES:
        raise _field_error("stage", _("A new application starts as preparing or applied."), "stage")
    application = Application(
        platform=platform,
        target_level=target_level,
        plan_year=plan_year,
        stage=stage,
        stage_changed_on=on,
        note=note,
    )
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as error:
        raise _field_error(
            "target_level",
            _("This platform has an application for this level in %(year)d already."),
            "application_exists",
            year=plan_year.year,
        ) from error
    ApplicationMove.objects.create(
        application=application, to_stage=stage, moved_on=on, moved_by=by, note=note
    )
    return application


@transaction.atomic
def application_move(
    *, application: Application, to_stage: str, on: datetime.date, by: User, note: str = ""
) -> ApplicationMove:
    """Move an application, recording the move. Refused: the same stage; anything after
    "recognised"; a date in the future or before the last move; "recognised" without the
    recognition."""
    application = (
        Application.objects.select_for_update()
        .select_related("plan_year", "platform")
        .get(pk=application.pk)
    )
    _check_not_future(on)
    if to_stage in ACTIVE_STAGES and application.platform.is_closed:
        raise _field_error("to_stage", _("The platform is closed."), "platform_closed")
    if to_stage == application.stage:
        raise _field_error("to_stage", _("The application is at this stage already."), "same_stage")
    if application.stage == ApplicationStage.RECOGNISED:
        raise _field_error("to_stage", _("A recognised application is final."), "final_stage")
    if on < application.stage_changed_on:
        raise _field_error(
            "on",
            _("The previous move was on %(date)s; a move cannot be dated earlier."),
            "before_last_move",
            date=application.stage_changed_on.isoformat(),
        )
    if to_stage == ApplicationStage.RECOGNISED:
        _check_granted(application)
    move = ApplicationMove.objects.create(
        application=application,
        from_stage=application.stage,
        to_stage=to_stage,
        moved_on=on,
        moved_by=by,
        note=note,
    )
    application.stage, application.stage_changed_on = to_stage, on
    application.save(update_fields=["stage", "stage_changed_on"])
    return move


# Platforms -----------------------------------------------------------------------------------


def platform_has_history(platform: Platform) -> bool:
    return (
        platform.recognitions.exists()
        or platform.applications.exists()
        or platform.incubation_figures.exists()
    )


@transaction.atomic
def platform_delete(*, platform: Platform) -> None:
    """Only a platform entered by mistake (nothing recorded on it) can be deleted; one with
    history is closed instead."""
    if platform_has_history(platform):
        raise ValidationError(
            _("This platform has recognitions, applications or figures: close it instead."),
            code="has_history",
        )
    platform.delete()


@transaction.atomic
def platform_close(
    *, platform: Platform, on: datetime.date, reason: str, by: User | None = None
) -> Platform:
    """Close a platform (it stops operating); its history stays. Open applications are
    withdrawn on that date."""
    _check_not_future(on, "closed_on")
    if platform.opened_on and on < platform.opened_on:
        raise _field_error(
            "closed_on",
            _("It has been operating since %(date)s; it cannot have closed before."),
            "before_opening",
            date=platform.opened_on.isoformat(),
        )
    last = platform.recognitions.aggregate(last=Max("recognised_on"))["last"]
    if last and on < last:
        raise _field_error(
            "closed_on",
            _("Its last recognition is dated %(date)s; it cannot have closed before."),
            "before_recognition",
            date=last.isoformat(),
        )
    platform.closed_on, platform.closed_reason = on, reason
    platform.full_clean()
    platform.save(update_fields=["closed_on", "closed_reason", "updated_at"])
    for application in platform.applications.filter(stage__in=ACTIVE_STAGES):
        ApplicationMove.objects.create(
            application=application,
            from_stage=application.stage,
            to_stage=ApplicationStage.WITHDRAWN,
            moved_on=max(on, application.stage_changed_on),
            moved_by=by,
            note=reason,
        )
        application.stage = ApplicationStage.WITHDRAWN
        application.stage_changed_on = max(on, application.stage_changed_on)
        application.save(update_fields=["stage", "stage_changed_on"])
    return platform


@transaction.atomic
def platform_reopen(*, platform: Platform) -> Platform:
    platform.closed_on, platform.closed_reason = None, ""
    platform.save(update_fields=["closed_on", "closed_reason", "updated_at"])
    return platform


# Notices -------------------------------------------------------------------------------------


@transaction.atomic
def notice_issue(*, notice: Notice, indicators, by: User) -> Notice:
    """Number the notice within its plan year (2024-001, 2024-002, …) and save it."""
    _check_not_future(notice.issued_on, "issued_on")
    if notice.due_on < notice.issued_on:
        raise _field_error(
            "due_on", _("The due date cannot be before the issue date."), "due_before_issue"
        )
    indicators = list(indicators)
    if any(indicator.plan_year_id != notice.plan_year_id for indicator in indicators):
        raise _field_error(
            "indicators",
            _("Only indicators of the notice's plan year can be asked for."),
            "other_year",
        )
    # Lock the year's row so two staff issuing at once do not take the same number (the
    # unique constraint would refuse the second; the lock makes it wait instead).
    PlanYear.objects.select_for_update().get(pk=notice.plan_year_id)
    last = Notice.objects.filter(plan_year=notice.plan_year_id).aggregate(n=Max("number"))["n"]
    notice.number = (last or 0) + 1
    notice.issued_by = by
    notice.save()
    notice.indicators.set(indicators)
    return notice


@transaction.atomic
def notice_record_reply(
    *,
    notice: Notice,
    replied_on: datetime.date,
    reply: str,
    values: dict[int, object],
    by: User,
) -> Notice:
    """Record the unit's reply and the values it sent (indicator id → Decimal), each as a
    value of its indicator as of the reply date. A notice is answered once: a correction
    is a new value typed on the indicator (the latest one counts)."""
    _check_not_future(replied_on, "replied_on")
    # The row locked and read again: a double submit (or two staff at once) must not
    # record the reply and its values twice; the second waits here, then sees the first.
    if Notice.objects.select_for_update().only("replied_on").get(pk=notice.pk).is_replied:
        raise ValidationError(
            _("The reply to this notice has been recorded already."), code="already_replied"
        )
    if replied_on < notice.issued_on:
        raise _field_error(
            "replied_on",
            _("The reply cannot be dated before the notice (%(date)s)."),
            "reply_before_notice",
            date=notice.issued_on.isoformat(),
        )
    values = {pk: value for pk, value in values.items() if value is not None}
    if not set(values) <= set(notice.indicators.values_list("pk", flat=True)):
        raise ValidationError(_("That indicator is not on this notice."), code="indicator")
    notice.replied_on, notice.reply, notice.reply_recorded_by = replied_on, reply, by
    notice.save(update_fields=["replied_on", "reply", "reply_recorded_by"])
    for indicator_id, value in values.items():
        IndicatorValue.objects.create(
            indicator_id=indicator_id,
            as_of=replied_on,
            value=value,
            notice=notice,
            note=notice.reference,
            recorded_by=by,
        )
    return notice
