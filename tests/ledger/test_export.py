"""Export, township template, rejected rows and plain list workbooks."""

import datetime
import io
import zipfile
from decimal import Decimal

import openpyxl

from enterprises.ledger.importer import plan_import
from enterprises.ledger.reading import read_ledger
from enterprises.ledger.writing import (
    export_ledger,
    rejected_rows_workbook,
    township_template,
    workbook_bytes,
    xlsx_from_rows,
)
from enterprises.models import RdInstitutionLevel, Stage, TechField, Track
from enterprises.services import pipeline_start
from tests.factories import (
    AnnualFiguresFactory,
    EnterpriseFactory,
    HteCertificateFactory,
    TechSmeRegistrationFactory,
)

from .conftest import FIGURES_HEADERS, figures_row, frozen, plan

pytestmark = frozen
D = datetime.date
FORMULAS = {
    "name": '=HYPERLINK("http://example.com","点我")',
    "address": "@SUM(1+1)",
    "contact_person": "-张三",
    "contact_phone": "+8613800000000",
}


def read_back(workbook, filename="台账.xlsx"):
    return read_ledger(io.BytesIO(workbook_bytes(workbook)), filename=filename)


def ledger_records(taozhou, xinhang, plan_year, user):
    tricky = EnterpriseFactory(
        org_unit=taozhou,
        tech_field=TechField.BIOMEDICINE,
        registered_on=D(2010, 1, 31),
        production_started_on=D(2011, 2, 28),
        is_above_designated_size=True,
        **FORMULAS,
    )
    plain = EnterpriseFactory(org_unit=taozhou, name="桃州空白有限公司", tech_field="")
    other = EnterpriseFactory(org_unit=xinhang, name="新杭导出有限公司")
    for year in (2022, 2023, 2024):
        AnnualFiguresFactory(
            enterprise=tricky,
            year=year,
            sales_revenue=Decimal("123456789012.34"),
            total_costs=Decimal("0.01"),
            rd_institution_level=RdInstitutionLevel.PROVINCIAL,
            has_rd_ledger=True,
        )
    AnnualFiguresFactory(enterprise=plain, year=2023, employees=None, tech_staff=None)
    AnnualFiguresFactory(enterprise=other, year=2023)
    HteCertificateFactory(enterprise=tricky, number="GR202134000001", issued_on=D(2021, 12, 1))
    HteCertificateFactory(enterprise=tricky, number="GR202034000001", issued_on=D(2020, 6, 1))
    HteCertificateFactory(enterprise=other, number="GR202434000001", issued_on=D(2024, 3, 1))
    TechSmeRegistrationFactory(enterprise=plain, year=2023)
    TechSmeRegistrationFactory(enterprise=plain, year=2024)
    TechSmeRegistrationFactory(enterprise=other, year=2022)
    for enterprise, track, stage in [
        (tricky, Track.HTE, Stage.APPLIED),
        (plain, Track.TECH_SME, Stage.RECOGNISED),
        (other, Track.HTE, Stage.SURVEYED),
    ]:
        pipeline_start(
            enterprise=enterprise,
            track=track,
            plan_year=plan_year,
            stage=stage,
            on=D(2024, 3, 1),
            by=user,
        )
    return tricky, plain, other


def test_an_export_imports_back_as_no_changes(staff_user, taozhou, xinhang, plan_year):
    ledger_records(taozhou, xinhang, plan_year, staff_user)
    ledger = read_back(export_ledger(year=2024))
    assert {data.sheet.name: len(data.rows) for data in ledger.sheets} == {
        "企业名录": 3,
        "年度数据": 4,  # 2023 and 2024, not 2022
        "高企证书": 2,  # valid during 2024: not the one that expired in 2023
        "科小入库": 2,  # 2023 and 2024, not 2022
        "培育库": 3,
    }
    result = plan_import(ledger, user=staff_user)
    assert result.errors == []
    assert result.skipped == []
    assert {change.action for change in result.changes} == {"unchanged"}
    assert len(result.changes) == 14


def test_formula_like_text_is_written_as_text(staff_user, taozhou, xinhang, plan_year):
    ledger_records(taozhou, xinhang, plan_year, staff_user)
    data = workbook_bytes(export_ledger(year=2024))
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml  # no formula anywhere
    worksheet = openpyxl.load_workbook(io.BytesIO(data))["企业名录"]
    row = next(r for r in worksheet.iter_rows(min_row=2) if r[1].value == FORMULAS["name"])
    for cell in (row[1], row[7], row[8], row[9]):  # name, contact, phone, address
        assert cell.data_type == "s"
        assert cell.quotePrefix, cell.value
    # Read back, the text is what was stored (the import above says "no changes" too).
    values = read_ledger(io.BytesIO(data), filename="a.xlsx").get("企业名录").rows[0].values
    assert [values[h] for h in ("企业名称", "联系人", "联系电话", "地址")] == [
        FORMULAS["name"],
        FORMULAS["contact_person"],
        FORMULAS["contact_phone"],
        FORMULAS["address"],
    ]


def test_an_export_of_some_units(staff_user, taozhou, xinhang, plan_year):
    ledger_records(taozhou, xinhang, plan_year, staff_user)
    ledger = read_back(export_ledger(year=2024, org_units=[xinhang]))
    names = [row.values["企业名称"] for row in ledger.get("企业名录").rows]
    assert names == ["新杭导出有限公司"]
    assert len(ledger.get("高企证书").rows) == 1


def test_a_township_template_has_an_empty_row_per_enterprise_for_the_year(
    staff_user, taozhou, xinhang, plan_year
):
    tricky, plain, _other = ledger_records(taozhou, xinhang, plan_year, staff_user)
    ledger = read_back(township_template(org_unit=taozhou, year=2024))
    figures = [
        (row.values["统一社会信用代码"], row.values["年度"]) for row in ledger.get("年度数据").rows
    ]
    # Last year's figures and this year's where recorded, then a key-only row for the one
    # enterprise without figures for 2024.
    assert sorted(figures) == sorted(
        [(tricky.uscc, 2023), (tricky.uscc, 2024), (plain.uscc, 2023), (plain.uscc, 2024)]
    )
    result = plan_import(ledger, user=staff_user)
    assert result.errors == []
    assert {change.action for change in result.changes} == {"unchanged"}
    assert [(item.sheet, item.row) for item in result.skipped] == [("年度数据", 5)]


def test_the_rejected_rows_come_back_with_their_values_and_reasons(staff_user, taozhou_enterprise):
    uscc = taozhou_enterprise.uscc
    rows = [
        figures_row(uscc, 2023),
        figures_row(uscc, 2022, **{"职工总数": 12.5, "营业收入(万元)": "-5"}),
        figures_row(uscc, 2021, **{"研发机构级别": "县级"}),
    ]
    result = plan({"年度数据": [FIGURES_HEADERS, *rows]}, staff_user)
    workbook = openpyxl.load_workbook(
        io.BytesIO(workbook_bytes(rejected_rows_workbook(result, result.ledger)))
    )
    worksheet = workbook["年度数据"]
    values = list(worksheet.values)
    assert values[0] == (*FIGURES_HEADERS, "错误原因")
    # Every row of the file, in its order (so row numbers match the report); nothing was
    # written, so the good rows must come back too.
    assert [row[1] for row in values[1:]] == [2023, 2022, 2021]
    assert values[1][-1] is None
    assert values[2][2] == "-5"  # as typed, and as text
    assert worksheet.cell(row=3, column=3).quotePrefix
    assert values[2][6] == 12.5
    assert values[2][-1].startswith("营业收入(万元)：")
    assert "职工总数：" in values[2][-1]
    assert values[3][-1].startswith("研发机构级别：")
    # The refused rows are shaded; the header has filter buttons to list them alone.
    shaded = [row[0].fill.fgColor.rgb for row in worksheet.iter_rows(min_row=2)]
    assert shaded == ["00000000", "00FFC7CE", "00FFC7CE"]
    assert worksheet.auto_filter.ref == "A1:Q4"
    # Corrected and uploaded again, the reasons column is ignored.
    again = read_ledger(
        io.BytesIO(workbook_bytes(rejected_rows_workbook(result, result.ledger))), filename="r.xlsx"
    )
    assert again.get("年度数据").ignored_columns == ["错误原因"]


def test_a_list_workbook(org_units):
    workbook = xlsx_from_rows(
        "企业清单",
        ["名称", "日期", "金额", "人数"],
        [["=cmd|' /C calc'!A0", D(2024, 3, 1), Decimal("1234.50"), 12], ["普通", None, None, 0]],
    )
    worksheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes(workbook)))["企业清单"]
    assert worksheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in worksheet[1])
    name, day, amount, count = worksheet[2]
    assert (name.value, name.data_type, name.quotePrefix) == ("=cmd|' /C calc'!A0", "s", True)
    assert day.is_date and day.value == datetime.datetime(2024, 3, 1)
    assert (amount.data_type, amount.value) == ("n", 1234.5)
    assert count.value == 12
    assert worksheet.column_dimensions["A"].width >= 8
