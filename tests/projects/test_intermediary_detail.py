"""An intermediary's page: open to every user; its services scoped to the user's enterprises."""

import pytest
from django.urls import reverse

from tests.factories import EnterpriseFactory

from .factories import IntermediaryFactory, IntermediaryServiceFactory


def url(intermediary):
    return reverse("enterprises:intermediary_detail", args=[intermediary.pk])


def test_a_liaison_sees_only_the_services_to_their_enterprises(
    client, liaison, taozhou_enterprise, xinhang_enterprise
):
    intermediary = IntermediaryFactory()
    IntermediaryServiceFactory(
        intermediary=intermediary, enterprise=taozhou_enterprise, service="桃州服务"
    )
    IntermediaryServiceFactory(
        intermediary=intermediary, enterprise=xinhang_enterprise, service="新杭服务"
    )
    client.force_login(liaison)
    response = client.get(url(intermediary))
    assert response.status_code == 200
    assert [service.service for service in response.context["page"]] == ["桃州服务"]
    assert response.context["other_service_count"] == 1
    page = response.content.decode()
    assert "新杭服务" not in page
    assert xinhang_enterprise.name not in page
    assert 'data-testid="other-services"' in page
    assert 'data-testid="edit-intermediary"' not in page
    assert 'data-testid="add-service"' in page


def test_staff_see_every_service_and_may_edit(
    client, staff_user, taozhou_enterprise, xinhang_enterprise
):
    intermediary = IntermediaryFactory()
    IntermediaryServiceFactory(intermediary=intermediary, enterprise=taozhou_enterprise)
    IntermediaryServiceFactory(intermediary=intermediary, enterprise=xinhang_enterprise)
    client.force_login(staff_user)
    response = client.get(url(intermediary))
    assert response.context["page"].paginator.count == 2
    assert response.context["other_service_count"] == 0
    assert response.context["intermediary"].enterprise_count == 2
    assert 'data-testid="edit-intermediary"' in response.content.decode()


def test_leaders_read_it_without_buttons(client, leader_user):
    intermediary = IntermediaryFactory()
    client.force_login(leader_user)
    page = client.get(url(intermediary)).content.decode()
    assert 'data-testid="add-service"' not in page
    assert 'data-testid="edit-intermediary"' not in page


def test_a_missing_intermediary_gives_404(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("enterprises:intermediary_detail", args=[999999])).status_code == (
        404
    )


def test_anonymous_users_are_sent_to_log_in(client, db):
    response = client.get(url(IntermediaryFactory()))
    assert response["Location"].startswith(reverse("login"))


def test_it_refuses_post(client, staff_user):
    client.force_login(staff_user)
    assert client.post(url(IntermediaryFactory())).status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_the_query_count_does_not_grow_with_the_data(
    client, liaison, taozhou, xinhang, django_assert_num_queries, count
):
    intermediary = IntermediaryFactory()
    for enterprise in EnterpriseFactory.create_batch(count, org_unit=taozhou):
        IntermediaryServiceFactory(intermediary=intermediary, enterprise=enterprise)
    IntermediaryServiceFactory(
        intermediary=intermediary, enterprise=EnterpriseFactory(org_unit=xinhang)
    )
    client.force_login(liaison)
    # session, user, the intermediary with its unit and counts, COUNT(*) of the liaison's
    # services for the pager, the page of services with their enterprises and units, the
    # liaison's units for the menu
    with django_assert_num_queries(6):
        response = client.get(url(intermediary))
    assert response.context["page"].paginator.count == count
    assert response.context["other_service_count"] == 1
