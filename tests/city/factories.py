"""Factories of the innovative-city records. Notices are numbered by the service, as in
the app: `issue_notice` issues one through services.notice_issue."""

import datetime
import io
from decimal import Decimal

import factory
import openpyxl

from guangde_plan.models import PlanYear
from platforms.models import Department, Indicator, IndicatorGroup, IndicatorValue, Notice
from platforms.services import notice_issue


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试局{n}")
    contact_person = "张科长"
    contact_phone = "0563-6012345"
    email = factory.Sequence(lambda n: f"unit{n}@example.gov.cn")


class IndicatorFactory(factory.django.DjangoModelFactory):
    """An indicator of the 2024 plan (the `plan_year` fixture must have run) in the first
    line of work (补短板)."""

    class Meta:
        model = Indicator

    plan_year = factory.LazyFunction(lambda: PlanYear.objects.get(year=2024))
    group = factory.LazyFunction(lambda: IndicatorGroup.objects.order_by("sort_order").first())
    name = factory.Sequence(lambda n: f"测试指标{n}")
    department = factory.SubFactory(DepartmentFactory)
    target = Decimal("10")
    unit = "%"


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    as_of = datetime.date(2024, 3, 1)
    value = Decimal("5")


def issue_notice(
    *,
    department=None,
    indicators=(),
    issued_on=datetime.date(2024, 3, 1),
    due_on=datetime.date(2024, 3, 20),
    plan_year=None,
    subject="报送研发投入数据",
    by=None,
) -> Notice:
    indicators = list(indicators)
    if plan_year is None:
        plan_year = indicators[0].plan_year if indicators else PlanYear.objects.get(year=2024)
    return notice_issue(
        notice=Notice(
            department=department or DepartmentFactory(),
            plan_year=plan_year,
            subject=subject,
            content="请于期限前报送。",
            issued_on=issued_on,
            due_on=due_on,
        ),
        indicators=indicators,
        by=by,
    )


def xlsx_rows(response) -> list[tuple]:
    """The rows of an exported workbook's first sheet, its header row first."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(
        openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    )
