"""The second pass over a ledger: each row judged against the records (already read, see
lookups) and the rows before it, as the browser forms would judge it, and the change it
makes described.

The verdicts are the forms' and the models': cells are parsed by the forms' own fields
(schema), each record is checked with the model's `full_clean` (field validators, `clean`)
with only the look-ups left out — those are answered from the batch instead — and the
pipeline rules are those of enterprises/services.py, which apply_import then runs for real.
"""

import datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from enterprises.forms_pipelines import TechSmeRegistrationForm
from enterprises.models import (
    HTE_VALIDITY_YEARS,
    AnnualFigures,
    Enterprise,
    HteCertificate,
    PipelineEntry,
    Stage,
    TechSmeRegistration,
    Track,
)
from guangde_plan.lib.dates import add_years

from .lookups import Lookups
from .parsing import ParsedRow, message_of, refuse_duplicates
from .reading import SheetData
from .results import CREATE, UNCHANGED, UPDATE, Change, ImportPlan, RowError, Skipped, Write
from .schema import (
    CERTIFICATES,
    ENTERPRISES,
    FIGURES,
    PIPELINES,
    REGISTRATIONS,
    STAGE_LABELS,
    TRACK_LABELS,
    USCC,
)

UNIT = ENTERPRISES.header_of("org_unit")
EMPTY = "—"


def _blank_value(model_field):
    """What an empty cell stores: NULL where the field allows it, else its default (False
    for yes/no, "none" for the R&D institution), else an empty string."""
    if model_field.null:
        return None
    if model_field.has_default():
        return model_field.get_default()
    return ""


class Planner:
    def __init__(self, plan: ImportPlan, lookups: Lookups, today: datetime.date):
        self.plan = plan
        self.lookups = lookups
        self.today = today
        self.enterprises = dict(lookups.enterprises)  # by code, with those the file adds
        self.failed: dict[str, int] = {}  # code → its refused row in 企业名录
        # Proof for "recognised": certificate number → (code, year of issue) and the
        # (code, year) of registrations, as they will be once the file is written.
        self.certificate_years = {
            c.number: (c.enterprise.uscc, c.issued_on.year) for c in lookups.certificates
        }
        self.registered = {(r.enterprise.uscc, r.year) for r in lookups.registrations}
        # The registration form's year field: its limits depend on today.
        self.registration_year = TechSmeRegistrationForm().fields["year"]
        self.failed_rows = {(error.sheet, error.row) for error in plan.errors}
        self._hte_proofs = None
        self.handlers = {
            ENTERPRISES.name: self.enterprise_row,
            FIGURES.name: self.figures_row,
            CERTIFICATES.name: self.certificate_row,
            REGISTRATIONS.name: self.registration_row,
            PIPELINES.name: self.pipeline_row,
        }

    def run(self, parsed: dict[str, list[ParsedRow]]) -> None:
        for data in self.plan.ledger.sheets:
            rows = parsed[data.sheet.name]
            refused = refuse_duplicates(data.sheet, rows, data.sheet.key, self.plan.errors)
            if data.sheet is REGISTRATIONS:  # the number is unique too
                unique = ("入库登记编号",)
                refused |= refuse_duplicates(data.sheet, rows, unique, self.plan.errors)
            self.failed_rows |= {(data.sheet.name, number) for number in refused}
            for row in rows:
                if row.blank:
                    self.plan.skipped.append(Skipped(data.sheet.name, row.number))
                    continue
                if row.number not in refused and not row.bad & {USCC, *data.sheet.key}:
                    self.handlers[data.sheet.name](data, row)
                if data.sheet is ENTERPRISES and self.row_failed(row, data) and USCC in row.values:
                    # The later sheets' rows about it are refused with it.
                    self.failed.setdefault(row.values[USCC], row.number)

    # Reporting ------------------------------------------------------------------------------

    def error(self, data: SheetData, row: ParsedRow, column: str, error) -> None:
        self.plan.errors.append(RowError(data.sheet.name, row.number, column, message_of(error)))
        self.failed_rows.add((data.sheet.name, row.number))

    def row_failed(self, row: ParsedRow, data: SheetData) -> bool:
        return (data.sheet.name, row.number) in self.failed_rows

    def record(self, data, row, instance, label, changes, changed, **extra) -> None:
        """The row's change and write, unless the row was refused."""
        if self.row_failed(row, data):
            return
        created = instance.pk is None
        action = CREATE if created else UPDATE if changed else UNCHANGED
        self.plan.changes.append(Change(action, data.sheet.name, row.number, label, changes))
        if action != UNCHANGED:
            write = Write(data.sheet.name, row.number, instance, created, changed, **extra)
            self.plan.writes.append(write)

    # Shared steps ---------------------------------------------------------------------------

    def assign(self, data: SheetData, row: ParsedRow, instance) -> tuple[tuple, list[str]]:
        """Set the row's non-key cells on `instance`; returns the preview's (header, old,
        new) triples and the names of the fields that change."""
        created = instance.pk is None
        changes, changed = [], []
        for header in data.headers:
            # The code is the key, or names the enterprise (enterprise_of).
            if header in data.sheet.key or header in row.bad or header == USCC:
                continue
            column = data.sheet.column(header)
            model_field = instance._meta.get_field(column.field)
            new = row.values[header]
            if new is None or new == "":
                new = _blank_value(model_field)
            if model_field.is_relation:
                old = self.lookups.units_by_pk.get(getattr(instance, model_field.attname))
                same = old is not None and new is not None and old.pk == new.pk
            else:
                old = getattr(instance, column.field)
                same = old == new
            if created:
                if new not in (None, ""):
                    changes.append((header, EMPTY, column.display(new)))
            elif not same:
                changes.append((header, column.display(old), column.display(new)))
                changed.append(column.field)
            setattr(instance, column.field, new)
        return tuple(changes), changed

    def clean(self, data: SheetData, row: ParsedRow, instance, exclude: list[str]) -> None:
        """The model's own checks, except those needing a query (relations, uniqueness:
        answered from the look-ups), and the fields whose cells were refused already."""
        bad = [data.sheet.column(header).field for header in row.bad]
        try:
            instance.full_clean(
                exclude=[*exclude, *bad], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                column = "" if name == NON_FIELD_ERRORS else data.sheet.header_of(name)
                self.error(data, row, column, " ".join(messages))

    def enterprise_of(self, data: SheetData, row: ParsedRow) -> Enterprise | None:
        """The enterprise a row of the later sheets is about, if the user may change it."""
        uscc = row.values[USCC]
        enterprise = self.enterprises.get(uscc)
        if not self.may_change(data, row, uscc):
            return None
        if uscc in self.failed:
            message = _("This enterprise's row in %(sheet)s (row %(row)d) has errors.")
            params = {"sheet": ENTERPRISES.name, "row": self.failed[uscc]}
            self.error(data, row, USCC, message % params)
            return None
        if enterprise is None:
            message = _(
                "No enterprise has this credit code: add it in %(sheet)s (in this file or before)."
            )
            self.error(data, row, USCC, message % {"sheet": ENTERPRISES.name})
            return None
        return enterprise

    def may_change(self, data: SheetData, row: ParsedRow, uscc: str) -> bool:
        """A liaison changes only their units' enterprises (the unit it has now)."""
        unit_id = self.lookups.unit_ids.get(uscc)
        if unit_id is None or unit_id in self.lookups.writable_unit_ids:
            return True
        message = _("This enterprise belongs to %(unit)s, which is not one of your units.")
        self.error(data, row, USCC, message % {"unit": self.lookups.units_by_pk[unit_id].name})
        return False

    # The sheets -----------------------------------------------------------------------------

    def enterprise_row(self, data: SheetData, row: ParsedRow) -> None:
        uscc = row.values[USCC]
        if not self.may_change(data, row, uscc):
            return
        if UNIT in row.values:
            unit = self.lookups.unit(row.values[UNIT])
            if unit is None:
                message = _("There is no township or park named or coded “%(value)s”.")
                self.error(data, row, UNIT, message % {"value": row.values[UNIT]})
                row.bad.add(UNIT)
            elif unit.pk not in self.lookups.writable_unit_ids:
                message = _("You cannot enter records for %(unit)s.")
                self.error(data, row, UNIT, message % {"unit": unit.name})
                row.bad.add(UNIT)
            else:
                row.values[UNIT] = unit
        instance = self.enterprises.get(uscc) or Enterprise(uscc=uscc)
        changes, changed = self.assign(data, row, instance)
        self.clean(data, row, instance, exclude=["uscc", "org_unit"])
        if not self.row_failed(row, data):
            self.enterprises[uscc] = instance
        self.record(data, row, instance, instance.name, changes, changed)

    def figures_row(self, data: SheetData, row: ParsedRow) -> None:
        enterprise = self.enterprise_of(data, row)
        if enterprise is None:
            return
        year = row.values["年度"]
        if year > self.today.year:
            # The figures form's rule (clean_year).
            message = _("Figures can be entered up to the current year, %(year)d.")
            self.error(data, row, "年度", message % {"year": self.today.year})
        instance = self.lookups.figures.get((enterprise.pk, year)) or AnnualFigures(
            enterprise=enterprise, year=year
        )
        changes, changed = self.assign(data, row, instance)
        self.clean(data, row, instance, exclude=["enterprise"])
        self.record(data, row, instance, f"{enterprise.name} {year}", changes, changed)

    def certificate_row(self, data: SheetData, row: ParsedRow) -> None:
        enterprise = self.enterprise_of(data, row)
        if enterprise is None:
            return
        number = row.values["证书编号"]
        instance = self.lookups.certificates_by_number.get(number)
        if instance is not None and instance.enterprise_id != enterprise.pk:
            self.error(data, row, "证书编号", _taken(_certificate_taken(), number, instance))
            return
        instance = instance or HteCertificate(enterprise=enterprise, number=number)
        changes, changed = self.assign(data, row, instance)
        if instance.issued_on is not None:
            # Derived in save(), which the bulk writes skip.
            instance.expires_on = add_years(instance.issued_on, HTE_VALIDITY_YEARS)
        self.clean(data, row, instance, exclude=["enterprise", "expires_on"])
        if not self.row_failed(row, data):
            self.certificate_years[number] = (enterprise.uscc, instance.issued_on.year)
        changed += ["expires_on"] if changed else []
        self.record(data, row, instance, f"{enterprise.name} {number}", changes, changed)

    def registration_row(self, data: SheetData, row: ParsedRow) -> None:
        enterprise = self.enterprise_of(data, row)
        if enterprise is None:
            return
        year = row.values["入库年度"]
        try:
            self.registration_year.run_validators(year)  # the form's limits
        except ValidationError as error:
            self.error(data, row, "入库年度", error)
        instance = self.lookups.registrations_by_key.get((enterprise.pk, year))
        number = row.values.get("入库登记编号")
        holder = self.lookups.registrations_by_number.get(number)
        if holder is not None and holder is not instance:
            self.error(data, row, "入库登记编号", _taken(_registration_taken(), number, holder))
            return
        instance = instance or TechSmeRegistration(enterprise=enterprise, year=year)
        changes, changed = self.assign(data, row, instance)
        self.clean(data, row, instance, exclude=["enterprise"])
        if not self.row_failed(row, data):
            self.registered.add((enterprise.uscc, year))
        self.record(data, row, instance, f"{enterprise.name} {year}", changes, changed)

    def pipeline_row(self, data: SheetData, row: ParsedRow) -> None:
        enterprise = self.enterprise_of(data, row)
        if enterprise is None:
            return
        if "阶段" in row.bad:
            return
        track, year, stage = (row.values[header] for header in ("类别", "年度", "阶段"))
        plan_year = self.lookups.plan_years.get(year)
        if plan_year is None:
            message = _("There is no plan for the year %(year)s.")
            self.error(data, row, "年度", message % {"year": year})
            return
        entry = self.lookups.pipeline_entries.get((enterprise.pk, track, year))
        label = f"{enterprise.name} {TRACK_LABELS[track]} {year}"
        if entry is not None and entry.stage == stage:
            self.record(data, row, entry, label, (), [])
            return
        self.check_move(data, row, entry, stage, enterprise.uscc, track, year)
        old = EMPTY if entry is None else STAGE_LABELS[entry.stage]
        changes = (("阶段", old, STAGE_LABELS[stage]),)
        entry = entry or PipelineEntry(enterprise=enterprise, track=track, plan_year=plan_year)
        self.record(data, row, entry, label, changes, ["stage"], stage=stage)

    def check_move(self, data, row, entry, stage, uscc, track, year) -> None:
        """The refusals of pipeline_start and pipeline_move (enterprises/services.py), told
        before anything is written; the services check again when the import runs."""
        if entry is not None and entry.stage == Stage.RECOGNISED:
            self.error(data, row, "阶段", _("A recognised entry is final for the year."))
        elif entry is not None and self.today < entry.stage_changed_on:
            message = _("The previous move was on %(date)s; a move cannot be dated earlier.")
            self.error(data, row, "阶段", message % {"date": entry.stage_changed_on.isoformat()})
        if stage != Stage.RECOGNISED:
            return
        if self._hte_proofs is None:  # the certificates sheet has been read by now
            self._hte_proofs = set(self.certificate_years.values())
        if track == Track.HTE and (uscc, year) not in self._hte_proofs:
            message = _(
                "Record the high-tech enterprise certificate issued in %(year)d first; "
                "“recognised” needs it."
            )
            self.error(data, row, "阶段", message % {"year": year})
        elif track == Track.TECH_SME and (uscc, year) not in self.registered:
            message = _(
                "Record the tech-SME registration for %(year)d first; “registered” needs it."
            )
            self.error(data, row, "阶段", message % {"year": year})


def _certificate_taken() -> str:
    # The certificate form's message (HteCertificateForm.clean_number).
    return _(
        "Certificate %(number)s is already recorded for “%(name)s” (%(unit)s). "
        "Ask the bureau if that record is wrong instead of adding it again."
    )


def _registration_taken() -> str:
    # The registration form's message (TechSmeRegistrationForm.clean_number).
    return _(
        "Registration %(number)s is already recorded for “%(name)s” (%(unit)s). "
        "Ask the bureau if that record is wrong instead of adding it again."
    )


def _taken(message: str, number: str, holder) -> str:
    enterprise = holder.enterprise
    return message % {"number": number, "name": enterprise.name, "unit": enterprise.org_unit.name}
