"""Changing an intermediary: bureau staff and administrators only."""

import pytest
from django.urls import reverse

from enterprises.models import Intermediary

from .factories import IntermediaryFactory


def url(intermediary):
    return reverse("enterprises:intermediary_update", args=[intermediary.pk])


def form_data(**overrides):
    data = {
        "name": "本地服务中心",
        "services": "技术合同登记",
        "origin": "local",
        "home_city": "",
        "org_unit": "",
        "contact_person": "",
        "contact_phone": "",
        "whitelisted_on": "2024-03-01",
        "whitelist_until": "",
        "note": "",
    }
    data.update(overrides)
    return data


def test_staff_put_it_on_the_white_list(client, staff_user, taozhou):
    intermediary = IntermediaryFactory()
    client.force_login(staff_user)
    response = client.post(url(intermediary), form_data(org_unit=taozhou.pk))
    assert response.status_code == 302
    intermediary.refresh_from_db()
    assert intermediary.is_whitelisted_on(intermediary.whitelisted_on)
    assert intermediary.org_unit == taozhou
    assert intermediary.history.first().history_user == staff_user


def test_a_white_list_end_before_its_start_is_refused(client, staff_user):
    intermediary = IntermediaryFactory()
    client.force_login(staff_user)
    response = client.post(url(intermediary), form_data(whitelist_until="2024-02-01"))
    assert response.context["form"].has_error("whitelist_until", "end_before_start")
    intermediary.refresh_from_db()
    assert intermediary.whitelisted_on is None


@pytest.mark.parametrize("persona", ["liaison", "leader_user"])
def test_liaisons_and_leaders_get_403(request, client, db, persona):
    intermediary = IntermediaryFactory(name="原名")
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url(intermediary)).status_code == 403
    assert client.post(url(intermediary), form_data()).status_code == 403
    assert Intermediary.objects.get().name == "原名"


def test_a_missing_intermediary_gives_404(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("enterprises:intermediary_update", args=[999999])).status_code == (
        404
    )


def test_the_form_query_count(client, staff_user, org_units, django_assert_num_queries):
    intermediary = IntermediaryFactory()
    client.force_login(staff_user)
    # session, user, the intermediary with its counts, its history with users, the units
    # for the "located in" choices
    with django_assert_num_queries(5):
        assert client.get(url(intermediary)).status_code == 200
