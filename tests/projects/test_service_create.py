"""Recording a service an intermediary gave one of the user's enterprises."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from enterprises.models import IntermediaryService
from tests.factories import EnterpriseFactory

from .factories import IntermediaryFactory

URL = reverse("enterprises:intermediary_service_create")
TODAY = datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC)


def form_data(by, to, **overrides):
    data = {
        "intermediary": by.pk,
        "enterprise": to.pk,
        "service": "高企申报辅导",
        "served_on": "2024-05-10",
        "note": "",
    }
    data.update(overrides)
    return data


def test_a_liaison_records_a_service_from_the_intermediary_page(
    client, liaison, taozhou_enterprise
):
    intermediary = IntermediaryFactory()
    client.force_login(liaison)
    response = client.post(URL + "?from=intermediary", form_data(intermediary, taozhou_enterprise))
    assert response["Location"] == reverse(
        "enterprises:intermediary_detail", args=[intermediary.pk]
    )
    service = IntermediaryService.objects.get()
    assert (service.intermediary, service.enterprise) == (intermediary, taozhou_enterprise)


def test_from_the_enterprise_page_it_returns_there(client, staff_user, taozhou_enterprise):
    client.force_login(staff_user)
    response = client.post(URL, form_data(IntermediaryFactory(), taozhou_enterprise))
    assert response["Location"] == taozhou_enterprise.get_absolute_url() + "#projects"


@time_machine.travel(TODAY, tick=False)
def test_intermediary_and_enterprise_are_preselected(client, liaison, taozhou_enterprise):
    intermediary = IntermediaryFactory()
    client.force_login(liaison)
    response = client.get(
        URL, {"intermediary": intermediary.pk, "enterprise": taozhou_enterprise.pk}
    )
    initial = response.context["form"].initial
    assert initial["intermediary"] == str(intermediary.pk)
    assert initial["enterprise"] == str(taozhou_enterprise.pk)
    assert initial["served_on"] == datetime.date(2024, 6, 15)


@time_machine.travel(TODAY, tick=False)
def test_a_liaison_cannot_record_for_another_units_enterprise(client, liaison, xinhang_enterprise):
    client.force_login(liaison)
    response = client.post(URL, form_data(IntermediaryFactory(), xinhang_enterprise))
    assert response.context["form"].has_error("enterprise", "invalid_choice")
    assert not IntermediaryService.objects.exists()


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"service": ""}, "service", "required"),
        ({"served_on": "2024-06-16"}, "served_on", "future_date"),
        ({"intermediary": "999999"}, "intermediary", "invalid_choice"),
    ],
)
def test_bad_input_is_refused_beside_its_field(
    client, staff_user, taozhou_enterprise, overrides, field, code
):
    client.force_login(staff_user)
    response = client.post(URL, form_data(IntermediaryFactory(), taozhou_enterprise, **overrides))
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    assert not IntermediaryService.objects.exists()


def test_leaders_get_403(client, leader_user, taozhou_enterprise):
    client.force_login(leader_user)
    assert client.post(URL, form_data(IntermediaryFactory(), taozhou_enterprise)).status_code == 403
    assert not IntermediaryService.objects.exists()


def test_it_refuses_other_methods(client, staff_user):
    client.force_login(staff_user)
    assert client.put(URL).status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_the_form_query_count_is_constant(
    client, liaison, taozhou, django_assert_num_queries, count
):
    EnterpriseFactory.create_batch(count, org_unit=taozhou)
    IntermediaryFactory.create_batch(count)
    client.force_login(liaison)
    # session, user, the intermediary choices, the enterprise choices with their units, the
    # liaison's units for the menu
    with django_assert_num_queries(5):
        response = client.get(URL)
    assert len(response.context["form"].fields["intermediary"].choices) == count + 1
