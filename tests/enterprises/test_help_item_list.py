import datetime

import pytest
import time_machine
from django.urls import reverse

from enterprises.models import HelpItem
from tests.factories import EnterpriseFactory, make_uscc

from .help_factories import HelpItemFactory

URL = reverse("enterprises:help_item_list")
TODAY = datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC)


def problems(response):
    return [item.problem for item in response.context["page"]]


@pytest.mark.smoke
def test_liaisons_see_only_the_items_of_their_units(
    client, liaison, taozhou_enterprise, xinhang_enterprise
):
    HelpItemFactory(enterprise=taozhou_enterprise, problem="桃州的问题")
    HelpItemFactory(enterprise=xinhang_enterprise, problem="新杭的问题")
    client.force_login(liaison)
    response = client.get(URL)
    assert response.status_code == 200
    assert problems(response) == ["桃州的问题"]
    assert "新杭的问题" not in response.content.decode()


def test_all_open_problems_in_xinhang(
    client, staff_user, xinhang, taozhou_enterprise, xinhang_enterprise
):
    wanted = HelpItemFactory(enterprise=xinhang_enterprise, problem="要的")
    HelpItemFactory(enterprise=xinhang_enterprise, status=HelpItem.Status.IN_PROGRESS)
    HelpItemFactory(
        enterprise=xinhang_enterprise,
        status=HelpItem.Status.DONE,
        done_on=datetime.date(2024, 4, 1),
    )
    HelpItemFactory(enterprise=xinhang_enterprise, kind=HelpItem.Kind.MEASURE)
    HelpItemFactory(enterprise=taozhou_enterprise)  # open problem, other unit
    client.force_login(staff_user)
    response = client.get(URL, {"kind": "problem", "status": "open", "org_unit": xinhang.pk})
    assert problems(response) == [wanted.problem]


def test_liaisons_cannot_widen_the_scope_with_a_filter(
    client, liaison, xinhang, taozhou_enterprise, xinhang_enterprise
):
    HelpItemFactory(enterprise=taozhou_enterprise, problem="桃州的问题")
    HelpItemFactory(enterprise=xinhang_enterprise, problem="新杭的问题")
    client.force_login(liaison)
    response = client.get(URL, {"org_unit": xinhang.pk})
    assert problems(response) == ["桃州的问题"]
    assert response.context["filter"].errors


@time_machine.travel(TODAY, tick=False)
def test_overdue_means_due_before_today_and_not_solved(client, staff_user, taozhou_enterprise):
    def item(problem, due_on, status=HelpItem.Status.OPEN):
        done_on = datetime.date(2024, 6, 1) if status == HelpItem.Status.DONE else None
        HelpItemFactory(
            enterprise=taozhou_enterprise,
            problem=problem,
            due_on=due_on,
            status=status,
            done_on=done_on,
        )

    item("昨天到期", datetime.date(2024, 6, 14))
    item("昨天到期·办理中", datetime.date(2024, 6, 14), HelpItem.Status.IN_PROGRESS)
    item("今天到期", datetime.date(2024, 6, 15))
    item("早已到期·已解决", datetime.date(2024, 5, 1), HelpItem.Status.DONE)
    item("无期限", None)
    client.force_login(staff_user)
    overdue = client.get(URL, {"overdue": "true"})
    assert sorted(problems(overdue)) == sorted(["昨天到期", "昨天到期·办理中"])
    assert all(entry.is_overdue for entry in overdue.context["page"])
    assert overdue.content.decode().count("data-overdue") == 2
    assert sorted(problems(client.get(URL, {"overdue": "false"}))) == sorted(
        ["今天到期", "早已到期·已解决", "无期限"]
    )
    assert client.get(URL).content.decode().count("data-overdue") == 2


@pytest.mark.parametrize("query", ["桃州测试", make_uscc(77)[-6:], "辅助账", "FOO"])
def test_it_searches_enterprise_name_code_or_problem(client, staff_user, taozhou, query):
    enterprise = EnterpriseFactory(
        org_unit=taozhou, name="桃州测试科技有限公司", uscc=make_uscc(77)
    )
    HelpItemFactory(enterprise=enterprise, problem="研发辅助账 foo")
    HelpItemFactory(enterprise=EnterpriseFactory(org_unit=taozhou, name="其他"), problem="别的")
    client.force_login(staff_user)
    assert problems(client.get(URL, {"q": query})) == ["研发辅助账 foo"]


def test_it_sorts_by_due_date_with_undated_items_last(client, staff_user, taozhou_enterprise):
    for problem, due_on in [
        ("六月", datetime.date(2024, 6, 1)),
        ("无期限", None),
        ("五月", datetime.date(2024, 5, 1)),
    ]:
        HelpItemFactory(enterprise=taozhou_enterprise, problem=problem, due_on=due_on)
    client.force_login(staff_user)
    assert problems(client.get(URL, {"sort": "due_on"})) == ["五月", "六月", "无期限"]
    assert problems(client.get(URL, {"sort": "-due_on"})) == ["六月", "五月", "无期限"]


def test_by_default_unsolved_items_come_first_most_urgent_on_top(
    client, staff_user, taozhou_enterprise
):
    HelpItemFactory(
        enterprise=taozhou_enterprise,
        problem="已解决",
        due_on=datetime.date(2024, 1, 1),
        status=HelpItem.Status.DONE,
        done_on=datetime.date(2024, 3, 2),
    )
    HelpItemFactory(enterprise=taozhou_enterprise, problem="七月", due_on=datetime.date(2024, 7, 1))
    HelpItemFactory(
        enterprise=taozhou_enterprise,
        problem="五月·办理中",
        due_on=datetime.date(2024, 5, 1),
        status=HelpItem.Status.IN_PROGRESS,
    )
    client.force_login(staff_user)
    assert problems(client.get(URL)) == ["五月·办理中", "七月", "已解决"]


@pytest.mark.parametrize(
    "params",
    [{"org_unit": "abc"}, {"status": "lost"}, {"overdue": "maybe"}, {"kind": "x"}],
)
def test_bad_filter_values_never_give_a_500(client, staff_user, org_units, params):
    client.force_login(staff_user)
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response.context["filter"].errors


def test_it_paginates(client, staff_user, taozhou_enterprise):
    HelpItemFactory.create_batch(30, enterprise=taozhou_enterprise)
    client.force_login(staff_user)
    assert len(client.get(URL).context["page"]) == 25
    assert len(client.get(URL, {"page": 2}).context["page"]) == 5


def test_anonymous_users_are_sent_to_log_in(client, org_units):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_refuses_post(client, staff_user):
    client.force_login(staff_user)
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_the_query_count_does_not_grow_with_the_data(
    client, liaison, taozhou, django_assert_num_queries, count
):
    for enterprise in EnterpriseFactory.create_batch(count, org_unit=taozhou):
        HelpItemFactory(enterprise=enterprise, due_on=datetime.date(2024, 1, 1))
    client.force_login(liaison)
    # session, user, the filter's unit lookup, COUNT(*) for the pager, the page of items
    # with their enterprises, units and activities, the liaison's units for the menu, the
    # units for the filter's choices
    with django_assert_num_queries(7):
        response = client.get(
            URL, {"org_unit": taozhou.pk, "kind": "problem", "overdue": "true", "sort": "due_on"}
        )
    assert response.status_code == 200
    assert response.context["page"].paginator.count == count
