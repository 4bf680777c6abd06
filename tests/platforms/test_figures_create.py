"""Yearly incubation figures of incubators and maker spaces: not negative, not for a year
to come, one row per year."""

from decimal import Decimal

import pytest
from django.urls import reverse

from platforms.forms import NEGATIVE
from platforms.models import IncubationFigures

from .factories import figures


def url(platform):
    return reverse("platforms:figures_create", args=[platform.pk])


def form_data(**overrides):
    return {
        "year": "2023",
        "area": "12,000",  # as copied from a spreadsheet
        "incubatees": "45",
        "graduates": "22",
        "fund": "380.5",
        "staff": "6",
        "mentors": "",
        "note": "",
        **overrides,
    }


def test_a_liaison_records_a_years_figures(client, liaison, incubator):
    client.force_login(liaison)
    assert client.get(url(incubator)).context["form"].initial["year"] == 2024
    assert client.get(url(incubator), {"year": "2022"}).context["form"].initial["year"] == "2022"
    response = client.post(url(incubator), form_data())
    assert response["Location"] == f"{incubator.get_absolute_url()}#incubation"
    saved = incubator.incubation_figures.get()
    assert (saved.year, saved.area, saved.incubatees, saved.fund, saved.mentors) == (
        2023,
        Decimal(12000),
        45,
        Decimal("380.5"),
        None,  # not reported, never zero
    )


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"area": "-1"}, "area", "min_value"),
        ({"incubatees": "-3"}, "incubatees", "min_value"),
        ({"graduates": "-1"}, "graduates", "min_value"),
        ({"fund": "-0.01"}, "fund", "min_value"),
        ({"staff": "-1"}, "staff", "min_value"),
        ({"mentors": "-1"}, "mentors", "min_value"),
        ({"year": "2025"}, "year", "max_value"),
        ({"year": ""}, "year", "required"),
        ({"incubatees": "4.5"}, "incubatees", "invalid"),
        ({"area": "一万"}, "area", "invalid"),
    ],
)
def test_each_field_is_checked(client, staff_user, incubator, overrides, field, code):
    client.force_login(staff_user)
    response = client.post(url(incubator), form_data(**overrides))
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    assert "invalid-feedback" in response.content.decode()
    assert not IncubationFigures.objects.exists()


def test_a_negative_value_is_explained(client, staff_user, incubator):
    client.force_login(staff_user)
    response = client.post(url(incubator), form_data(area="-1"))
    # Our own message, in the reader's language, not the generic "≥ 0" one.
    assert response.context["form"].errors["area"] == [str(NEGATIVE)]


def test_a_year_recorded_already_is_refused(client, staff_user, incubator):
    figures(incubator, 2023, area=Decimal(1000))
    client.force_login(staff_user)
    response = client.post(url(incubator), form_data())
    assert response.context["form"].has_error("year", "figures_year_taken")
    assert incubator.incubation_figures.get().area == Decimal(1000)


def test_an_rd_centre_has_no_incubation_figures(client, staff_user, rd_centre):
    client.force_login(staff_user)
    assert client.get(url(rd_centre)).status_code == 404
    assert client.post(url(rd_centre), form_data()).status_code == 404
    assert not IncubationFigures.objects.exists()


def test_who_may(client, outsider, leader_user, incubator):
    assert client.post(url(incubator), form_data())["Location"].startswith(reverse("login"))
    client.force_login(outsider)
    assert client.post(url(incubator), form_data()).status_code == 404
    client.force_login(leader_user)
    assert client.post(url(incubator), form_data()).status_code == 403
    assert not IncubationFigures.objects.exists()


def test_put_is_not_allowed(client, staff_user, incubator):
    client.force_login(staff_user)
    assert client.put(url(incubator)).status_code == 405
