"""Starting a level application from the platform page."""

import pytest
from django.urls import reverse

from platforms.models import Application, ApplicationStage, Level
from platforms.services import platform_close

from .factories import D, grant


def url(platform):
    return reverse("platforms:application_create", args=[platform.pk])


def form_data(plan, **overrides):
    return {
        "target_level": "provincial",
        "plan_year": plan.pk,
        "stage": "applied",
        "on": "2024-04-01",
        "note": "已报送省科技厅",
        **overrides,
    }


def test_a_liaison_starts_an_application(client, liaison, incubator, plan_year, staff_user):
    grant(incubator, Level.MUNICIPAL, D(2023, 5, 1), by=staff_user)
    client.force_login(liaison)
    form = client.get(url(incubator)).context["form"]
    assert form.initial["target_level"] == "provincial"
    assert form.initial["plan_year"] == plan_year.pk
    response = client.post(url(incubator), form_data(plan_year))
    assert response["Location"] == f"{incubator.get_absolute_url()}#applications"
    application = incubator.applications.get()
    assert (application.target_level, application.stage, application.plan_year) == (
        "provincial",
        ApplicationStage.APPLIED,
        plan_year,
    )
    assert application.moves.get().moved_by == liaison


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"target_level": "municipal"}, "target_level", "not_above_current"),
        ({"target_level": "none"}, "target_level", "invalid_choice"),
        ({"stage": "recognised"}, "stage", "invalid_choice"),
        ({"on": "2024-06-16"}, "on", "future_date"),
        ({"plan_year": "9999"}, "plan_year", "invalid_choice"),
    ],
)
def test_refusals_show_beside_their_fields(
    client, staff_user, incubator, plan_year, overrides, field, code
):
    grant(incubator, Level.MUNICIPAL, D(2023, 5, 1), by=staff_user)
    client.force_login(staff_user)
    response = client.post(url(incubator), form_data(plan_year, **overrides))
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    assert not Application.objects.exists()


def test_a_second_application_for_the_level_and_year(client, staff_user, incubator, plan_year):
    client.force_login(staff_user)
    client.post(url(incubator), form_data(plan_year))
    response = client.post(url(incubator), form_data(plan_year))
    assert response.context["form"].has_error("target_level", "application_exists")


def test_a_closed_platform_cannot_apply(client, staff_user, incubator, plan_year):
    platform_close(platform=incubator, on=D(2024, 1, 1), reason="停止运营")
    client.force_login(staff_user)
    response = client.post(url(incubator), form_data(plan_year))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Application.objects.exists()


def test_who_may(client, outsider, leader_user, incubator, plan_year):
    assert client.post(url(incubator), form_data(plan_year))["Location"].startswith(
        reverse("login")
    )
    client.force_login(outsider)
    assert client.post(url(incubator), form_data(plan_year)).status_code == 404
    client.force_login(leader_user)
    assert client.post(url(incubator), form_data(plan_year)).status_code == 403
    assert not Application.objects.exists()


def test_put_is_not_allowed(client, staff_user, incubator):
    client.force_login(staff_user)
    assert client.put(url(incubator)).status_code == 405
