"""plan_import and apply_import: what a file adds, updates and leaves alone, and how it is
written (all or nothing, in the history as the importer's)."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied

from enterprises.ledger import importer
from enterprises.ledger.importer import apply_import, plan_import
from enterprises.ledger.results import ImportRefused
from enterprises.models import (
    AnnualFigures,
    Enterprise,
    HteCertificate,
    PipelineEntry,
    PipelineMove,
    Stage,
    TechField,
    TechSmeRegistration,
    Track,
)
from tests.factories import AnnualFiguresFactory, EnterpriseFactory, make_uscc

from .conftest import (
    CERTIFICATE_HEADERS,
    ENTERPRISE_HEADERS,
    FIGURES_HEADERS,
    PIPELINE_HEADERS,
    REGISTRATION_HEADERS,
    actions,
    enterprise_row,
    figures_row,
    frozen,
    plan,
    read,
    where,
)

pytestmark = frozen
NEW = make_uscc(900001)


def full_file(uscc=NEW):
    return {
        "企业名录": [ENTERPRISE_HEADERS, enterprise_row(uscc)],
        "年度数据": [FIGURES_HEADERS, figures_row(uscc, 2023)],
        "高企证书": [CERTIFICATE_HEADERS, [uscc, "GR202434000001", "2024-01-10"]],
        "科小入库": [REGISTRATION_HEADERS, [uscc, 2024, "2024341882000001"]],
        "培育库": [PIPELINE_HEADERS, [uscc, "高企", 2024, "已认定/已入库"]],
    }


def test_a_new_enterprise_and_its_records_come_from_one_file(plan_year, staff_user):
    result = plan(full_file(), staff_user)
    assert where(result) == []
    assert actions(result) == [
        ("企业名录", 2, "create"),
        ("年度数据", 2, "create"),
        ("高企证书", 2, "create"),
        ("科小入库", 2, "create"),
        ("培育库", 2, "create"),
    ]
    assert not Enterprise.objects.exists()  # planning writes nothing

    apply_import(result, user=staff_user)

    enterprise = Enterprise.objects.get(uscc=NEW)
    assert (enterprise.name, enterprise.org_unit.name, enterprise.tech_field) == (
        "桃州新材料有限公司",
        "桃州镇",
        TechField.NEW_MATERIALS,
    )
    assert enterprise.registered_on == datetime.date(2015, 3, 1)
    assert enterprise.production_started_on == datetime.date(2016, 5, 1)
    assert enterprise.is_above_designated_size is True
    figures = AnnualFigures.objects.get(enterprise=enterprise, year=2023)
    assert (figures.sales_revenue, figures.total_costs, figures.rd_institution_level) == (
        Decimal("3000"),
        Decimal("2500.5"),
        "municipal",
    )
    certificate = HteCertificate.objects.get(number="GR202434000001")
    assert certificate.expires_on == datetime.date(2027, 1, 10)  # derived, as save() does
    assert TechSmeRegistration.objects.get(enterprise=enterprise).year == 2024
    entry = PipelineEntry.objects.get(enterprise=enterprise)
    assert (entry.track, entry.stage, entry.stage_changed_on) == (
        Track.HTE,
        Stage.RECOGNISED,
        datetime.date(2024, 6, 15),
    )
    move = PipelineMove.objects.get(entry=entry)
    assert (move.from_stage, move.to_stage, move.moved_by) == ("", Stage.RECOGNISED, staff_user)


def test_the_history_names_the_importer_and_the_file(plan_year, staff_user):
    apply_import(plan(full_file(), staff_user), user=staff_user)
    for model in (Enterprise, AnnualFigures, HteCertificate, TechSmeRegistration):
        record = model.history.get()
        assert (record.history_type, record.history_user) == ("+", staff_user)
        assert record.history_change_reason == "导入台账 台账.xlsx"


def test_importing_the_same_file_again_changes_nothing(plan_year, staff_user):
    apply_import(plan(full_file(), staff_user), user=staff_user)
    again = plan(full_file(), staff_user)
    assert where(again) == []
    assert {change.action for change in again.changes} == {"unchanged"}
    assert not again.has_changes
    assert again.counts["企业名录"] == {"create": 0, "update": 0, "unchanged": 1}
    assert Enterprise.objects.count() == 1


def test_an_update_lists_each_changed_field_old_and_new(staff_user, taozhou_enterprise):
    taozhou_enterprise.contact_phone = "13800000000"
    taozhou_enterprise.save()
    row = enterprise_row(
        taozhou_enterprise.uscc,
        name=taozhou_enterprise.name,
        技术领域="先进制造与自动化",
        联系电话="13900000000",
    )
    # Only the columns in the file count: the others are left as they are.
    sheets = {"企业名录": [[*ENTERPRISE_HEADERS[:3], "联系电话"], [*row[:3], row[8]]]}
    result = plan(sheets, staff_user)
    (change,) = result.changes
    assert (change.action, change.label) == ("update", "桃州测试科技有限公司")
    assert change.fields == (("联系电话", "13800000000", "13900000000"),)

    apply_import(result, user=staff_user)
    taozhou_enterprise.refresh_from_db()
    assert taozhou_enterprise.contact_phone == "13900000000"
    assert taozhou_enterprise.tech_field == TechField.ADVANCED_MANUFACTURING
    latest = taozhou_enterprise.history.first()
    assert (latest.history_type, latest.history_user) == ("~", staff_user)


def test_an_empty_cell_clears_the_field(staff_user, taozhou_enterprise):
    figures = AnnualFiguresFactory(enterprise=taozhou_enterprise, year=2023)
    row = figures_row(taozhou_enterprise.uscc, 2023, **{"二类知识产权数": None})
    result = plan({"年度数据": [FIGURES_HEADERS, row]}, staff_user)
    assert result.changes[0].fields[-1] == ("二类知识产权数", "3", "—")
    apply_import(result, user=staff_user)
    figures.refresh_from_db()
    assert figures.class2_ip_count is None


def test_a_row_with_only_its_key_is_skipped(staff_user, taozhou_enterprise):
    sheets = {
        "年度数据": [
            FIGURES_HEADERS,
            [taozhou_enterprise.uscc, 2024],
            figures_row(taozhou_enterprise.uscc, 2023),
            [],  # a blank line is not even a skipped row
        ]
    }
    result = plan(sheets, staff_user)
    assert where(result) == []
    assert [(item.sheet, item.row) for item in result.skipped] == [("年度数据", 2)]
    assert actions(result) == [("年度数据", 3, "create")]


def test_one_bad_row_and_nothing_is_written(staff_user, taozhou_enterprise):
    sheets = {
        "企业名录": [ENTERPRISE_HEADERS, enterprise_row(NEW)],
        "年度数据": [FIGURES_HEADERS, figures_row(NEW), figures_row(NEW, 2022, 职工总数="很多")],
    }
    result = plan(sheets, staff_user)
    assert where(result) == [("年度数据", 3, "职工总数")]
    with pytest.raises(ImportRefused):
        apply_import(result, user=staff_user)
    assert not Enterprise.objects.filter(uscc=NEW).exists()
    assert not AnnualFigures.objects.exists()


def test_a_plan_is_refused_when_the_records_changed_since_the_preview(
    staff_user, taozhou_enterprise
):
    row = enterprise_row(taozhou_enterprise.uscc, name="桃州改名科技有限公司")
    result = plan({"企业名录": [ENTERPRISE_HEADERS, row]}, staff_user)
    Enterprise.objects.filter(pk=taozhou_enterprise.pk).update(address="别处")
    with pytest.raises(ImportRefused) as refused:
        apply_import(result, user=staff_user)
    assert [error.message for error in refused.value.errors] == [
        "预览之后数据已有变动，因此未写入任何内容：请重新查看预览。"
    ]
    taozhou_enterprise.refresh_from_db()
    assert taozhou_enterprise.name == "桃州测试科技有限公司"


def test_a_leader_cannot_import(leader_user, staff_user, taozhou_enterprise):
    ledger = read({"企业名录": [ENTERPRISE_HEADERS, enterprise_row(NEW)]})
    with pytest.raises(PermissionDenied):
        plan_import(ledger, user=leader_user)
    staff_plan = plan_import(ledger, user=staff_user)
    staff_plan.user = leader_user
    with pytest.raises(PermissionDenied):
        apply_import(staff_plan, user=leader_user)
    assert not Enterprise.objects.filter(uscc=NEW).exists()


def test_the_cached_figures_are_invalidated(monkeypatch, staff_user, org_units):
    calls = []
    monkeypatch.setattr(importer.figures_cache, "invalidate", lambda: calls.append(1))
    apply_import(
        plan({"企业名录": [ENTERPRISE_HEADERS, enterprise_row(NEW)]}, staff_user), user=staff_user
    )
    assert calls == [1]


def test_ignored_sheets_and_columns_are_listed(staff_user, org_units):
    sheets = {
        "说明": [["填表说明"]],
        "企业名录": [[*ENTERPRISE_HEADERS, "备注"], [*enterprise_row(NEW), "重点企业"]],
    }
    result = plan(sheets, staff_user)
    assert [(item.sheet, item.column) for item in result.ignored] == [
        ("说明", None),
        ("企业名录", "备注"),
    ]
    assert where(result) == []


def test_a_unit_may_be_named_by_a_former_name_or_its_code(staff_user, org_units):
    rows = [enterprise_row(NEW, unit="卢村乡"), enterprise_row(make_uscc(900002), unit="341882201")]
    result = plan({"企业名录": [ENTERPRISE_HEADERS, *rows]}, staff_user)
    assert where(result) == []
    apply_import(result, user=staff_user)
    units = Enterprise.objects.order_by("uscc").values_list("org_unit__code", flat=True)
    assert list(units) == ["341882200", "341882201"]


def test_a_record_saved_between_the_check_and_the_writes_refuses_the_import(
    monkeypatch, staff_user, taozhou
):
    """The race the state check cannot see: the unique constraints refuse the writes."""
    result = plan(full_file(), staff_user)
    EnterpriseFactory(uscc=NEW, org_unit=taozhou, name="抢先保存的企业")
    monkeypatch.setattr(importer, "Lookups", lambda **kwargs: SimpleNamespace(state=result.state))
    with pytest.raises(ImportRefused) as refused:
        apply_import(result, user=staff_user)
    assert refused.value.errors[0].message.startswith("其他人刚刚保存了")
    assert Enterprise.objects.get().name == "抢先保存的企业"
    assert not AnnualFigures.objects.exists()
