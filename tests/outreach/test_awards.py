"""Outstanding sci-tech workers and their recommendations upward (views/awards.py):
city-wide records, read by everyone, kept by bureau staff."""

import datetime
import io

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from outreach.models import AwardRecommendation, Honoree

from .factories import AwardRecommendationFactory, HonoreeFactory

LIST = reverse("outreach:honoree_list")
CREATE = reverse("outreach:honoree_create")
TODAY = datetime.datetime(2024, 10, 8, 12, tzinfo=datetime.UTC)


def detail(honoree):
    return reverse("outreach:honoree_detail", kwargs={"honoree_id": honoree.pk})


def recommend(honoree):
    return reverse("outreach:award_recommendation_create", kwargs={"honoree_id": honoree.pk})


def honoree_data(plan_year, **overrides):
    data = {
        "name": "赵工程师",
        "plan_year": plan_year.pk,
        "selected_on": "2024-05-20",
        "employer": "广德某新材料公司",
        "position": "总工程师",
        "field": "新材料",
        "honour": "广德市优秀科技工作者",
        "achievements": "主持研发…",
    }
    data.update(overrides)
    return data


def recommendation_data(**overrides):
    data = {
        "selection": "provincial",
        "recommended_on": "2024-06-01",
        "result": "pending",
        "result_on": "",
        "note": "",
    }
    data.update(overrides)
    return data


@time_machine.travel(TODAY, tick=False)
def test_staff_add_a_worker_and_recommend_them_to_each_selection(client, staff_user, plan_year):
    client.force_login(staff_user)
    assert client.get(CREATE).context["form"].initial["plan_year"] == plan_year.pk
    response = client.post(CREATE, honoree_data(plan_year))
    honoree = Honoree.objects.get()
    assert response["Location"] == detail(honoree)
    for selection in ("xuancheng", "provincial", "national"):
        assert (
            client.post(recommend(honoree), recommendation_data(selection=selection)).status_code
            == 302
        )
    recommendation = AwardRecommendation.objects.get(selection="provincial")
    url = reverse(
        "outreach:award_recommendation_update",
        kwargs={"award_recommendation_id": recommendation.pk},
    )
    client.post(url, recommendation_data(result="awarded", result_on="2024-09-30"))
    recommendation.refresh_from_db()
    assert recommendation.result == "awarded"
    [listed] = client.get(LIST).context["page"]
    assert [(r.selection, r.result) for r in listed.recommendations.all()] == [
        ("national", "pending"),
        ("provincial", "awarded"),
        ("xuancheng", "pending"),
    ]


@time_machine.travel(TODAY, tick=False)
def test_the_same_selection_twice_is_refused(client, staff_user, plan_year):
    honoree = HonoreeFactory()
    AwardRecommendationFactory(honoree=honoree, selection="provincial")
    client.force_login(staff_user)
    response = client.post(recommend(honoree), recommendation_data(selection="provincial"))
    assert response.context["form"].has_error("selection", "already_recommended")
    assert AwardRecommendation.objects.count() == 1


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"name": ""}, "name", "required"),
        ({"selected_on": "2023-12-01"}, "selected_on", "outside_plan_year"),
        ({"selected_on": "2024-12-01"}, "selected_on", "future_date"),
        ({"honour": ""}, "honour", "required"),
    ],
)
def test_bad_worker_input_is_refused(client, staff_user, plan_year, overrides, field, code):
    client.force_login(staff_user)
    response = client.post(CREATE, honoree_data(plan_year, **overrides))
    assert response.context["form"].has_error(field, code)
    assert not Honoree.objects.exists()


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"result": "awarded"}, "result_on", "result_without_date"),
        ({"result_on": "2024-07-01"}, "result_on", "date_without_result"),
        (
            {"result": "awarded", "result_on": "2024-05-01"},
            "result_on",
            "result_before_recommendation",
        ),
        ({"selection": "world"}, "selection", "invalid_choice"),
    ],
)
def test_bad_recommendation_input_is_refused(client, staff_user, plan_year, overrides, field, code):
    honoree = HonoreeFactory()
    client.force_login(staff_user)
    response = client.post(recommend(honoree), recommendation_data(**overrides))
    assert response.context["form"].has_error(field, code)
    assert not AwardRecommendation.objects.exists()


def test_everyone_reads_only_the_bureau_writes(client, liaison, leader_user, plan_year):
    honoree = HonoreeFactory(name="钱研究员")
    for user in (liaison, leader_user):
        client.force_login(user)
        assert "钱研究员" in client.get(LIST).content.decode()
        page = client.get(detail(honoree)).content.decode()
        assert recommend(honoree) not in page
        assert client.get(CREATE).status_code == 403
        assert client.post(recommend(honoree), recommendation_data()).status_code == 403
    assert not AwardRecommendation.objects.exists()


def test_list_filters_and_export(client, staff_user, plan_year):
    from guangde_plan.models import PlanYear

    older = PlanYear.objects.create(year=2023, title="2023")
    AwardRecommendationFactory(
        honoree=HonoreeFactory(name="=甲", selected_on=datetime.date(2024, 5, 1)),
        result="awarded",
        result_on=datetime.date(2024, 9, 1),
    )
    HonoreeFactory(name="乙", plan_year=older, selected_on=datetime.date(2023, 5, 1))
    client.force_login(staff_user)
    assert [h.name for h in client.get(LIST, {"year": 2024}).context["page"]] == ["=甲"]
    assert [h.name for h in client.get(LIST, {"q": "乙"}).context["page"]] == ["乙"]
    assert client.get(LIST, {"year": "x"}).context["filter"].errors
    rows = list(
        openpyxl.load_workbook(
            io.BytesIO(client.get(LIST, {"year": 2024, "format": "xlsx"}).content)
        ).active.values
    )
    assert rows[1][1] == "=甲"
    # Xuancheng, provincial, national: the result of each selection it went to.
    assert rows[1][7] == str(AwardRecommendation.Result.AWARDED.label)
    assert not rows[1][8] and not rows[1][9]


def test_unknown_records_404_anonymous_log_in_wrong_methods_405(client, staff_user, plan_year):
    honoree = HonoreeFactory()
    for url in (LIST, detail(honoree), CREATE):
        assert client.get(url)["Location"].startswith(reverse("login"))
    client.force_login(staff_user)
    assert (
        client.get(reverse("outreach:honoree_detail", kwargs={"honoree_id": 999999})).status_code
        == 404
    )
    assert client.post(LIST).status_code == 405
    assert client.post(detail(honoree)).status_code == 405
    assert client.put(CREATE).status_code == 405


@pytest.mark.parametrize("count", [2, 25])
def test_the_query_counts_do_not_grow_with_the_data(
    client, staff_user, plan_year, django_assert_num_queries, count
):
    for honoree in HonoreeFactory.create_batch(count):
        AwardRecommendationFactory(honoree=honoree, selection="xuancheng")
        AwardRecommendationFactory(honoree=honoree, selection="provincial")
    client.force_login(staff_user)
    # session, user, COUNT(*) for the pager, the page of workers with their plan years,
    # their recommendations
    with django_assert_num_queries(5):
        response = client.get(LIST)
    assert response.context["page"].paginator.count == count
    honoree = Honoree.objects.first()
    # session, user, the worker with the plan year, the recommendations
    with django_assert_num_queries(4):
        client.get(detail(honoree))
