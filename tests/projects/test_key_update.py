"""Following an application to its result (views/projects.py project_key_update)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from enterprises.models import KeyProject

from .factories import KeyProjectFactory


def url(project):
    return reverse("enterprises:project_key_update", args=[project.pk])


def form_data(**overrides):
    data = {
        "kind": "challenge",
        "level": "provincial",
        "title": "揭榜挂帅：高纯电子化学品",
        "applied_on": "2024-03-01",
        "status": "approved",
        "funding": "300",
        "note": "",
    }
    data.update(overrides)
    return data


def test_an_approved_project_gets_its_funding(client, liaison, taozhou_enterprise):
    project = KeyProjectFactory(enterprise=taozhou_enterprise)
    client.force_login(liaison)
    assert client.post(url(project), form_data()).status_code == 302
    project.refresh_from_db()
    assert project.status == KeyProject.Status.APPROVED
    assert project.funding == Decimal("300")


@pytest.mark.parametrize("status", ["preparing", "rejected"])
def test_funding_for_a_project_not_approved_is_refused(
    client, staff_user, taozhou_enterprise, status
):
    project = KeyProjectFactory(enterprise=taozhou_enterprise)
    client.force_login(staff_user)
    response = client.post(url(project), form_data(status=status))
    assert response.status_code == 200
    assert response.context["form"].errors["funding"]
    project.refresh_from_db()
    assert project.status == KeyProject.Status.APPLIED


def test_outsiders_get_404_and_leaders_403(client, outsider, leader_user, taozhou_enterprise):
    project = KeyProjectFactory(enterprise=taozhou_enterprise)
    client.force_login(outsider)
    assert client.post(url(project), form_data()).status_code == 404
    client.force_login(leader_user)
    assert client.get(url(project)).status_code == 403
    project.refresh_from_db()
    assert project.funding is None


def test_the_form_query_count(client, liaison, taozhou_enterprise, django_assert_num_queries):
    project = KeyProjectFactory(enterprise=taozhou_enterprise)
    client.force_login(liaison)
    # session, user, the project with its enterprise and unit, its history with users, the
    # liaison's units for the menu
    with django_assert_num_queries(5):
        assert client.get(url(project)).status_code == 200
