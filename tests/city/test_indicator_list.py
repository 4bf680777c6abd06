"""The indicators of a plan year, by line of work: read by everyone, exported to Excel."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from guangde_plan.models import PlanYear
from platforms.models import Indicator, IndicatorGroup

from .factories import IndicatorFactory, IndicatorValueFactory, issue_notice, xlsx_rows

URL = reverse("platforms:indicator_list")
D = datetime.date


def rows(response):
    return {
        indicator.name: indicator
        for _group, indicators in response.context["groups"]
        for indicator in indicators
    }


@pytest.fixture
def indicators(plan_year, stats_bureau):
    met = IndicatorFactory(name="研发投入强度", department=stats_bureau, target=Decimal("2.5"))
    IndicatorValueFactory(indicator=met, as_of=D(2024, 3, 1), value=Decimal("2.6"))
    below = IndicatorFactory(name="覆盖率", target=Decimal("50"))
    IndicatorValueFactory(indicator=below, as_of=D(2024, 3, 1), value=Decimal("46.8"))
    ceiling = IndicatorFactory(
        name="万元GDP能耗", target=Decimal("0.4"), direction=Indicator.Direction.AT_MOST
    )
    IndicatorValueFactory(indicator=ceiling, as_of=D(2024, 3, 1), value=Decimal("0.38"))
    empty = IndicatorFactory(name="无数据")
    issue_notice(department=stats_bureau, indicators=[met, empty])
    return met, below, ceiling, empty


@pytest.mark.smoke
def test_a_liaison_reads_every_line_of_work_with_latest_values(client, liaison, indicators):
    client.force_login(liaison)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["plan_year"].year == 2024
    assert [group.name for group, _ in response.context["groups"]] == list(
        IndicatorGroup.objects.order_by("sort_order").values_list("name", flat=True)
    )
    page = rows(response)
    assert page["研发投入强度"].met is True
    assert page["覆盖率"].met is False
    assert page["万元GDP能耗"].met is True  # at most 0.4: 0.38 meets it
    assert page["无数据"].met is None
    assert page["研发投入强度"].open_notices == 1
    content = response.content.decode()
    assert content.count('data-met="yes"') == 2 and content.count('data-met="no"') == 1
    assert "≤ 0.4" in content and "2.6 %" in content
    assert reverse("platforms:indicator_create") not in content
    assert not response.context["may_write"]


def test_staff_are_offered_to_add_an_indicator(client, staff_user, plan_year):
    client.force_login(staff_user)
    content = client.get(URL).content.decode()
    assert f"{reverse('platforms:indicator_create')}?year=2024" in content
    assert content.count("该工作方向下暂无指标。") == 5


def test_the_year_is_chosen_in_the_query(client, staff_user, plan_year):
    older = PlanYear.objects.create(year=2023, title="2023年")
    IndicatorFactory(plan_year=older, name="旧指标")
    IndicatorFactory(name="新指标")
    client.force_login(staff_user)
    assert set(rows(client.get(URL))) == {"新指标"}
    response = client.get(URL, {"year": 2023})
    assert response.context["plan_year"] == older
    assert set(rows(response)) == {"旧指标"}


@pytest.mark.parametrize("year", ["1999", "abc", "2024-01"])
def test_a_year_without_a_plan_is_not_found(client, staff_user, plan_year, year):
    client.force_login(staff_user)
    response = client.get(URL, {"year": year})
    assert response.status_code == 404
    assert f"{year}年没有工作计划" in response.content.decode()


def test_the_export_holds_the_years_indicators(client, leader_user, indicators):
    client.force_login(leader_user)
    table = xlsx_rows(client.get(URL, {"year": 2024, "format": "xlsx"}))
    assert len(table[0]) == 11
    by_name = {row[1]: row for row in table[1:]}
    assert set(by_name) == {"研发投入强度", "覆盖率", "万元GDP能耗", "无数据"}
    assert by_name["研发投入强度"][2] == "市统计局"
    assert by_name["研发投入强度"][7] == 2.6
    assert by_name["无数据"][7] is None


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_it_answers_get_only(client, staff_user, plan_year):
    client.force_login(staff_user)
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("size", [1, 12])
def test_the_query_count_does_not_grow_with_the_indicators(
    client, liaison, plan_year, django_assert_num_queries, size
):
    for _ in range(size):
        indicator = IndicatorFactory()
        IndicatorValueFactory(indicator=indicator)
        issue_notice(department=indicator.department, indicators=[indicator])
    client.force_login(liaison)
    # session, user, the liaison's units for the menu, the plan years, the indicators with
    # their latest values and open notices (subqueries, one GROUP BY), the lines of work
    with django_assert_num_queries(6):
        assert client.get(URL).status_code == 200
    # session, user, the plan years, the indicators
    with django_assert_num_queries(4):
        assert client.get(URL, {"format": "xlsx"}).status_code == 200
