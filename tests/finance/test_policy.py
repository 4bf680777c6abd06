"""Policies (city-wide: read by everyone, written by bureau staff) and the benefits each
enterprise received under them (scoped by the enterprise's unit), with their totals."""

from decimal import Decimal

import pytest
from django.urls import reverse

from enterprises.models import Policy, PolicyBenefit
from tests.factories import EnterpriseFactory

from .factories import PolicyBenefitFactory, PolicyFactory, xlsx_rows

LIST_URL = reverse("enterprises:policy_list")
CREATE_URL = reverse("enterprises:policy_create")


def detail_url(policy):
    return reverse("enterprises:policy_detail", kwargs={"policy_id": policy.pk})


def update_url(policy):
    return reverse("enterprises:policy_update", kwargs={"policy_id": policy.pk})


def benefit_url(enterprise):
    return reverse("enterprises:policy_benefit_create", kwargs={"enterprise_id": enterprise.pk})


def benefit_update_url(benefit):
    return reverse("enterprises:policy_benefit_update", kwargs={"benefit_id": benefit.pk})


@pytest.mark.smoke
def test_a_liaison_sees_every_policy_with_the_totals_of_their_units(
    client, liaison, taozhou_enterprise, xinhang_enterprise
):
    policy = PolicyFactory(title="研发补助")
    PolicyFactory(title="无人受益")
    PolicyBenefitFactory(policy=policy, enterprise=taozhou_enterprise, amount=Decimal("12.5"))
    PolicyBenefitFactory(policy=policy, enterprise=taozhou_enterprise, amount=None)
    PolicyBenefitFactory(policy=policy, enterprise=xinhang_enterprise, amount=Decimal("100"))
    client.force_login(liaison)
    rows = {
        p.title: (p.benefit_count, p.benefit_total) for p in client.get(LIST_URL).context["page"]
    }
    assert rows == {"研发补助": (2, Decimal("12.5")), "无人受益": (0, Decimal("0"))}
    detail = client.get(detail_url(policy))
    assert [b.enterprise for b in detail.context["page"]] == [taozhou_enterprise] * 2
    assert detail.context["totals"] == {"count": 2, "enterprises": 1, "total": Decimal("12.5")}
    assert not detail.context["may_write"]


def test_staff_see_every_benefit_and_export_them(
    client, staff_user, xinhang, taozhou_enterprise, xinhang_enterprise
):
    policy = PolicyFactory()
    PolicyBenefitFactory(policy=policy, enterprise=taozhou_enterprise, amount=Decimal("1"))
    PolicyBenefitFactory(policy=policy, enterprise=xinhang_enterprise, amount=Decimal("2"))
    client.force_login(staff_user)
    assert client.get(detail_url(policy)).context["totals"]["total"] == Decimal("3")
    filtered = client.get(detail_url(policy), {"org_unit": xinhang.pk})
    assert filtered.context["totals"]["total"] == Decimal("2")
    rows = xlsx_rows(client.get(detail_url(policy), {"format": "xlsx", "org_unit": xinhang.pk}))
    assert [(row[1], row[3]) for row in rows[1:]] == [(xinhang_enterprise.name, 2)]
    listed = xlsx_rows(client.get(LIST_URL, {"format": "xlsx"}))
    assert listed[1][0] == policy.title


def test_staff_add_and_edit_a_policy(client, staff_user, frozen_today):
    client.force_login(staff_user)
    data = {"title": "  科技 创新政策 ", "issuer": "市政府", "issued_on": "2024-01-05"}
    response = client.post(CREATE_URL, data)
    policy = Policy.objects.get()
    assert response["Location"] == detail_url(policy)
    assert policy.title == "科技 创新政策"
    client.post(update_url(policy), {**data, "summary": "摘要"})
    policy.refresh_from_db()
    assert policy.summary == "摘要"
    future = client.post(CREATE_URL, {**data, "issued_on": "2024-07-01"})
    assert future.context["form"].has_error("issued_on", "future_date")
    assert client.post(CREATE_URL, {**data, "title": ""}).context["form"].has_error("title")
    assert Policy.objects.count() == 1


def test_liaisons_and_leaders_may_not_write_policies(client, liaison, leader_user):
    policy = PolicyFactory(title="原样")
    for user in (liaison, leader_user):
        client.force_login(user)
        assert client.get(detail_url(policy)).status_code == 200
        assert client.post(CREATE_URL, {"title": "新"}).status_code == 403
        assert client.post(update_url(policy), {"title": "改"}).status_code == 403
    policy.refresh_from_db()
    assert (policy.title, Policy.objects.count()) == ("原样", 1)


def test_a_liaison_records_a_benefit_of_their_enterprise(
    client, liaison, taozhou_enterprise, frozen_today
):
    policy = PolicyFactory()
    client.force_login(liaison)
    form = client.get(benefit_url(taozhou_enterprise), {"policy": policy.pk}).context["form"]
    assert form.initial["policy"] == policy.pk
    data = {"policy": policy.pk, "amount": "1,000", "granted_on": "2024-06-01", "note": ""}
    response = client.post(benefit_url(taozhou_enterprise), data)
    assert response["Location"] == taozhou_enterprise.get_absolute_url() + "#finance"
    benefit = PolicyBenefit.objects.get()
    assert (benefit.enterprise, benefit.amount) == (taozhou_enterprise, Decimal("1000"))
    client.post(benefit_update_url(benefit), {**data, "amount": "20"})
    benefit.refresh_from_db()
    assert benefit.amount == Decimal("20")


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"amount": "-5"}, "amount", "min_value"),
        ({"amount": "五"}, "amount", "invalid"),
        ({"granted_on": "2024-06-16"}, "granted_on", "future_date"),
        ({"granted_on": ""}, "granted_on", "required"),
        ({"policy": "999999"}, "policy", "invalid_choice"),
    ],
)
def test_a_bad_benefit_is_refused_beside_its_field(
    client, staff_user, taozhou_enterprise, frozen_today, overrides, field, code
):
    policy = PolicyFactory()
    client.force_login(staff_user)
    data = {"policy": policy.pk, "amount": "10", "granted_on": "2024-06-01", **overrides}
    response = client.post(benefit_url(taozhou_enterprise), data)
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    assert not PolicyBenefit.objects.exists()


def test_outsiders_get_404_on_benefits_of_other_units(client, outsider, taozhou_enterprise):
    benefit = PolicyBenefitFactory(enterprise=taozhou_enterprise)
    client.force_login(outsider)
    assert client.get(benefit_url(taozhou_enterprise)).status_code == 404
    assert client.post(benefit_update_url(benefit), {"amount": "1"}).status_code == 404
    assert client.get(detail_url(benefit.policy)).context["totals"]["count"] == 0


def test_anonymous_and_wrong_methods(client, staff_user):
    assert client.get(LIST_URL)["Location"].startswith(reverse("login"))
    client.force_login(staff_user)
    assert client.post(LIST_URL).status_code == 405
    assert client.put(CREATE_URL).status_code == 405
    assert client.get(reverse("enterprises:policy_detail", args=[999999])).status_code == 404


@pytest.mark.parametrize("size", [2, 30])
def test_the_query_counts_do_not_grow_with_the_data(
    client, liaison, taozhou, django_assert_num_queries, size
):
    policy = None
    for _ in range(size):
        policy = PolicyFactory()
        PolicyBenefitFactory(policy=policy, enterprise=EnterpriseFactory(org_unit=taozhou))
    for _ in range(size):
        PolicyBenefitFactory(policy=policy, enterprise=EnterpriseFactory(org_unit=taozhou))
    client.force_login(liaison)
    # session, user, the liaison's units for the menu, count, the page of policies with
    # their benefit counts and amounts (subqueries)
    with django_assert_num_queries(5):
        assert client.get(LIST_URL).status_code == 200
    # session, user, the liaison's units for the menu, the policy, the totals, the unit
    # choices of the filter, count, the page of benefits with enterprises and units
    with django_assert_num_queries(8):
        assert client.get(detail_url(policy)).status_code == 200
