"""What an import plan reports: errors, changes, skipped rows and ignored parts of the file."""

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.db import models

from .reading import Ledger

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
ACTIONS = (CREATE, UPDATE, UNCHANGED)


@dataclass(frozen=True)
class RowError:
    """A refused cell (`column` is its header) or row (`column` empty), in the active
    language. Row 0 and no sheet: the file or the import as a whole."""

    sheet: str
    row: int
    column: str
    message: str


@dataclass(frozen=True)
class Change:
    action: str  # CREATE, UPDATE or UNCHANGED
    sheet: str
    row: int
    label: str  # what the row is about: "enterprise name", "enterprise name 2024", …
    # (column header, old value, new value) as the preview shows them; for a new record
    # the old value is "—" and only filled columns are listed.
    fields: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Skipped:
    """A row with its key and nothing else: a template's row left empty."""

    sheet: str
    row: int


@dataclass(frozen=True)
class Ignored:
    """A sheet (`column` None) or column the import does not know and leaves alone."""

    sheet: str
    column: str | None = None


@dataclass
class Write:
    """One row's write, for apply_import."""

    sheet: str
    row: int
    instance: models.Model
    created: bool
    fields: list[str] = field(default_factory=list)  # the model fields an update changes
    stage: str = ""  # pipelines: the stage to move to


@dataclass
class ImportPlan:
    ledger: Ledger
    user: object
    errors: list[RowError] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    ignored: list[Ignored] = field(default_factory=list)
    writes: list[Write] = field(default_factory=list)
    # What the plan was judged against (lookups.Lookups): its keys and the values read.
    keys: object = None
    state: list = field(default_factory=list, repr=False)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def has_changes(self) -> bool:
        return any(change.action != UNCHANGED for change in self.changes)

    @property
    def counts(self) -> dict[str, dict[str, int]]:
        """{sheet: {action: number of rows}} for every sheet of the file, every action."""
        tally = Counter((change.sheet, change.action) for change in self.changes)
        return {
            data.sheet.name: {action: tally[data.sheet.name, action] for action in ACTIONS}
            for data in self.ledger.sheets
        }

    @property
    def digest(self) -> str:
        """A fingerprint of what the plan would do. A page that previews a file and writes
        it on a later request plans it again then: the same digest means the same changes
        as the user confirmed."""
        return hashlib.sha256(repr((self.errors, self.changes)).encode()).hexdigest()

    def errors_by_row(self) -> dict[tuple[str, int], list[RowError]]:
        grouped: dict[tuple[str, int], list[RowError]] = {}
        for error in self.errors:
            grouped.setdefault((error.sheet, error.row), []).append(error)
        return grouped


@dataclass
class ImportResult:
    plan: ImportPlan

    @property
    def counts(self) -> dict[str, dict[str, int]]:
        return self.plan.counts


class ImportRefused(Exception):
    """apply_import wrote nothing: the plan has errors, or the records changed since it was
    made (the preview would no longer be what gets written)."""

    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(error.message for error in errors))
        self.errors = errors
