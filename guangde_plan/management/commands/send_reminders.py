"""Send one week's reminder emails by hand: the same service the hourly beat check runs.

Why it exists: operations and back-fills without a broker — when the worker, Redis or the
mail server was down for long, to send a week now rather than at the next hourly check, or
to see what a week's emails would hold (`--dry-run`: built, printed, neither written nor
sent). A recipient whose email of that week went (or who had nothing to act on) is left
alone, so running it again sends nothing twice. Whatever the week, the content is as of
today. The mail goes through EMAIL_BACKEND (for example the file backend and
EMAIL_FILE_PATH, to read a run's emails as files).

Exit codes: 0 done (some messages may have failed: the summary says how many, the log page
shows them, a later run retries them); 1 a week still to come, or the mail server could not
be reached; 2 malformed arguments (--week).
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from guangde_plan.lib.cli import date_argument
from guangde_plan.reminders.service import run_week


class Command(BaseCommand):
    help = (
        "Send the weekly reminder emails of one ISO week (default: this week) still due, as "
        "the hourly beat check does; nothing already sent is sent again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--week",
            type=date_argument,
            metavar="YYYY-MM-DD",
            help="Any day of the week to send (default: this week).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print who would get what; write and send nothing.",
        )

    def handle(self, *args, week, dry_run, **options):
        try:
            result = run_week(week=week, now=timezone.now(), dry_run=dry_run)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        except OSError as error:
            raise CommandError(
                _("The mail server could not be reached: %(error)s") % {"error": error}
            ) from None
        params = {"week": result.week.isoformat(), **result.as_dict()}
        if dry_run:
            for message in result.messages:
                self.stdout.write(
                    f"{message.recipient.email}\t{message.kind}\t{message.item_count}\t"
                    f"{message.recipient.name}"
                )
            due = sum(1 for message in result.messages if message.item_count)
            self.stdout.write(
                _(
                    "Dry run, nothing written or sent. Week of %(week)s: %(due)d emails would "
                    "be sent, %(empty)d recipients have nothing to act on, %(settled)d were "
                    "dealt with before."
                )
                % {**params, "due": due, "empty": len(result.messages) - due}
            )
            return
        self.stdout.write(
            _(
                "Week of %(week)s: %(sent)d emails sent, %(failed)d failed, %(skipped)d "
                "recipients with nothing to act on, %(settled)d dealt with before."
            )
            % params
        )
