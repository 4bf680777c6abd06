import datetime

import pytest
from django.urls import reverse

from enterprises.models import Stage, Track
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
        note="走访摸底",
    )


def url(entry):
    return reverse("enterprises:pipeline_detail", args=[entry.pk])


def test_it_shows_the_entry_and_all_its_moves(client, staff_user, liaison, entry):
    pipeline_move(
        entry=entry,
        to_stage=Stage.CULTIVATING,
        on=datetime.date(2024, 4, 2),
        by=staff_user,
        note="一企一策",
    )
    client.force_login(liaison)
    response = client.get(url(entry))
    assert response.status_code == 200
    assert response.context["entry"] == entry
    moves = response.context["moves"]
    assert [(m.from_stage, m.to_stage, m.moved_on, m.moved_by) for m in moves] == [
        (Stage.SURVEYED, Stage.CULTIVATING, datetime.date(2024, 4, 2), staff_user),
        ("", Stage.SURVEYED, datetime.date(2024, 3, 1), liaison),
    ]
    page = response.content.decode()
    assert "一企一策" in page
    assert "2024-04-02" in page
    assert reverse("enterprises:pipeline_move", args=[entry.pk]) in page


def test_leaders_read_it_without_a_move_button(client, leader_user, entry):
    client.force_login(leader_user)
    response = client.get(url(entry))
    assert response.status_code == 200
    assert reverse("enterprises:pipeline_move", args=[entry.pk]) not in response.content.decode()


def test_a_recognised_entry_offers_no_move(client, staff_user, taozhou_enterprise, plan_year):
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
    assert client.get(url(entry)).context["can_move"] is False


def test_anonymous_users_are_sent_to_log_in(client, entry):
    assert client.get(url(entry))["Location"].startswith(reverse("login"))


def test_outsiders_get_404(client, outsider, entry):
    client.force_login(outsider)
    assert client.get(url(entry)).status_code == 404


def test_a_missing_entry_gives_404(client, staff_user, org_units):
    client.force_login(staff_user)
    assert client.get(reverse("enterprises:pipeline_detail", args=[999999])).status_code == 404


def test_it_refuses_post(client, staff_user, entry):
    client.force_login(staff_user)
    assert client.post(url(entry)).status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_the_query_count_does_not_grow_with_the_moves(
    client, liaison, entry, django_assert_num_queries, count
):
    stages = [Stage.CULTIVATING, Stage.APPLIED]
    for number in range(count):
        pipeline_move(
            entry=entry, to_stage=stages[number % 2], on=datetime.date(2024, 4, 1), by=liaison
        )
    client.force_login(liaison)
    # session, user, the entry with its enterprise, unit and plan year, the moves with their
    # users, the liaison's units for the menu
    with django_assert_num_queries(5):
        assert client.get(url(entry)).status_code == 200
