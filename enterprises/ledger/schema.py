"""The ledger (台账) workbook: five sheets, their columns and their keys.

The file format is Chinese whatever the interface language: sheet names, headers and the
labels of choices are fixed strings here, not translations (a file written by a user who
reads English must still import for one who reads Chinese). The choice labels are those of
the zh_Hans catalogue; a test keeps the two in step.

Keys, from the models' unique constraints: an enterprise by its credit code; annual figures
by code and year (one per enterprise and year); a certificate by its number (the only
unique thing about it); a tech-SME registration by code and registration year (one per
enterprise and year), so that a corrected registration number updates the row instead of
colliding with it; a pipeline entry by code, track and plan year.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from functools import cached_property

from django import forms

from enterprises.forms_figures import AnnualFiguresForm
from enterprises.models import (
    AnnualFigures,
    Enterprise,
    HteCertificate,
    PipelineEntry,
    RdInstitutionLevel,
    Stage,
    TechField,
    TechSmeRegistration,
    Track,
)

from . import cells

YES_LABEL, NO_LABEL = "是", "否"

TECH_FIELD_LABELS = {
    TechField.ELECTRONIC_INFORMATION: "电子信息",
    TechField.BIOMEDICINE: "生物与新医药",
    TechField.AEROSPACE: "航空航天",
    TechField.NEW_MATERIALS: "新材料",
    TechField.HIGH_TECH_SERVICES: "高技术服务",
    TechField.NEW_ENERGY: "新能源与节能",
    TechField.RESOURCES_ENVIRONMENT: "资源与环境",
    TechField.ADVANCED_MANUFACTURING: "先进制造与自动化",
}
RD_LEVEL_LABELS = {
    RdInstitutionLevel.NONE: "无",
    RdInstitutionLevel.IN_HOUSE: "企业自建",
    RdInstitutionLevel.MUNICIPAL: "市级",
    RdInstitutionLevel.PROVINCIAL: "省级",
    RdInstitutionLevel.NATIONAL: "国家级",
}
# The file's short names; the catalogue's full ones are accepted too.
TRACK_LABELS = {Track.HTE: "高企", Track.TECH_SME: "科小"}
TRACK_ALIASES = {"高新技术企业": Track.HTE, "科技型中小企业": Track.TECH_SME}
STAGE_LABELS = {
    Stage.SURVEYED: "摸排",
    Stage.CULTIVATING: "入库培育",
    Stage.APPLIED: "申报中",
    Stage.RECOGNISED: "已认定/已入库",
    Stage.REJECTED: "未通过",
    Stage.WITHDRAWN: "退出",
}
STAGE_ALIASES = {"已认定": Stage.RECOGNISED, "已入库": Stage.RECOGNISED}


class Kind(Enum):
    TEXT = "text"
    NAME = "name"
    PHONE = "phone"
    CODE = "code"  # credit code, certificate or registration number
    UNIT = "unit"  # an org unit by name or division code, resolved by the importer
    DATE = "date"
    NUMBER = "number"  # judged by the browser form's field
    BOOL = "bool"
    CHOICE = "choice"


# Compared and hashed by identity: each sheet and column is defined once, below.
@dataclass(frozen=True, eq=False)
class Column:
    header: str
    # The model field the column fills ("uscc" in the sheets after the first: the
    # enterprise's code; "plan_year" in 培育库: the plan year's number).
    field: str
    kind: Kind
    required: bool = False
    form_field: forms.Field | None = None
    labels: dict = field(default_factory=dict)
    aliases: dict = field(default_factory=dict)

    @property
    def title(self) -> str:
        """The header as written in a file: required columns carry a `*`."""
        return f"{self.header}*" if self.required else self.header

    def parse(self, raw):
        match self.kind:
            case Kind.TEXT | Kind.UNIT:
                return cells.parse_text(raw)
            case Kind.NAME:
                return cells.parse_name(raw)
            case Kind.PHONE:
                return cells.parse_phone(raw)
            case Kind.CODE:
                return cells.parse_code(raw)
            case Kind.DATE:
                return cells.parse_date(raw)
            case Kind.NUMBER:
                return cells.parse_number(raw, self.form_field)
            case Kind.BOOL:
                return cells.parse_bool(raw)
            case Kind.CHOICE:
                return cells.parse_choice(raw, self.labels, self.aliases)
        raise AssertionError(self.kind)

    def cell(self, value):
        """The value as written into a workbook: dates as dates, figures as numbers,
        choices and yes/no as their Chinese labels, units by name."""
        if value is None or value == "":
            return None
        if self.kind is Kind.BOOL:
            return YES_LABEL if value else NO_LABEL
        if self.kind is Kind.CHOICE:
            return self.labels.get(value, value)
        if self.kind is Kind.UNIT:
            return value.name
        return value

    def display(self, value) -> str:
        """The value as a preview shows it, in the file's own terms."""
        value = self.cell(value)
        if value is None:
            return "—"
        if isinstance(value, Decimal):
            return format(value.normalize(), ",f")
        if isinstance(value, datetime.date):
            return value.isoformat()
        return str(value)


@dataclass(frozen=True, eq=False)
class Sheet:
    name: str
    model: type
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # headers

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(column.header for column in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(column.header for column in self.columns if column.required)

    @cached_property
    def _by_header(self) -> dict[str, Column]:
        return {column.header: column for column in self.columns}

    def column(self, header: str) -> Column:
        return self._by_header[header]

    def header_of(self, field_name: str) -> str:
        """The header of the column filling a model field ("" when none does)."""
        return next((c.header for c in self.columns if c.field == field_name), "")


def _number(name: str, header: str, required: bool = False) -> Column:
    # The figures form's own field: the same limits, and the same messages, as in the browser.
    return Column(
        header, name, Kind.NUMBER, required, form_field=AnnualFiguresForm.base_fields[name]
    )


USCC = "统一社会信用代码"
USCC_COLUMN = Column(USCC, "uscc", Kind.CODE, required=True)
# Years outside the plan's range are refused by the model's validators afterwards.
YEAR_FIELD = forms.IntegerField()

ENTERPRISES = Sheet(
    "企业名录",
    Enterprise,
    (
        USCC_COLUMN,
        Column("企业名称", "name", Kind.NAME, required=True),
        Column("所属乡镇园区", "org_unit", Kind.UNIT, required=True),
        Column("技术领域", "tech_field", Kind.CHOICE, labels=TECH_FIELD_LABELS),
        Column("成立日期", "registered_on", Kind.DATE),
        Column("投产日期", "production_started_on", Kind.DATE),
        Column("是否规上工业企业", "is_above_designated_size", Kind.BOOL),
        Column("联系人", "contact_person", Kind.TEXT),
        Column("联系电话", "contact_phone", Kind.PHONE),
        Column("地址", "address", Kind.TEXT),
    ),
    key=(USCC,),
)
FIGURES = Sheet(
    "年度数据",
    AnnualFigures,
    (
        USCC_COLUMN,
        Column("年度", "year", Kind.NUMBER, required=True, form_field=YEAR_FIELD),
        _number("sales_revenue", "营业收入(万元)"),
        _number("main_business_revenue", "主营业务收入(万元)"),
        _number("total_costs", "成本费用总额(万元)"),
        _number("total_assets", "资产总额(万元)"),
        _number("employees", "职工总数"),
        _number("tech_staff", "科技人员数"),
        _number("rd_expense", "研发费用(万元)"),
        _number("rd_expense_domestic", "境内研发费用(万元)"),
        _number("high_tech_revenue", "高新技术产品收入(万元)"),
        Column("研发机构级别", "rd_institution_level", Kind.CHOICE, labels=RD_LEVEL_LABELS),
        Column("是否建立研发辅助账", "has_rd_ledger", Kind.BOOL),
        _number("invention_applications", "发明专利申请数"),
        _number("class1_ip_count", "一类知识产权数"),
        _number("class2_ip_count", "二类知识产权数"),
    ),
    key=(USCC, "年度"),
)
CERTIFICATES = Sheet(
    "高企证书",
    HteCertificate,
    (
        USCC_COLUMN,
        Column("证书编号", "number", Kind.CODE, required=True),
        Column("发证日期", "issued_on", Kind.DATE, required=True),
    ),
    key=("证书编号",),
)
REGISTRATIONS = Sheet(
    "科小入库",
    TechSmeRegistration,
    (
        USCC_COLUMN,
        Column("入库年度", "year", Kind.NUMBER, required=True, form_field=YEAR_FIELD),
        Column("入库登记编号", "number", Kind.CODE, required=True),
    ),
    key=(USCC, "入库年度"),
)
PIPELINES = Sheet(
    "培育库",
    PipelineEntry,
    (
        USCC_COLUMN,
        Column(
            "类别", "track", Kind.CHOICE, required=True, labels=TRACK_LABELS, aliases=TRACK_ALIASES
        ),
        Column("年度", "plan_year", Kind.NUMBER, required=True, form_field=YEAR_FIELD),
        Column(
            "阶段", "stage", Kind.CHOICE, required=True, labels=STAGE_LABELS, aliases=STAGE_ALIASES
        ),
    ),
    key=(USCC, "类别", "年度"),
)

# In the order of application: enterprises first (the other sheets may refer to
# enterprises the same file adds), certificates and registrations before the pipelines
# (a "recognised" stage needs them).
SHEETS = (ENTERPRISES, FIGURES, CERTIFICATES, REGISTRATIONS, PIPELINES)
SHEETS_BY_NAME = {sheet.name: sheet for sheet in SHEETS}
ERROR_HEADER = "错误原因"
