"""recognition_save / recognition_delete: the acts must fit together in date order (the
`_replay` rule), and the platform's level follows them."""

import pytest
from django.core.exceptions import ValidationError

from platforms.models import Application, ApplicationStage, Level, Recognition
from platforms.services import application_start, recognition_delete, recognition_save

from .factories import D, grant

GRANTED, CONFIRMED, REVOKED = (
    Recognition.Act.GRANTED,
    Recognition.Act.CONFIRMED,
    Recognition.Act.REVOKED,
)


def refusal(platform, level, on, user, act=GRANTED) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        grant(platform, level, on, by=user, act=act)
    return caught.value


def codes(error: ValidationError, field: str) -> list[str]:
    return [e.code for e in error.error_dict[field]]


def test_a_level_granted_sets_the_platform_level(incubator, staff_user):
    recognition = grant(
        incubator, Level.MUNICIPAL, D(2023, 5, 1), by=staff_user, number="宣科〔2023〕8号"
    )
    assert incubator.level == Level.MUNICIPAL
    assert recognition.recorded_by == staff_user
    grant(incubator, Level.PROVINCIAL, D(2024, 3, 1), by=staff_user)
    assert incubator.level == Level.PROVINCIAL


@pytest.mark.parametrize("level", [Level.MUNICIPAL, Level.NONE])
def test_a_level_granted_must_be_an_upgrade(incubator, staff_user, level):
    grant(incubator, Level.MUNICIPAL, D(2023, 5, 1), by=staff_user)
    error = refusal(incubator, level, D(2024, 1, 10), staff_user)
    assert codes(error, "level") == ["not_an_upgrade"]
    incubator.refresh_from_db()
    assert incubator.level == Level.MUNICIPAL
    assert incubator.recognitions.count() == 1


def test_a_lower_level_granted_after_a_higher_one_is_refused(incubator, staff_user):
    grant(incubator, Level.PROVINCIAL, D(2023, 5, 1), by=staff_user)
    error = refusal(incubator, Level.MUNICIPAL, D(2024, 1, 10), staff_user)
    assert codes(error, "level") == ["not_an_upgrade"]
    # The message names the date and the level held, in the reader's language.
    assert "2024-01-10" in error.messages[0]


def test_an_older_recognition_may_be_back_filled(incubator, staff_user):
    grant(incubator, Level.PROVINCIAL, D(2023, 5, 1), by=staff_user)
    grant(incubator, Level.MUNICIPAL, D(2020, 9, 1), by=staff_user)
    assert incubator.level == Level.PROVINCIAL
    assert incubator.recognitions.count() == 2


def test_a_back_filled_act_that_breaks_a_later_one_is_refused(incubator, staff_user):
    grant(incubator, Level.MUNICIPAL, D(2023, 5, 1), by=staff_user)
    # Provincial before the municipal grant would make that grant a downgrade.
    error = refusal(incubator, Level.PROVINCIAL, D(2022, 1, 1), staff_user)
    assert codes(error, "level") == ["not_an_upgrade"]
    assert "2023-05-01" in error.messages[0]


def test_a_confirmation_repeats_the_level_held(incubator, staff_user):
    grant(incubator, Level.MUNICIPAL, D(2021, 5, 1), by=staff_user)
    grant(incubator, Level.MUNICIPAL, D(2024, 5, 1), by=staff_user, act=CONFIRMED)
    assert incubator.level == Level.MUNICIPAL
    error = refusal(incubator, Level.PROVINCIAL, D(2024, 6, 1), staff_user, act=CONFIRMED)
    assert codes(error, "level") == ["confirm_other_level"]


def test_nothing_can_be_confirmed_without_a_level(incubator, staff_user):
    error = refusal(incubator, Level.NONE, D(2024, 5, 1), staff_user, act=CONFIRMED)
    assert codes(error, "level") == ["nothing_to_confirm"]


def test_a_revocation_records_the_lower_level_that_remains(incubator, staff_user):
    grant(incubator, Level.MUNICIPAL, D(2020, 5, 1), by=staff_user)
    grant(incubator, Level.PROVINCIAL, D(2022, 5, 1), by=staff_user)
    grant(incubator, Level.MUNICIPAL, D(2024, 2, 1), by=staff_user, act=REVOKED)
    assert incubator.level == Level.MUNICIPAL
    error = refusal(incubator, Level.MUNICIPAL, D(2024, 3, 1), staff_user, act=REVOKED)
    assert codes(error, "level") == ["not_a_downgrade"]
    grant(incubator, Level.NONE, D(2024, 3, 1), by=staff_user, act=REVOKED)
    assert incubator.level == Level.NONE


def test_a_date_in_the_future_is_refused(incubator, staff_user):
    error = refusal(incubator, Level.MUNICIPAL, D(2024, 6, 16), staff_user)
    assert codes(error, "recognised_on") == ["future_date"]
    assert not incubator.recognitions.exists()


def test_today_is_not_the_future(incubator, staff_user):
    grant(incubator, Level.MUNICIPAL, D(2024, 6, 15), by=staff_user)
    assert incubator.level == Level.MUNICIPAL


def test_an_act_after_closing_is_refused(incubator, staff_user):
    incubator.closed_on = D(2024, 1, 31)
    incubator.save()
    error = refusal(incubator, Level.MUNICIPAL, D(2024, 2, 1), staff_user)
    assert codes(error, "recognised_on") == ["platform_closed"]
    grant(incubator, Level.MUNICIPAL, D(2024, 1, 31), by=staff_user)


def test_a_correction_is_replayed_with_the_others(incubator, staff_user):
    municipal = grant(incubator, Level.MUNICIPAL, D(2021, 5, 1), by=staff_user)
    grant(incubator, Level.PROVINCIAL, D(2023, 5, 1), by=staff_user)
    # Moving the municipal grant after the provincial one makes it a downgrade.
    municipal.recognised_on = D(2024, 1, 1)
    with pytest.raises(ValidationError):
        recognition_save(recognition=municipal, by=staff_user)
    municipal.refresh_from_db()
    municipal.recognised_on = D(2022, 1, 1)
    recognition_save(recognition=municipal, by=staff_user)
    assert Recognition.objects.get(pk=municipal.pk).recognised_on == D(2022, 1, 1)


def test_delete_works_the_level_out_again(incubator, staff_user):
    grant(incubator, Level.MUNICIPAL, D(2021, 5, 1), by=staff_user)
    provincial = grant(incubator, Level.PROVINCIAL, D(2023, 5, 1), by=staff_user)
    recognition_delete(recognition=provincial)
    incubator.refresh_from_db()
    assert incubator.level == Level.MUNICIPAL


def test_delete_refuses_to_leave_acts_that_no_longer_fit(incubator, staff_user):
    municipal = grant(incubator, Level.MUNICIPAL, D(2021, 5, 1), by=staff_user)
    grant(incubator, Level.MUNICIPAL, D(2024, 5, 1), by=staff_user, act=CONFIRMED)
    with pytest.raises(ValidationError) as caught:
        recognition_delete(recognition=municipal)
    assert codes(caught.value, "level") == ["nothing_to_confirm"]
    assert incubator.recognitions.count() == 2
    incubator.refresh_from_db()
    assert incubator.level == Level.MUNICIPAL


def test_a_level_granted_moves_the_open_application_to_recognised(incubator, staff_user, plan_year):
    application = application_start(
        platform=incubator,
        target_level=Level.MUNICIPAL,
        plan_year=plan_year,
        stage=ApplicationStage.APPLIED,
        on=D(2024, 3, 1),
        by=staff_user,
    )
    grant(incubator, Level.MUNICIPAL, D(2024, 5, 20), by=staff_user, number="宣科〔2024〕5号")
    application.refresh_from_db()
    assert (application.stage, application.stage_changed_on) == (
        ApplicationStage.RECOGNISED,
        D(2024, 5, 20),
    )
    move = application.moves.first()
    assert (move.from_stage, move.to_stage, move.moved_by, move.note) == (
        ApplicationStage.APPLIED,
        ApplicationStage.RECOGNISED,
        staff_user,
        "宣科〔2024〕5号",
    )


def test_a_grant_of_another_year_or_level_leaves_the_application(incubator, staff_user, plan_year):
    application = application_start(
        platform=incubator,
        target_level=Level.PROVINCIAL,
        plan_year=plan_year,
        on=D(2024, 3, 1),
        by=staff_user,
    )
    grant(incubator, Level.MUNICIPAL, D(2024, 4, 1), by=staff_user)
    assert Application.objects.get(pk=application.pk).stage == ApplicationStage.PREPARING


def test_deleting_the_grant_sends_its_application_back_to_applied(incubator, staff_user, plan_year):
    application = application_start(
        platform=incubator,
        target_level=Level.MUNICIPAL,
        plan_year=plan_year,
        stage=ApplicationStage.APPLIED,
        on=D(2024, 3, 1),
        by=staff_user,
    )
    wrong = grant(incubator, Level.MUNICIPAL, D(2024, 5, 20), by=staff_user)
    recognition_delete(recognition=wrong, by=staff_user)
    application.refresh_from_db()
    incubator.refresh_from_db()
    assert (application.stage, incubator.level) == (ApplicationStage.APPLIED, Level.NONE)
    back = application.moves.first()  # newest first
    assert (back.from_stage, back.to_stage, back.moved_by) == (
        ApplicationStage.RECOGNISED,
        ApplicationStage.APPLIED,
        staff_user,
    )
    # Recorded again: recognised again.
    grant(incubator, Level.MUNICIPAL, D(2024, 5, 21), by=staff_user)
    application.refresh_from_db()
    assert application.stage == ApplicationStage.RECOGNISED


def test_deleting_a_confirmation_leaves_the_application_recognised(
    incubator, staff_user, plan_year
):
    application = application_start(
        platform=incubator,
        target_level=Level.MUNICIPAL,
        plan_year=plan_year,
        stage=ApplicationStage.APPLIED,
        on=D(2024, 3, 1),
        by=staff_user,
    )
    grant(incubator, Level.MUNICIPAL, D(2024, 5, 20), by=staff_user)
    review = grant(incubator, Level.MUNICIPAL, D(2024, 6, 1), by=staff_user, act=CONFIRMED)
    recognition_delete(recognition=review, by=staff_user)
    assert Application.objects.get(pk=application.pk).stage == ApplicationStage.RECOGNISED
