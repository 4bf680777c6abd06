"""Bases and demonstration units: list, page, add, edit (views/bases.py)."""

import datetime
import io

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from outreach.models import Base

from .factories import BaseFactory, BaseRecommendationFactory, EventFactory

LIST = reverse("outreach:base_list")
CREATE = reverse("outreach:base_create")
TODAY = datetime.datetime(2024, 10, 8, 12, tzinfo=datetime.UTC)


def detail(base):
    return reverse("outreach:base_detail", kwargs={"base_id": base.pk})


def update(base):
    return reverse("outreach:base_update", kwargs={"base_id": base.pk})


def form_data(**overrides):
    data = {
        "name": "桃州镇青少年科普教育基地",
        "kind": "education_base",
        "org_unit": "",
        "level": "county",
        "level_since": "2023-06-01",
        "address": "桃州镇",
        "contact_person": "陈老师",
        "contact_phone": "0563-6012345",
        "is_active": "on",
        "note": "",
    }
    data.update(overrides)
    return data


@time_machine.travel(TODAY, tick=False)
def test_the_list_shows_what_each_base_hosted_this_year(
    client, liaison, taozhou, xinhang, plan_year
):
    base = BaseFactory(org_unit=taozhou, name="桃州基地")
    BaseFactory(org_unit=xinhang, name="新杭基地")
    for day in (datetime.date(2024, 3, 1), datetime.date(2024, 3, 20), datetime.date(2024, 5, 30)):
        EventFactory(org_unit=taozhou, base=base, held_on=day)
    EventFactory(org_unit=taozhou, base=base, held_on=datetime.date(2023, 12, 1))
    client.force_login(liaison)
    response = client.get(LIST)
    [row] = response.context["page"]
    assert (row.name, row.event_count, row.active_months) == ("桃州基地", 3, 2)
    assert row.last_event_on == datetime.date(2024, 5, 30)
    assert "新杭基地" not in response.content.decode()


def test_the_list_filters_and_exports(client, staff_user, taozhou, xinhang, plan_year):
    BaseFactory(org_unit=taozhou, name="=省级基地", level="provincial")
    BaseFactory(org_unit=xinhang, name="县级村", kind="demo_village")
    client.force_login(staff_user)
    assert [b.name for b in client.get(LIST, {"level": "provincial"}).context["page"]] == [
        "=省级基地"
    ]
    assert [
        b.name
        for b in client.get(LIST, {"kind": "demo_village", "org_unit": xinhang.pk}).context["page"]
    ] == ["县级村"]
    rows = list(
        openpyxl.load_workbook(
            io.BytesIO(client.get(LIST, {"level": "provincial", "format": "xlsx"}).content)
        ).active.values
    )
    assert len(rows) == 2 and rows[1][0] == "=省级基地"


@pytest.mark.parametrize("params", [{"level": "x"}, {"org_unit": "x"}, {"is_active": "maybe"}])
def test_bad_filters_never_give_a_500(client, staff_user, org_units, params):
    client.force_login(staff_user)
    response = client.get(LIST, params)
    assert response.status_code == 200 and response.context["filter"].errors


@time_machine.travel(TODAY, tick=False)
def test_a_liaison_adds_and_edits_a_base_of_their_unit(
    client, liaison, taozhou, xinhang, plan_year
):
    client.force_login(liaison)
    assert client.get(CREATE).context["form"].initial["org_unit"] == taozhou.pk
    response = client.post(CREATE, form_data(org_unit=taozhou.pk))
    base = Base.objects.get()
    assert response["Location"] == detail(base)
    response = client.post(update(base), form_data(org_unit=taozhou.pk, name="新名称"))
    base.refresh_from_db()
    assert base.name == "新名称"
    assert base.history.first().history_user == liaison
    response = client.post(CREATE, form_data(org_unit=xinhang.pk))
    assert response.context["form"].has_error("org_unit", "invalid_choice")


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"name": ""}, "name", "required"),
        ({"level": "galactic"}, "level", "invalid_choice"),
        ({"level_since": "2025-01-01"}, "level_since", "future_date"),
        ({"contact_phone": "12"}, "contact_phone", "phone"),
    ],
)
def test_bad_input_is_refused_beside_its_field(
    client, staff_user, taozhou, plan_year, overrides, field, code
):
    client.force_login(staff_user)
    response = client.post(CREATE, form_data(org_unit=taozhou.pk, **overrides))
    assert response.context["form"].has_error(field, code)
    assert not Base.objects.exists()


def test_the_page_shows_recommendations_and_hosted_events(client, liaison, taozhou, plan_year):
    base = BaseFactory(org_unit=taozhou)
    BaseRecommendationFactory(base=base, to_level="municipal")
    EventFactory(org_unit=taozhou, base=base, title="基地活动")
    client.force_login(liaison)
    response = client.get(detail(base))
    page = response.content.decode()
    assert "基地活动" in page
    assert len(response.context["recommendations"]) == 1
    assert update(base) in page
    assert reverse("outreach:base_recommendation_create", kwargs={"base_id": base.pk}) not in page


def test_other_units_bases_are_404_and_leaders_403_on_writes(
    client, outsider, leader_user, taozhou, plan_year
):
    base = BaseFactory(org_unit=taozhou)
    client.force_login(outsider)
    assert client.get(detail(base)).status_code == 404
    assert client.post(update(base), form_data()).status_code == 404
    client.force_login(leader_user)
    assert client.get(detail(base)).status_code == 200
    assert client.get(update(base)).status_code == 403
    assert client.post(CREATE, form_data()).status_code == 403


def test_anonymous_and_wrong_methods(client, staff_user, taozhou, plan_year):
    base = BaseFactory(org_unit=taozhou)
    for url in (LIST, detail(base), CREATE, update(base)):
        assert client.get(url)["Location"].startswith(reverse("login"))
    client.force_login(staff_user)
    assert client.post(LIST).status_code == 405
    assert client.post(detail(base)).status_code == 405
    assert client.put(update(base)).status_code == 405


@pytest.mark.parametrize("count", [2, 25])
def test_the_query_counts_do_not_grow_with_the_data(
    client, liaison, taozhou, plan_year, django_assert_num_queries, count
):
    bases = BaseFactory.create_batch(count, org_unit=taozhou)
    for base in bases:
        EventFactory(org_unit=taozhou, base=base)
        BaseRecommendationFactory(base=base)
    client.force_login(liaison)
    # session, user, COUNT(*) for the pager, the page of bases with units and activity,
    # the liaison's units for the menu, the units for the filter's choices
    with django_assert_num_queries(6):
        response = client.get(LIST)
    assert response.context["page"].paginator.count == count
    for base in bases[:2]:
        EventFactory.create_batch(count, org_unit=taozhou, base=base)
    # session, user, the base (activity, writable), its recommendations, COUNT(*) and the
    # page of hosted events, the liaison's units for the menu
    with django_assert_num_queries(7):
        client.get(detail(bases[0]))
