import pytest
from django.urls import reverse

from enterprises.models import Enterprise
from tests.factories import EnterpriseFactory


def url(enterprise):
    return reverse("enterprises:update", args=[enterprise.pk])


def post_data(enterprise, **overrides):
    data = {
        "name": enterprise.name,
        "uscc": enterprise.uscc,
        "org_unit": enterprise.org_unit_id,
        "tech_field": enterprise.tech_field,
        "registered_on": "",
        "production_started_on": "",
        "address": "",
        "contact_person": "",
        "contact_phone": "",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_it_saves_changes_and_records_who_made_them(client, liaison, taozhou_enterprise):
    client.force_login(liaison)
    response = client.post(
        url(taozhou_enterprise), post_data(taozhou_enterprise, contact_person="李四")
    )
    assert response.status_code == 302
    taozhou_enterprise.refresh_from_db()
    assert taozhou_enterprise.contact_person == "李四"
    latest = taozhou_enterprise.history.latest()
    assert latest.history_type == "~"
    assert latest.history_user == liaison


def test_keeping_its_own_code_is_not_a_duplicate(client, staff_user, taozhou_enterprise):
    client.force_login(staff_user)
    response = client.post(url(taozhou_enterprise), post_data(taozhou_enterprise))
    assert response.status_code == 302


def test_taking_another_enterprises_code_is_refused(client, staff_user, taozhou):
    first = EnterpriseFactory(org_unit=taozhou)
    second = EnterpriseFactory(org_unit=taozhou)
    client.force_login(staff_user)
    response = client.post(url(second), post_data(second, uscc=first.uscc))
    assert response.context["form"].has_error("uscc", "uscc_duplicate")
    second.refresh_from_db()
    assert second.uscc != first.uscc


def test_a_liaison_cannot_move_an_enterprise_to_another_unit(
    client, liaison, xinhang, taozhou_enterprise
):
    client.force_login(liaison)
    response = client.post(
        url(taozhou_enterprise), post_data(taozhou_enterprise, org_unit=xinhang.pk)
    )
    assert response.context["form"].has_error("org_unit", "invalid_choice")
    assert Enterprise.objects.get().org_unit_id == taozhou_enterprise.org_unit_id


def test_outsiders_get_404(client, outsider, taozhou_enterprise):
    client.force_login(outsider)
    assert client.get(url(taozhou_enterprise)).status_code == 404
    assert client.post(url(taozhou_enterprise), post_data(taozhou_enterprise)).status_code == 404


def test_leaders_get_403(client, leader_user, taozhou_enterprise):
    client.force_login(leader_user)
    assert client.get(url(taozhou_enterprise)).status_code == 403
    response = client.post(url(taozhou_enterprise), post_data(taozhou_enterprise, name="改"))
    assert response.status_code == 403
    taozhou_enterprise.refresh_from_db()
    assert taozhou_enterprise.name != "改"


@pytest.mark.parametrize("count", [1, 30])
def test_the_form_query_count_is_constant(
    client, staff_user, org_units, taozhou_enterprise, django_assert_num_queries, count
):
    EnterpriseFactory.create_batch(count, org_unit=taozhou_enterprise.org_unit)
    client.force_login(staff_user)
    # session, user, the enterprise with its unit, the unit choices
    with django_assert_num_queries(4):
        assert client.get(url(taozhou_enterprise)).status_code == 200
