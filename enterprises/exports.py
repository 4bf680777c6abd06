"""The Excel exports of the enterprise lists: each list, with the filters and the order of
the page it is exported from, every row (not just the page shown), as the page shows them.

A list is a title, headers and rows (`Table`); views answer `?format=xlsx` with
`guangde_plan.lib.excel.xlsx_response(table.workbook(), table.filename)`. Headers follow the
interface language, like the page. The enterprise registry itself exports in the ledger's
企业名录 format instead (enterprises/ledger), so that the file can be imported back.
"""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from guangde_plan.lib.excel import Table

from .models import HelpActivity, HelpItem, PipelineEntry


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


def _enterprise_cells(record) -> list:
    return [record.enterprise.uscc, record.enterprise.name, record.enterprise.org_unit.name]


def _enterprise_headers() -> list[str]:
    # A function, not a constant: headers follow the language of the request.
    return [_("Credit code"), _("Enterprise"), _("Unit")]


def tech_demands(demands) -> Table:
    return Table(
        _("Technology needs and results"),
        [
            *_enterprise_headers(),
            _("Kind"),
            _("Title"),
            _("Description"),
            _("Collected on"),
            _("Status"),
            _("Matched with"),
        ],
        (
            [
                *_enterprise_cells(demand),
                demand.get_kind_display(),
                demand.title,
                demand.description,
                demand.collected_on,
                demand.get_status_display(),
                demand.matched_with,
            ]
            for demand in demands
        ),
    )


def cooperations(rows) -> Table:
    return Table(
        _("University and institute cooperations"),
        [
            *_enterprise_headers(),
            _("University or institute"),
            _("Subject"),
            _("Contract amount (10k yuan)"),
            _("Start date"),
            _("End date"),
            _("Note"),
        ],
        (
            [
                *_enterprise_cells(cooperation),
                cooperation.partner,
                cooperation.subject,
                cooperation.amount,
                cooperation.started_on,
                cooperation.ended_on,
                cooperation.note,
            ]
            for cooperation in rows
        ),
    )


def key_projects(projects) -> Table:
    return Table(
        _("Key projects"),
        [
            *_enterprise_headers(),
            _("Kind"),
            _("Level"),
            _("Project"),
            _("Applied on"),
            _("Status"),
            _("Funding granted (10k yuan)"),
            _("Note"),
        ],
        (
            [
                *_enterprise_cells(project),
                project.get_kind_display(),
                project.get_level_display(),
                project.title,
                project.applied_on,
                project.get_status_display(),
                project.funding,
                project.note,
            ]
            for project in projects
        ),
    )


def intermediaries(rows, *, day) -> Table:
    return Table(
        _("Technology intermediaries"),
        [
            _("Name"),
            _("Services"),
            _("Origin"),
            _("Home city"),
            _("Located in"),
            _("Contact person"),
            _("Contact phone"),
            _("On the white list since"),
            _("On the white list until"),
            _("On the white list on %(day)s") % {"day": f"{day:%Y-%m-%d}"},
            _("Enterprises served"),
        ],
        (
            [
                intermediary.name,
                intermediary.services,
                intermediary.get_origin_display(),
                intermediary.home_city,
                intermediary.org_unit.name if intermediary.org_unit else "",
                intermediary.contact_person,
                intermediary.contact_phone,
                intermediary.whitelisted_on,
                intermediary.whitelist_until,
                _yes(intermediary.is_whitelisted_on(day)),
                intermediary.enterprise_count,
            ]
            for intermediary in rows
        ),
    )


def _enterprise_cells(row) -> list:
    return [row.enterprise.uscc, row.enterprise.name, row.enterprise.org_unit.name]


def _enterprise_headers() -> list[str]:
    # A function, not a constant: headers follow the language of the request.
    return [_("Credit code"), _("Enterprise"), _("Unit")]


def finance_records(records: Iterable) -> Table:
    return Table(
        _("Technology finance"),
        [
            *_enterprise_headers(),
            _("Kind"),
            _("Bank"),
            _("Amount (10k yuan)"),
            _("Start date"),
            _("End date"),
            _("Status"),
            _("Note"),
        ],
        (
            [
                *_enterprise_cells(record),
                record.get_kind_display(),
                record.bank,
                record.amount,
                record.started_on,
                record.ended_on,
                record.get_status_display(),
                record.note,
            ]
            for record in records
        ),
    )


def white_list_entries(white_list, entries: Iterable) -> Table:
    return Table(
        f"{white_list.title} ({white_list.as_of:%Y-%m-%d})",
        [*_enterprise_headers(), _("Recognition"), _("Certificate or registration number")],
        (
            [*_enterprise_cells(entry), entry.get_recognition_display(), entry.number]
            for entry in entries
        ),
    )


def statistics_reports(reports: Iterable, *, year: int) -> Table:
    return Table(
        _("Statistical reporting %(year)s") % {"year": year},
        [*_enterprise_headers(), _("Above designated size"), _("Reported on"), _("Note")],
        (
            [
                *_enterprise_cells(report),
                _yes(report.enterprise.is_above_designated_size),
                report.reported_on,
                report.note,
            ]
            for report in reports
        ),
    )


def policies(rows: Iterable) -> Table:
    return Table(
        _("Policies"),
        [
            _("Policy"),
            _("Issued by"),
            _("Issued on"),
            _("Benefits"),
            _("Amount (10k yuan)"),
        ],
        (
            [
                policy.title,
                policy.issuer,
                policy.issued_on,
                policy.benefit_count,
                policy.benefit_total,
            ]
            for policy in rows
        ),
    )


def policy_benefits(policy, benefits: Iterable) -> Table:
    return Table(
        policy.title,
        [*_enterprise_headers(), _("Amount (10k yuan)"), _("Granted on"), _("Note")],
        (
            [*_enterprise_cells(benefit), benefit.amount, benefit.granted_on, benefit.note]
            for benefit in benefits
        ),
    )


def rd_enterprises(report) -> Table:
    """The R&D page's enterprises (enterprises/rd.py `RdReport`): increases first, then
    decreases, then those whose figures for the year are still missing."""
    from .rd import field_label

    return Table(
        _("R&D expense by enterprise, %(year)s against %(previous)s")
        % {"year": report.year, "previous": report.year - 1},
        [
            _("Credit code"),
            _("Enterprise"),
            _("Unit"),
            _("High-tech field"),
            _("R&D expense %(year)s (10k yuan)") % {"year": report.year - 1},
            _("R&D expense %(year)s (10k yuan)") % {"year": report.year},
            _("Change (10k yuan)"),
            _("Growth (%)"),
            _("Note"),
        ],
        (
            [
                row.uscc,
                row.name,
                row.org_unit_name,
                field_label(row.tech_field),
                row.previous,
                row.current,
                row.change,
                row.pct,
                _("figures missing")
                if row.current is None
                else _("new this year")
                if row.is_new
                else "",
            ]
            for row in report.ranked
        ),
    )


def three_zero(result, *, label: str) -> Table:
    """A 三个清零 list (enterprises/rd.py `ThreeZeroList`), then the enterprises without
    figures, with their open help items."""

    def helping(row):
        return "；".join(
            f"{item.owner or _('nobody yet')} {item.due_on or ''}".strip()
            for item in row.help_items
        ) or _("nobody yet")

    rows = [
        [
            status,
            row.uscc,
            row.name,
            row.org_unit_name,
            row.sales_revenue,
            row.lack,
            helping(row),
        ]
        for status, rows in ((_("listed"), result.listed), (_("data missing"), result.data_missing))
        for row in rows
    ]
    return Table(
        _("%(list)s (figures of %(year)s)") % {"list": label, "year": result.year},
        [
            _("Status"),
            _("Credit code"),
            _("Enterprise"),
            _("Unit"),
            _("Sales revenue (10k yuan)"),
            _("Lacks"),
            _("Helped by, planned date"),
        ],
        rows,
    )
