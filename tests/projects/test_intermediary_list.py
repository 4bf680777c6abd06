"""The intermediary list: city-wide, white-list status on a day, enterprises served."""

import datetime
import io

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from enterprises.models import Intermediary

from .factories import IntermediaryFactory, IntermediaryServiceFactory

URL = reverse("enterprises:intermediary_list")
TODAY = datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC)
D = datetime.date


def names(response):
    return [intermediary.name for intermediary in response.context["page"]]


@pytest.fixture
def listed():
    """On the list until the end of June 2024, a Yangtze Delta branch."""
    return IntermediaryFactory(
        name="甲·上海分所",
        origin=Intermediary.Origin.YANGTZE_DELTA,
        home_city="上海",
        whitelisted_on=D(2024, 1, 1),
        whitelist_until=D(2024, 6, 30),
    )


@pytest.fixture
def never_listed():
    return IntermediaryFactory(name="乙·本地")


def test_every_user_sees_every_intermediary_with_its_enterprises_served(
    client, outsider, listed, never_listed, taozhou_enterprise, xinhang_enterprise
):
    IntermediaryServiceFactory(intermediary=listed, enterprise=taozhou_enterprise)
    IntermediaryServiceFactory(intermediary=listed, enterprise=taozhou_enterprise)
    IntermediaryServiceFactory(intermediary=listed, enterprise=xinhang_enterprise)
    client.force_login(outsider)
    response = client.get(URL)
    assert sorted(names(response)) == ["乙·本地", "甲·上海分所"]
    counts = {i.name: i.enterprise_count for i in response.context["page"]}
    assert counts == {"甲·上海分所": 2, "乙·本地": 0}
    assert not response.context["may_edit"]
    assert reverse("enterprises:intermediary_create") not in response.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_white_list_status_is_asked_of_a_day(client, liaison, listed, never_listed):
    client.force_login(liaison)
    assert names(client.get(URL, {"whitelisted": "true"})) == ["甲·上海分所"]
    assert names(client.get(URL, {"whitelisted": "false"})) == ["乙·本地"]
    assert names(client.get(URL, {"whitelisted": "true", "on": "2024-07-01"})) == []
    assert names(client.get(URL, {"whitelisted": "false", "on": "2023-12-31"})) == [
        "乙·本地",
        "甲·上海分所",
    ]
    assert client.get(URL).content.decode().count("data-listed") == 1


def test_it_filters_by_origin_and_words(client, staff_user, listed, never_listed):
    client.force_login(staff_user)
    assert names(client.get(URL, {"origin": "yangtze_delta"})) == ["甲·上海分所"]
    assert names(client.get(URL, {"q": "本地"})) == ["乙·本地"]
    response = client.get(URL)
    assert response.context["may_edit"]
    assert reverse("enterprises:intermediary_create") in response.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_the_export_says_who_is_listed_that_day(client, staff_user, listed, never_listed):
    client.force_login(staff_user)
    response = client.get(URL, {"format": "xlsx", "origin": "yangtze_delta"})
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    assert len(rows) == 2
    assert rows[1][0] == "甲·上海分所"
    assert rows[1][3] == "上海"
    assert rows[1][9]  # listed on 2024-06-15
    assert rows[1][10] == 0


@pytest.mark.parametrize(
    "params", [{"on": "2024-13-01"}, {"whitelisted": "maybe"}, {"origin": "mars"}]
)
def test_bad_filter_values_never_give_a_500(client, staff_user, params):
    client.force_login(staff_user)
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response.context["filter"].errors


def test_anonymous_users_are_sent_to_log_in(client, db):
    assert client.get(URL)["Location"].startswith(reverse("login"))


def test_it_refuses_post(client, staff_user):
    client.force_login(staff_user)
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_the_query_count_does_not_grow_with_the_data(
    client, liaison, taozhou_enterprise, django_assert_num_queries, count
):
    for _ in range(count):
        IntermediaryServiceFactory(enterprise=taozhou_enterprise)
    client.force_login(liaison)
    # session, user, COUNT(*) for the pager, the page of intermediaries with their units and
    # counts, the liaison's units for the menu
    with django_assert_num_queries(5):
        response = client.get(URL, {"whitelisted": "false", "origin": "local"})
    assert response.context["page"].paginator.count == count
