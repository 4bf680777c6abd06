"""The list of university and institute cooperations: scope, filters, export, query count."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from tests.factories import EnterpriseFactory

from .factories import CooperationFactory

URL = reverse("enterprises:project_cooperation_list")


def partners(response):
    return [cooperation.partner for cooperation in response.context["page"]]


def test_liaisons_see_only_their_units_cooperations(
    client, liaison, taozhou_enterprise, xinhang_enterprise
):
    CooperationFactory(enterprise=taozhou_enterprise, partner="合肥工业大学")
    CooperationFactory(enterprise=xinhang_enterprise, partner="浙江大学")
    client.force_login(liaison)
    response = client.get(URL)
    assert partners(response) == ["合肥工业大学"]
    assert "浙江大学" not in response.content.decode()


def test_it_filters_by_partner_unit_and_start_year(
    client, staff_user, taozhou, taozhou_enterprise, xinhang_enterprise
):
    CooperationFactory(enterprise=taozhou_enterprise, partner="中国科学技术大学")
    CooperationFactory(
        enterprise=taozhou_enterprise, partner="中国科学院", started_on=datetime.date(2023, 1, 1)
    )
    CooperationFactory(enterprise=xinhang_enterprise, partner="中国计量大学")
    client.force_login(staff_user)
    response = client.get(URL, {"q": "中国", "org_unit": taozhou.pk, "year": 2024})
    assert partners(response) == ["中国科学技术大学"]


def test_the_export_gives_amounts_and_dates(client, staff_user, taozhou_enterprise):
    CooperationFactory(
        enterprise=taozhou_enterprise,
        partner="合肥工业大学",
        amount=Decimal("88.80"),
        ended_on=datetime.date(2025, 12, 31),
    )
    client.force_login(staff_user)
    response = client.get(URL, {"format": "xlsx"})
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[1][3:8] == (
        "合肥工业大学",
        "新材料研发",
        88.8,
        datetime.datetime(2024, 3, 1),
        datetime.datetime(2025, 12, 31),
    )


def test_anonymous_users_are_sent_to_log_in(client, org_units):
    assert client.get(URL)["Location"].startswith(reverse("login"))


def test_it_refuses_post(client, staff_user):
    client.force_login(staff_user)
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_the_query_count_does_not_grow_with_the_data(
    client, liaison, taozhou, django_assert_num_queries, count
):
    for enterprise in EnterpriseFactory.create_batch(count, org_unit=taozhou):
        CooperationFactory(enterprise=enterprise)
    client.force_login(liaison)
    # session, user, COUNT(*) for the pager, the page of cooperations with their enterprises
    # and units, the liaison's units for the menu, the units for the filter's choices
    with django_assert_num_queries(6):
        response = client.get(URL, {"year": 2024})
    assert response.context["page"].paginator.count == count
