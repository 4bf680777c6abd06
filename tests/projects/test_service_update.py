"""Changing a service record: scoped by the enterprise served."""

import pytest
from django.urls import reverse

from .factories import IntermediaryServiceFactory


def url(service, **params):
    path = reverse("enterprises:intermediary_service_update", args=[service.pk])
    return path + ("?from=intermediary" if params.get("from_intermediary") else "")


def form_data(service, **overrides):
    data = {
        "intermediary": service.intermediary_id,
        "service": "专利导航",
        "served_on": "2024-04-01",
        "note": "",
    }
    data.update(overrides)
    return data


def test_a_liaison_corrects_their_enterprises_service(client, liaison, taozhou_enterprise):
    service = IntermediaryServiceFactory(enterprise=taozhou_enterprise)
    client.force_login(liaison)
    response = client.post(url(service, from_intermediary=True), form_data(service))
    assert response["Location"] == reverse(
        "enterprises:intermediary_detail", args=[service.intermediary_id]
    )
    service.refresh_from_db()
    assert service.service == "专利导航"
    assert "enterprise" not in client.get(url(service)).context["form"].fields


def test_outsiders_get_404_and_leaders_403(client, outsider, leader_user, taozhou_enterprise):
    service = IntermediaryServiceFactory(enterprise=taozhou_enterprise, service="原服务")
    client.force_login(outsider)
    assert client.get(url(service)).status_code == 404
    assert client.post(url(service), form_data(service)).status_code == 404
    client.force_login(leader_user)
    assert client.post(url(service), form_data(service)).status_code == 403
    service.refresh_from_db()
    assert service.service == "原服务"


def test_a_future_date_is_refused(client, staff_user, taozhou_enterprise):
    service = IntermediaryServiceFactory(enterprise=taozhou_enterprise)
    client.force_login(staff_user)
    response = client.post(url(service), form_data(service, served_on="2999-01-01"))
    assert response.context["form"].has_error("served_on", "future_date")


@pytest.mark.parametrize("count", [3, 30])
def test_the_form_query_count(
    client, liaison, taozhou_enterprise, django_assert_num_queries, count
):
    service = IntermediaryServiceFactory(enterprise=taozhou_enterprise)
    IntermediaryServiceFactory.create_batch(count, enterprise=taozhou_enterprise)
    client.force_login(liaison)
    # session, user, the service with its intermediary, enterprise and unit, its history with
    # users, the intermediary names for the history, the intermediary choices, the liaison's
    # units for the menu
    with django_assert_num_queries(7):
        assert client.get(url(service)).status_code == 200
