"""Issuing a work-reminder notice to a responsible unit (bureau staff only)."""

import datetime

import pytest
from django.urls import reverse

from guangde_plan.models import PlanYear
from platforms.models import Notice

from .factories import DepartmentFactory, IndicatorFactory, issue_notice

URL = reverse("platforms:notice_create")
D = datetime.date
pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def rd(plan_year, stats_bureau):
    return IndicatorFactory(name="全社会研发经费投入强度", department=stats_bureau)


@pytest.fixture
def data(plan_year, stats_bureau, rd):
    return {
        "department": stats_bureau.pk,
        "plan_year": plan_year.pk,
        "subject": "报送研发投入强度",
        "content": "请于6月底前报送上年度全社会研发经费投入强度。",
        "indicators": [rd.pk],
        "issued_on": "2024-06-15",
        "due_on": "2024-06-30",
    }


@pytest.mark.smoke
def test_staff_send_a_notice_to_the_statistics_bureau(client, staff_user, data, rd):
    issue_notice()  # 2024-001
    client.force_login(staff_user)
    response = client.post(URL, data)
    notice = Notice.objects.get(subject="报送研发投入强度")
    assert response.status_code == 302 and response["Location"] == notice.get_absolute_url()
    assert notice.reference == "2024-002"
    assert notice.department.name == "市统计局"
    assert list(notice.indicators.all()) == [rd]
    assert notice.issued_by == staff_user and notice.due_on == D(2024, 6, 30)


def test_an_indicator_brings_its_unit_and_year(client, staff_user, rd, frozen_today):
    client.force_login(staff_user)
    form = client.get(URL, {"indicator": rd.pk}).context["form"]
    assert form.initial["department"] == rd.department_id
    assert form.initial["plan_year"] == rd.plan_year
    assert form.initial["indicators"] == [rd.pk]
    assert form.initial["issued_on"] == frozen_today


def test_a_unit_chosen_is_offered_its_own_indicators(client, staff_user, rd, stats_bureau):
    other = IndicatorFactory(name="财政科技支出占比", department=DepartmentFactory())
    client.force_login(staff_user)
    response = client.get(URL, {"department": stats_bureau.pk})
    assert list(response.context["form"].fields["indicators"].queryset) == [rd]
    assert 'data-testid="all-indicators"' in response.content.decode()
    every = client.get(URL, {"department": stats_bureau.pk, "all": "1"})
    assert set(every.context["form"].fields["indicators"].queryset) == {rd, other}


@pytest.mark.parametrize(
    "query",
    [
        {"department": "abc"},
        {"department": "99999999999999999999"},
        {"indicator": "999999"},
        {"year": "x"},
        {"year": "99999999999999999999"},
        {"year": "²⁰²⁴"},
        {"year": "2023"},
    ],
)
def test_bad_preselections_are_ignored(client, staff_user, rd, query):
    client.force_login(staff_user)
    assert client.get(URL, query).status_code == 200


def test_a_due_date_before_the_issue_date_is_refused(client, staff_user, data):
    client.force_login(staff_user)
    response = client.post(URL, {**data, "issued_on": "2024-06-10", "due_on": "2024-06-09"})
    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["due_on"][0].code == "due_before_issue"
    assert not Notice.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("issued_on", "2024-06-16"),  # tomorrow
        ("issued_on", "15/06/2024"),
        ("due_on", ""),
        ("subject", ""),
        ("content", ""),
        ("department", "999999"),
        ("plan_year", "abc"),
        ("plan_year", "99999999999999999999"),
        ("department", "99999999999999999999"),
        ("indicators", ["999999"]),
    ],
)
def test_bad_input_is_explained_and_nothing_saved(client, staff_user, data, field, value):
    client.force_login(staff_user)
    response = client.post(URL, {**data, field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Notice.objects.exists()


def test_indicators_of_another_year_cannot_be_chosen(client, staff_user, data):
    older = PlanYear.objects.create(year=2023, title="2023年")
    old = IndicatorFactory(plan_year=older)
    client.force_login(staff_user)
    response = client.post(URL, {**data, "indicators": [old.pk]})
    assert "indicators" in response.context["form"].errors
    assert not Notice.objects.exists()


def test_a_notice_may_ask_for_no_indicator(client, staff_user, data):
    client.force_login(staff_user)
    assert client.post(URL, {**data, "indicators": []}).status_code == 302
    assert not Notice.objects.get().indicators.exists()


@pytest.mark.parametrize("persona", ["leader_user", "liaison"])
def test_leaders_and_liaisons_may_not_issue(request, client, persona, data):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, data).status_code == 403
    assert not Notice.objects.exists()


def test_anonymous_users_and_wrong_methods(client, staff_user, data):
    response = client.post(URL, data)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(staff_user)
    assert client.patch(URL).status_code == 405
    assert not Notice.objects.exists()
