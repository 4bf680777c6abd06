"""Recording a 揭榜挂帅 or result-transfer application (views/projects.py project_key_create)."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from enterprises.models import KeyProject
from tests.factories import EnterpriseFactory

URL = reverse("enterprises:project_key_create")
TODAY = datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC)


def form_data(for_enterprise, **overrides):
    data = {
        "enterprise": for_enterprise.pk,
        "kind": "challenge",
        "level": "provincial",
        "title": "高性能复合材料关键技术攻关",
        "applied_on": "2024-05-20",
        "status": "applied",
        "funding": "",
        "note": "",
    }
    data.update(overrides)
    return data


@pytest.mark.smoke
def test_staff_record_a_challenge_application_from_the_list(client, staff_user, taozhou_enterprise):
    client.force_login(staff_user)
    response = client.post(URL + "?from=list", form_data(taozhou_enterprise))
    assert response.status_code == 302
    assert response["Location"] == reverse("enterprises:project_key_list")
    project = KeyProject.objects.get()
    assert project.enterprise == taozhou_enterprise
    assert project.kind == KeyProject.Kind.CHALLENGE
    assert project.applied_on == datetime.date(2024, 5, 20)
    assert project.history.get().history_user == staff_user


def test_from_the_enterprise_page_it_returns_there(client, liaison, taozhou_enterprise):
    client.force_login(liaison)
    response = client.post(URL, form_data(taozhou_enterprise, status="approved", funding="1,234.5"))
    assert response["Location"] == taozhou_enterprise.get_absolute_url() + "#projects"
    assert KeyProject.objects.get().funding == Decimal("1234.50")


@time_machine.travel(TODAY, tick=False)
def test_enterprise_and_kind_are_preselected_and_the_date_is_today(
    client, liaison, taozhou_enterprise
):
    client.force_login(liaison)
    form = client.get(URL, {"enterprise": taozhou_enterprise.pk, "kind": "transfer"}).context[
        "form"
    ]
    assert form.initial["enterprise"] == str(taozhou_enterprise.pk)
    assert form.initial["kind"] == "transfer"
    assert form.initial["applied_on"] == datetime.date(2024, 6, 15)


def test_the_enterprises_offered_are_the_users_own_in_unit_order(
    client, liaison, staff_user, taozhou, xinhang, org_units
):
    second = EnterpriseFactory(org_unit=taozhou, name="乙公司")
    first = EnterpriseFactory(org_unit=taozhou, name="甲公司")
    other = EnterpriseFactory(org_unit=xinhang, name="新杭公司")
    client.force_login(liaison)
    offered = list(client.get(URL).context["form"].fields["enterprise"].queryset)
    assert offered == sorted([first, second], key=lambda enterprise: enterprise.name)
    response = client.post(URL, form_data(other))
    assert response.context["form"].has_error("enterprise", "invalid_choice")
    assert not KeyProject.objects.exists()
    client.force_login(staff_user)
    assert other in client.get(URL).context["form"].fields["enterprise"].queryset


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"title": ""}, "title", "required"),
        ({"enterprise": ""}, "enterprise", "required"),
        ({"kind": "other"}, "kind", "invalid_choice"),
        ({"applied_on": "2024-02-30"}, "applied_on", "invalid"),
        ({"applied_on": "2024-06-16"}, "applied_on", "future_date"),
        ({"funding": "-1"}, "funding", "min_value"),
        ({"funding": "abc"}, "funding", "invalid"),
        ({"funding": "50", "status": "preparing"}, "funding", None),
        ({"funding": "50", "status": "rejected"}, "funding", None),
    ],
)
def test_bad_input_is_refused_beside_its_field(
    client, staff_user, taozhou_enterprise, overrides, field, code
):
    client.force_login(staff_user)
    response = client.post(URL, form_data(taozhou_enterprise, **overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error(field, code) if code else form.errors[field]
    assert "invalid-feedback" in response.content.decode()
    assert not KeyProject.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_an_application_in_preparation_may_carry_a_planned_date(
    client, staff_user, taozhou_enterprise
):
    client.force_login(staff_user)
    response = client.post(
        URL, form_data(taozhou_enterprise, status="preparing", applied_on="2024-09-01")
    )
    assert response.status_code == 302
    assert KeyProject.objects.get().status == KeyProject.Status.PREPARING


def test_leaders_get_403(client, leader_user, taozhou_enterprise):
    client.force_login(leader_user)
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data(taozhou_enterprise)).status_code == 403
    assert not KeyProject.objects.exists()


def test_anonymous_users_are_sent_to_log_in(client, taozhou_enterprise):
    response = client.post(URL, form_data(taozhou_enterprise))
    assert response["Location"].startswith(reverse("login"))
    assert not KeyProject.objects.exists()


def test_it_refuses_other_methods(client, staff_user):
    client.force_login(staff_user)
    assert client.put(URL).status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_the_form_query_count_is_constant(
    client, liaison, taozhou, django_assert_num_queries, count
):
    EnterpriseFactory.create_batch(count, org_unit=taozhou)
    client.force_login(liaison)
    # session, user, the enterprise choices with their units, the liaison's units for the menu
    with django_assert_num_queries(4):
        response = client.get(URL)
    assert len(response.context["form"].fields["enterprise"].choices) == count + 1
