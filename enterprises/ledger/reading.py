"""Reading a ledger file: an .xlsx workbook, or one sheet alone as a CSV file.

Files come from outside, so a file is refused (LedgerFileError, with a message for the
user) before it can cost much: more than MAX_FILE_BYTES, an archive that would unpack to
more than MAX_UNPACKED_BYTES (a zip bomb: checked from the archive's directory before
anything is parsed), more than MAX_ROWS rows, anything but .xlsx or CSV. openpyxl parses the
XML with defusedxml (a dependency), which refuses entity tricks (billion laughs, external
entities); the workbook is opened read-only, with the values Excel last calculated rather
than formulas.
"""

import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

import openpyxl
from django.utils.translation import gettext as _

from .cells import is_blank, parse_text
from .schema import SHEETS, SHEETS_BY_NAME, Sheet

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ROWS = 50_000
# The start of every .xlsx (a zip archive), and of the files Excel 97-2003 and password
# protection write (an OLE compound document).
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class LedgerFileError(Exception):
    """A file refused as a whole; `message` says why, for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Row:
    number: int  # the spreadsheet's row number (the header is row 1)
    values: dict[str, Any]  # header → raw cell value, for the sheet's known columns


@dataclass
class SheetData:
    sheet: Sheet
    headers: list[str]  # the sheet's known columns present in the file, in the schema's order
    rows: list[Row]
    ignored_columns: list[str] = field(default_factory=list)


@dataclass
class Ledger:
    filename: str
    sheets: list[SheetData]  # in the order of application
    ignored_sheets: list[str] = field(default_factory=list)

    def get(self, name: str) -> SheetData | None:
        return next((data for data in self.sheets if data.sheet.name == name), None)

    @property
    def row_count(self) -> int:
        return sum(len(data.rows) for data in self.sheets)


def read_ledger(fileobj, *, filename: str) -> Ledger:
    data = fileobj.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise LedgerFileError(
            _("The file is larger than %(size)d MB: split it into several files.")
            % {"size": MAX_FILE_BYTES // (1024 * 1024)}
        )
    if not data:
        raise LedgerFileError(_("The file is empty."))
    suffix = PurePath(filename).suffix.lower()
    if data.startswith(ZIP_MAGIC):
        ledger = Ledger(filename, [])
        _read_workbook(data, ledger)
    elif data.startswith(OLE_MAGIC) or suffix == ".xls":
        raise LedgerFileError(
            _(
                "This is an Excel 97-2003 workbook (.xls) or a password-protected one: save it "
                "as an Excel workbook (.xlsx) without a password and upload that."
            )
        )
    elif suffix in (".csv", ".txt"):
        ledger = Ledger(filename, [])
        _read_csv(data, filename, ledger)
    else:
        raise LedgerFileError(_("This is neither an Excel workbook (.xlsx) nor a CSV file."))
    if not ledger.sheets:
        raise LedgerFileError(
            _("The file has none of the ledger's sheets (%(names)s).")
            % {"names": "、".join(sheet.name for sheet in SHEETS)}
        )
    order = {sheet.name: index for index, sheet in enumerate(SHEETS)}
    ledger.sheets.sort(key=lambda sheet_data: order[sheet_data.sheet.name])
    return ledger


def _read_workbook(data: bytes, ledger: Ledger) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise _unreadable() from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise LedgerFileError(
            _(
                "The workbook would unpack to more than %(size)d MB: it cannot be a ledger. "
                "Save its data in a new workbook."
            )
            % {"size": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # a damaged or hostile file fails anywhere inside openpyxl
        raise _unreadable() from error
    try:
        for worksheet in workbook.worksheets:
            name = worksheet.title.strip()
            if name not in SHEETS_BY_NAME:
                ledger.ignored_sheets.append(worksheet.title)
                continue
            # The dimension a file declares may be wrong (other programs write it badly):
            # read every row there is instead.
            worksheet.reset_dimensions()
            rows = enumerate(worksheet.iter_rows(values_only=True), start=1)
            _add_sheet(ledger, SHEETS_BY_NAME[name], rows)
    except LedgerFileError:
        raise
    except Exception as error:  # as above: the sheets are parsed only now, row by row
        raise _unreadable() from error
    finally:
        workbook.close()


def _unreadable() -> LedgerFileError:
    return LedgerFileError(
        _("The file cannot be read as an Excel workbook (.xlsx): it is damaged or not one.")
    )


def _decode(data: bytes) -> str:
    """UTF-8 (with or without the BOM Excel writes), else GB18030, the superset of the GBK
    that Excel on Chinese Windows saves CSV files in."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LedgerFileError(_("The CSV file is neither UTF-8 nor GBK text."))


def _read_csv(data: bytes, filename: str, ledger: Ledger) -> None:
    text = _decode(data)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise LedgerFileError(
            _("The CSV file cannot be read: %(error)s") % {"error": error}
        ) from error
    headers = [_header(value) for value in rows[0]] if rows else []
    sheet = _csv_sheet(PurePath(filename).stem, headers)
    _add_sheet(ledger, sheet, enumerate(rows, start=1))


def _csv_sheet(stem: str, headers: list[str]) -> Sheet:
    """The sheet a CSV file holds: named in its file name, else the one sheet whose
    required columns are all there and that has the most of its columns there."""
    named = [sheet for sheet in SHEETS if sheet.name in stem]
    if len(named) == 1:
        return named[0]
    candidates = [sheet for sheet in SHEETS if set(sheet.required) <= set(headers)]
    best = max((len(set(sheet.headers) & set(headers)) for sheet in candidates), default=0)
    found = [s for s in candidates if len(set(s.headers) & set(headers)) == best]
    if len(found) != 1:
        raise LedgerFileError(
            _(
                "Cannot tell which sheet this CSV file holds: put the sheet's name (one of "
                "%(names)s) in the file name, or give it the sheet's columns."
            )
            % {"names": "、".join(sheet.name for sheet in SHEETS)}
        )
    return found[0]


def _header(value) -> str:
    """A header as typed: full-width brackets, spaces and the required mark do not count."""
    text = unicodedata.normalize("NFKC", parse_text(value))
    return "".join(text.split()).rstrip("*")


def _add_sheet(ledger: Ledger, sheet: Sheet, rows) -> None:
    """Read a sheet's rows (an iterator of (row number, cells)); the first is the header."""
    if ledger.get(sheet.name):
        raise LedgerFileError(_("The sheet %(sheet)s appears twice.") % {"sheet": sheet.name})
    _header_row, first = next(rows, (1, ()))
    headers = [_header(value) for value in first]
    positions = {}
    ignored = []
    for index, header in enumerate(headers):
        if header in sheet.headers:
            if header in positions:
                raise LedgerFileError(
                    _("Sheet %(sheet)s has the column %(column)s twice.")
                    % {"sheet": sheet.name, "column": header}
                )
            positions[header] = index
        elif header:
            ignored.append(header)
    missing = [header for header in sheet.required if header not in positions]
    if missing:
        raise LedgerFileError(
            _("Sheet %(sheet)s lacks the required column(s) %(columns)s.")
            % {"sheet": sheet.name, "columns": "、".join(missing)}
        )
    data = SheetData(sheet, [h for h in sheet.headers if h in positions], [], ignored)
    ledger.sheets.append(data)
    total = ledger.row_count
    for number, cells in rows:
        values = {
            header: cells[index] if index < len(cells) else None
            for header, index in positions.items()
        }
        if all(is_blank(value) for value in values.values()):
            continue  # blank lines, or formatting Excel carries far below the data
        total += 1
        if total > MAX_ROWS:
            raise LedgerFileError(
                _("The file has more than %(rows)s rows: split it into several files.")
                % {"rows": f"{MAX_ROWS:,}"}
            )
        data.rows.append(Row(number, values))
