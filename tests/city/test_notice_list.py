"""The notice list: filters by status, unit and year; overdue notices stand out, counted
in days from the local date; the Excel export."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from guangde_plan.models import PlanYear

from .factories import DepartmentFactory, IndicatorFactory, issue_notice, xlsx_rows

URL = reverse("platforms:notice_list")
D = datetime.date


def local_noon(day):
    return datetime.datetime(day.year, day.month, day.day, 4, tzinfo=datetime.UTC)


def subjects(response):
    return [notice.subject for notice in response.context["page"]]


@pytest.fixture
def notices(plan_year, stats_bureau):
    finance = DepartmentFactory(name="市财政局")
    due = issue_notice(subject="三月到期", department=stats_bureau, due_on=D(2024, 3, 20))
    late = issue_notice(
        subject="已逾期", department=finance, issued_on=D(2024, 3, 2), due_on=D(2024, 3, 10)
    )
    answered = issue_notice(
        subject="已答复", department=stats_bureau, issued_on=D(2024, 3, 3), due_on=D(2024, 3, 5)
    )
    answered.replied_on = D(2024, 3, 4)
    answered.save()
    return due, late, answered


def test_an_unanswered_notice_stands_out_from_the_day_after_its_due_day(client, liaison, notices):
    client.force_login(liaison)
    with time_machine.travel(local_noon(D(2024, 3, 20)), tick=False):
        response = client.get(URL)
        content = response.content.decode()
        assert content.count("data-overdue") == 1  # 已逾期, 10 days late
        assert "逾期 10 天" in content
        assert response.context["overdue_count"] == 1
    with time_machine.travel(local_noon(D(2024, 3, 21)), tick=False):
        response = client.get(URL)
        late = {n.subject: n.overdue_days for n in response.context["page"]}
        assert late == {"三月到期": 1, "已逾期": 11, "已答复": None}
        assert response.content.decode().count("data-overdue") == 2
        assert subjects(client.get(URL, {"status": "overdue"})) == ["已逾期", "三月到期"]


@time_machine.travel(local_noon(D(2024, 3, 20)), tick=False)
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["已答复", "已逾期", "三月到期"]),
        ({"status": "open"}, ["已逾期", "三月到期"]),
        ({"status": "overdue"}, ["已逾期"]),
        ({"status": "replied"}, ["已答复"]),
        ({"plan_year": "2024", "q": "逾期"}, ["已逾期"]),
        ({"plan_year": "2023"}, []),
    ],
)
def test_filters(client, staff_user, notices, query, expected):
    PlanYear.objects.create(year=2023, title="2023年")
    client.force_login(staff_user)
    assert subjects(client.get(URL, query)) == expected


def test_the_unit_filter(client, staff_user, notices, stats_bureau):
    client.force_login(staff_user)
    assert subjects(client.get(URL, {"department": stats_bureau.pk})) == ["已答复", "三月到期"]


@pytest.mark.parametrize("query", [{"status": "lost"}, {"department": "x"}, {"plan_year": "1"}])
def test_a_bad_filter_is_shown_as_an_error_not_a_500(client, staff_user, notices, query):
    client.force_login(staff_user)
    response = client.get(URL, query)
    assert response.status_code == 200
    assert response.context["filter"].errors


def test_staff_are_offered_to_issue_a_notice(client, staff_user, leader_user, plan_year):
    create = reverse("platforms:notice_create")
    client.force_login(leader_user)
    assert create not in client.get(URL).content.decode()
    client.force_login(staff_user)
    assert create in client.get(URL).content.decode()


@time_machine.travel(local_noon(D(2024, 3, 21)), tick=False)
def test_the_export_follows_the_filters(client, leader_user, notices):
    client.force_login(leader_user)
    table = xlsx_rows(client.get(URL, {"status": "open", "format": "xlsx"}))
    assert len(table) == 3
    by_number = {row[0]: row for row in table[1:]}
    assert set(by_number) == {"2024-001", "2024-002"}
    assert by_number["2024-002"][2] == "市财政局"
    assert by_number["2024-002"][8] == 11
    assert by_number["2024-001"][8] == 1


def test_anonymous_users_and_wrong_methods(client, staff_user):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(staff_user)
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("size", [1, 12])
def test_the_query_count_does_not_grow_with_the_notices(
    client, liaison, plan_year, django_assert_num_queries, size
):
    for _ in range(size):
        indicators = [IndicatorFactory(), IndicatorFactory()]
        issue_notice(indicators=indicators, department=indicators[0].department)
    client.force_login(liaison)
    # session, user, the liaison's units for the menu, count, the page of notices with
    # their units and years, their indicators' names, the overdue count, the unit and
    # year choices of the filter
    with django_assert_num_queries(9):
        assert client.get(URL).status_code == 200
    # session, user, the notices, their indicators' names
    with django_assert_num_queries(4):
        assert client.get(URL, {"format": "xlsx"}).status_code == 200
