"""The finance section of the enterprise page: its loans and pledges, policy benefits and
statistics reports, with add links for those who may write."""

import pytest
from django.urls import reverse

from enterprises import sections_finance

from .factories import FinanceRecordFactory, PolicyBenefitFactory, StatisticsReportFactory


def url(enterprise):
    return reverse("enterprises:detail", kwargs={"enterprise_id": enterprise.pk})


def test_the_section_lists_the_enterprises_records(client, liaison, taozhou_enterprise):
    record = FinanceRecordFactory(enterprise=taozhou_enterprise, bank="广德农商行")
    benefit = PolicyBenefitFactory(enterprise=taozhou_enterprise)
    report = StatisticsReportFactory(enterprise=taozhou_enterprise, year=2024)
    FinanceRecordFactory(bank="别家的银行")  # another enterprise
    client.force_login(liaison)
    response = client.get(url(taozhou_enterprise))
    assert response.context["finance_records"] == [record]
    assert response.context["policy_benefits"] == [benefit]
    assert response.context["statistics_reports"] == [report]
    page = response.content.decode()
    assert 'data-testid="finance-section"' in page
    assert reverse("enterprises:finance_create", args=[taozhou_enterprise.pk]) in page
    assert reverse("enterprises:policy_benefit_create", args=[taozhou_enterprise.pk]) in page
    assert "别家的银行" not in page


def test_leaders_get_no_add_links(client, leader_user, taozhou_enterprise):
    client.force_login(leader_user)
    page = client.get(url(taozhou_enterprise)).content.decode()
    assert 'data-testid="finance-section"' in page
    assert reverse("enterprises:finance_create", args=[taozhou_enterprise.pk]) not in page


@pytest.mark.parametrize("size", [1, 20])
def test_the_section_takes_three_queries_however_many_records(
    staff_user, taozhou_enterprise, django_assert_num_queries, size
):
    for number in range(size):
        FinanceRecordFactory(enterprise=taozhou_enterprise)
        PolicyBenefitFactory(enterprise=taozhou_enterprise)
        StatisticsReportFactory(enterprise=taozhou_enterprise, year=2000 + number)
    # finance records, policy benefits with their policies, the latest statistics reports
    with django_assert_num_queries(3):
        context = sections_finance.detail_context(enterprise=taozhou_enterprise, user=staff_user)
    assert len(context["finance_records"]) == size
    assert len(context["statistics_reports"]) == min(size, sections_finance.LATEST_REPORTS)
    assert context["statistics_reports"][0].year == 2000 + size - 1
