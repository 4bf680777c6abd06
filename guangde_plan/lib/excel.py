"""Excel workbooks (.xlsx) for downloads: the lists' exports and the ledger's sheets.

Every text cell goes through `safe_cell`, so a value that starts like a formula is written
as text and never run by Excel (formula injection). Workbooks are written in openpyxl's
write-only mode: rows are streamed, not held as cell objects.
"""

import datetime
import io
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these is a formula to Excel (or becomes one when edited):
# "=HYPERLINK(…)" in an enterprise name must stay text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
WIDTH_SAMPLE = 500  # rows looked at to size the columns
MIN_WIDTH, MAX_WIDTH = 8, 50
SHEET_TITLE_MAX = 31  # Excel's limit
BOLD = Font(bold=True)
MARKED = PatternFill("solid", fgColor="FFC7CE")  # Excel's own "bad" red


def safe_cell(value, *, worksheet):
    """`value` for a row of `worksheet`, never run as a formula. A string starting like a
    formula becomes a text cell with Excel's quote prefix (the apostrophe Excel shows
    but does not store), so reading the file back gives the very same text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell = WriteOnlyCell(worksheet)
        cell.value = value
        cell.data_type = "s"  # openpyxl would store "=…" as a formula
        cell.quotePrefix = True
        return cell
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        # Excel has no time zones: the local time, as the page shows it.
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def _width(value) -> int:
    """Columns as wide as their text; Chinese characters take two."""
    if value is None:
        return 0
    if isinstance(value, datetime.date):
        return 10
    text = str(value)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def add_sheet(workbook: Workbook, title: str, headers, rows, *, marked=frozenset()) -> None:
    """A sheet with a bold, frozen header row with filter buttons, and columns sized to
    their content. `rows` hold dates (written as date cells), numbers (Decimal included)
    and text; the rows whose index (from 0) is in `marked` are shaded red."""
    rows = list(rows)
    worksheet = workbook.create_sheet(title[:SHEET_TITLE_MAX])
    for index, header in enumerate(headers, start=1):
        widest = max([_width(header), *(_width(row[index - 1]) for row in rows[:WIDTH_SAMPLE])])
        width = min(MAX_WIDTH, max(MIN_WIDTH, widest + 2))
        worksheet.column_dimensions[get_column_letter(index)].width = width
    worksheet.freeze_panes = "A2"
    if headers:
        worksheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(worksheet, value=str(header))
        cell.data_type = "s"
        cell.font = BOLD
        header_cells.append(cell)
    worksheet.append(header_cells)
    for index, row in enumerate(rows):
        cells = [safe_cell(value, worksheet=worksheet) for value in row]
        if index in marked:
            cells = [_shaded(cell, worksheet) for cell in cells]
        worksheet.append(cells)


def _shaded(cell, worksheet) -> Cell:
    if not isinstance(cell, Cell):
        cell = WriteOnlyCell(worksheet, value=cell)
    cell.fill = MARKED
    return cell


def xlsx_from_rows(title: str, headers, rows) -> Workbook:
    """A one-sheet workbook of a list."""
    workbook = Workbook(write_only=True)
    add_sheet(workbook, title, headers, rows)
    return workbook


@dataclass
class Table:
    """A list as exported: a title (also the file's name, with the day), headers, rows."""

    title: str
    headers: list[str]
    rows: Iterable[list]

    @property
    def filename(self) -> str:
        return f"{self.title}-{timezone.localdate():%Y%m%d}.xlsx"

    def workbook(self) -> Workbook:
        return xlsx_from_rows(self.title, self.headers, self.rows)


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(workbook: Workbook, filename: str) -> HttpResponse:
    """The workbook as a download named `filename` (Chinese allowed: RFC 6266 encoding)."""
    response = HttpResponse(workbook_bytes(workbook), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def wants_xlsx(request) -> bool:
    """A list page asked for its Excel export (`?format=xlsx`, with the page's filters)."""
    return request.GET.get("format") == "xlsx"
