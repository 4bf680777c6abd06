"""The key-project list (揭榜挂帅 and result transfer): scope, filters, export, query count."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from enterprises.models import KeyProject
from tests.factories import EnterpriseFactory

from .factories import KeyProjectFactory

URL = reverse("enterprises:project_key_list")


def titles(response):
    return [project.title for project in response.context["page"]]


@pytest.mark.smoke
def test_liaisons_see_only_their_units_projects(
    client, liaison, taozhou_enterprise, xinhang_enterprise
):
    KeyProjectFactory(enterprise=taozhou_enterprise, title="桃州项目")
    KeyProjectFactory(enterprise=xinhang_enterprise, title="新杭项目")
    client.force_login(liaison)
    response = client.get(URL)
    assert response.status_code == 200
    assert titles(response) == ["桃州项目"]
    assert "新杭项目" not in response.content.decode()


def test_liaisons_cannot_widen_the_scope_with_a_filter(
    client, liaison, xinhang, taozhou_enterprise, xinhang_enterprise
):
    KeyProjectFactory(enterprise=taozhou_enterprise, title="桃州项目")
    KeyProjectFactory(enterprise=xinhang_enterprise, title="新杭项目")
    client.force_login(liaison)
    response = client.get(URL, {"org_unit": xinhang.pk})
    assert titles(response) == ["桃州项目"]
    assert response.context["filter"].errors


def test_it_filters_by_kind_level_status_unit_and_year(
    client, staff_user, xinhang, taozhou_enterprise, xinhang_enterprise
):
    KeyProjectFactory(
        enterprise=xinhang_enterprise,
        title="要的",
        status=KeyProject.Status.APPROVED,
        applied_on=datetime.date(2024, 4, 1),
    )
    KeyProjectFactory(
        enterprise=xinhang_enterprise,
        title="去年",
        applied_on=datetime.date(2023, 4, 1),
        status=KeyProject.Status.APPROVED,
    )
    KeyProjectFactory(
        enterprise=xinhang_enterprise,
        title="成果转化",
        kind=KeyProject.Kind.TRANSFER,
        status=KeyProject.Status.APPROVED,
    )
    KeyProjectFactory(
        enterprise=xinhang_enterprise,
        title="国家级",
        level=KeyProject.Level.NATIONAL,
        status=KeyProject.Status.APPROVED,
    )
    KeyProjectFactory(enterprise=xinhang_enterprise, title="已申报")
    KeyProjectFactory(
        enterprise=taozhou_enterprise, title="桃州", status=KeyProject.Status.APPROVED
    )
    client.force_login(staff_user)
    params = {
        "kind": "challenge",
        "level": "provincial",
        "status": "approved",
        "org_unit": xinhang.pk,
        "year": 2024,
    }
    assert titles(client.get(URL, params)) == ["要的"]
    assert titles(client.get(URL, {"q": "转化"})) == ["成果转化"]
    assert titles(client.get(URL, {"q": xinhang_enterprise.uscc[-6:], "status": "applied"})) == [
        "已申报"
    ]


@pytest.mark.parametrize(
    "params", [{"year": "abc"}, {"year": "99999"}, {"status": "lost"}, {"org_unit": "x"}]
)
def test_bad_filter_values_never_give_a_500(client, staff_user, org_units, params):
    client.force_login(staff_user)
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response.context["filter"].errors


def test_the_export_holds_the_filtered_rows_with_money_as_numbers(
    client, staff_user, taozhou_enterprise
):
    KeyProjectFactory(
        enterprise=taozhou_enterprise,
        title="=HYPERLINK(1)",
        status=KeyProject.Status.APPROVED,
        funding=Decimal("120.50"),
    )
    KeyProjectFactory(enterprise=taozhou_enterprise, kind=KeyProject.Kind.TRANSFER)
    client.force_login(staff_user)
    response = client.get(URL, {"kind": "challenge", "format": "xlsx"})
    assert response.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    assert len(rows) == 2
    assert rows[1][0] == taozhou_enterprise.uscc
    assert rows[1][5] == "=HYPERLINK(1)"  # kept as text, not a formula
    assert rows[1][8] == 120.5


def test_the_add_button_is_for_writers(client, staff_user, leader_user, org_units):
    client.force_login(staff_user)
    add = reverse("enterprises:project_key_create") + "?from=list"
    assert add in client.get(URL).content.decode()
    client.force_login(leader_user)
    assert add not in client.get(URL).content.decode()


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
        KeyProjectFactory(enterprise=enterprise)
    client.force_login(liaison)
    # session, user, the filter's unit lookup, COUNT(*) for the pager, the page of projects
    # with their enterprises and units, the liaison's units for the menu, the units for the
    # filter's choices
    with django_assert_num_queries(7):
        response = client.get(URL, {"org_unit": taozhou.pk, "kind": "challenge", "year": 2024})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == count
