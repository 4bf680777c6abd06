"""Print where a plan year stands: the progress document of the API, from the server's shell.

Why it exists: operators and scripts on the server need the figures without a browser or
an API token — a cron job saving a snapshot before the monthly meeting, a check of what the
dashboard shows, or a second opinion when a program reading the API reports something odd.
It prints exactly what `GET /api/v1/progress/<year>/` serves (`progress_document`, the one
engine), so the two can be compared line by line. It runs as the operator: every org unit.

Exit codes: 0 done; 1 unknown plan year or org unit; 2 malformed arguments (--as-of).
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from guangde_plan.lib.cli import date_argument, plain_number
from guangde_plan.models import OrgUnit, PlanYear
from guangde_plan.progress import default_as_of, progress_document


class Command(BaseCommand):
    help = (
        "Print the progress of every target of a plan year (the API's document): a table, "
        "or JSON with --json."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="The plan year.")
        parser.add_argument(
            "--org-unit", metavar="CODE", help="Only this org unit's rows (division code)."
        )
        parser.add_argument(
            "--as-of",
            type=date_argument,
            metavar="YYYY-MM-DD",
            help="The day to report on (default: today, within the plan year).",
        )
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print the JSON document."
        )

    def handle(self, *args, year, org_unit, as_of, as_json, **options):
        plan_year = PlanYear.objects.filter(year=year).first()
        if plan_year is None:
            raise CommandError(_("There is no plan for the year %(year)s.") % {"year": year})
        units = OrgUnit.objects.all()
        if org_unit:
            units = units.filter(code=org_unit)
        org_units = list(units)
        if org_unit and not org_units:
            raise CommandError(_("There is no org unit %(code)s.") % {"code": org_unit})

        document = progress_document(
            plan_year=plan_year,
            as_of=as_of or default_as_of(plan_year, timezone.localdate()),
            org_units=org_units,
        )
        if as_json:
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
        else:
            self._table(document, org_unit)

    def _table(self, document: dict, org_unit: str | None) -> None:
        """One line per target. The column names are the document's keys (and the statuses
        its codes), so that a reader can match the table with the JSON."""
        self.stdout.write(
            _("Plan year %(year)s as of %(as_of)s")
            % {"year": document["year"], "as_of": document["as_of"]}
        )
        rows = [("code", "target", "actual", "%", "expected", "status", "forecast")]
        for item in document["targets"]:
            rows.append(
                (
                    item["code"],
                    plain_number(item["target"]),
                    plain_number(item["actual"]),
                    plain_number(item["percentage"]),
                    plain_number(item["expected"]),
                    item["status"],
                    plain_number(item["forecast"]),
                )
            )
        self._write_rows(rows, text_columns=(0, 5))
        if org_unit and document["targets"]:
            unit = document["targets"][0]["by_unit"][0]
            self.stdout.write("")
            self.stdout.write(
                _("Org unit %(code)s %(name)s") % {"code": unit["code"], "name": unit["name"]}
            )
            rows = [("code", "actual", "quota", "%")]
            for item in document["targets"]:
                row = item["by_unit"][0]
                rows.append(
                    (
                        item["code"],
                        plain_number(row["actual"]),
                        plain_number(row["quota"]),
                        plain_number(row["percentage"]),
                    )
                )
            self._write_rows(rows)

    def _write_rows(self, rows, text_columns=(0,)) -> None:
        """Text columns left-aligned, figures right-aligned."""
        widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
        for row in rows:
            cells = [
                cell.ljust(width) if column in text_columns else cell.rjust(width)
                for column, (cell, width) in enumerate(zip(row, widths, strict=True))
            ]
            self.stdout.write("  ".join(cells).rstrip())
