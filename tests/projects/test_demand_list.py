"""The list of technology needs and research results: scope, filters, export, query count."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from enterprises.models import TechDemand
from tests.factories import EnterpriseFactory

from .factories import TechDemandFactory

URL = reverse("enterprises:project_demand_list")


def titles(response):
    return [demand.title for demand in response.context["page"]]


def test_liaisons_see_only_their_units_records(
    client, liaison, taozhou_enterprise, xinhang_enterprise
):
    TechDemandFactory(enterprise=taozhou_enterprise, title="桃州需求")
    TechDemandFactory(enterprise=xinhang_enterprise, title="新杭需求")
    client.force_login(liaison)
    response = client.get(URL)
    assert titles(response) == ["桃州需求"]
    assert "新杭需求" not in response.content.decode()


def test_it_filters_open_results_of_a_year_newest_first(client, staff_user, taozhou_enterprise):
    def demand(title, collected_on, **kwargs):
        TechDemandFactory(
            enterprise=taozhou_enterprise,
            title=title,
            kind=TechDemand.Kind.RESULT,
            collected_on=collected_on,
            **kwargs,
        )

    demand("三月成果", datetime.date(2024, 3, 1))
    demand("五月成果", datetime.date(2024, 5, 1))
    demand("去年成果", datetime.date(2023, 5, 1))
    demand("已对接", datetime.date(2024, 5, 1), status=TechDemand.Status.MATCHED)
    TechDemandFactory(enterprise=taozhou_enterprise, title="需求")
    client.force_login(staff_user)
    response = client.get(URL, {"kind": "result", "status": "open", "year": 2024})
    assert titles(response) == ["五月成果", "三月成果"]
    assert titles(client.get(URL, {"q": "对接"})) == ["已对接"]


def test_the_export_holds_the_filtered_rows(
    client, liaison, taozhou_enterprise, xinhang_enterprise
):
    TechDemandFactory(enterprise=taozhou_enterprise, title="桃州需求")
    TechDemandFactory(enterprise=taozhou_enterprise, title="桃州成果", kind="result")
    TechDemandFactory(enterprise=xinhang_enterprise, title="新杭需求")
    client.force_login(liaison)
    response = client.get(URL, {"kind": "need", "format": "xlsx"})
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    assert [row[4] for row in rows[1:]] == ["桃州需求"]


@pytest.mark.parametrize("params", [{"year": "1800"}, {"kind": "wish"}, {"status": "x"}])
def test_bad_filter_values_never_give_a_500(client, staff_user, org_units, params):
    client.force_login(staff_user)
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response.context["filter"].errors


def test_anonymous_users_are_sent_to_log_in(client, org_units):
    assert client.get(URL)["Location"].startswith(reverse("login"))


def test_it_refuses_post(client, staff_user):
    client.force_login(staff_user)
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_the_query_count_does_not_grow_with_the_data(
    client, staff_user, taozhou, django_assert_num_queries, count
):
    for enterprise in EnterpriseFactory.create_batch(count, org_unit=taozhou):
        TechDemandFactory(enterprise=enterprise)
    client.force_login(staff_user)
    # session, user, COUNT(*) for the pager, the page of records with their enterprises and
    # units, the units for the filter's choices (bureau staff: no units of their own)
    with django_assert_num_queries(5):
        response = client.get(URL, {"kind": "need", "status": "open"})
    assert response.context["page"].paginator.count == count
