"""Writing workbooks: the ledger export, a township's template, the rejected rows of an
import, and plain lists for the browser's exports.

What the export holds, for plan year Y (so that exporting and importing the file back
changes nothing, and a row may be edited and imported again):
- 企业名录: every enterprise of the units;
- 年度数据: their figures for Y - 1 (the year reported on during Y) and Y;
- 高企证书: the certificates valid at some time during Y (issued by 31 December, expiring
  after 1 January): those held, those expiring, those newly issued;
- 科小入库: the registrations for Y - 1 and Y;
- 培育库: the pipeline entries of plan year Y.
The import never deletes, so leaving rows out of a file is harmless.

The sheets are written by guangde_plan/lib/excel.py (write-only mode, formula-like text
kept as text: `safe_cell`), which the browser's list exports use too; its helpers are
available from here as well.
"""

import datetime

from openpyxl import Workbook

from enterprises.models import (
    AnnualFigures,
    Enterprise,
    HteCertificate,
    PipelineEntry,
    TechSmeRegistration,
)
from guangde_plan.lib.excel import add_sheet, safe_cell, workbook_bytes, xlsx_from_rows
from guangde_plan.models import OrgUnit

from .reading import Ledger
from .results import ImportPlan
from .schema import (
    CERTIFICATES,
    ENTERPRISES,
    ERROR_HEADER,
    FIGURES,
    PIPELINES,
    REGISTRATIONS,
    SHEETS,
    USCC,
    Sheet,
)

__all__ = [
    "export_ledger",
    "rejected_rows_workbook",
    "safe_cell",
    "township_template",
    "workbook_bytes",
    "xlsx_from_rows",
]


def _value(sheet: Sheet, column, record):
    if column.header == USCC and sheet is not ENTERPRISES:
        return record.enterprise.uscc
    if column.field == "plan_year":
        return record.plan_year.year
    return getattr(record, column.field)


def _rows(sheet: Sheet, records):
    for record in records:
        yield [column.cell(_value(sheet, column, record)) for column in sheet.columns]


def _records(year: int, org_units) -> dict[Sheet, list]:
    enterprises = Enterprise.objects.select_related("org_unit").order_by(
        "org_unit__sort_order", "org_unit__code", "name", "uscc"
    )
    if org_units is not None:
        enterprises = enterprises.filter(org_unit__in=list(org_units))
    ids = enterprises.values("pk")
    order = ("enterprise__org_unit__sort_order", "enterprise__org_unit__code", "enterprise__name")
    related = AnnualFigures.objects.select_related("enterprise").filter(enterprise__in=ids)
    return {
        ENTERPRISES: list(enterprises),
        FIGURES: list(related.filter(year__in=(year - 1, year)).order_by(*order, "year")),
        CERTIFICATES: list(
            HteCertificate.objects.select_related("enterprise")
            .filter(
                enterprise__in=ids,
                issued_on__lte=datetime.date(year, 12, 31),
                expires_on__gt=datetime.date(year, 1, 1),
            )
            .order_by(*order, "issued_on")
        ),
        REGISTRATIONS: list(
            TechSmeRegistration.objects.select_related("enterprise")
            .filter(enterprise__in=ids, year__in=(year - 1, year))
            .order_by(*order, "year")
        ),
        PIPELINES: list(
            PipelineEntry.objects.select_related("enterprise", "plan_year")
            .filter(enterprise__in=ids, plan_year__year=year)
            .order_by(*order, "track")
        ),
    }


def _add_ledger_sheet(workbook: Workbook, sheet: Sheet, rows) -> None:
    add_sheet(workbook, sheet.name, [column.title for column in sheet.columns], rows)


def _ledger_workbook(records: dict[Sheet, list], extra_rows: dict[Sheet, list]) -> Workbook:
    workbook = Workbook(write_only=True)
    for sheet in SHEETS:
        _add_ledger_sheet(
            workbook, sheet, [*_rows(sheet, records[sheet]), *extra_rows.get(sheet, ())]
        )
    return workbook


def enterprises_workbook(enterprises) -> Workbook:
    """Enterprises (with their org_unit selected) as the ledger's 企业名录 sheet alone: the
    registry list's export, which imports back like any ledger file."""
    workbook = Workbook(write_only=True)
    _add_ledger_sheet(workbook, ENTERPRISES, _rows(ENTERPRISES, enterprises))
    return workbook


def export_ledger(*, year: int, org_units=None) -> Workbook:
    """The ledger of plan year `year` (see the module's docstring), of `org_units` (an
    iterable or queryset of OrgUnit; None: every unit). Five queries."""
    return _ledger_workbook(_records(year, org_units), {})


def township_template(*, org_unit: OrgUnit, year: int) -> Workbook:
    """The unit's ledger for plan year `year`, as the export, plus in 年度数据 a row for
    each enterprise without figures for `year` yet, with only its code and the year: the
    liaison fills them in, and rows left empty are skipped on import."""
    records = _records(year, [org_unit])
    has_figures = {f.enterprise_id for f in records[FIGURES] if f.year == year}
    blank = [None] * (len(FIGURES.columns) - 2)
    extra = [
        [enterprise.uscc, year, *blank]
        for enterprise in records[ENTERPRISES]
        if enterprise.pk not in has_figures
    ]
    return _ledger_workbook(records, {FIGURES: extra})


def rejected_rows_workbook(plan: ImportPlan, ledger: Ledger) -> Workbook:
    """The file again, each sheet with every row as it was read, and an added last column
    错误原因 saying why a row was refused; refused rows are shaded red. Correct those and
    import the whole file again (the reasons column is ignored then): since nothing was
    written, a file of the refused rows alone would leave out the good ones."""
    by_row = plan.errors_by_row()
    workbook = Workbook(write_only=True)
    for data in ledger.sheets:
        rows, marked = [], set()
        for row in data.rows:
            errors = by_row.get((data.sheet.name, row.number), ())
            reasons = "；".join(
                f"{error.column}：{error.message}" if error.column else error.message
                for error in errors
            )
            if errors:
                marked.add(len(rows))
            rows.append([*(_raw(row.values[h]) for h in data.headers), reasons])
        titles = [data.sheet.column(header).title for header in data.headers]
        add_sheet(workbook, data.sheet.name, [*titles, ERROR_HEADER], rows, marked=marked)
    if not workbook.worksheets:  # only errors about the file as a whole
        add_sheet(workbook, ERROR_HEADER, [ERROR_HEADER], [[e.message] for e in plan.errors])
    return workbook


def _raw(value):
    """A cell as read, written back as it was (a date cell stays a date)."""
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
