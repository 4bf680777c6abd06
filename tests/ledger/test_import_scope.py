"""A liaison imports only their own units' rows; a leader imports nothing."""

import pytest
from django.core.exceptions import PermissionDenied

from enterprises.ledger.importer import apply_import
from enterprises.models import AnnualFigures, Enterprise
from tests.factories import make_uscc

from .conftest import (
    ENTERPRISE_HEADERS,
    FIGURES_HEADERS,
    enterprise_row,
    figures_row,
    frozen,
    plan,
    where,
)

pytestmark = frozen
NEW = make_uscc(700001)


def test_a_liaison_imports_their_units_rows(liaison, taozhou_enterprise):
    sheets = {
        "企业名录": [ENTERPRISE_HEADERS, enterprise_row(NEW, unit="341882100")],  # by code
        "年度数据": [
            FIGURES_HEADERS,
            figures_row(NEW, 2023),
            figures_row(taozhou_enterprise.uscc, 2023),
        ],
    }
    result = plan(sheets, liaison)
    assert where(result) == []
    apply_import(result, user=liaison)
    assert Enterprise.objects.get(uscc=NEW).org_unit.name == "桃州镇"
    assert AnnualFigures.objects.count() == 2
    assert Enterprise.history.get(uscc=NEW).history_user == liaison


def test_a_liaison_cannot_add_an_enterprise_to_another_unit(liaison, xinhang):
    result = plan({"企业名录": [ENTERPRISE_HEADERS, enterprise_row(NEW, unit="新杭镇")]}, liaison)
    assert where(result) == [("企业名录", 2, "所属乡镇园区")]
    assert "新杭镇" in result.errors[0].message


def test_a_liaison_cannot_change_another_units_enterprise(liaison, xinhang_enterprise):
    uscc = xinhang_enterprise.uscc
    sheets = {
        "企业名录": [ENTERPRISE_HEADERS, enterprise_row(uscc, unit="桃州镇")],
        "年度数据": [FIGURES_HEADERS, figures_row(uscc, 2023)],
    }
    result = plan(sheets, liaison)
    assert where(result) == [
        ("企业名录", 2, "统一社会信用代码"),
        ("年度数据", 2, "统一社会信用代码"),
    ]
    assert all("新杭镇" in error.message for error in result.errors)


def test_a_liaison_cannot_move_their_enterprise_out_of_their_units(
    liaison, taozhou_enterprise, xinhang
):
    row = enterprise_row(taozhou_enterprise.uscc, taozhou_enterprise.name, unit="新杭镇")
    assert where(plan({"企业名录": [ENTERPRISE_HEADERS, row]}, liaison)) == [
        ("企业名录", 2, "所属乡镇园区")
    ]


def test_the_outsider_is_refused_the_other_units_rows(outsider, taozhou_enterprise):
    row = figures_row(taozhou_enterprise.uscc, 2023)
    assert where(plan({"年度数据": [FIGURES_HEADERS, row]}, outsider)) == [
        ("年度数据", 2, "统一社会信用代码")
    ]


def test_bureau_staff_may_move_an_enterprise(staff_user, taozhou_enterprise, xinhang):
    row = enterprise_row(taozhou_enterprise.uscc, taozhou_enterprise.name, unit="新杭镇")
    result = plan({"企业名录": [ENTERPRISE_HEADERS, row]}, staff_user)
    assert ("所属乡镇园区", "桃州镇", "新杭镇") in result.changes[0].fields
    apply_import(result, user=staff_user)
    taozhou_enterprise.refresh_from_db()
    assert taozhou_enterprise.org_unit == xinhang


def test_a_leader_cannot_even_preview(leader_user, org_units):
    with pytest.raises(PermissionDenied):
        plan({"企业名录": [ENTERPRISE_HEADERS, enterprise_row(NEW)]}, leader_user)
