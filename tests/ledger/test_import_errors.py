"""A bad value in each column of each sheet: the report names the sheet, the row and the
column, and nothing is written."""

import datetime

import pytest

from enterprises.ledger.importer import apply_import
from enterprises.ledger.results import ImportRefused
from enterprises.models import (
    AnnualFigures,
    Enterprise,
    HteCertificate,
    PipelineEntry,
    TechSmeRegistration,
)
from tests.factories import make_uscc

from .conftest import (
    CERTIFICATE_HEADERS,
    ENTERPRISE_HEADERS,
    FIGURES_HEADERS,
    PIPELINE_HEADERS,
    REGISTRATION_HEADERS,
    enterprise_row,
    figures_row,
    frozen,
    plan,
    where,
)

pytestmark = frozen
CODES = [make_uscc(800000 + n) for n in range(4)]
# A code whose check character is wrong (the right one for these 17 is CODES[0][-1]).
WRONG_CHECK = CODES[0][:17] + ("0" if CODES[0][-1] != "0" else "1")
MODELS = (Enterprise, AnnualFigures, HteCertificate, TechSmeRegistration, PipelineEntry)


def with_bad_row(sheet: str, headers: list[str], good_rows: list[list], bad_row: list) -> dict:
    """Four enterprises and their good rows, and the bad row as row 4 of `sheet`."""
    sheets = {
        "企业名录": [ENTERPRISE_HEADERS, *(enterprise_row(c, f"企业{c[-4:]}") for c in CODES)]
    }
    rows = [headers, *good_rows[:2], bad_row, *good_rows[2:]]
    if sheet == "企业名录":
        rows = [headers, *sheets["企业名录"][1:3], bad_row, *sheets["企业名录"][3:]]
    sheets[sheet] = rows
    return sheets


def enterprise_cells(header, value):
    row = enterprise_row(make_uscc(810000), "新企业")
    row[[h.rstrip("*") for h in ENTERPRISE_HEADERS].index(header)] = value
    return row


def figures_cells(header, value):
    row = figures_row(CODES[0], 2022)
    row[[h.rstrip("*") for h in FIGURES_HEADERS].index(header)] = value
    return row


ENTERPRISE_CASES = [
    ("统一社会信用代码", WRONG_CHECK),
    ("统一社会信用代码", None),
    ("企业名称", " "),
    ("所属乡镇园区", "火星镇"),
    ("技术领域", "量子计算"),
    ("成立日期", "2024-02-30"),
    ("投产日期", "2024-07-01"),  # tomorrow is the future
    ("是否规上工业企业", "也许"),
    ("联系人", "张" * 51),
    ("联系电话", "12345"),
    ("地址", "路" * 256),
]
FIGURES_CASES = [
    ("统一社会信用代码", make_uscc(820000)),  # no such enterprise
    ("年度", 2025),  # figures up to the current year only
    ("年度", 1999),
    ("年度", "去年"),
    ("营业收入(万元)", "-5"),
    ("主营业务收入(万元)", "12.345"),
    ("成本费用总额(万元)", "abc"),
    ("资产总额(万元)", 1e15),
    ("职工总数", 12.5),
    ("科技人员数", 101),  # more than the 100 employees
    ("研发费用(万元)", "-0.01"),
    ("境内研发费用(万元)", 200),  # more than the 180 of R&D
    ("高新技术产品收入(万元)", 5000),  # more than the sales
    ("研发机构级别", "县级"),
    ("是否建立研发辅助账", "有"),
    ("发明专利申请数", -1),
    ("一类知识产权数", "1.5"),
    ("二类知识产权数", "三"),
]


@pytest.mark.parametrize(("header", "value"), ENTERPRISE_CASES)
def test_a_bad_enterprise_cell(staff_user, org_units, header, value):
    sheets = with_bad_row("企业名录", ENTERPRISE_HEADERS, [], enterprise_cells(header, value))
    assert_refused(sheets, staff_user, ("企业名录", 4, header))


@pytest.mark.parametrize(("header", "value"), FIGURES_CASES)
def test_a_bad_figures_cell(staff_user, org_units, header, value):
    good = [figures_row(code) for code in CODES]
    row = figures_cells(header, value)
    if header in ("境内研发费用(万元)", "高新技术产品收入(万元)", "科技人员数"):
        row = figures_row(CODES[0], 2022, **{"研发费用(万元)": 180, header: value})
    sheets = with_bad_row("年度数据", FIGURES_HEADERS, good, row)
    assert_refused(sheets, staff_user, ("年度数据", 4, header))


@pytest.mark.parametrize(
    ("header", "row"),
    [
        ("统一社会信用代码", ["", "GR202434000009", "2024-01-10"]),
        ("证书编号", [CODES[0], "GR2024", "2024-01-10"]),
        ("证书编号", [CODES[0], None, "2024-01-10"]),
        ("发证日期", [CODES[0], "GR202434000009", "2024-06-16"]),  # the future
        ("发证日期", [CODES[0], "GR202434000009", "下周"]),
    ],
)
def test_a_bad_certificate_cell(staff_user, org_units, header, row):
    good = [[code, f"GR20243400000{n}", "2024-01-10"] for n, code in enumerate(CODES)]
    sheets = with_bad_row("高企证书", CERTIFICATE_HEADERS, good, row)
    assert_refused(sheets, staff_user, ("高企证书", 4, header))


@pytest.mark.parametrize(
    ("header", "row"),
    [
        ("统一社会信用代码", ["9134188200000000", 2024, "2024341882009999"]),
        ("入库年度", [CODES[0], 2026, "2024341882009999"]),  # this year + 1 at most
        ("入库年度", [CODES[0], "二〇二三", "2024341882009999"]),
        ("入库登记编号", [CODES[0], 2023, "2024-3418"]),
    ],
)
def test_a_bad_registration_cell(staff_user, org_units, header, row):
    good = [[code, 2024, f"202434188200000{n}"] for n, code in enumerate(CODES)]
    sheets = with_bad_row("科小入库", REGISTRATION_HEADERS, good, row)
    assert_refused(sheets, staff_user, ("科小入库", 4, header))


@pytest.mark.parametrize(
    ("header", "row"),
    [
        ("统一社会信用代码", [make_uscc(830000), "高企", 2024, "摸排"]),
        ("类别", [CODES[0], "专精特新", 2024, "摸排"]),
        ("年度", [CODES[0], "科小", 2031, "摸排"]),  # no plan for 2031
        ("阶段", [CODES[0], "科小", 2024, "完成"]),
        ("阶段", [CODES[0], "科小", 2024, "已认定/已入库"]),  # no registration for 2024
    ],
)
def test_a_bad_pipeline_cell(staff_user, plan_year, header, row):
    good = [[code, "高企", 2024, "入库培育"] for code in CODES]
    sheets = with_bad_row("培育库", PIPELINE_HEADERS, good, row)
    assert_refused(sheets, staff_user, ("培育库", 4, header))


def assert_refused(sheets, user, expected):
    result = plan(sheets, user)
    assert where(result) == [expected], result.errors
    assert result.errors[0].message
    with pytest.raises(ImportRefused):
        apply_import(result, user=user)
    assert not any(model.objects.exists() for model in MODELS)


# Duplicates inside one file ----------------------------------------------------------------


def test_a_code_twice_in_one_sheet_is_an_error_on_both_rows(staff_user, org_units):
    sheets = {
        "企业名录": [
            ENTERPRISE_HEADERS,
            enterprise_row(CODES[0], "甲公司"),
            enterprise_row(CODES[1], "乙公司"),
            # The same code as row 2, typed with a space and in lower case.
            enterprise_row(CODES[0][:9] + " " + CODES[0][9:].lower(), "丙公司"),
        ]
    }
    result = plan(sheets, staff_user)
    assert where(result) == [
        ("企业名录", 2, "统一社会信用代码"),
        ("企业名录", 4, "统一社会信用代码"),
    ]
    assert "4" in result.errors[0].message
    assert "2" in result.errors[1].message
    assert [change.row for change in result.changes] == [3]


def test_a_code_and_year_twice_in_the_figures_is_an_error(staff_user, taozhou_enterprise):
    uscc = taozhou_enterprise.uscc
    sheets = {
        "年度数据": [
            FIGURES_HEADERS,
            figures_row(uscc, 2023),
            figures_row(uscc, 2022),
            figures_row(uscc, 2023),
        ]
    }
    assert where(plan(sheets, staff_user)) == [
        ("年度数据", 2, "统一社会信用代码"),
        ("年度数据", 4, "统一社会信用代码"),
    ]


def test_a_registration_number_twice_is_an_error(staff_user, org_units):
    sheets = {
        "企业名录": [ENTERPRISE_HEADERS, *(enterprise_row(c, f"企业{c[-4:]}") for c in CODES[:2])],
        "科小入库": [
            REGISTRATION_HEADERS,
            [CODES[0], 2024, "2024341882000001"],
            [CODES[1], 2024, "2024341882000001"],
        ],
    }
    assert where(plan(sheets, staff_user)) == [
        ("科小入库", 2, "入库登记编号"),
        ("科小入库", 3, "入库登记编号"),
    ]


def test_a_number_held_by_another_enterprise_is_an_error(staff_user, taozhou_enterprise):
    HteCertificate.objects.create(
        enterprise=taozhou_enterprise,
        number="GR202434000001",
        issued_on=datetime.date(2023, 11, 30),
    )
    sheets = {
        "企业名录": [ENTERPRISE_HEADERS, enterprise_row(CODES[0])],
        "高企证书": [CERTIFICATE_HEADERS, [CODES[0], "GR202434000001", "2023-11-30"]],
    }
    result = plan(sheets, staff_user)
    assert where(result) == [("高企证书", 2, "证书编号")]
    assert "桃州测试科技有限公司" in result.errors[0].message


def test_the_later_rows_of_a_refused_enterprise_are_refused_too(staff_user, org_units):
    sheets = {
        "企业名录": [ENTERPRISE_HEADERS, enterprise_row(CODES[0], 联系电话="12345")],
        "年度数据": [FIGURES_HEADERS, figures_row(CODES[0])],
    }
    assert where(plan(sheets, staff_user)) == [
        ("企业名录", 2, "联系电话"),
        ("年度数据", 2, "统一社会信用代码"),
    ]


def test_the_later_rows_of_a_code_given_twice_are_refused_too(staff_user, org_units):
    sheets = {
        "企业名录": [ENTERPRISE_HEADERS, enterprise_row(CODES[0]), enterprise_row(CODES[0])],
        "年度数据": [FIGURES_HEADERS, figures_row(CODES[0])],
    }
    result = plan(sheets, staff_user)
    assert where(result) == [
        ("企业名录", 2, "统一社会信用代码"),
        ("企业名录", 3, "统一社会信用代码"),
        ("年度数据", 2, "统一社会信用代码"),
    ]
    assert result.errors[2].message == "该企业在企业名录中的行（第2行）有错误。"
