import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from guangde_plan.models import ApiToken
from tests.factories import (
    AnnualFiguresFactory,
    EnterpriseFactory,
    HteCertificateFactory,
    TechSmeRegistrationFactory,
)

D = datetime.date
SHANGHAI = ZoneInfo("Asia/Shanghai")
URL = reverse("api_progress", args=[2024])


def _token(user) -> str:
    token = ApiToken(user=user, name="city dashboard")
    secret = token.new_secret()
    token.save()
    return secret


def _bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def figures(plan_year, taozhou, xinhang):
    """Two holders in 桃州镇, one in 新杭镇, and a registration in each."""
    for unit in (taozhou, taozhou, xinhang):
        HteCertificateFactory(enterprise__org_unit=unit, issued_on=D(2023, 3, 1))
    TechSmeRegistrationFactory(enterprise__org_unit=taozhou, year=2024)
    TechSmeRegistrationFactory(enterprise__org_unit=xinhang, year=2024)


def _target(document, code):
    return next(item for item in document["targets"] if item["code"] == code)


def test_it_serves_the_progress_document_to_a_session_user(client, staff_user, figures):
    client.force_login(staff_user)
    response = client.get(URL, {"as_of": "2024-06-01"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    document = response.json()
    assert (document["year"], document["as_of"]) == (2024, "2024-06-01")
    hte = _target(document, "hte_total")
    assert (hte["actual"], hte["target"], hte["status"]) == (3.0, 200.0, "behind")
    assert len(hte["by_unit"]) == 13  # bureau staff see every unit


def test_it_serves_the_same_document_to_a_token_as_to_its_users_session(
    client, staff_user, figures
):
    secret = _token(staff_user)
    by_token = client.get(URL, {"as_of": "2024-06-01"}, **_bearer(secret))
    client.force_login(staff_user)
    by_session = client.get(URL, {"as_of": "2024-06-01"})
    assert by_token.status_code == by_session.status_code == 200
    assert by_token.json() == by_session.json()


def test_it_answers_head(client, staff_user, plan_year):
    client.force_login(staff_user)
    assert client.head(URL).status_code == 200


@pytest.mark.parametrize(
    ("today", "as_of"),
    [
        (datetime.datetime(2024, 5, 6, 9, tzinfo=SHANGHAI), "2024-05-06"),
        (datetime.datetime(2026, 11, 24, 9, tzinfo=SHANGHAI), "2024-12-31"),
    ],
)
def test_it_reports_on_today_within_the_plan_year_by_default(
    client, staff_user, plan_year, today, as_of
):
    client.force_login(staff_user)
    with time_machine.travel(today, tick=False):
        assert client.get(URL).json()["as_of"] == as_of


def test_it_gives_a_liaison_only_their_units_rows(client, liaison, figures, taozhou):
    client.force_login(liaison)
    document = client.get(URL, {"as_of": "2024-06-01"}).json()
    hte = _target(document, "hte_total")
    assert [row["code"] for row in hte["by_unit"]] == [taozhou.code]
    assert hte["by_unit"][0]["actual"] == 2.0
    # The city total stays city-wide: that is the plan's figure, not the unit's.
    assert hte["actual"] == 3.0


def test_it_narrows_to_one_org_unit(client, staff_user, figures, xinhang):
    client.force_login(staff_user)
    response = client.get(URL, {"as_of": "2024-06-01", "org_unit": xinhang.code})
    hte = _target(response.json(), "hte_total")
    assert [(row["code"], row["actual"]) for row in hte["by_unit"]] == [(xinhang.code, 1.0)]


def test_it_404s_on_another_units_code_for_a_liaison(client, liaison, figures, xinhang, taozhou):
    client.force_login(liaison)
    assert client.get(URL, {"org_unit": taozhou.code}).status_code == 200
    response = client.get(URL, {"org_unit": xinhang.code})
    assert response.status_code == 404
    assert response.json()["error"]


def test_it_404s_on_an_unknown_org_unit(client, staff_user, plan_year):
    client.force_login(staff_user)
    response = client.get(URL, {"org_unit": "341882999"})
    assert response.status_code == 404
    assert response.json()["error"]


def test_it_404s_on_an_unknown_plan_year(client, staff_user, plan_year):
    client.force_login(staff_user)
    response = client.get(reverse("api_progress", args=[2031]))
    assert response.status_code == 404
    assert "2031" in response.json()["error"]


@pytest.mark.parametrize("as_of", ["2024-13-01", "2024-02-30", "20240601", "2024-6-1", "today"])
def test_it_400s_on_a_malformed_as_of(client, staff_user, plan_year, as_of):
    client.force_login(staff_user)
    response = client.get(URL, {"as_of": as_of})
    assert response.status_code == 400
    error = response.json()["error"]
    assert "as_of" in error and as_of in error


def test_it_401s_without_credentials_rather_than_redirecting(client, plan_year):
    response = client.get(URL)
    assert response.status_code == 401
    assert response.json()["error"]
    assert response["WWW-Authenticate"].startswith("Bearer")
    # A POST without credentials is refused the same way, before its method is looked at.
    assert client.post(URL).status_code == 401


def test_it_405s_on_other_methods(client, staff_user, plan_year):
    client.force_login(staff_user)
    for method in (client.post, client.put, client.delete):
        response = method(URL)
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD"
        assert response.json()["error"]


@pytest.mark.parametrize("size", [5, 50])
def test_it_runs_the_same_queries_whatever_the_data_size(
    client, staff_user, org_units, plan_year, django_assert_num_queries, size
):
    for number in range(size):
        enterprise = EnterpriseFactory(org_unit=org_units["341882100"])
        HteCertificateFactory(
            enterprise=enterprise, issued_on=D(2023, 1, 1) + datetime.timedelta(days=number)
        )
        TechSmeRegistrationFactory(enterprise=enterprise, year=2024)
        AnnualFiguresFactory(enterprise=enterprise, year=2023)
        AnnualFiguresFactory(enterprise=enterprise, year=2024)
    secret = _token(staff_user)
    # The token with its user (one join); last_used_at (first use); the plan year; the
    # visible org units; then the engine's 21 (targets, quotas, typed values, the plan
    # year's evaluation rules; hte_total: holders by unit, holders on 1 January, expiring,
    # pass rate, pipeline; tech_sme_total: registrations by unit, pass rate, pipeline;
    # whether the plan year has figures; the R&D sums by enterprise, once; the 规上
    # enterprises with their figures, once for the three lists; the two platform targets:
    # granted by unit, applications submitted, earlier pass rate, each).
    with django_assert_num_queries(25):
        response = client.get(URL, {"as_of": "2024-06-01"}, **_bearer(secret))
    assert response.status_code == 200
    assert response.json()["targets"][0]["actual"] == size
    # Again within the minute (no last_used_at write): the token, the plan year, the units,
    # targets, quotas, typed values and the evaluation rules (part of the cache key); the
    # eleven scans come from the figures cache.
    with django_assert_num_queries(7):
        response = client.get(URL, {"as_of": "2024-06-01"}, **_bearer(secret))
    assert response.json()["targets"][0]["actual"] == size
