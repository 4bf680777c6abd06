"""The first pass over a ledger: every cell parsed, required cells and keys checked, and
what the rows refer to collected, so that the records can be read in one go."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from enterprises.models import Track
from guangde_plan.lib.uscc import validate_uscc

from .cells import is_blank
from .lookups import Keys
from .reading import Ledger, Row, SheetData
from .results import RowError
from .schema import (
    CERTIFICATES,
    ENTERPRISES,
    FIGURES,
    PIPELINES,
    REGISTRATIONS,
    USCC,
    Sheet,
)


@dataclass
class ParsedRow:
    row: Row
    values: dict[str, Any] = field(default_factory=dict)  # header → parsed value
    bad: set[str] = field(default_factory=set)  # headers of the refused cells
    blank: bool = False  # nothing filled in but its key

    @property
    def number(self) -> int:
        return self.row.number


def message_of(error: ValidationError | str) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def parse_sheet(data: SheetData, errors: list[RowError]) -> list[ParsedRow]:
    sheet = data.sheet
    parsed_rows = []
    for row in data.rows:
        parsed = ParsedRow(row)
        parsed_rows.append(parsed)
        if all(is_blank(row.values[h]) for h in data.headers if h not in sheet.key):
            parsed.blank = True
            continue
        for header in data.headers:
            column = sheet.column(header)
            try:
                value = column.parse(row.values[header])
                if column.required and value in (None, ""):
                    raise ValidationError(_("This column is required."), code="required")
                if header == USCC:
                    validate_uscc(value)
            except ValidationError as error:
                parsed.bad.add(header)
                errors.append(RowError(sheet.name, row.number, header, message_of(error)))
            else:
                parsed.values[header] = value
    return parsed_rows


def refuse_duplicates(
    sheet: Sheet, rows: list[ParsedRow], headers: tuple[str, ...], errors: list[RowError]
) -> set[int]:
    """An error on every row whose `headers` repeat another row's, naming the other rows;
    returns their row numbers."""
    seen: dict[tuple, list[int]] = {}
    for parsed in rows:
        if parsed.blank or parsed.bad & set(headers):
            continue
        seen.setdefault(tuple(parsed.values[h] for h in headers), []).append(parsed.number)
    refused = set()
    for numbers in seen.values():
        if len(numbers) < 2:
            continue
        for number in numbers:
            others = "、".join(str(other) for other in numbers if other != number)
            message = _(
                "The same %(columns)s is in row %(rows)s too: each may appear only once in a sheet."
            ) % {"rows": others, "columns": "、".join(headers)}
            errors.append(RowError(sheet.name, number, headers[0], message))
            refused.add(number)
    return refused


def collect_keys(parsed: dict[str, list[ParsedRow]]) -> Keys:
    """What the rows refer to, from the cells that parsed."""
    keys = Keys()

    def values(sheet: Sheet, header: str):
        for row in parsed.get(sheet.name, ()):
            if not row.blank and header in row.values:
                yield row.values[header]

    for sheet in (ENTERPRISES, FIGURES, CERTIFICATES, REGISTRATIONS, PIPELINES):
        keys.usccs.update(values(sheet, USCC))
    keys.figure_years.update(values(FIGURES, "年度"))
    keys.certificate_numbers.update(values(CERTIFICATES, "证书编号"))
    keys.registration_numbers.update(values(REGISTRATIONS, "入库登记编号"))
    keys.registration_usccs.update(values(REGISTRATIONS, USCC))
    keys.pipeline_years.update(values(PIPELINES, "年度"))
    for row in parsed.get(PIPELINES.name, ()):
        if not row.blank and {USCC, "类别"} <= row.values.keys():
            keys.pipeline_usccs[Track(row.values["类别"])].add(row.values[USCC])
    return keys


def parse_ledger(ledger: Ledger, errors: list[RowError]) -> dict[str, list[ParsedRow]]:
    return {data.sheet.name: parse_sheet(data, errors) for data in ledger.sheets}
