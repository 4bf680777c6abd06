"""Import a ledger (台账) workbook, or one of its sheets as a CSV file, from the server's shell.

Why it exists: the bureau's first load of the township ledgers, and files too large or too
many to upload one by one in the browser. It runs the same engine as the browser
(enterprises.ledger): rows are matched on their keys, so importing a file again updates
instead of adding twice; a preview lists what would be added, updated (old → new) and left
unchanged; then all or nothing — one refused row and nothing is written.

`--as USERNAME` is required: the import runs with that user's scope (a liaison imports only
their units' rows) and the change history names them. There is no default on purpose: an
import from the shell must still say whose it is.

Exit codes: 0 imported (or, with --dry-run, nothing refused); 1 the file or some of its
rows were refused (the report says which and why; nothing written); 2 malformed arguments
(no such file, no such active user, or a read-only user).
"""

from dataclasses import asdict
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from enterprises.ledger.importer import apply_import, plan_import
from enterprises.ledger.reading import LedgerFileError, read_ledger
from enterprises.ledger.results import CREATE, UPDATE, ImportPlan, ImportRefused, RowError
from enterprises.ledger.writing import rejected_rows_workbook, workbook_bytes
from guangde_plan.models import User


class Command(BaseCommand):
    help = (
        "Import a ledger workbook (.xlsx) or one of its sheets as CSV: preview the changes, "
        "then write them all or nothing. --as names the user whose scope applies and whom "
        "the change history records."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .xlsx or .csv file.")
        parser.add_argument(
            "--as",
            dest="username",
            required=True,
            metavar="USERNAME",
            help="Import as this user: their units only, and their name in the history.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the preview and write nothing."
        )
        parser.add_argument(
            "--rejected",
            metavar="FILE",
            help="When rows are refused, save them to this .xlsx with the reasons, to fix.",
        )

    def handle(self, *args, file, username, dry_run, rejected, verbosity, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            message = _("There is no active user %(username)s.") % {"username": username}
            raise CommandError(message, returncode=2)
        if not user.can_write:
            message = _("%(username)s is a read-only user and cannot import.")
            raise CommandError(message % {"username": username}, returncode=2)
        path = Path(file)
        try:
            with path.open("rb") as fileobj:
                ledger = read_ledger(fileobj, filename=path.name)
        except OSError as error:
            message = _("Cannot read %(file)s: %(error)s")
            raise CommandError(
                message % {"file": file, "error": error.strerror}, returncode=2
            ) from None
        except LedgerFileError as error:
            raise CommandError(error.message, returncode=1) from None

        plan = plan_import(ledger, user=user)
        self._preview(plan, verbosity)
        if not plan.ok:
            self._refuse(plan.errors, plan, rejected)
        if dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
            return
        if not plan.has_changes:
            self.stdout.write(_("No changes: nothing to write."))
            return
        try:
            result = apply_import(plan, user=user)
        except ImportRefused as refused:
            self._refuse(refused.errors, plan, None)
        counts = result.counts
        self.stdout.write(
            self.style.SUCCESS(
                _("Imported: %(created)d records added, %(updated)d updated.")
                % {
                    "created": sum(c[CREATE] for c in counts.values()),
                    "updated": sum(c[UPDATE] for c in counts.values()),
                }
            )
        )

    def _preview(self, plan: ImportPlan, verbosity: int) -> None:
        for sheet, counts in plan.counts.items():
            self.stdout.write(
                _("%(sheet)s: %(create)d to add, %(update)d to update, %(unchanged)d unchanged")
                % {"sheet": sheet, **counts}
            )
            if verbosity < 1:
                continue
            for change in plan.changes:
                if change.sheet != sheet or change.action not in (CREATE, UPDATE):
                    continue
                if change.action == CREATE:
                    template = _("  + row %(row)d, %(label)s: %(fields)s")
                    fields = "；".join(f"{header} {new}" for header, _old, new in change.fields)
                else:
                    template = _("  ~ row %(row)d, %(label)s: %(fields)s")
                    fields = "；".join(f"{h} {old} → {new}" for h, old, new in change.fields)
                self.stdout.write(
                    template % {"row": change.row, "label": change.label, "fields": fields}
                )
        skipped: dict[str, list[str]] = {}
        for item in plan.skipped:
            skipped.setdefault(item.sheet, []).append(str(item.row))
        for sheet, rows in skipped.items():
            self.stdout.write(
                _("%(sheet)s: rows %(rows)s are empty, skipped.")
                % {"sheet": sheet, "rows": "、".join(rows)}
            )
        for item in plan.ignored:
            if item.column is None:
                message = _("Ignored: the sheet %(sheet)s.") % {"sheet": item.sheet}
            else:
                message = _("Ignored: the column %(column)s of %(sheet)s.") % {
                    "sheet": item.sheet,
                    "column": item.column,
                }
            self.stdout.write(message)

    def _refuse(self, errors: list[RowError], plan: ImportPlan, rejected: str | None):
        """Print every error, save the rejected rows if asked, and exit with status 1."""
        for error in errors:
            if not error.sheet:
                line = error.message
            elif error.column:
                line = _("%(sheet)s, row %(row)d, column %(column)s: %(message)s")
            else:
                line = _("%(sheet)s, row %(row)d: %(message)s")
            self.stderr.write(line % asdict(error) if error.sheet else line)
        if rejected:
            Path(rejected).write_bytes(workbook_bytes(rejected_rows_workbook(plan, plan.ledger)))
            self.stderr.write(
                _("The refused rows, with the reasons, are in %(file)s.") % {"file": rejected}
            )
        raise CommandError(
            _("Errors: %(count)d. Nothing was written.") % {"count": len(errors)}, returncode=1
        )
