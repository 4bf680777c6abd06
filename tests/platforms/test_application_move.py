"""Moving a level application on: every move recorded; "recognised" needs the recognition."""

import pytest
from django.urls import reverse

from platforms.models import ApplicationStage, Level
from platforms.services import application_start

from .factories import D, grant


@pytest.fixture
def application(incubator, plan_year, staff_user):
    return application_start(
        platform=incubator,
        target_level=Level.MUNICIPAL,
        plan_year=plan_year,
        on=D(2024, 3, 1),
        by=staff_user,
    )


def url(application):
    return reverse("platforms:application_move", args=[application.pk])


def form_data(**overrides):
    return {"to_stage": "applied", "on": "2024-04-01", "note": "材料已报送", **overrides}


def test_a_liaison_moves_the_application(client, liaison, application):
    client.force_login(liaison)
    assert client.get(url(application)).context["form"]["on"].value() == D(2024, 6, 15)
    response = client.post(url(application), form_data())
    assert response["Location"] == f"{application.platform.get_absolute_url()}#applications"
    application.refresh_from_db()
    assert (application.stage, application.stage_changed_on) == ("applied", D(2024, 4, 1))
    move = application.moves.first()
    assert (move.from_stage, move.to_stage, move.moved_by, move.note) == (
        "preparing",
        "applied",
        liaison,
        "材料已报送",
    )


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"to_stage": "preparing"}, "to_stage", "same_stage"),
        ({"to_stage": "recognised"}, "to_stage", "recognition_missing"),
        ({"on": "2024-02-29"}, "on", "before_last_move"),
        ({"on": "2024-06-16"}, "on", "future_date"),
        ({"to_stage": "done"}, "to_stage", "invalid_choice"),
        ({"on": ""}, "on", "required"),
    ],
)
def test_refusals_show_beside_their_fields(client, staff_user, application, overrides, field, code):
    client.force_login(staff_user)
    response = client.post(url(application), form_data(**overrides))
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    application.refresh_from_db()
    assert application.stage == ApplicationStage.PREPARING


def test_recognised_once_the_recognition_is_recorded(client, staff_user, application):
    client.force_login(staff_user)
    grant(application.platform, Level.MUNICIPAL, D(2024, 5, 1), by=staff_user)
    application.refresh_from_db()
    assert application.stage == ApplicationStage.RECOGNISED  # moved by the recognition
    response = client.get(url(application))
    assert response.context["is_final"]
    response = client.post(url(application), form_data(to_stage="withdrawn", on="2024-06-01"))
    assert response.context["form"].has_error("to_stage", "final_stage")


def test_who_may(client, outsider, leader_user, application):
    assert client.post(url(application), form_data())["Location"].startswith(reverse("login"))
    client.force_login(outsider)
    assert client.get(url(application)).status_code == 404
    assert client.post(url(application), form_data()).status_code == 404
    client.force_login(leader_user)
    assert client.post(url(application), form_data()).status_code == 403
    application.refresh_from_db()
    assert application.stage == ApplicationStage.PREPARING


def test_put_is_not_allowed(client, staff_user, application):
    client.force_login(staff_user)
    assert client.put(url(application)).status_code == 405
