import datetime

import pytest
from django.urls import reverse

from enterprises.models import TechSmeRegistration
from tests.factories import TechSmeRegistrationFactory

pytestmark = pytest.mark.time_machine(
    datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC), tick=False
)
NUMBER = "20243418820000123"


@pytest.fixture
def registration(taozhou_enterprise):
    return TechSmeRegistrationFactory(enterprise=taozhou_enterprise, year=2024, number=NUMBER)


def url(registration):
    return reverse("enterprises:sme_registration_update", args=[registration.pk])


def form_data(**overrides):
    return {"year": "2024", "number": NUMBER, **overrides}


def test_it_corrects_a_registration(client, liaison, registration):
    client.force_login(liaison)
    response = client.post(url(registration), form_data(number="20243418820000124"))
    assert response.status_code == 302
    assert response["Location"] == registration.enterprise.get_absolute_url() + "#recognitions"
    registration.refresh_from_db()
    assert registration.number == "20243418820000124"
    assert registration.history.latest().history_user == liaison


def test_keeping_its_own_year_and_number_is_no_conflict(client, staff_user, registration):
    client.force_login(staff_user)
    assert client.post(url(registration), form_data()).status_code == 302


def test_moving_it_onto_a_year_already_registered_is_refused(
    client, staff_user, registration, taozhou_enterprise
):
    TechSmeRegistrationFactory(enterprise=taozhou_enterprise, year=2023)
    client.force_login(staff_user)
    response = client.post(url(registration), form_data(year="2023"))
    assert response.context["form"].has_error("year", "registration_year_taken")
    registration.refresh_from_db()
    assert registration.year == 2024


def test_taking_another_registrations_number_is_refused(client, staff_user, registration, taozhou):
    other = TechSmeRegistrationFactory(enterprise__org_unit=taozhou, number="20243418820000999")
    client.force_login(staff_user)
    response = client.post(url(registration), form_data(number=other.number))
    assert response.context["form"].has_error("number", "registration_duplicate")
    assert TechSmeRegistration.objects.get(pk=registration.pk).number == NUMBER


def test_anonymous_users_are_sent_to_log_in(client, registration):
    assert client.get(url(registration))["Location"].startswith(reverse("login"))


def test_outsiders_get_404(client, outsider, registration):
    client.force_login(outsider)
    assert client.get(url(registration)).status_code == 404
    assert client.post(url(registration), form_data(year="2023")).status_code == 404
    registration.refresh_from_db()
    assert registration.year == 2024


def test_leaders_get_403(client, leader_user, registration):
    client.force_login(leader_user)
    assert client.get(url(registration)).status_code == 403
    assert client.post(url(registration), form_data(year="2023")).status_code == 403
    registration.refresh_from_db()
    assert registration.year == 2024


def test_it_refuses_other_methods(client, staff_user, registration):
    client.force_login(staff_user)
    assert client.put(url(registration)).status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_the_query_count_is_constant(
    client, staff_user, registration, django_assert_num_queries, count
):
    for year in range(2024 - count, 2024):
        TechSmeRegistrationFactory(enterprise=registration.enterprise, year=year)
    client.force_login(staff_user)
    # session, user, the registration with its enterprise and unit, its change history
    # with its users
    with django_assert_num_queries(4):
        assert client.get(url(registration)).status_code == 200
