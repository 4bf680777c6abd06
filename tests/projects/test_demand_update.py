"""Changing a technology need or result (views/projects.py project_demand_update)."""

import pytest
from django.urls import reverse

from enterprises.models import TechDemand

from .factories import TechDemandFactory


def url(demand):
    return reverse("enterprises:project_demand_update", args=[demand.pk])


def form_data(**overrides):
    data = {
        "kind": "need",
        "title": "耐高温涂层工艺",
        "description": "",
        "collected_on": "2024-03-01",
        "status": "matched",
        "matched_with": "安徽大学",
    }
    data.update(overrides)
    return data


def test_a_need_matched_with_a_university(client, liaison, taozhou_enterprise):
    demand = TechDemandFactory(enterprise=taozhou_enterprise)
    client.force_login(liaison)
    response = client.post(url(demand), form_data())
    assert response.status_code == 302
    demand.refresh_from_db()
    assert demand.status == TechDemand.Status.MATCHED
    assert demand.matched_with == "安徽大学"


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"title": ""}, "title", "required"),
        ({"collected_on": "2999-01-01"}, "collected_on", "future_date"),
        ({"collected_on": "yesterday"}, "collected_on", "invalid"),
        ({"status": "lost"}, "status", "invalid_choice"),
    ],
)
def test_bad_input_is_refused_beside_its_field(
    client, staff_user, taozhou_enterprise, overrides, field, code
):
    demand = TechDemandFactory(enterprise=taozhou_enterprise, title="原题目")
    client.force_login(staff_user)
    response = client.post(url(demand), form_data(**overrides))
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    demand.refresh_from_db()
    assert demand.title == "原题目"


def test_outsiders_get_404(client, outsider, taozhou_enterprise):
    demand = TechDemandFactory(enterprise=taozhou_enterprise)
    client.force_login(outsider)
    assert client.get(url(demand)).status_code == 404


def test_leaders_get_403(client, leader_user, taozhou_enterprise):
    demand = TechDemandFactory(enterprise=taozhou_enterprise)
    client.force_login(leader_user)
    assert client.get(url(demand)).status_code == 403


def test_a_missing_record_gives_404(client, staff_user, org_units):
    client.force_login(staff_user)
    assert client.get(reverse("enterprises:project_demand_update", args=[999999])).status_code == (
        404
    )


def test_the_form_query_count(client, staff_user, taozhou_enterprise, django_assert_num_queries):
    demand = TechDemandFactory(enterprise=taozhou_enterprise)
    client.force_login(staff_user)
    # session, user, the record with its enterprise and unit, its history with users
    with django_assert_num_queries(4):
        assert client.get(url(demand)).status_code == 200
