"""Write the ledger (台账) workbook of a plan year, from the server's shell.

Why it exists: a copy of the records in the format the import reads — to hand to the
statistics office, to correct offline and import again (an unchanged export imports as "no
changes"), or, with --template, the workbook a township fills in for the year. What each
sheet holds is documented in enterprises/ledger/writing.py.

It runs as the operator: every unit unless --org-unit narrows it.

Exit codes: 0 written; 1 an unknown org unit; 2 malformed arguments (a year that is not a
number, --template without exactly one --org-unit, a file that cannot be written).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from enterprises.ledger.writing import export_ledger, township_template, workbook_bytes
from guangde_plan.models import OrgUnit


class Command(BaseCommand):
    help = "Write the ledger workbook of a plan year (.xlsx), in the format import_ledger reads."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .xlsx file to write.")
        parser.add_argument("--year", type=int, required=True, help="The plan year.")
        parser.add_argument(
            "--org-unit",
            action="append",
            dest="codes",
            metavar="CODE",
            help="Only this org unit (division code); may be repeated.",
        )
        parser.add_argument(
            "--template",
            action="store_true",
            help="The template of one org unit: adds an empty row per enterprise for the year.",
        )

    def handle(self, *args, file, year, codes, template, **options):
        units = None
        if codes:
            units = list(OrgUnit.objects.filter(code__in=codes))
            unknown = sorted(set(codes) - {unit.code for unit in units})
            if unknown:
                message = _("There is no org unit %(code)s.") % {"code": "、".join(unknown)}
                raise CommandError(message)
        if template:
            if units is None or len(units) != 1:
                message = _("--template needs exactly one --org-unit.")
                raise CommandError(message, returncode=2)
            workbook = township_template(org_unit=units[0], year=year)
        else:
            workbook = export_ledger(year=year, org_units=units)
        try:
            Path(file).write_bytes(workbook_bytes(workbook))
        except OSError as error:
            message = _("Cannot write %(file)s: %(error)s")
            raise CommandError(
                message % {"file": file, "error": error.strerror}, returncode=2
            ) from None
        self.stdout.write(
            _("Ledger of %(year)d written to %(file)s.") % {"year": year, "file": file}
        )
