"""Store one week's progress snapshots by hand: the same service the Monday beat runs.

Why it exists: operations and back-fills. When the worker or the beat was down on a Monday,
when the app went live in mid-year, or after records of a past week were corrected late,
an operator fills the gap from the server's shell (`--week` any day of that week) without
a broker. Weeks already stored are left as they were, so running it again is harmless;
`--dry-run` shows what would be stored and writes nothing.

Exit codes: 0 done (also when there is no plan for the week's year); 1 a week still to
come; 2 malformed arguments (--week).
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from guangde_plan.lib.cli import date_argument, plain_number
from guangde_plan.snapshots import take_snapshots, week_monday


def week_of(value: str):
    """argparse type: any day of the week, as its Monday (exit code 2 when malformed)."""
    return week_monday(date_argument(value))


class Command(BaseCommand):
    help = (
        "Store the progress snapshots of one ISO week (default: this week), as the Monday "
        "beat does; weeks already stored are left as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--week",
            type=week_of,
            metavar="YYYY-MM-DD",
            help="Any day of the week to store (default: this week).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would be stored and write nothing.",
        )

    def handle(self, *args, week, dry_run, verbosity, **options):
        today = timezone.localdate()
        try:
            result = take_snapshots(week=week, today=today, dry_run=dry_run)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if result.taken_on is None:
            self.stdout.write(
                _("There is no plan for %(year)s: nothing to store for the week of %(week)s.")
                % {"year": result.week.year, "week": result.week.isoformat()}
            )
            return
        if dry_run or verbosity >= 2:
            self._rows(result.snapshots)
        params = {
            "week": result.week.isoformat(),
            "as_of": result.taken_on.isoformat(),
            "created": result.created,
            "already": result.already_there,
        }
        if dry_run:
            message = _(
                "Dry run, nothing written. Week of %(week)s, figures as of %(as_of)s: "
                "%(created)d snapshots would be stored, %(already)d are there already."
            )
        else:
            message = _(
                "Week of %(week)s, figures as of %(as_of)s: %(created)d snapshots stored, "
                "%(already)d were there already."
            )
        self.stdout.write(message % params)

    def _rows(self, snapshots) -> None:
        """One line per row; the column names are the model's fields, the statuses the
        engine's codes (as in `plan_progress`)."""
        rows = [("code", "org_unit", "actual", "expected", "status")]
        for snapshot in snapshots:
            unit = snapshot.org_unit
            rows.append(
                (
                    snapshot.target.code,
                    f"{unit.code} {unit.name}" if unit else _("Whole city"),
                    plain_number(snapshot.actual),
                    plain_number(snapshot.expected),
                    snapshot.status,
                )
            )
        widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
        for row in rows:
            cells = [
                cell.rjust(width) if column in (2, 3) else cell.ljust(width)
                for column, (cell, width) in enumerate(zip(row, widths, strict=True))
            ]
            self.stdout.write("  ".join(cells).rstrip())
