import datetime

import pytest
from django.urls import reverse

from enterprises.models import PipelineMove, Stage, Track
from enterprises.services import pipeline_move, pipeline_start
from tests.factories import HteCertificateFactory

pytestmark = pytest.mark.time_machine(
    datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC), tick=False
)


@pytest.fixture
def entry(taozhou_enterprise, plan_year, liaison):
    return pipeline_start(
        enterprise=taozhou_enterprise,
        track=Track.HTE,
        plan_year=plan_year,
        on=datetime.date(2024, 3, 1),
        by=liaison,
    )


def url(entry):
    return reverse("enterprises:pipeline_move", args=[entry.pk])


def form_data(**overrides):
    return {"to_stage": "cultivating", "on": "2024-06-01", "note": "已制定一企一策", **overrides}


def assert_unmoved(entry):
    entry.refresh_from_db()
    assert (entry.stage, entry.stage_changed_on) == (Stage.SURVEYED, datetime.date(2024, 3, 1))
    assert entry.moves.count() == 1


def test_it_moves_the_entry_and_goes_back_to_it(client, liaison, entry):
    client.force_login(liaison)
    response = client.post(url(entry), form_data(), follow=True)
    assert response.redirect_chain == [
        (reverse("enterprises:pipeline_detail", args=[entry.pk]), 302)
    ]
    entry.refresh_from_db()
    assert (entry.stage, entry.stage_changed_on) == (Stage.CULTIVATING, datetime.date(2024, 6, 1))
    move = entry.moves.first()
    assert (move.from_stage, move.to_stage, move.moved_by, move.note) == (
        Stage.SURVEYED,
        Stage.CULTIVATING,
        liaison,
        "已制定一企一策",
    )
    assert [m.level_tag for m in response.context["messages"]] == ["success"]


def test_the_date_defaults_to_today(client, liaison, entry):
    client.force_login(liaison)
    assert client.get(url(entry)).context["form"]["on"].value() == datetime.date(2024, 6, 15)


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("to_stage", "", "required"),
        ("to_stage", "finished", "invalid_choice"),
        ("on", "", "required"),
        ("on", "15/06/2024x", "invalid"),
    ],
)
def test_each_field_is_checked_and_nothing_moves(client, staff_user, entry, field, value, code):
    client.force_login(staff_user)
    response = client.post(url(entry), form_data(**{field: value}))
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    assert_unmoved(entry)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"to_stage": "surveyed"}, "to_stage"),  # the stage it is at
        ({"on": "2024-06-16"}, "on"),  # in the future
        ({"on": "2024-02-29"}, "on"),  # before the last move
        ({"to_stage": "recognised"}, "to_stage"),  # no certificate issued in 2024
    ],
)
def test_the_services_refusals_show_beside_their_fields(client, staff_user, entry, data, field):
    HteCertificateFactory(enterprise=entry.enterprise, issued_on=datetime.date(2023, 5, 1))
    client.force_login(staff_user)
    response = client.post(url(entry), form_data(**data))
    assert response.status_code == 200
    assert response.context["form"].has_error(field)
    assert "invalid-feedback" in response.content.decode()
    assert_unmoved(entry)


def test_a_recognised_entry_cannot_move(client, staff_user, taozhou_enterprise, plan_year):
    HteCertificateFactory(enterprise=taozhou_enterprise, issued_on=datetime.date(2024, 5, 1))
    entry = pipeline_start(
        enterprise=taozhou_enterprise,
        track=Track.HTE,
        plan_year=plan_year,
        stage=Stage.RECOGNISED,
        on=datetime.date(2024, 5, 1),
        by=staff_user,
    )
    client.force_login(staff_user)
    response = client.post(url(entry), form_data(to_stage="withdrawn"))
    assert response.status_code == 200
    assert response.context["form"].has_error("to_stage")
    entry.refresh_from_db()
    assert entry.stage == Stage.RECOGNISED


def test_anonymous_users_are_sent_to_log_in(client, entry):
    assert client.post(url(entry), form_data())["Location"].startswith(reverse("login"))
    assert_unmoved(entry)


def test_outsiders_get_404(client, outsider, entry):
    client.force_login(outsider)
    assert client.get(url(entry)).status_code == 404
    assert client.post(url(entry), form_data()).status_code == 404
    assert_unmoved(entry)


def test_leaders_get_403(client, leader_user, entry):
    client.force_login(leader_user)
    assert client.get(url(entry)).status_code == 403
    assert client.post(url(entry), form_data()).status_code == 403
    assert_unmoved(entry)


def test_it_refuses_other_methods(client, staff_user, entry):
    client.force_login(staff_user)
    assert client.put(url(entry)).status_code == 405
    assert not PipelineMove.objects.exclude(from_stage="").exists()


@pytest.mark.parametrize("count", [3, 30])
def test_the_query_count_is_constant(client, liaison, entry, django_assert_num_queries, count):
    stages = [Stage.CULTIVATING, Stage.APPLIED]
    for number in range(count):
        pipeline_move(
            entry=entry, to_stage=stages[number % 2], on=datetime.date(2024, 4, 1), by=liaison
        )
    client.force_login(liaison)
    # session, user, the entry with its enterprise, unit and plan year, the liaison's units
    # for the menu
    with django_assert_num_queries(4):
        assert client.get(url(entry)).status_code == 200
