"""application_start / application_move: preparing → applied → recognised / not approved,
every move recorded."""

import pytest
from django.core.exceptions import ValidationError

from guangde_plan.models import PlanYear
from platforms.models import ApplicationStage, Level
from platforms.services import application_move, application_start, platform_close

from .factories import D, grant

PREPARING, APPLIED, RECOGNISED, REJECTED, WITHDRAWN = (
    ApplicationStage.PREPARING,
    ApplicationStage.APPLIED,
    ApplicationStage.RECOGNISED,
    ApplicationStage.REJECTED,
    ApplicationStage.WITHDRAWN,
)


@pytest.fixture
def application(incubator, plan_year, staff_user):
    return application_start(
        platform=incubator,
        target_level=Level.MUNICIPAL,
        plan_year=plan_year,
        on=D(2024, 3, 1),
        by=staff_user,
        note="材料准备中",
    )


def error_codes(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call()
    error = caught.value
    if hasattr(error, "error_dict"):
        return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}
    return {"__all__": [e.code for e in error.error_list]}


def test_start_records_the_first_move(application, staff_user):
    assert (application.stage, application.stage_changed_on) == (PREPARING, D(2024, 3, 1))
    move = application.moves.get()
    assert (move.from_stage, move.to_stage, move.moved_by, move.note) == (
        "",
        PREPARING,
        staff_user,
        "材料准备中",
    )


def test_only_a_level_above_the_current_one_can_be_applied_for(incubator, plan_year, staff_user):
    grant(incubator, Level.MUNICIPAL, D(2023, 5, 1), by=staff_user)
    start = {"platform": incubator, "plan_year": plan_year, "on": D(2024, 3, 1), "by": staff_user}
    assert error_codes(lambda: application_start(target_level=Level.MUNICIPAL, **start)) == {
        "target_level": ["not_above_current"]
    }
    application_start(target_level=Level.PROVINCIAL, **start)


def test_one_application_per_level_and_year(application, incubator, plan_year, staff_user):
    again = {
        "platform": incubator,
        "target_level": Level.MUNICIPAL,
        "on": D(2024, 4, 1),
        "by": staff_user,
    }
    assert error_codes(lambda: application_start(plan_year=plan_year, **again)) == {
        "target_level": ["application_exists"]
    }
    application_start(plan_year=PlanYear.objects.create(year=2025, title="2025"), **again)


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({"on": D(2024, 6, 16)}, {"on": ["future_date"]}),
        ({"stage": RECOGNISED}, {"stage": ["stage"]}),
    ],
)
def test_start_refusals(incubator, plan_year, staff_user, arguments, expected):
    call = {
        "platform": incubator,
        "target_level": Level.MUNICIPAL,
        "plan_year": plan_year,
        "on": D(2024, 3, 1),
        "by": staff_user,
    }
    assert error_codes(lambda: application_start(**{**call, **arguments})) == expected
    assert not incubator.applications.exists()


def test_a_closed_platform_cannot_apply(incubator, plan_year, staff_user):
    platform_close(platform=incubator, on=D(2024, 1, 1), reason="停止运营")
    call = {"target_level": Level.MUNICIPAL, "plan_year": plan_year, "on": D(2024, 3, 1)}
    codes = error_codes(lambda: application_start(platform=incubator, by=staff_user, **call))
    assert codes == {"__all__": ["platform_closed"]}


def test_moves_are_recorded(application, staff_user):
    application_move(application=application, to_stage=APPLIED, on=D(2024, 4, 1), by=staff_user)
    application_move(application=application, to_stage=REJECTED, on=D(2024, 6, 1), by=staff_user)
    application.refresh_from_db()
    assert (application.stage, application.stage_changed_on) == (REJECTED, D(2024, 6, 1))
    assert [(m.from_stage, m.to_stage) for m in application.moves.all()] == [
        (APPLIED, REJECTED),
        (PREPARING, APPLIED),
        ("", PREPARING),
    ]


@pytest.mark.parametrize(
    ("to_stage", "on", "expected"),
    [
        (PREPARING, D(2024, 4, 1), {"to_stage": ["same_stage"]}),
        (APPLIED, D(2024, 2, 29), {"on": ["before_last_move"]}),
        (APPLIED, D(2024, 6, 16), {"on": ["future_date"]}),
        (RECOGNISED, D(2024, 4, 1), {"to_stage": ["recognition_missing"]}),
    ],
)
def test_move_refusals(application, staff_user, to_stage, on, expected):
    move = {"application": application, "to_stage": to_stage, "on": on, "by": staff_user}
    assert error_codes(lambda: application_move(**move)) == expected
    application.refresh_from_db()
    assert application.stage == PREPARING
    assert application.moves.count() == 1


def test_recognised_needs_the_recognition_of_the_plan_year(application, incubator, staff_user):
    # Granted in 2023: not this plan year's recognition.
    grant(incubator, Level.MUNICIPAL, D(2023, 12, 31), by=staff_user)
    move = {
        "application": application,
        "to_stage": RECOGNISED,
        "on": D(2024, 4, 1),
        "by": staff_user,
    }
    assert error_codes(lambda: application_move(**move)) == {"to_stage": ["recognition_missing"]}


def test_recognised_is_final(application, incubator, staff_user):
    grant(incubator, Level.MUNICIPAL, D(2024, 4, 1), by=staff_user)
    application.refresh_from_db()
    assert application.stage == RECOGNISED
    move = {
        "application": application,
        "to_stage": WITHDRAWN,
        "on": D(2024, 5, 1),
        "by": staff_user,
    }
    assert error_codes(lambda: application_move(**move)) == {"to_stage": ["final_stage"]}


def test_a_closed_platform_withdraws_its_applications_and_cannot_revive_them(
    application, incubator, staff_user
):
    platform_close(platform=incubator, on=D(2024, 5, 1), reason="停止运营", by=staff_user)
    application.refresh_from_db()
    assert (application.stage, application.stage_changed_on) == (WITHDRAWN, D(2024, 5, 1))
    move = application.moves.first()
    assert (move.to_stage, move.moved_by, move.note) == (WITHDRAWN, staff_user, "停止运营")
    revive = {
        "application": application,
        "to_stage": APPLIED,
        "on": D(2024, 6, 1),
        "by": staff_user,
    }
    assert error_codes(lambda: application_move(**revive)) == {"to_stage": ["platform_closed"]}
