"""Helpers for the ledger tests: workbooks and CSV files built in memory, and plans."""

import datetime
import io

import openpyxl
import pytest

from enterprises.ledger.importer import plan_import
from enterprises.ledger.reading import read_ledger

# "Today" for the ledger tests: 15 June 2024, Beijing time.
TODAY = datetime.datetime(2024, 6, 15, 4, tzinfo=datetime.UTC)
frozen = pytest.mark.time_machine(TODAY, tick=False)

ENTERPRISE_HEADERS = [
    "统一社会信用代码*",
    "企业名称*",
    "所属乡镇园区*",
    "技术领域",
    "成立日期",
    "投产日期",
    "是否规上工业企业",
    "联系人",
    "联系电话",
    "地址",
]
FIGURES_HEADERS = [
    "统一社会信用代码*",
    "年度*",
    "营业收入(万元)",
    "主营业务收入(万元)",
    "成本费用总额(万元)",
    "资产总额(万元)",
    "职工总数",
    "科技人员数",
    "研发费用(万元)",
    "境内研发费用(万元)",
    "高新技术产品收入(万元)",
    "研发机构级别",
    "是否建立研发辅助账",
    "发明专利申请数",
    "一类知识产权数",
    "二类知识产权数",
]
CERTIFICATE_HEADERS = ["统一社会信用代码*", "证书编号*", "发证日期*"]
REGISTRATION_HEADERS = ["统一社会信用代码*", "入库年度*", "入库登记编号*"]
PIPELINE_HEADERS = ["统一社会信用代码*", "类别*", "年度*", "阶段*"]


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    """A workbook with one sheet per entry: its rows, the header first."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        worksheet = workbook.create_sheet(name)
        for row in rows:
            worksheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read(sheets: dict[str, list[list]], filename: str = "台账.xlsx"):
    return read_ledger(io.BytesIO(xlsx_bytes(sheets)), filename=filename)


def plan(sheets: dict[str, list[list]], user):
    return plan_import(read(sheets), user=user)


def where(plan) -> list[tuple[str, int, str]]:
    """The plan's errors as (sheet, row, column)."""
    return [(error.sheet, error.row, error.column) for error in plan.errors]


def actions(plan) -> list[tuple[str, int, str]]:
    return [(change.sheet, change.row, change.action) for change in plan.changes]


def enterprise_row(uscc, name="桃州新材料有限公司", unit="桃州镇", **cells):
    values = {
        "技术领域": "新材料",
        "成立日期": "2015-03-01",
        "投产日期": "2016/5/1",
        "是否规上工业企业": "是",
        "联系人": "张三",
        "联系电话": "0563-6012345",
        "地址": "桃州镇工业园",
        **cells,
    }
    return [uscc, name, unit, *(values[h] for h in ENTERPRISE_HEADERS[3:])]


def figures_row(uscc, year=2023, **cells):
    values = {
        "营业收入(万元)": "3,000",
        "主营业务收入(万元)": 2900,
        "成本费用总额(万元)": 2500.5,
        "资产总额(万元)": 4000,
        "职工总数": 100,
        "科技人员数": 20,
        "研发费用(万元)": 180,
        "境内研发费用(万元)": 170,
        "高新技术产品收入(万元)": 2000,
        "研发机构级别": "市级",
        "是否建立研发辅助账": "是",
        "发明专利申请数": 2,
        "一类知识产权数": 1,
        "二类知识产权数": 3,
        **cells,
    }
    return [uscc, year, *(values[h.rstrip("*")] for h in FIGURES_HEADERS[2:])]
