"""Recording a recognition or filing on the platform page: the service's rules show beside
the fields, never as a 500."""

import pytest
from django.urls import reverse

from platforms.models import Level, Recognition

from .factories import D, grant


def url(platform):
    return reverse("platforms:recognition_create", args=[platform.pk])


def form_data(**overrides):
    return {
        "act": "granted",
        "level": "municipal",
        "recognised_on": "2024-05-20",
        "document_number": " 宣科〔2024〕5号 ",
        "issuer": "宣城市科学技术局",
        "note": "",
        **overrides,
    }


def test_a_liaison_records_a_recognition_and_the_level_follows(client, liaison, incubator):
    client.force_login(liaison)
    form = client.get(url(incubator)).context["form"]
    assert form.initial["level"] == "municipal"  # the next level up
    assert form.initial["recognised_on"] == D(2024, 6, 15)
    response = client.post(url(incubator), form_data(), follow=True)
    assert response.redirect_chain == [(f"{incubator.get_absolute_url()}#recognitions", 302)]
    recognition = incubator.recognitions.get()
    assert (recognition.document_number, recognition.recorded_by) == ("宣科〔2024〕5号", liaison)
    incubator.refresh_from_db()
    assert incubator.level == Level.MUNICIPAL
    assert [m.level_tag for m in response.context["messages"]] == ["success"]


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"recognised_on": "2024-06-16"}, "recognised_on", "future_date"),
        ({"recognised_on": ""}, "recognised_on", "required"),
        ({"level": "municipal"}, "level", "not_an_upgrade"),  # held already
        ({"level": "none"}, "level", "not_an_upgrade"),
        ({"level": "provincial", "act": "confirmed"}, "level", "confirm_other_level"),
        ({"level": "provincial", "act": "revoked"}, "level", "not_a_downgrade"),
        ({"level": "regional"}, "level", "invalid_choice"),
        ({"act": "awarded"}, "act", "invalid_choice"),
    ],
)
def test_refusals_show_beside_their_fields(client, staff_user, incubator, overrides, field, code):
    grant(incubator, Level.MUNICIPAL, D(2023, 5, 1), by=staff_user)
    client.force_login(staff_user)
    response = client.post(url(incubator), form_data(**overrides))
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    assert "invalid-feedback" in response.content.decode()
    assert incubator.recognitions.count() == 1


def test_an_outsider_gets_404(client, outsider, incubator):
    client.force_login(outsider)
    assert client.post(url(incubator), form_data()).status_code == 404
    assert not Recognition.objects.exists()


def test_leaders_get_403(client, leader_user, incubator):
    client.force_login(leader_user)
    assert client.get(url(incubator)).status_code == 403
    assert client.post(url(incubator), form_data()).status_code == 403


def test_anonymous_users_are_sent_to_log_in(client, incubator):
    assert client.post(url(incubator), form_data())["Location"].startswith(reverse("login"))


def test_put_is_not_allowed(client, staff_user, incubator):
    client.force_login(staff_user)
    assert client.put(url(incubator)).status_code == 405
