import datetime

import pytest
from django.urls import reverse

from enterprises.models import HelpActivity
from tests.factories import EnterpriseFactory

from .help_factories import HelpActivityFactory

URL = reverse("enterprises:help_activity_list")


def titles(response):
    return [activity.title for activity in response.context["page"]]


@pytest.mark.smoke
def test_it_lists_activities_newest_first_with_their_enterprise_count(
    client, staff_user, taozhou, taozhou_enterprise, xinhang_enterprise
):
    HelpActivityFactory(
        title="旧",
        held_on=datetime.date(2024, 1, 5),
        org_unit=taozhou,
        enterprises=[taozhou_enterprise],
    )
    HelpActivityFactory(
        title="新",
        held_on=datetime.date(2024, 6, 5),
        enterprises=[taozhou_enterprise, xinhang_enterprise],
    )
    client.force_login(staff_user)
    response = client.get(URL)
    assert response.status_code == 200
    assert titles(response) == ["新", "旧"]
    assert [a.enterprise_count for a in response.context["page"]] == [2, 1]


def test_liaisons_see_their_units_and_the_city_wide_ones_their_enterprises_joined(
    client, liaison, taozhou, xinhang, taozhou_enterprise, xinhang_enterprise
):
    HelpActivityFactory(title="桃州镇的", org_unit=taozhou, enterprises=[taozhou_enterprise])
    HelpActivityFactory(title="新杭镇的", org_unit=xinhang, enterprises=[xinhang_enterprise])
    HelpActivityFactory(
        title="全市·有桃州企业", enterprises=[taozhou_enterprise, xinhang_enterprise]
    )
    HelpActivityFactory(title="全市·仅新杭企业", enterprises=[xinhang_enterprise])
    HelpActivityFactory(title="全市·无企业")
    client.force_login(liaison)
    response = client.get(URL)
    assert sorted(titles(response)) == sorted(["桃州镇的", "全市·有桃州企业"])
    # The count is of everyone who took part, not only what the liaison may open.
    city_wide = next(a for a in response.context["page"] if a.org_unit is None)
    assert city_wide.enterprise_count == 2


def test_bureau_users_see_every_activity(client, leader_user, xinhang, xinhang_enterprise):
    HelpActivityFactory(title="新杭镇的", org_unit=xinhang, enterprises=[xinhang_enterprise])
    HelpActivityFactory(title="全市·无企业")
    client.force_login(leader_user)
    assert sorted(titles(client.get(URL))) == sorted(["新杭镇的", "全市·无企业"])


def test_it_filters_by_kind_unit_dates_partner_and_title(client, staff_user, taozhou, xinhang):
    HelpActivityFactory(
        title="研发费用加计扣除培训",
        kind=HelpActivity.Kind.TRAINING,
        held_on=datetime.date(2024, 3, 1),
        org_unit=taozhou,
        with_tax_office=True,
    )
    HelpActivityFactory(
        title="统计报表座谈",
        kind=HelpActivity.Kind.SYMPOSIUM,
        held_on=datetime.date(2024, 4, 1),
        org_unit=xinhang,
        with_statistics_office=True,
        with_park_office=True,
    )
    HelpActivityFactory(
        title="全市政策宣讲", kind=HelpActivity.Kind.POLICY, held_on=datetime.date(2024, 5, 1)
    )
    client.force_login(staff_user)
    assert titles(client.get(URL, {"kind": "training"})) == ["研发费用加计扣除培训"]
    assert titles(client.get(URL, {"org_unit": xinhang.pk})) == ["统计报表座谈"]
    assert titles(client.get(URL, {"org_unit": "city"})) == ["全市政策宣讲"]
    assert titles(client.get(URL, {"partner": "tax"})) == ["研发费用加计扣除培训"]
    assert titles(client.get(URL, {"partner": "park"})) == ["统计报表座谈"]
    assert titles(client.get(URL, {"q": "座谈"})) == ["统计报表座谈"]
    assert titles(client.get(URL, {"held_from": "2024-03-15", "held_to": "2024-04-30"})) == [
        "统计报表座谈"
    ]
    assert titles(client.get(URL, {"held_from": "2024-04-01"})) == ["全市政策宣讲", "统计报表座谈"]


def test_liaisons_cannot_widen_the_scope_with_a_filter(
    client, liaison, taozhou, xinhang, taozhou_enterprise, xinhang_enterprise
):
    HelpActivityFactory(title="桃州镇的", org_unit=taozhou, enterprises=[taozhou_enterprise])
    HelpActivityFactory(title="新杭镇的", org_unit=xinhang, enterprises=[xinhang_enterprise])
    client.force_login(liaison)
    response = client.get(URL, {"org_unit": xinhang.pk})
    assert titles(response) == ["桃州镇的"]
    assert response.context["filter"].errors
    assert "新杭镇的" not in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [{"org_unit": "abc"}, {"kind": "party"}, {"held_from": "2024-13-01"}, {"partner": "bank"}],
)
def test_bad_filter_values_never_give_a_500(client, staff_user, org_units, params):
    client.force_login(staff_user)
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response.context["filter"].errors


def test_it_paginates(client, staff_user, taozhou):
    HelpActivityFactory.create_batch(30, org_unit=taozhou)
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
    enterprises = EnterpriseFactory.create_batch(3, org_unit=taozhou)
    for _ in range(count):
        HelpActivityFactory(org_unit=taozhou, with_tax_office=True, enterprises=enterprises)
        HelpActivityFactory(with_tax_office=True, enterprises=enterprises)  # city-wide
    client.force_login(liaison)
    # session, user, the filter's unit lookup, COUNT(*) for the pager, the page of
    # activities with their units and enterprise counts, the liaison's units for the menu,
    # the units for the filter's choices
    with django_assert_num_queries(7):
        response = client.get(URL, {"org_unit": taozhou.pk, "partner": "tax"})
    assert response.status_code == 200
