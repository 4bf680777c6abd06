import datetime

import pytest
from django.urls import reverse

from enterprises.models import Stage, Track
from enterprises.services import pipeline_move, pipeline_start
from guangde_plan.models import PlanYear
from tests.factories import EnterpriseFactory, HteCertificateFactory

pytestmark = pytest.mark.time_machine(
    datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC), tick=False
)


def url(track="hte"):
    return reverse("enterprises:pipeline_board", args=[track])


def put_in(enterprise, plan_year, user, track=Track.HTE, on=datetime.date(2024, 6, 5)):
    return pipeline_start(enterprise=enterprise, track=track, plan_year=plan_year, on=on, by=user)


def cards(response) -> dict[str, list[str]]:
    return {
        column["stage"]: [card["entry"].enterprise.name for card in column["cards"]]
        for column in response.context["columns"]
    }


def test_it_shows_six_columns_with_their_cards(client, staff_user, taozhou, xinhang, plan_year):
    first = put_in(EnterpriseFactory(org_unit=taozhou, name="甲"), plan_year, staff_user)
    put_in(EnterpriseFactory(org_unit=xinhang, name="乙"), plan_year, staff_user)
    pipeline_move(entry=first, to_stage=Stage.APPLIED, on=datetime.date(2024, 6, 10), by=staff_user)
    put_in(EnterpriseFactory(org_unit=taozhou, name="丙"), plan_year, staff_user, Track.TECH_SME)
    client.force_login(staff_user)
    response = client.get(url())
    assert response.status_code == 200
    assert cards(response) == {
        "surveyed": ["乙"],
        "cultivating": [],
        "applied": ["甲"],
        "recognised": [],
        "rejected": [],
        "withdrawn": [],
    }
    applied = response.context["columns"][2]["cards"][0]
    assert applied["days"] == 5
    page = response.content.decode()
    assert reverse("enterprises:pipeline_detail", args=[first.pk]) in page
    assert 'data-testid="pipeline-board"' in page
    assert cards(client.get(url("tech_sme")))["surveyed"] == ["丙"]


def test_it_flags_hte_certificates_expiring_in_the_plan_year(
    client, staff_user, taozhou, plan_year
):
    expiring = EnterpriseFactory(org_unit=taozhou, name="到期")
    HteCertificateFactory(enterprise=expiring, issued_on=datetime.date(2021, 9, 1))
    renewed = EnterpriseFactory(org_unit=taozhou, name="已重新认定")
    HteCertificateFactory(enterprise=renewed, issued_on=datetime.date(2021, 9, 1))
    HteCertificateFactory(enterprise=renewed, issued_on=datetime.date(2024, 3, 1))
    for enterprise in (expiring, renewed):
        put_in(enterprise, plan_year, staff_user)
        put_in(enterprise, plan_year, staff_user, Track.TECH_SME)
    client.force_login(staff_user)
    response = client.get(url())
    flags = {
        c["entry"].enterprise.name: c["hte_expiring"]
        for c in response.context["columns"][0]["cards"]
    }
    assert flags == {"到期": True, "已重新认定": False}
    assert response.content.decode().count('data-testid="hte-expiring"') == 1
    tech_sme = client.get(url("tech_sme"))
    assert 'data-testid="hte-expiring"' not in tech_sme.content.decode()


def test_it_defaults_to_the_latest_plan_year_and_takes_another(
    client, staff_user, taozhou, plan_year
):
    earlier = PlanYear.objects.create(year=2023, title="2023")
    put_in(EnterpriseFactory(org_unit=taozhou, name="去年"), earlier, staff_user)
    put_in(EnterpriseFactory(org_unit=taozhou, name="今年"), plan_year, staff_user)
    client.force_login(staff_user)
    response = client.get(url())
    assert response.context["plan_year"] == plan_year
    assert cards(response)["surveyed"] == ["今年"]
    assert cards(client.get(url(), {"year": "2023"}))["surveyed"] == ["去年"]


@pytest.mark.parametrize("year", ["2019", "x", "2024x", "-1"])
def test_a_year_without_a_plan_is_404(client, staff_user, plan_year, year):
    client.force_login(staff_user)
    assert client.get(url(), {"year": year}).status_code == 404


@pytest.mark.parametrize("track", ["platform", "HTE", "tech-sme"])
def test_an_unknown_track_is_404(client, staff_user, plan_year, track):
    client.force_login(staff_user)
    assert client.get(url(track)).status_code == 404


def test_it_filters_by_unit(client, staff_user, taozhou, xinhang, plan_year):
    put_in(EnterpriseFactory(org_unit=taozhou, name="桃州"), plan_year, staff_user)
    put_in(EnterpriseFactory(org_unit=xinhang, name="新杭"), plan_year, staff_user)
    client.force_login(staff_user)
    assert cards(client.get(url(), {"org_unit": xinhang.pk}))["surveyed"] == ["新杭"]


def test_liaisons_see_only_their_units_and_cannot_widen_it(
    client, liaison, staff_user, taozhou, xinhang, plan_year
):
    put_in(EnterpriseFactory(org_unit=taozhou, name="桃州"), plan_year, staff_user)
    put_in(EnterpriseFactory(org_unit=xinhang, name="新杭"), plan_year, staff_user)
    client.force_login(liaison)
    response = client.get(url())
    assert cards(response)["surveyed"] == ["桃州"]
    assert list(response.context["form"].fields["org_unit"].queryset) == [taozhou]
    widened = client.get(url(), {"org_unit": xinhang.pk})
    assert widened.status_code == 200
    assert widened.context["form"].has_error("org_unit", "invalid_choice")
    assert cards(widened)["surveyed"] == ["桃州"]
    assert "新杭" not in widened.content.decode()


@pytest.mark.parametrize("org_unit", ["abc", "99999999999999999999"])
def test_bad_filter_values_never_give_a_500(client, staff_user, plan_year, org_unit):
    client.force_login(staff_user)
    assert client.get(url(), {"org_unit": org_unit}).status_code == 200


def test_anonymous_users_are_sent_to_log_in(client, plan_year):
    assert client.get(url())["Location"].startswith(reverse("login"))


def test_outsiders_see_none_of_the_other_units_cards(
    client, outsider, staff_user, taozhou, plan_year
):
    put_in(EnterpriseFactory(org_unit=taozhou, name="桃州"), plan_year, staff_user)
    client.force_login(outsider)
    response = client.get(url())
    assert response.context["total"] == 0
    assert "桃州" not in response.content.decode()


def test_it_refuses_post(client, staff_user, plan_year):
    client.force_login(staff_user)
    assert client.post(url()).status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_the_query_count_does_not_grow_with_the_cards(
    client, liaison, staff_user, taozhou, plan_year, django_assert_num_queries, count
):
    for enterprise in EnterpriseFactory.create_batch(count, org_unit=taozhou):
        HteCertificateFactory(enterprise=enterprise, issued_on=datetime.date(2021, 9, 1))
        put_in(enterprise, plan_year, staff_user)
    client.force_login(liaison)
    # session, user, the plan years, the filter's unit lookup, the entries with enterprise,
    # unit and plan year, the enterprises whose certificate expires, the liaison's units for
    # the menu, the units for the filter's choices
    with django_assert_num_queries(8):
        response = client.get(url(), {"org_unit": taozhou.pk})
    assert response.context["total"] == count
