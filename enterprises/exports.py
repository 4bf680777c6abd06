"""The Excel exports of the enterprise lists: each list, with the filters and the order of
the page it is exported from, every row (not just the page shown), as the page shows them.

A list is a title, headers and rows (`Table`); views answer `?format=xlsx` with
`guangde_plan.lib.excel.xlsx_response(table.workbook(), table.filename)`. Headers follow the
interface language, like the page. The enterprise registry itself exports in the ledger's
企业名录 format instead (enterprises/ledger), so that the file can be imported back.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from guangde_plan.lib.excel import xlsx_from_rows

from .models import HelpActivity, HelpItem, PipelineEntry


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: Iterable[list]

    @property
    def filename(self) -> str:
        return f"{self.title}-{timezone.localdate():%Y%m%d}.xlsx"

    def workbook(self) -> Workbook:
        return xlsx_from_rows(self.title, self.headers, self.rows)


def _yes(value: bool) -> str:
    return _("yes") if value else ""


def help_activities(activities: Iterable[HelpActivity]) -> Table:
    def partners(activity):
        names = [
            label
            for flag, label in (
                (activity.with_tax_office, _("Tax office")),
                (activity.with_statistics_office, _("Statistics office")),
                (activity.with_park_office, _("Park office")),
            )
            if flag
        ]
        return "、".join([*names, *([activity.other_partners] if activity.other_partners else [])])

    return Table(
        _("Help activities"),
        [
            _("Date"),
            _("Activity"),
            _("Kind"),
            _("Unit"),
            _("Place"),
            _("Held with"),
            _("Enterprises"),
            _("Notes"),
        ],
        (
            [
                activity.held_on,
                activity.title,
                activity.get_kind_display(),
                activity.org_unit.name if activity.org_unit else _("City-wide"),
                activity.place,
                partners(activity),
                activity.enterprise_count,
                activity.notes,
            ]
            for activity in activities
        ),
    )


def help_items(items: Iterable[HelpItem]) -> Table:
    return Table(
        _("Help items and problems"),
        [
            _("Credit code"),
            _("Enterprise"),
            _("Unit"),
            _("Kind"),
            _("Problem"),
            _("Measure or answer"),
            _("Owner"),
            _("Raised on"),
            _("Due date"),
            _("Status"),
            _("Solved on"),
            _("Overdue"),
        ],
        (
            [
                item.enterprise.uscc,
                item.enterprise.name,
                item.enterprise.org_unit.name,
                item.get_kind_display(),
                item.problem,
                item.measure,
                item.owner,
                item.raised_on,
                item.due_on,
                item.get_status_display(),
                item.done_on,
                _yes(item.is_overdue),
            ]
            for item in items
        ),
    )


def pipeline_entries(entries: Iterable[PipelineEntry]) -> Table:
    return Table(
        _("Cultivation ledger"),
        [
            _("Credit code"),
            _("Enterprise"),
            _("Unit"),
            _("Track"),
            _("Year"),
            _("Stage"),
            _("Since"),
            _("Note"),
        ],
        (
            [
                entry.enterprise.uscc,
                entry.enterprise.name,
                entry.enterprise.org_unit.name,
                entry.get_track_display(),
                entry.plan_year.year,
                entry.get_stage_display(),
                entry.stage_changed_on,
                entry.note,
            ]
            for entry in entries
        ),
    )


def hte_expiring(certificates, *, year: int) -> Table:
    return Table(
        _("Certificates expiring in %(year)s") % {"year": year},
        [
            _("Credit code"),
            _("Enterprise"),
            _("Unit"),
            _("Certificate number"),
            _("Issue date"),
            _("Last valid day"),
            _("High-tech pipeline"),
        ],
        (
            [
                certificate.enterprise.uscc,
                certificate.enterprise.name,
                certificate.enterprise.org_unit.name,
                certificate.number,
                certificate.issued_on,
                certificate.last_valid_on,
                certificate.pipeline_stage_label or _("Not in the pipeline"),
            ]
            for certificate in certificates
        ),
    )


def candidates(rows, *, track: str, track_label: str, figures_year: int) -> Table:
    """The ranking of a candidates page: HTE conditions met, or the SME result and points."""
    if track == "hte":
        extra = [_("Conditions met"), _("Not met"), _("Without data")]

        def detail(row):
            if row.hte is None:
                return ["", "", ""]
            return [
                f"{row.hte.passed}/{len(row.hte.conditions)}",
                "、".join(str(condition.label) for condition in row.hte_failing),
                "、".join(str(condition.label) for condition in row.hte_without_data),
            ]
    else:
        extra = [_("Result"), _("Points")]
        results = {"direct": _("confirmed directly"), "pass": _("pass"), "fail": _("fail")}

        def detail(row):
            if row.sme is None:
                return ["", ""]
            return [results.get(row.sme.result, _("no data")), row.sme.total]

    return Table(
        _("%(track)s candidates (figures of %(year)s)")
        % {"track": track_label, "year": figures_year},
        [_("Rank"), _("Credit code"), _("Enterprise"), _("Unit"), *extra],
        (
            [
                row.rank,
                row.enterprise.uscc,
                row.enterprise.name,
                row.enterprise.org_unit.name,
                *(detail(row) if row.has_figures else [_("no figures")]),
            ]
            for row in rows
        ),
    )
