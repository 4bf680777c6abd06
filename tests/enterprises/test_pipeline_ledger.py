import datetime

import pytest
from django.urls import reverse

from enterprises.models import Stage, Track
from enterprises.services import pipeline_move, pipeline_start
from guangde_plan.models import PlanYear
from tests.factories import EnterpriseFactory, make_uscc

pytestmark = pytest.mark.time_machine(
    datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC), tick=False
)
URL = reverse("enterprises:pipeline_ledger")


def put_in(enterprise, plan_year, user, track=Track.HTE, on=datetime.date(2024, 3, 1), note=""):
    return pipeline_start(
        enterprise=enterprise, track=track, plan_year=plan_year, on=on, by=user, note=note
    )


def rows(response):
    return [(e.enterprise.name, e.track, e.plan_year.year) for e in response.context["page"]]


def names(response):
    return [entry.enterprise.name for entry in response.context["page"]]


@pytest.fixture
def ledger(staff_user, taozhou, xinhang, plan_year):
    """甲 (桃州镇) in both tracks of 2024 and the HTE track of 2023; 乙 (新杭镇) applied."""
    earlier = PlanYear.objects.create(year=2023, title="2023")
    first = EnterpriseFactory(org_unit=taozhou, name="甲", uscc=make_uscc(11))
    second = EnterpriseFactory(org_unit=xinhang, name="乙", uscc=make_uscc(12))
    put_in(first, plan_year, staff_user, note="重点培育")
    put_in(first, plan_year, staff_user, Track.TECH_SME)
    put_in(first, earlier, staff_user, on=datetime.date(2023, 4, 1))
    entry = put_in(second, plan_year, staff_user, on=datetime.date(2024, 2, 1))
    pipeline_move(entry=entry, to_stage=Stage.APPLIED, on=datetime.date(2024, 5, 1), by=staff_user)
    return earlier


def test_it_lists_every_entry_latest_year_first(client, staff_user, ledger):
    client.force_login(staff_user)
    response = client.get(URL)
    assert response.status_code == 200
    assert rows(response) == [
        ("乙", "hte", 2024),
        ("甲", "hte", 2024),
        ("甲", "tech_sme", 2024),
        ("甲", "hte", 2023),
    ]
    page = response.content.decode()
    assert "重点培育" in page
    assert 'data-testid="ledger-table"' in page


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"track": "tech_sme"}, ["甲"]),
        ({"year": "2023"}, ["甲"]),
        ({"stage": "applied"}, ["乙"]),
        ({"track": "hte", "year": "2024"}, ["乙", "甲"]),
        ({"q": "乙"}, ["乙"]),
        ({"q": make_uscc(11).lower()}, ["甲", "甲", "甲"]),
    ],
)
def test_it_filters(client, staff_user, ledger, params, expected):
    client.force_login(staff_user)
    assert names(client.get(URL, params)) == expected


def test_it_filters_by_unit(client, staff_user, xinhang, ledger):
    client.force_login(staff_user)
    assert names(client.get(URL, {"org_unit": xinhang.pk})) == ["乙"]


def test_liaisons_see_only_their_units_and_cannot_widen_it(client, liaison, xinhang, ledger):
    client.force_login(liaison)
    assert set(names(client.get(URL))) == {"甲"}
    response = client.get(URL, {"org_unit": xinhang.pk})
    assert response.context["filter"].errors
    assert set(names(response)) == {"甲"}


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("enterprise", ["乙", "甲", "甲", "甲"]),  # code-point order: 乙 U+4E59, 甲 U+7532
        ("-enterprise", ["甲", "甲", "甲", "乙"]),
        ("stage", ["甲", "甲", "甲", "乙"]),
        ("-stage", ["乙", "甲", "甲", "甲"]),
        ("since", ["甲", "甲", "甲", "乙"]),
        ("-since", ["乙", "甲", "甲", "甲"]),
        ("org_unit", ["甲", "甲", "甲", "乙"]),
        ("no-such-column", ["乙", "甲", "甲", "甲"]),  # the default: latest year first
    ],
)
def test_it_sorts_by_column(client, staff_user, ledger, sort, expected):
    client.force_login(staff_user)
    assert names(client.get(URL, {"sort": sort})) == expected


def test_it_paginates(client, staff_user, taozhou, plan_year):
    for enterprise in EnterpriseFactory.create_batch(30, org_unit=taozhou):
        put_in(enterprise, plan_year, staff_user)
    client.force_login(staff_user)
    assert len(client.get(URL).context["page"]) == 25
    assert len(client.get(URL, {"page": 2}).context["page"]) == 5
    assert client.get(URL, {"page": "x"}).context["page"].number == 1


@pytest.mark.parametrize(
    "params",
    [{"org_unit": "abc"}, {"year": "1999"}, {"track": "x"}, {"stage": "x"}, {"q": "\x00"}],
)
def test_bad_filter_values_never_give_a_500(client, staff_user, ledger, params):
    client.force_login(staff_user)
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response.context["filter"].errors


def test_anonymous_users_are_sent_to_log_in(client):
    assert client.get(URL)["Location"].startswith(reverse("login"))


def test_outsiders_see_none_of_the_other_units_entries(client, outsider, ledger):
    client.force_login(outsider)
    assert names(client.get(URL)) == ["乙"]


def test_it_refuses_post(client, staff_user):
    client.force_login(staff_user)
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_the_query_count_does_not_grow_with_the_data(
    client, liaison, staff_user, taozhou, plan_year, django_assert_num_queries, count
):
    for enterprise in EnterpriseFactory.create_batch(count, org_unit=taozhou):
        put_in(enterprise, plan_year, staff_user)
    client.force_login(liaison)
    # session, user, the plan years for the year filter, the filter's unit lookup, COUNT(*)
    # for the pager, the liaison's units for the menu, the units for the filter's choices,
    # the page of entries with enterprise, unit and plan year
    with django_assert_num_queries(8):
        response = client.get(URL, {"org_unit": taozhou.pk, "year": "2024", "sort": "stage"})
    assert response.status_code == 200
