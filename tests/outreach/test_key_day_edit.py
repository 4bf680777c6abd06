"""The bureau's dates for a key day of a plan year (views/themes.py key_day_edit)."""

import datetime

import pytest
from django.urls import reverse

from outreach.models import KeyDay

URL = reverse("outreach:key_day_edit", kwargs={"key_day": "science_day", "year": 2024})
PAGE = reverse("outreach:key_day", kwargs={"key_day": "science_day"}) + "?year=2024"


def test_staff_set_the_window_then_go_back_to_the_default(client, staff_user, plan_year):
    client.force_login(staff_user)
    page = client.get(URL).content.decode()
    assert "2024-09-15" in page and "2024-09-25" in page  # the default, for reference
    response = client.post(
        URL, {"starts_on": "2024-09-14", "ends_on": "2024-09-20", "note": "科协发〔2024〕1号"}
    )
    assert response["Location"] == PAGE
    window = KeyDay.objects.get()
    assert (window.kind, window.starts_on) == ("science_day", datetime.date(2024, 9, 14))
    assert 'data-testid="reset"' in client.get(URL).content.decode()
    assert client.post(URL, {"reset": "1"})["Location"] == PAGE
    assert not KeyDay.objects.exists()


@pytest.mark.parametrize(
    ("first", "last", "field", "code"),
    [
        ("2023-09-16", "2024-09-22", "starts_on", "outside_plan_year"),
        ("2024-09-22", "2024-09-16", "ends_on", "end_before_start"),
        ("2024-08-01", "2024-09-30", "ends_on", "too_long"),
        ("", "2024-09-30", "starts_on", "required"),
    ],
)
def test_bad_windows_are_refused_beside_their_field(
    client, staff_user, plan_year, first, last, field, code
):
    client.force_login(staff_user)
    response = client.post(URL, {"starts_on": first, "ends_on": last})
    assert response.context["form"].has_error(field, code)
    assert not KeyDay.objects.exists()


def test_liaisons_and_leaders_get_403(client, liaison, leader_user, plan_year):
    for user in (liaison, leader_user):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert (
            client.post(URL, {"starts_on": "2024-09-14", "ends_on": "2024-09-20"}).status_code
            == 403
        )
    assert not KeyDay.objects.exists()


def test_unknown_key_days_and_years_are_404(client, staff_user, plan_year):
    client.force_login(staff_user)
    assert (
        client.get(
            reverse("outreach:key_day_edit", kwargs={"key_day": "x", "year": 2024})
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("outreach:key_day_edit", kwargs={"key_day": "science_day", "year": 2019})
        ).status_code
        == 404
    )


def test_anonymous_and_wrong_method(client, staff_user, plan_year):
    assert client.get(URL)["Location"].startswith(reverse("login"))
    client.force_login(staff_user)
    assert client.put(URL).status_code == 405


def test_the_query_count(client, staff_user, plan_year, django_assert_num_queries):
    KeyDay.objects.create(
        plan_year=plan_year,
        kind="science_day",
        starts_on=datetime.date(2024, 9, 14),
        ends_on=datetime.date(2024, 9, 20),
    )
    client.force_login(staff_user)
    # session, user, the plan year, the bureau's window, its history with users, the plan
    # years named in the history
    with django_assert_num_queries(6):
        assert client.get(URL).status_code == 200
