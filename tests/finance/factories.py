"""Factories for the finance, white-list, statistics and policy tests."""

import datetime
import io
from decimal import Decimal

import factory
import openpyxl

from enterprises.models import FinanceRecord, Policy, PolicyBenefit, StatisticsReport, WhiteList
from tests.factories import EnterpriseFactory


class FinanceRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinanceRecord

    enterprise = factory.SubFactory(EnterpriseFactory)
    kind = FinanceRecord.Kind.TECH_LOAN
    bank = "徽商银行广德支行"
    amount = Decimal("100")
    started_on = datetime.date(2024, 3, 1)
    status = FinanceRecord.Status.GRANTED


class WhiteListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WhiteList

    title = factory.Sequence(lambda n: f"白名单{n}")
    as_of = datetime.date(2024, 6, 1)


class StatisticsReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatisticsReport

    enterprise = factory.SubFactory(EnterpriseFactory)
    year = 2024


class PolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Policy

    title = factory.Sequence(lambda n: f"科技创新政策{n}")
    issuer = "广德市人民政府"
    issued_on = datetime.date(2024, 1, 10)


class PolicyBenefitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyBenefit

    policy = factory.SubFactory(PolicyFactory)
    enterprise = factory.SubFactory(EnterpriseFactory)
    amount = Decimal("10")
    granted_on = datetime.date(2024, 5, 1)


def xlsx_rows(response) -> list[tuple]:
    """The rows of an exported workbook's first sheet, its header row first."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return list(book.active.iter_rows(values_only=True))
