import datetime

import pytest
from django.urls import reverse

from enterprises.models import HteCertificate
from tests.factories import EnterpriseFactory, HteCertificateFactory

pytestmark = pytest.mark.time_machine(
    datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC), tick=False
)


def url(enterprise):
    return reverse("enterprises:hte_certificate_create", args=[enterprise.pk])


def form_data(**overrides):
    return {"number": "GR202434001234", "issued_on": "2023-11-30", **overrides}


def test_it_records_a_certificate(client, liaison, taozhou_enterprise):
    client.force_login(liaison)
    response = client.post(url(taozhou_enterprise), form_data(), follow=True)
    certificate = HteCertificate.objects.get()
    assert response.redirect_chain == [
        (taozhou_enterprise.get_absolute_url() + "#recognitions", 302)
    ]
    assert (certificate.enterprise, certificate.number) == (taozhou_enterprise, "GR202434001234")
    assert certificate.expires_on == datetime.date(2026, 11, 30)
    assert certificate.history.get().history_user == liaison
    assert [m.level_tag for m in response.context["messages"]] == ["success"]


@pytest.mark.parametrize(
    "pasted",
    [
        "gr202434001234",
        " GR 2024 3400 1234 ",
        "ＧＲ２０２４３４００１２３４",
        "GR\u3000202434001234",
    ],
)
def test_it_normalises_a_pasted_number(client, staff_user, taozhou_enterprise, pasted):
    client.force_login(staff_user)
    assert client.post(url(taozhou_enterprise), form_data(number=pasted)).status_code == 302
    assert HteCertificate.objects.get().number == "GR202434001234"


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("number", "", "required"),
        ("number", "GR20243400123", "certificate_number"),
        ("number", "GS202434001234", "certificate_number"),
        ("number", "GR2024340012345", "certificate_number"),
        ("number", "G" * 41, "max_length"),
        ("issued_on", "", "required"),
        ("issued_on", "2023-02-30", "invalid"),
        ("issued_on", "2024-06-16", "future_date"),
        ("issued_on", "1900-01-01", "too_early"),
    ],
)
def test_each_field_is_checked_and_nothing_is_saved(
    client, staff_user, taozhou_enterprise, field, value, code
):
    client.force_login(staff_user)
    response = client.post(url(taozhou_enterprise), form_data(**{field: value}))
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    assert not HteCertificate.objects.exists()


def test_today_is_a_valid_issue_date(client, staff_user, taozhou_enterprise):
    client.force_login(staff_user)
    response = client.post(url(taozhou_enterprise), form_data(issued_on="2024-06-15"))
    assert response.status_code == 302


def test_a_duplicate_number_names_the_enterprise_holding_it(
    client, liaison, taozhou_enterprise, xinhang
):
    holder = EnterpriseFactory(org_unit=xinhang, name="已认定材料有限公司")
    HteCertificateFactory(enterprise=holder, number="GR202434001234")
    client.force_login(liaison)
    response = client.post(url(taozhou_enterprise), form_data(number="gr2024 3400 1234"))
    form = response.context["form"]
    assert form.has_error("number", "certificate_duplicate")
    assert holder.name in form.errors["number"][0]
    assert "新杭镇" in form.errors["number"][0]
    assert HteCertificate.objects.count() == 1


def test_the_form_page_shows(client, liaison, taozhou_enterprise):
    client.force_login(liaison)
    response = client.get(url(taozhou_enterprise))
    assert response.status_code == 200
    assert 'name="number"' in response.content.decode()


def test_anonymous_users_are_sent_to_log_in(client, taozhou_enterprise):
    response = client.post(url(taozhou_enterprise), form_data())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not HteCertificate.objects.exists()


def test_outsiders_get_404(client, outsider, taozhou_enterprise):
    client.force_login(outsider)
    assert client.get(url(taozhou_enterprise)).status_code == 404
    assert client.post(url(taozhou_enterprise), form_data()).status_code == 404
    assert not HteCertificate.objects.exists()


def test_leaders_get_403(client, leader_user, taozhou_enterprise):
    client.force_login(leader_user)
    assert client.get(url(taozhou_enterprise)).status_code == 403
    assert client.post(url(taozhou_enterprise), form_data()).status_code == 403
    assert not HteCertificate.objects.exists()


def test_it_refuses_other_methods(client, staff_user, taozhou_enterprise):
    client.force_login(staff_user)
    assert client.put(url(taozhou_enterprise)).status_code == 405
    assert client.delete(url(taozhou_enterprise)).status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_the_query_count_is_constant(
    client, staff_user, taozhou_enterprise, django_assert_num_queries, count
):
    HteCertificateFactory.create_batch(count, enterprise__org_unit=taozhou_enterprise.org_unit)
    client.force_login(staff_user)
    # session, user, the enterprise with its unit
    with django_assert_num_queries(3):
        assert client.get(url(taozhou_enterprise)).status_code == 200
    # session, user, the enterprise with its unit, the duplicate look-up, the model's own
    # unique check, a savepoint (a lost race must not break the request), the INSERT, its
    # history row, the savepoint's release
    with django_assert_num_queries(9):
        assert client.post(url(taozhou_enterprise), form_data()).status_code == 302
