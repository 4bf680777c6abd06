"""Correcting and deleting a recognition: the remaining acts must still fit together."""

import pytest
from django.urls import reverse

from platforms.models import Level, Recognition

from .factories import D, grant


@pytest.fixture
def recognitions(incubator, staff_user):
    return (
        grant(incubator, Level.MUNICIPAL, D(2021, 5, 1), by=staff_user),
        grant(incubator, Level.PROVINCIAL, D(2023, 5, 1), by=staff_user),
    )


def url(name, recognition):
    return reverse(f"platforms:recognition_{name}", args=[recognition.pk])


def form_data(recognition, **overrides):
    return {
        "act": recognition.act,
        "level": recognition.level,
        "recognised_on": recognition.recognised_on.isoformat(),
        "document_number": "皖科区〔2023〕21号",
        "issuer": "",
        "note": "",
        **overrides,
    }


def test_a_correction_is_saved(client, liaison, incubator, recognitions):
    provincial = recognitions[1]
    client.force_login(liaison)
    response = client.post(url("update", provincial), form_data(provincial))
    assert response.status_code == 302
    provincial.refresh_from_db()
    assert provincial.document_number == "皖科区〔2023〕21号"
    # Who recorded it stays who recorded it.
    assert provincial.recorded_by.username == "staff"


def test_a_correction_that_breaks_the_order_is_refused(client, staff_user, incubator, recognitions):
    municipal = recognitions[0]
    client.force_login(staff_user)
    response = client.post(
        url("update", municipal), form_data(municipal, recognised_on="2024-01-01")
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("level", "not_an_upgrade")
    municipal.refresh_from_db()
    assert municipal.recognised_on == D(2021, 5, 1)


def test_deleting_one_works_the_level_out(client, staff_user, incubator, recognitions):
    client.force_login(staff_user)
    assert client.get(url("delete", recognitions[1])).status_code == 200
    response = client.post(url("delete", recognitions[1]))
    assert response["Location"] == f"{incubator.get_absolute_url()}#recognitions"
    incubator.refresh_from_db()
    assert incubator.level == Level.MUNICIPAL


def test_a_delete_that_leaves_acts_unfit_is_refused_with_a_message(
    client, staff_user, incubator, recognitions
):
    grant(incubator, Level.PROVINCIAL, D(2024, 5, 1), by=staff_user, act="confirmed")
    client.force_login(staff_user)
    response = client.post(url("delete", recognitions[1]), follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert Recognition.objects.filter(pk=recognitions[1].pk).exists()


@pytest.mark.parametrize("name", ["update", "delete"])
def test_who_may(client, outsider, leader_user, recognitions, name):
    recognition = recognitions[1]
    assert client.post(url(name, recognition))["Location"].startswith(reverse("login"))
    client.force_login(outsider)
    assert client.get(url(name, recognition)).status_code == 404
    assert client.post(url(name, recognition)).status_code == 404
    client.force_login(leader_user)
    assert client.post(url(name, recognition)).status_code == 403
    assert Recognition.objects.filter(pk=recognition.pk).exists()


@pytest.mark.parametrize("name", ["update", "delete"])
def test_put_is_not_allowed(client, staff_user, recognitions, name):
    client.force_login(staff_user)
    assert client.put(url(name, recognitions[0])).status_code == 405
