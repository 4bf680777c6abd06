"""Every list exports to Excel with the page's filters: all matching rows, none of the
others, in the user's scope, text that looks like a formula kept as text."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from enterprises.models import HelpActivity, HelpItem, PipelineEntry, Stage, Track
from guangde_plan.models import PlanYear
from tests.factories import (
    AnnualFiguresFactory,
    EnterpriseFactory,
    HteCertificateFactory,
)

D = datetime.date


def rows(response) -> list[tuple]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return list(book.active.iter_rows(values_only=True))


def _entry(enterprise, track=Track.HTE, stage=Stage.SURVEYED):
    return PipelineEntry.objects.create(
        enterprise=enterprise,
        track=track,
        plan_year=PlanYear.objects.get(year=2024),
        stage=stage,
        stage_changed_on=D(2024, 3, 1),
    )


def test_the_pipeline_ledger_exports_the_filtered_rows(client, staff_user, plan_year, taozhou):
    hte = _entry(EnterpriseFactory(org_unit=taozhou, name="高企培育企业"))
    _entry(EnterpriseFactory(org_unit=taozhou, name="科小培育企业"), track=Track.TECH_SME)
    client.force_login(staff_user)
    table = rows(
        client.get(reverse("enterprises:pipeline_ledger"), {"track": "hte", "format": "xlsx"})
    )
    assert table[0][:3] == ("信用代码", "企业", "乡镇园区")
    assert [row[:2] for row in table[1:]] == [(hte.enterprise.uscc, "高企培育企业")]
    assert table[1][5] == "摸排"


def test_a_liaison_exports_only_their_units_rows(client, liaison, plan_year, taozhou, xinhang):
    _entry(EnterpriseFactory(org_unit=taozhou))
    _entry(EnterpriseFactory(org_unit=xinhang))
    client.force_login(liaison)
    table = rows(client.get(reverse("enterprises:pipeline_ledger"), {"format": "xlsx"}))
    assert [row[2] for row in table[1:]] == ["桃州镇"]


def test_help_items_keep_formula_like_text_as_text(client, staff_user, taozhou):
    enterprise = EnterpriseFactory(org_unit=taozhou, name='=HYPERLINK("http://x")')
    HelpItem.objects.create(
        enterprise=enterprise, kind="problem", problem="+86 用工难", raised_on=D(2024, 3, 1)
    )
    client.force_login(staff_user)
    response = client.get(reverse("enterprises:help_item_list"), {"format": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.active
    name, problem = sheet["B2"], sheet["E2"]
    assert (name.value, name.data_type) == ('=HYPERLINK("http://x")', "s")
    assert (problem.value, problem.data_type) == ("+86 用工难", "s")
    assert name.quotePrefix and problem.quotePrefix


def test_help_activities_export_with_partners_and_counts(client, staff_user, taozhou):
    activity = HelpActivity.objects.create(
        kind="training",
        title="政策培训",
        held_on=D(2024, 3, 1),
        org_unit=taozhou,
        with_tax_office=True,
    )
    activity.enterprises.add(
        EnterpriseFactory(org_unit=taozhou), EnterpriseFactory(org_unit=taozhou)
    )
    client.force_login(staff_user)
    table = rows(client.get(reverse("enterprises:help_activity_list"), {"format": "xlsx"}))
    assert table[1][0] == datetime.datetime(2024, 3, 1)
    assert table[1][1:4] == ("政策培训", "培训", "桃州镇")
    assert table[1][5] == "税务部门"
    assert table[1][6] == 2


def test_expiring_certificates_export_for_the_year(client, leader_user, plan_year, taozhou):
    enterprise = EnterpriseFactory(org_unit=taozhou)
    HteCertificateFactory(enterprise=enterprise, number="GR202134000001", issued_on=D(2021, 10, 1))
    client.force_login(leader_user)
    table = rows(client.get(reverse("enterprises:hte_expiring"), {"year": 2024, "format": "xlsx"}))
    assert [row[3] for row in table[1:]] == ["GR202134000001"]
    assert table[1][6] == "未纳入培育库"


def test_candidates_export_their_ranking(client, staff_user, plan_year, taozhou):
    enterprise = EnterpriseFactory(org_unit=taozhou)
    AnnualFiguresFactory(enterprise=enterprise, year=2023)
    client.force_login(staff_user)
    table = rows(
        client.get(reverse("enterprises:candidates", args=["tech_sme"]), {"format": "xlsx"})
    )
    assert table[0][:3] == ("排名", "信用代码", "企业")
    assert [row[1] for row in table[1:]] == [enterprise.uscc]


@pytest.mark.parametrize("count", [3, 30])
def test_an_export_runs_the_same_queries_whatever_the_rows(
    client, staff_user, plan_year, taozhou, django_assert_num_queries, count
):
    for _n in range(count):
        _entry(EnterpriseFactory(org_unit=taozhou))
    client.force_login(staff_user)
    # session, user; the plan years (the filter's year choices); the entries with their
    # enterprise, unit and plan year (the filter's unit choices are not needed unless
    # the page is filtered by unit)
    with django_assert_num_queries(4):
        table = rows(client.get(reverse("enterprises:pipeline_ledger"), {"format": "xlsx"}))
    assert len(table) == count + 1


def test_the_registry_exports_in_the_ledger_format_and_imports_back_unchanged(
    client, liaison, taozhou, xinhang
):
    from enterprises.ledger.importer import plan_import
    from enterprises.ledger.reading import read_ledger

    own = EnterpriseFactory(
        org_unit=taozhou, name="=SUM(A1) 科技公司", is_above_designated_size=True
    )
    EnterpriseFactory(org_unit=taozhou, name="普通科技公司")
    EnterpriseFactory(org_unit=xinhang)
    client.force_login(liaison)
    response = client.get(reverse("enterprises:list"), {"above_size": "true", "format": "xlsx"})
    table = rows(response)
    assert table[0][:3] == ("统一社会信用代码*", "企业名称*", "所属乡镇园区*")
    assert [row[:3] for row in table[1:]] == [(own.uscc, "=SUM(A1) 科技公司", "桃州镇")]
    plan = plan_import(read_ledger(io.BytesIO(response.content), filename="x.xlsx"), user=liaison)
    assert plan.errors == []
    assert [change.action for change in plan.changes] == ["unchanged"]
