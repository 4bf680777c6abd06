import datetime

import pytest
from django.urls import reverse

from enterprises.models import HteCertificate
from tests.factories import HteCertificateFactory

pytestmark = pytest.mark.time_machine(
    datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC), tick=False
)


@pytest.fixture
def certificate(taozhou_enterprise):
    return HteCertificateFactory(
        enterprise=taozhou_enterprise,
        number="GR202334000001",
        issued_on=datetime.date(2023, 11, 30),
    )


def url(certificate):
    return reverse("enterprises:hte_certificate_update", args=[certificate.pk])


def form_data(**overrides):
    return {"number": "GR202334000001", "issued_on": "2023-11-30", **overrides}


def test_it_corrects_a_certificate_and_moves_its_expiry(client, liaison, certificate):
    client.force_login(liaison)
    response = client.post(url(certificate), form_data(issued_on="2023-12-04"))
    assert response.status_code == 302
    assert response["Location"] == certificate.enterprise.get_absolute_url() + "#recognitions"
    certificate.refresh_from_db()
    assert certificate.issued_on == datetime.date(2023, 12, 4)
    assert certificate.expires_on == datetime.date(2026, 12, 4)
    assert certificate.history.latest().history_user == liaison


def test_keeping_its_own_number_is_not_a_duplicate(client, staff_user, certificate):
    client.force_login(staff_user)
    assert client.post(url(certificate), form_data(number=" gr202334000001")).status_code == 302


def test_taking_another_certificates_number_is_refused(client, staff_user, certificate, taozhou):
    other = HteCertificateFactory(enterprise__org_unit=taozhou, number="GR202334000002")
    client.force_login(staff_user)
    response = client.post(url(certificate), form_data(number=other.number))
    assert response.context["form"].has_error("number", "certificate_duplicate")
    assert other.enterprise.name in response.context["form"].errors["number"][0]
    certificate.refresh_from_db()
    assert certificate.number == "GR202334000001"


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [("number", "GR2023", "certificate_number"), ("issued_on", "2025-01-01", "future_date")],
)
def test_invalid_input_changes_nothing(client, staff_user, certificate, field, value, code):
    client.force_login(staff_user)
    response = client.post(url(certificate), form_data(**{field: value}))
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    assert HteCertificate.objects.get().number == "GR202334000001"
    assert HteCertificate.objects.get().issued_on == datetime.date(2023, 11, 30)


def test_anonymous_users_are_sent_to_log_in(client, certificate):
    response = client.get(url(certificate))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_outsiders_get_404(client, outsider, certificate):
    client.force_login(outsider)
    assert client.get(url(certificate)).status_code == 404
    assert client.post(url(certificate), form_data(issued_on="2023-12-04")).status_code == 404
    certificate.refresh_from_db()
    assert certificate.issued_on == datetime.date(2023, 11, 30)


def test_a_missing_certificate_gives_404(client, staff_user, org_units):
    client.force_login(staff_user)
    assert (
        client.get(reverse("enterprises:hte_certificate_update", args=[999999])).status_code == 404
    )


def test_leaders_get_403(client, leader_user, certificate):
    client.force_login(leader_user)
    assert client.get(url(certificate)).status_code == 403
    assert client.post(url(certificate), form_data(issued_on="2023-12-04")).status_code == 403
    certificate.refresh_from_db()
    assert certificate.issued_on == datetime.date(2023, 11, 30)


def test_it_refuses_other_methods(client, staff_user, certificate):
    client.force_login(staff_user)
    assert client.put(url(certificate)).status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_the_query_count_is_constant(
    client, liaison, certificate, django_assert_num_queries, count
):
    HteCertificateFactory.create_batch(count, enterprise=certificate.enterprise)
    client.force_login(liaison)
    # session, user, the certificate with its enterprise and unit (scoped by a subquery),
    # its change history with its users, the liaison's units for the menu
    with django_assert_num_queries(5):
        assert client.get(url(certificate)).status_code == 200
