"""Societies and associations: list, page, add, edit (views/societies.py)."""

import datetime
import io

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from outreach.models import Society

from .factories import EventFactory, PaperFactory, SocietyFactory

LIST = reverse("outreach:society_list")
CREATE = reverse("outreach:society_create")
TODAY = datetime.datetime(2024, 10, 8, 12, tzinfo=datetime.UTC)


def detail(society):
    return reverse("outreach:society_detail", kwargs={"society_id": society.pk})


def update(society):
    return reverse("outreach:society_update", kwargs={"society_id": society.pk})


def form_data(**overrides):
    data = {
        "name": "广德市农学会",
        "kind": "society",
        "supervisor": "广德市科协",
        "member_count": "1,120",
        "chair": "周会长",
        "secretary_general": "吴秘书长",
        "term_started_on": "2021-06-01",
        "term_years": "5",
        "charter": "2021年6月会员代表大会通过",
        "is_active": "on",
        "note": "",
    }
    data.update(overrides)
    return data


@time_machine.travel(TODAY, tick=False)
def test_staff_add_a_society(client, staff_user, org_units):
    client.force_login(staff_user)
    response = client.post(CREATE, form_data())
    society = Society.objects.get()
    assert response["Location"] == detail(society)
    assert (society.member_count, society.renewal_due_on) == (1120, datetime.date(2026, 6, 1))


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"term_years": "0"}, "term_years", "min_value"),
        ({"term_years": "11"}, "term_years", "max_value"),
        ({"term_years": ""}, "term_years", "required"),
        ({"term_started_on": "2025-01-01"}, "term_started_on", "future_date"),
        ({"member_count": "-3"}, "member_count", "min_value"),
        ({"chair": ""}, "chair", "required"),
    ],
)
def test_bad_input_is_refused_beside_its_field(
    client, staff_user, org_units, overrides, field, code
):
    client.force_login(staff_user)
    response = client.post(CREATE, form_data(**overrides))
    assert response.context["form"].has_error(field, code)
    assert not Society.objects.exists()


def test_a_term_of_zero_years_says_why(client, staff_user, org_units):
    client.force_login(staff_user)
    response = client.post(CREATE, form_data(term_years="0"))
    assert "任期至少为一年。" in response.content.decode()


def test_a_second_society_of_the_same_name_is_refused(client, staff_user, org_units):
    SocietyFactory(name="广德市农学会")
    client.force_login(staff_user)
    response = client.post(CREATE, form_data())
    assert response.context["form"].has_error("name", "unique")


@time_machine.travel(TODAY, tick=False)
def test_the_page_shows_the_term_activities_and_papers(
    client, liaison, taozhou, xinhang, plan_year
):
    society = SocietyFactory(term_started_on=datetime.date(2019, 1, 1))
    EventFactory(org_unit=taozhou, society=society, title="学会桃州活动")
    EventFactory(org_unit=xinhang, society=society, title="学会新杭活动")
    PaperFactory(society=society, title="论文甲")
    client.force_login(liaison)
    response = client.get(detail(society))
    page = response.content.decode()
    assert 'data-renewal="overdue"' in page
    assert "学会桃州活动" in page and "学会新杭活动" not in page  # events stay scoped
    assert response.context["society"].event_count == 2  # as a number, all units
    assert "论文甲" in page
    assert update(society) not in page


def test_list_export_and_bad_filters(client, staff_user, org_units):
    SocietyFactory(name="=学会", kind="association")
    SocietyFactory(name="研究会", kind="research")
    client.force_login(staff_user)
    assert [s.name for s in client.get(LIST, {"kind": "association"}).context["page"]] == ["=学会"]
    assert client.get(LIST, {"renewal": "x"}).context["filter"].errors
    rows = list(
        openpyxl.load_workbook(
            io.BytesIO(client.get(LIST, {"kind": "association", "format": "xlsx"}).content)
        ).active.values
    )
    assert len(rows) == 2 and rows[1][0] == "=学会"


def test_everyone_reads_only_the_bureau_writes(client, liaison, leader_user, org_units):
    society = SocietyFactory()
    for user in (liaison, leader_user):
        client.force_login(user)
        assert client.get(LIST).status_code == 200
        assert client.get(detail(society)).status_code == 200
        assert client.get(CREATE).status_code == 403
        assert client.post(update(society), form_data()).status_code == 403
    society.refresh_from_db()
    assert society.name != "广德市农学会"


def test_unknown_404_anonymous_log_in_wrong_methods_405(client, staff_user, org_units):
    society = SocietyFactory()
    for url in (LIST, detail(society), CREATE, update(society)):
        assert client.get(url)["Location"].startswith(reverse("login"))
    client.force_login(staff_user)
    assert (
        client.get(reverse("outreach:society_detail", kwargs={"society_id": 999999})).status_code
        == 404
    )
    assert client.post(LIST).status_code == 405
    assert client.post(detail(society)).status_code == 405
    assert client.put(update(society)).status_code == 405


@pytest.mark.parametrize("count", [2, 25])
def test_the_query_counts_do_not_grow_with_the_data(
    client, liaison, taozhou, plan_year, django_assert_num_queries, count
):
    societies = SocietyFactory.create_batch(count)
    for society in societies:
        EventFactory(org_unit=taozhou, society=society)
        PaperFactory(society=society)
    EventFactory.create_batch(count, org_unit=taozhou, society=societies[0])
    PaperFactory.create_batch(count, society=societies[0])
    client.force_login(liaison)
    # session, user, COUNT(*) for the pager, the page of societies with their counts, the
    # liaison's units for the menu
    with django_assert_num_queries(5):
        response = client.get(LIST)
    assert response.context["page"].paginator.count == count
    # session, user, the society with its counts, COUNT(*) and the page of its events, its
    # latest papers, the liaison's units for the menu
    with django_assert_num_queries(7):
        client.get(detail(societies[0]))
