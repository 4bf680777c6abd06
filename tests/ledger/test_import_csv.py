"""One sheet alone as a CSV file, as Excel saves it: GBK on Chinese Windows, or UTF-8."""

import csv
import io
from decimal import Decimal

import pytest

from enterprises.ledger.importer import apply_import, plan_import
from enterprises.ledger.reading import read_ledger
from enterprises.models import AnnualFigures, Enterprise
from tests.factories import make_uscc

from .conftest import ENTERPRISE_HEADERS, FIGURES_HEADERS, enterprise_row, figures_row, frozen

pytestmark = frozen
CODE = make_uscc(400001)


def csv_bytes(rows, encoding: str) -> bytes:
    text = io.StringIO(newline="")
    csv.writer(text).writerows(rows)
    return text.getvalue().encode(encoding)


@pytest.mark.parametrize("encoding", ["gbk", "utf-8", "utf-8-sig"])
def test_a_csv_sheet_imports(staff_user, org_units, encoding):
    name = "广德市桃州镇“示范”新材料有限公司"
    enterprises = csv_bytes([ENTERPRISE_HEADERS, enterprise_row(CODE, name)], encoding)
    plan = plan_import(
        read_ledger(io.BytesIO(enterprises), filename="企业名录.csv"), user=staff_user
    )
    assert plan.errors == []
    apply_import(plan, user=staff_user)
    assert Enterprise.objects.get(uscc=CODE).name == name

    row = figures_row(CODE, 2023, **{"营业收入(万元)": "12,345.6", "研发机构级别": "省级"})
    figures = csv_bytes([FIGURES_HEADERS, row], encoding)
    plan = plan_import(read_ledger(io.BytesIO(figures), filename="data.csv"), user=staff_user)
    assert plan.errors == []
    apply_import(plan, user=staff_user)
    stored = AnnualFigures.objects.get()
    assert (stored.sales_revenue, stored.rd_institution_level) == (Decimal("12345.6"), "provincial")


def test_a_bad_cell_in_a_csv_file_names_its_line(staff_user, org_units):
    rows = [
        ENTERPRISE_HEADERS,
        enterprise_row(CODE),
        enterprise_row(make_uscc(400002), 成立日期="2024-13-01"),
    ]
    plan = plan_import(
        read_ledger(io.BytesIO(csv_bytes(rows, "gbk")), filename="a.csv"), user=staff_user
    )
    assert [(e.sheet, e.row, e.column) for e in plan.errors] == [("企业名录", 3, "成立日期")]
