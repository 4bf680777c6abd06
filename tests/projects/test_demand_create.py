"""Recording a technology need or research result (views/projects.py project_demand_create)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from enterprises.models import TechDemand

URL = reverse("enterprises:project_demand_create")
TODAY = datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC)


def form_data(for_enterprise, **overrides):
    data = {
        "enterprise": for_enterprise.pk,
        "kind": "result",
        "title": "  一种 耐腐蚀 涂层  ",
        "description": "",
        "collected_on": "2024-06-01",
        "status": "open",
        "matched_with": "",
    }
    data.update(overrides)
    return data


@time_machine.travel(TODAY, tick=False)
def test_a_liaison_records_a_result(client, liaison, taozhou_enterprise):
    client.force_login(liaison)
    response = client.post(URL, form_data(taozhou_enterprise))
    assert response["Location"] == taozhou_enterprise.get_absolute_url() + "#projects"
    demand = TechDemand.objects.get()
    assert demand.kind == TechDemand.Kind.RESULT
    assert demand.title == "一种 耐腐蚀 涂层"


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"collected_on": "2024-06-16"}, "collected_on", "future_date"),
        ({"collected_on": "1900-01-01"}, "collected_on", "too_early"),
        ({"kind": ""}, "kind", "required"),
    ],
)
def test_bad_input_is_refused_beside_its_field(
    client, staff_user, taozhou_enterprise, overrides, field, code
):
    client.force_login(staff_user)
    response = client.post(URL, form_data(taozhou_enterprise, **overrides))
    assert response.context["form"].has_error(field, code)
    assert not TechDemand.objects.exists()


def test_outsiders_cannot_record_for_another_units_enterprise(client, outsider, taozhou_enterprise):
    client.force_login(outsider)
    response = client.post(URL, form_data(taozhou_enterprise))
    assert response.context["form"].has_error("enterprise", "invalid_choice")
    assert not TechDemand.objects.exists()


def test_leaders_get_403(client, leader_user, taozhou_enterprise):
    client.force_login(leader_user)
    assert client.post(URL, form_data(taozhou_enterprise)).status_code == 403


def test_the_form_query_count(client, staff_user, taozhou_enterprise, django_assert_num_queries):
    client.force_login(staff_user)
    # session, user, the enterprise choices with their units
    with django_assert_num_queries(3):
        assert client.get(URL).status_code == 200
