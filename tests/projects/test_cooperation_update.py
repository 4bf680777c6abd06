"""Changing a cooperation (views/projects.py project_cooperation_update)."""

import pytest
from django.urls import reverse

from .factories import CooperationFactory


def url(cooperation, **params):
    path = reverse("enterprises:project_cooperation_update", args=[cooperation.pk])
    return path + ("?from=list" if params.get("from_list") else "")


def form_data(**overrides):
    data = {
        "partner": "  合肥工业大学  ",
        "subject": "新材料研发",
        "amount": "1,200",
        "started_on": "2024-03-01",
        "ended_on": "2026-02-28",
        "note": "",
    }
    data.update(overrides)
    return data


def test_a_liaison_changes_their_enterprises_cooperation(client, liaison, taozhou_enterprise):
    cooperation = CooperationFactory(enterprise=taozhou_enterprise)
    client.force_login(liaison)
    response = client.post(url(cooperation), form_data())
    assert response["Location"] == taozhou_enterprise.get_absolute_url() + "#projects"
    cooperation.refresh_from_db()
    assert cooperation.partner == "合肥工业大学"
    assert str(cooperation.amount) == "1200.00"
    assert cooperation.history.first().history_user == liaison


def test_the_enterprise_cannot_be_changed(
    client, staff_user, taozhou_enterprise, xinhang_enterprise
):
    cooperation = CooperationFactory(enterprise=taozhou_enterprise)
    client.force_login(staff_user)
    response = client.get(url(cooperation))
    assert "enterprise" not in response.context["form"].fields
    client.post(url(cooperation, from_list=True), form_data(enterprise=xinhang_enterprise.pk))
    cooperation.refresh_from_db()
    assert cooperation.enterprise == taozhou_enterprise


def test_an_end_before_the_start_is_refused_beside_the_end(client, staff_user, taozhou_enterprise):
    cooperation = CooperationFactory(enterprise=taozhou_enterprise)
    client.force_login(staff_user)
    response = client.post(url(cooperation), form_data(ended_on="2024-02-01", partner="新名字"))
    assert response.status_code == 200
    assert response.context["form"].has_error("ended_on", "end_before_start")
    cooperation.refresh_from_db()
    assert cooperation.partner != "新名字"


def test_it_returns_to_the_list_when_it_came_from_there(client, staff_user, taozhou_enterprise):
    cooperation = CooperationFactory(enterprise=taozhou_enterprise)
    client.force_login(staff_user)
    response = client.post(url(cooperation, from_list=True), form_data())
    assert response["Location"] == reverse("enterprises:project_cooperation_list")


def test_outsiders_get_404_and_leaders_403(client, outsider, leader_user, taozhou_enterprise):
    cooperation = CooperationFactory(enterprise=taozhou_enterprise, partner="原合作方")
    client.force_login(outsider)
    assert client.get(url(cooperation)).status_code == 404
    assert client.post(url(cooperation), form_data()).status_code == 404
    client.force_login(leader_user)
    assert client.post(url(cooperation), form_data()).status_code == 403
    cooperation.refresh_from_db()
    assert cooperation.partner == "原合作方"


def test_it_refuses_other_methods(client, staff_user, taozhou_enterprise):
    client.force_login(staff_user)
    assert client.delete(url(CooperationFactory(enterprise=taozhou_enterprise))).status_code == 405


@pytest.mark.parametrize("changes", [1, 10])
def test_the_form_query_count_is_constant(
    client, liaison, taozhou_enterprise, django_assert_num_queries, changes
):
    cooperation = CooperationFactory(enterprise=taozhou_enterprise)
    for number in range(changes):
        cooperation.subject = f"课题{number}"
        cooperation.save()
    client.force_login(liaison)
    # session, user, the cooperation with its enterprise and unit, its history with users,
    # the liaison's units for the menu
    with django_assert_num_queries(5):
        response = client.get(url(cooperation))
    assert len(response.context["history"]) == changes + 1
