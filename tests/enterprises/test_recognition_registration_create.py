import datetime

import pytest
from django.urls import reverse

from enterprises.models import TechSmeRegistration
from tests.factories import EnterpriseFactory, TechSmeRegistrationFactory

pytestmark = pytest.mark.time_machine(
    datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC), tick=False
)
NUMBER = "20243418820000123"


def url(enterprise):
    return reverse("enterprises:sme_registration_create", args=[enterprise.pk])


def form_data(**overrides):
    return {"year": "2024", "number": NUMBER, **overrides}


def test_it_records_a_registration(client, liaison, taozhou_enterprise):
    client.force_login(liaison)
    response = client.post(url(taozhou_enterprise), form_data())
    assert response.status_code == 302
    assert response["Location"] == taozhou_enterprise.get_absolute_url() + "#recognitions"
    registration = TechSmeRegistration.objects.get()
    assert (registration.enterprise, registration.year, registration.number) == (
        taozhou_enterprise,
        2024,
        NUMBER,
    )
    assert registration.history.get().history_user == liaison


def test_the_year_defaults_to_this_year(client, liaison, taozhou_enterprise):
    client.force_login(liaison)
    assert client.get(url(taozhou_enterprise)).context["form"].initial["year"] == 2024


def test_it_normalises_a_pasted_number(client, staff_user, taozhou_enterprise):
    client.force_login(staff_user)
    pasted = " ２０２４ 3418 8200 00123\u3000"
    assert client.post(url(taozhou_enterprise), form_data(number=pasted)).status_code == 302
    assert TechSmeRegistration.objects.get().number == NUMBER


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("number", "", "required"),
        ("number", "2024-341882", "registration_number"),
        ("number", "1234567", "registration_number"),
        ("number", "9" * 61, "max_length"),
        ("year", "", "required"),
        ("year", "二〇二四", "invalid"),
        ("year", "1999", "min_value"),
        ("year", "2026", "max_value"),
    ],
)
def test_each_field_is_checked_and_nothing_is_saved(
    client, staff_user, taozhou_enterprise, field, value, code
):
    client.force_login(staff_user)
    response = client.post(url(taozhou_enterprise), form_data(**{field: value}))
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    assert not TechSmeRegistration.objects.exists()


@pytest.mark.parametrize("year", ["2000", "2025"])
def test_the_year_runs_from_2000_to_next_year(client, staff_user, taozhou_enterprise, year):
    client.force_login(staff_user)
    assert client.post(url(taozhou_enterprise), form_data(year=year)).status_code == 302


def test_a_duplicate_number_names_the_enterprise_holding_it(
    client, liaison, taozhou_enterprise, xinhang
):
    holder = EnterpriseFactory(org_unit=xinhang, name="已入库材料有限公司")
    TechSmeRegistrationFactory(enterprise=holder, number=NUMBER)
    client.force_login(liaison)
    response = client.post(url(taozhou_enterprise), form_data())
    form = response.context["form"]
    assert form.has_error("number", "registration_duplicate")
    assert holder.name in form.errors["number"][0]
    assert TechSmeRegistration.objects.count() == 1


def test_one_registration_per_enterprise_and_year(client, liaison, taozhou_enterprise):
    TechSmeRegistrationFactory(enterprise=taozhou_enterprise, year=2024)
    client.force_login(liaison)
    response = client.post(url(taozhou_enterprise), form_data())
    assert response.context["form"].has_error("year", "registration_year_taken")
    assert TechSmeRegistration.objects.count() == 1
    # Another year is fine.
    assert client.post(url(taozhou_enterprise), form_data(year="2023")).status_code == 302


def test_another_enterprises_registration_that_year_does_not_count(
    client, liaison, taozhou, taozhou_enterprise
):
    TechSmeRegistrationFactory(enterprise__org_unit=taozhou, year=2024)
    client.force_login(liaison)
    assert client.post(url(taozhou_enterprise), form_data()).status_code == 302


def test_anonymous_users_are_sent_to_log_in(client, taozhou_enterprise):
    response = client.post(url(taozhou_enterprise), form_data())
    assert response["Location"].startswith(reverse("login"))
    assert not TechSmeRegistration.objects.exists()


def test_outsiders_get_404(client, outsider, taozhou_enterprise):
    client.force_login(outsider)
    assert client.get(url(taozhou_enterprise)).status_code == 404
    assert client.post(url(taozhou_enterprise), form_data()).status_code == 404
    assert not TechSmeRegistration.objects.exists()


def test_leaders_get_403(client, leader_user, taozhou_enterprise):
    client.force_login(leader_user)
    assert client.get(url(taozhou_enterprise)).status_code == 403
    assert client.post(url(taozhou_enterprise), form_data()).status_code == 403
    assert not TechSmeRegistration.objects.exists()


def test_it_refuses_other_methods(client, staff_user, taozhou_enterprise):
    client.force_login(staff_user)
    assert client.patch(url(taozhou_enterprise)).status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_the_query_count_is_constant(
    client, staff_user, taozhou_enterprise, django_assert_num_queries, count
):
    for year in range(2024 - count, 2024):
        TechSmeRegistrationFactory(enterprise=taozhou_enterprise, year=year)
    client.force_login(staff_user)
    # session, user, the enterprise with its unit
    with django_assert_num_queries(3):
        assert client.get(url(taozhou_enterprise)).status_code == 200
    # session, user, the enterprise with its unit, the one-per-year look-up, the duplicate
    # number look-up, the model's own unique check, a savepoint (a lost race must not break
    # the request), the INSERT, its history row, the savepoint's release
    with django_assert_num_queries(10):
        assert client.post(url(taozhou_enterprise), form_data()).status_code == 302
