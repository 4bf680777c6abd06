import datetime

import pytest
import time_machine
from django.urls import reverse

from enterprises.models import TechField
from enterprises.recognitions import hte_holders_on, tech_sme_registered
from tests.factories import (
    EnterpriseFactory,
    HteCertificateFactory,
    TechSmeRegistrationFactory,
    make_uscc,
)

URL = reverse("enterprises:list")


def names(response):
    return [enterprise.name for enterprise in response.context["page"]]


@pytest.mark.smoke
def test_it_lists_enterprises_for_staff(client, staff_user, taozhou_enterprise, xinhang_enterprise):
    client.force_login(staff_user)
    response = client.get(URL)
    assert response.status_code == 200
    assert set(names(response)) == {taozhou_enterprise.name, xinhang_enterprise.name}


def test_liaisons_see_only_their_own_units(client, liaison, taozhou_enterprise, xinhang_enterprise):
    client.force_login(liaison)
    response = client.get(URL)
    assert names(response) == [taozhou_enterprise.name]
    assert "新杭" not in response.content.decode()


def test_liaisons_cannot_widen_the_scope_with_a_filter(
    client, liaison, xinhang, taozhou_enterprise, xinhang_enterprise
):
    client.force_login(liaison)
    response = client.get(URL, {"org_unit": xinhang.pk})
    assert names(response) == [taozhou_enterprise.name]
    assert response.context["filter"].errors  # not a choice for them


@pytest.mark.parametrize(
    "query",
    ["测试科技", "91341882000000001", "９１３４１８８２０００００００01", " 913418 82000000001 "],
)
def test_it_searches_name_or_code(client, staff_user, taozhou, query):
    EnterpriseFactory(org_unit=taozhou, name="桃州测试科技有限公司", uscc=make_uscc(1))
    EnterpriseFactory(org_unit=taozhou, name="其他有限公司", uscc=make_uscc(2))
    client.force_login(staff_user)
    assert names(client.get(URL, {"q": query})) == ["桃州测试科技有限公司"]


def test_it_filters_by_unit_field_and_size(client, staff_user, taozhou, xinhang):
    EnterpriseFactory(org_unit=taozhou, name="甲", tech_field=TechField.NEW_MATERIALS)
    EnterpriseFactory(org_unit=taozhou, name="乙", is_above_designated_size=True)
    EnterpriseFactory(org_unit=xinhang, name="丙", is_above_designated_size=True)
    client.force_login(staff_user)
    assert names(client.get(URL, {"org_unit": taozhou.pk})) == ["乙", "甲"]
    assert names(client.get(URL, {"tech_field": "new_materials"})) == ["甲"]
    assert names(client.get(URL, {"above_size": "true", "org_unit": taozhou.pk})) == ["乙"]
    assert names(client.get(URL, {"above_size": "false"})) == ["甲"]


@time_machine.travel(datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC), tick=False)
def test_the_tracking_list_holds_production_starts_of_the_last_two_years(
    client, staff_user, taozhou
):
    EnterpriseFactory(
        org_unit=taozhou, name="刚好两年", production_started_on=datetime.date(2022, 6, 15)
    )
    EnterpriseFactory(
        org_unit=taozhou, name="两年零一天", production_started_on=datetime.date(2022, 6, 14)
    )
    EnterpriseFactory(org_unit=taozhou, name="未投产", production_started_on=None)
    client.force_login(staff_user)
    assert names(client.get(URL, {"recent_production": "true"})) == ["刚好两年"]
    assert names(client.get(URL, {"recent_production": "false"})) == ["两年零一天", "未投产"]


def test_it_sorts_by_column_both_ways(client, staff_user, taozhou):
    EnterpriseFactory(org_unit=taozhou, name="甲", production_started_on=datetime.date(2020, 1, 1))
    EnterpriseFactory(org_unit=taozhou, name="乙", production_started_on=datetime.date(2021, 1, 1))
    client.force_login(staff_user)
    assert names(client.get(URL, {"sort": "production_started_on"})) == ["甲", "乙"]
    assert names(client.get(URL, {"sort": "-production_started_on"})) == ["乙", "甲"]
    assert names(client.get(URL, {"sort": "no-such-column"})) == ["乙", "甲"]  # by name


def test_it_paginates_and_survives_bad_page_numbers(client, staff_user, taozhou):
    EnterpriseFactory.create_batch(30, org_unit=taozhou)
    client.force_login(staff_user)
    assert len(client.get(URL).context["page"]) == 25
    assert len(client.get(URL, {"page": 2}).context["page"]) == 5
    assert client.get(URL, {"page": "999"}).context["page"].number == 2
    assert client.get(URL, {"page": "x"}).context["page"].number == 1


@pytest.mark.parametrize(
    "params",
    [{"org_unit": "abc"}, {"org_unit": "99999999999999999999"}, {"tech_field": "x"}, {"q": "\x00"}],
)
def test_bad_filter_values_never_give_a_500(client, staff_user, taozhou_enterprise, params):
    client.force_login(staff_user)
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response.context["filter"].errors


def test_it_refuses_post(client, staff_user):
    client.force_login(staff_user)
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("count", [20, 200])
def test_the_query_count_does_not_grow_with_the_data(
    client, liaison, taozhou, django_assert_num_queries, count
):
    EnterpriseFactory.create_batch(count, org_unit=taozhou)
    client.force_login(liaison)
    # session, user, the filter's unit lookup, COUNT(*) for the pager, the liaison's units
    # for the menu, the units for the filter's choices, the page of enterprises with units
    with django_assert_num_queries(7):
        response = client.get(URL, {"org_unit": taozhou.pk, "sort": "org_unit"})
    assert response.status_code == 200


def test_hte_valid_on_lists_the_holders_of_a_valid_certificate_on_that_day(
    client, staff_user, taozhou, xinhang
):
    HteCertificateFactory(
        enterprise__org_unit=taozhou, enterprise__name="持证", issued_on=datetime.date(2023, 3, 1)
    )
    HteCertificateFactory(
        enterprise__org_unit=xinhang,
        enterprise__name="新杭持证",
        issued_on=datetime.date(2022, 5, 1),
    )
    # Valid until 1 March 2024 exclusive (国科发火〔2016〕32号: three years from issue).
    HteCertificateFactory(
        enterprise__org_unit=taozhou, enterprise__name="已过期", issued_on=datetime.date(2021, 3, 1)
    )
    HteCertificateFactory(
        enterprise__org_unit=taozhou, enterprise__name="未发证", issued_on=datetime.date(2024, 9, 1)
    )
    twice = EnterpriseFactory(org_unit=taozhou, name="两张证书")
    HteCertificateFactory(enterprise=twice, issued_on=datetime.date(2021, 12, 1))
    HteCertificateFactory(enterprise=twice, issued_on=datetime.date(2023, 12, 1))
    EnterpriseFactory(org_unit=taozhou, name="无证书")
    client.force_login(staff_user)
    assert names(client.get(URL, {"hte_valid_on": "2024-06-01"})) == [
        "两张证书",
        "持证",
        "新杭持证",
    ]
    assert names(client.get(URL, {"hte_valid_on": "2024-02-29"})) == [
        "两张证书",
        "已过期",
        "持证",
        "新杭持证",
    ]
    assert names(client.get(URL, {"hte_valid_on": "2024-06-01", "org_unit": taozhou.pk})) == [
        "两张证书",
        "持证",
    ]
    assert client.get(URL, {"hte_valid_on": "2024-06-01"}).context["page"].paginator.count == (
        hte_holders_on(day=datetime.date(2024, 6, 1)).count()
    )


def test_a_liaison_sees_only_their_own_holders(client, liaison, taozhou, xinhang):
    HteCertificateFactory(enterprise__org_unit=taozhou, enterprise__name="桃州持证")
    HteCertificateFactory(enterprise__org_unit=xinhang, enterprise__name="新杭持证")
    client.force_login(liaison)
    assert names(client.get(URL, {"hte_valid_on": "2024-06-01"})) == ["桃州持证"]


def test_sme_year_lists_the_enterprises_registered_for_that_year(
    client, staff_user, taozhou, xinhang
):
    TechSmeRegistrationFactory(enterprise__org_unit=taozhou, enterprise__name="甲", year=2024)
    TechSmeRegistrationFactory(enterprise__org_unit=xinhang, enterprise__name="乙", year=2024)
    TechSmeRegistrationFactory(enterprise__org_unit=taozhou, enterprise__name="丙", year=2023)
    client.force_login(staff_user)
    assert names(client.get(URL, {"sme_year": "2024"})) == ["乙", "甲"]
    assert names(client.get(URL, {"sme_year": "2023"})) == ["丙"]
    assert names(client.get(URL, {"sme_year": "2024", "org_unit": xinhang.pk})) == ["乙"]
    assert client.get(URL, {"sme_year": "2024"}).context["page"].paginator.count == (
        tech_sme_registered(year=2024).count()
    )


@pytest.mark.parametrize(
    "params",
    [
        {"hte_valid_on": "2024-02-30"},
        {"hte_valid_on": "yesterday"},
        {"sme_year": "abc"},
        {"sme_year": "2024.5"},
        {"sme_year": "99999999999999999999"},
        {"sme_year": "1900"},
    ],
)
def test_bad_recognition_filters_never_give_a_500(client, staff_user, taozhou_enterprise, params):
    client.force_login(staff_user)
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response.context["filter"].errors
    assert names(response) == [taozhou_enterprise.name]  # the bad filter is not applied


@pytest.mark.parametrize("params", [{"hte_valid_on": "2024-06-01"}, {"sme_year": "2024"}])
def test_the_recognition_filters_add_no_query(
    client, liaison, taozhou, django_assert_num_queries, params
):
    for _ in range(5):
        enterprise = EnterpriseFactory(org_unit=taozhou)
        HteCertificateFactory(enterprise=enterprise)
        TechSmeRegistrationFactory(enterprise=enterprise)
    client.force_login(liaison)
    # session, user, COUNT(*) for the pager, the liaison's units for the menu, the units
    # for the filter's choices, the page of enterprises with units (the filter is a subquery)
    with django_assert_num_queries(6):
        response = client.get(URL, params)
    assert len(response.context["page"]) == 5
