"""Editing a year's incubation figures."""

from decimal import Decimal

import pytest
from django.urls import reverse

from .factories import figures


@pytest.fixture
def row(incubator):
    return figures(incubator, 2023, area=Decimal(1000), incubatees=10)


def url(row):
    return reverse("platforms:figures_update", args=[row.pk])


def form_data(**overrides):
    return {"year": "2023", "area": "1500", "incubatees": "12", "note": "年底数", **overrides}


def test_a_liaison_corrects_the_figures(client, liaison, row):
    client.force_login(liaison)
    assert client.get(url(row)).context["form"].initial["year"] == 2023
    assert client.post(url(row), form_data()).status_code == 302
    row.refresh_from_db()
    assert (row.area, row.incubatees, row.graduates) == (Decimal(1500), 12, None)
    history = client.get(url(row)).context["history"]
    assert [entry["record"].history_type for entry in history] == ["~", "+"]


def test_moving_to_a_year_recorded_already_is_refused(client, staff_user, incubator, row):
    figures(incubator, 2022)
    client.force_login(staff_user)
    response = client.post(url(row), form_data(year="2022"))
    assert response.context["form"].has_error("year", "figures_year_taken")
    # Its own year is not "taken".
    assert (
        client.post(url(row), form_data(incubatees="-2"))
        .context["form"]
        .has_error("incubatees", "min_value")
    )


def test_who_may(client, outsider, leader_user, row):
    assert client.post(url(row), form_data())["Location"].startswith(reverse("login"))
    client.force_login(outsider)
    assert client.get(url(row)).status_code == 404
    client.force_login(leader_user)
    assert client.post(url(row), form_data()).status_code == 403
    row.refresh_from_db()
    assert row.area == Decimal(1000)


def test_put_is_not_allowed(client, staff_user, row):
    client.force_login(staff_user)
    assert client.put(url(row)).status_code == 405
