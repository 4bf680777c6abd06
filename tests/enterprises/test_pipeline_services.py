"""The rules of enterprises/services.py: starting a pipeline entry and moving it on."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from enterprises.models import PipelineEntry, PipelineMove, Stage, Track
from enterprises.services import pipeline_move, pipeline_start
from tests.factories import HteCertificateFactory, TechSmeRegistrationFactory

D = datetime.date
# "Today" for every test of this module: 15 June 2024, Beijing time.
pytestmark = pytest.mark.time_machine(
    datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC), tick=False
)


MARCH_1 = D(2024, 3, 1)


def start(enterprise, plan_year, user, track=Track.HTE, stage=Stage.SURVEYED, on=MARCH_1):
    return pipeline_start(
        enterprise=enterprise, track=track, plan_year=plan_year, stage=stage, on=on, by=user
    )


def refusal(call) -> dict:
    """The refusal's messages by field, as the form shows them."""
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


# Starting -----------------------------------------------------------------------------------


def test_it_starts_an_entry_with_its_first_move(taozhou_enterprise, plan_year, liaison):
    entry = pipeline_start(
        enterprise=taozhou_enterprise,
        track=Track.TECH_SME,
        plan_year=plan_year,
        stage=Stage.CULTIVATING,
        on=D(2024, 3, 1),
        by=liaison,
        note="走访后纳入",
    )
    entry.refresh_from_db()
    assert (entry.stage, entry.stage_changed_on, entry.note) == (
        Stage.CULTIVATING,
        D(2024, 3, 1),
        "走访后纳入",
    )
    move = entry.moves.get()
    assert (move.from_stage, move.to_stage, move.moved_on, move.moved_by) == (
        "",
        Stage.CULTIVATING,
        D(2024, 3, 1),
        liaison,
    )


def test_it_refuses_a_start_dated_in_the_future(taozhou_enterprise, plan_year, liaison):
    errors = refusal(lambda: start(taozhou_enterprise, plan_year, liaison, on=D(2024, 6, 16)))
    assert errors == {"on": [gettext("This date is in the future.")]}
    assert not PipelineEntry.objects.exists()


def test_today_is_not_the_future(taozhou_enterprise, plan_year, liaison):
    assert start(taozhou_enterprise, plan_year, liaison, on=D(2024, 6, 15)).pk


def test_it_refuses_a_second_entry_for_the_same_track_and_year(
    taozhou_enterprise, plan_year, liaison
):
    start(taozhou_enterprise, plan_year, liaison)
    with pytest.raises(ValidationError) as caught:
        start(taozhou_enterprise, plan_year, liaison, stage=Stage.CULTIVATING)
    assert caught.value.code == "pipeline_exists"
    assert PipelineEntry.objects.count() == 1
    assert PipelineMove.objects.count() == 1
    # The other track is a pipeline of its own.
    assert start(taozhou_enterprise, plan_year, liaison, track=Track.TECH_SME).pk


def test_starting_at_recognised_needs_a_certificate_issued_in_the_plan_year(
    taozhou_enterprise, plan_year, liaison
):
    HteCertificateFactory(enterprise=taozhou_enterprise, issued_on=D(2023, 11, 30))
    errors = refusal(lambda: start(taozhou_enterprise, plan_year, liaison, stage=Stage.RECOGNISED))
    assert list(errors) == ["to_stage"]
    assert not PipelineEntry.objects.exists()

    HteCertificateFactory(enterprise=taozhou_enterprise, issued_on=D(2024, 5, 20))
    entry = start(taozhou_enterprise, plan_year, liaison, stage=Stage.RECOGNISED)
    assert entry.stage == Stage.RECOGNISED


# Moving -------------------------------------------------------------------------------------


@pytest.fixture
def entry(taozhou_enterprise, plan_year, liaison):
    return start(taozhou_enterprise, plan_year, liaison, on=D(2024, 3, 1))


def test_it_moves_an_entry_and_records_the_move(entry, staff_user):
    move = pipeline_move(
        entry=entry, to_stage=Stage.APPLIED, on=D(2024, 5, 10), by=staff_user, note="已提交"
    )
    entry.refresh_from_db()
    assert (entry.stage, entry.stage_changed_on) == (Stage.APPLIED, D(2024, 5, 10))
    assert (move.from_stage, move.to_stage, move.moved_by, move.note) == (
        Stage.SURVEYED,
        Stage.APPLIED,
        staff_user,
        "已提交",
    )
    assert entry.moves.count() == 2


def test_a_move_on_the_day_of_the_last_one_is_allowed(entry, liaison):
    pipeline_move(entry=entry, to_stage=Stage.CULTIVATING, on=D(2024, 3, 1), by=liaison)
    entry.refresh_from_db()
    assert entry.stage == Stage.CULTIVATING


def assert_unchanged(entry):
    stage, changed_on = entry.stage, entry.stage_changed_on
    entry.refresh_from_db()
    assert (entry.stage, entry.stage_changed_on) == (stage, changed_on)
    assert entry.moves.count() == 1


def test_it_refuses_a_move_to_the_stage_it_is_at(entry, liaison):
    errors = refusal(
        lambda: pipeline_move(entry=entry, to_stage=Stage.SURVEYED, on=D(2024, 4, 1), by=liaison)
    )
    assert errors == {"to_stage": [gettext("The entry is at this stage already.")]}
    assert_unchanged(entry)


def test_recognised_is_final(taozhou_enterprise, plan_year, liaison):
    HteCertificateFactory(enterprise=taozhou_enterprise, issued_on=D(2024, 5, 20))
    entry = start(taozhou_enterprise, plan_year, liaison, stage=Stage.RECOGNISED)
    for stage in (Stage.APPLIED, Stage.WITHDRAWN, Stage.REJECTED):
        errors = refusal(
            lambda stage=stage: pipeline_move(
                entry=entry, to_stage=stage, on=D(2024, 6, 1), by=liaison
            )
        )
        assert errors == {"to_stage": [gettext("A recognised entry is final for the year.")]}
    assert_unchanged(entry)


def test_not_approved_is_not_final(entry, liaison):
    # The enterprise may be helped and apply again in a later batch of the same year.
    pipeline_move(entry=entry, to_stage=Stage.REJECTED, on=D(2024, 4, 1), by=liaison)
    pipeline_move(entry=entry, to_stage=Stage.CULTIVATING, on=D(2024, 4, 2), by=liaison)
    entry.refresh_from_db()
    assert entry.stage == Stage.CULTIVATING


def test_it_refuses_a_move_dated_in_the_future(entry, liaison):
    errors = refusal(
        lambda: pipeline_move(entry=entry, to_stage=Stage.APPLIED, on=D(2024, 6, 16), by=liaison)
    )
    assert errors == {"on": [gettext("This date is in the future.")]}
    assert_unchanged(entry)


def test_it_refuses_a_move_dated_before_the_last_one(entry, liaison):
    errors = refusal(
        lambda: pipeline_move(entry=entry, to_stage=Stage.APPLIED, on=D(2024, 2, 29), by=liaison)
    )
    assert list(errors) == ["on"]
    assert "2024-03-01" in errors["on"][0]
    assert_unchanged(entry)


def test_recognised_needs_the_certificate_issued_in_the_plan_year(entry, liaison):
    HteCertificateFactory(enterprise=entry.enterprise, issued_on=D(2023, 12, 1))  # last year
    expected = gettext(
        "Record the high-tech enterprise certificate issued in %(year)d first; "
        "“recognised” needs it."
    ) % {"year": 2024}
    errors = refusal(
        lambda: pipeline_move(entry=entry, to_stage=Stage.RECOGNISED, on=D(2024, 6, 1), by=liaison)
    )
    assert errors == {"to_stage": [expected]}
    assert_unchanged(entry)

    HteCertificateFactory(enterprise=entry.enterprise, issued_on=D(2024, 6, 1))
    pipeline_move(entry=entry, to_stage=Stage.RECOGNISED, on=D(2024, 6, 1), by=liaison)
    entry.refresh_from_db()
    assert entry.stage == Stage.RECOGNISED


def test_registered_needs_the_registration_for_the_plan_year(
    taozhou_enterprise, plan_year, liaison
):
    entry = start(taozhou_enterprise, plan_year, liaison, track=Track.TECH_SME)
    TechSmeRegistrationFactory(enterprise=taozhou_enterprise, year=2023, number="20233418820001")
    expected = gettext(
        "Record the tech-SME registration for %(year)d first; “registered” needs it."
    ) % {"year": 2024}
    errors = refusal(
        lambda: pipeline_move(entry=entry, to_stage=Stage.RECOGNISED, on=D(2024, 6, 1), by=liaison)
    )
    assert errors == {"to_stage": [expected]}
    assert_unchanged(entry)

    TechSmeRegistrationFactory(enterprise=taozhou_enterprise, year=2024, number="20243418820001")
    pipeline_move(entry=entry, to_stage=Stage.RECOGNISED, on=D(2024, 6, 1), by=liaison)
    entry.refresh_from_db()
    assert entry.stage == Stage.RECOGNISED


def test_another_enterprises_certificate_is_no_proof(entry, liaison, taozhou):
    HteCertificateFactory(enterprise__org_unit=taozhou, issued_on=D(2024, 5, 1))
    with pytest.raises(ValidationError):
        pipeline_move(entry=entry, to_stage=Stage.RECOGNISED, on=D(2024, 6, 1), by=liaison)
    assert_unchanged(entry)


@pytest.mark.parametrize(
    ("to_stage", "on", "field", "code"),
    [
        (Stage.SURVEYED, D(2024, 4, 1), "to_stage", "same_stage"),
        (Stage.APPLIED, D(2024, 6, 16), "on", "future_date"),
        (Stage.APPLIED, D(2024, 2, 1), "on", "before_last_move"),
        (Stage.RECOGNISED, D(2024, 6, 1), "to_stage", "recognition_missing"),
    ],
)
def test_each_refusal_carries_its_error_code(entry, liaison, to_stage, on, field, code):
    with pytest.raises(ValidationError) as caught:
        pipeline_move(entry=entry, to_stage=to_stage, on=on, by=liaison)
    assert [error.code for error in caught.value.error_dict[field]] == [code]
