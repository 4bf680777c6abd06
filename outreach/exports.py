"""The Excel exports of the outreach lists: every row matching the page's filters, in its
order, as the page shows them (headers in the reader's language)."""

from django.utils.translation import gettext as _

from guangde_plan.lib.excel import Table

from .models import Selection
from .models.societies import RenewalStatus
from .selectors_figures import MONTHS, MonthTable


def _unit(record) -> str:
    return record.org_unit.name if record.org_unit else _("City-wide")


def events(rows) -> Table:
    return Table(
        _("Science-popularisation events"),
        [
            _("Date"),
            _("Title"),
            _("Kind"),
            _("Unit"),
            _("Monthly theme"),
            _("Place"),
            _("Organisers"),
            _("Partner units"),
            _("Volunteers"),
            _("Number of volunteers"),
            _("Expert-team members"),
            _("Audience"),
            _("Hosted by base"),
            _("Held by society or association"),
            _("Short report"),
        ],
        (
            [
                event.held_on,
                event.title,
                event.get_kind_display(),
                _unit(event),
                event.theme.title if event.theme else "",
                event.place,
                event.organisers,
                event.partners,
                event.volunteers,
                event.volunteer_count,
                event.experts,
                event.audience,
                event.base.name if event.base else "",
                event.society.name if event.society else "",
                event.report,
            ]
            for event in rows
        ),
    )


def bases(rows, *, year: int) -> Table:
    return Table(
        _("Science-popularisation bases"),
        [
            _("Name"),
            _("Kind"),
            _("Unit"),
            _("Level"),
            _("At this level since"),
            _("Address"),
            _("Contact person"),
            _("Contact phone"),
            _("Active"),
            _("Events in %(year)s") % {"year": year},
            _("Months with events in %(year)s") % {"year": year},
            _("Last event"),
        ],
        (
            [
                base.name,
                base.get_kind_display(),
                base.org_unit.name,
                base.get_level_display(),
                base.level_since,
                base.address,
                base.contact_person,
                base.contact_phone,
                _("yes") if base.is_active else _("no"),
                base.event_count,
                base.active_months,
                base.last_event_on,
            ]
            for base in rows
        ),
    )


def honorees(rows) -> Table:
    def result(honoree, selection):
        for recommendation in honoree.recommendations.all():
            if recommendation.selection == selection:
                return recommendation.get_result_display()
        return ""

    return Table(
        _("Outstanding sci-tech workers"),
        [
            _("Year"),
            _("Name"),
            _("Work unit"),
            _("Position or title"),
            _("Field"),
            _("Local honour"),
            _("Selected on"),
            *(label for _value, label in Selection.choices),
        ],
        (
            [
                honoree.plan_year.year,
                honoree.name,
                honoree.employer,
                honoree.position,
                honoree.field,
                honoree.honour,
                honoree.selected_on,
                *(result(honoree, value) for value in Selection.values),
            ]
            for honoree in rows
        ),
    )


def societies(rows, *, today, year: int) -> Table:
    return Table(
        _("Societies and associations"),
        [
            _("Name"),
            _("Kind"),
            _("Supervising unit"),
            _("Chair"),
            _("Secretary-general"),
            _("Members"),
            _("Current term started on"),
            _("Term (years)"),
            _("Next renewal due on"),
            _("Renewal"),
            _("Active"),
            _("Events in %(year)s") % {"year": year},
            _("Papers in %(year)s") % {"year": year},
        ],
        (
            [
                society.name,
                society.get_kind_display(),
                society.supervisor,
                society.chair,
                society.secretary_general,
                society.member_count,
                society.term_started_on,
                society.term_years,
                society.renewal_due_on,
                str(RenewalStatus(society.renewal_status(today)).label),
                _("yes") if society.is_active else _("no"),
                society.event_count,
                society.paper_count,
            ]
            for society in rows
        ),
    )


def papers(rows) -> Table:
    return Table(
        _("Papers"),
        [
            _("Collected on"),
            _("Title"),
            _("Authors"),
            _("Society or association"),
            _("Evaluation"),
            _("Award"),
            _("Note"),
        ],
        (
            [
                paper.collected_on,
                paper.title,
                paper.authors,
                paper.society.name,
                paper.get_evaluation_display(),
                paper.award,
                paper.note,
            ]
            for paper in rows
        ),
    )


def month_table(table: MonthTable) -> Table:
    """Events and audience by unit and month, with the year's totals."""
    headers = [_("Unit")]
    for month in MONTHS:
        headers += [
            _("%(month)s: events") % {"month": f"{table.year}-{month:02d}"},
            _("%(month)s: audience") % {"month": f"{table.year}-{month:02d}"},
        ]
    headers += [_("Events"), _("On the month's theme"), _("Audience")]

    def cells(label, month_cells, total):
        row = [label]
        for cell in month_cells:
            row += [cell.events, cell.audience]
        return [*row, total.events, total.on_theme, total.audience]

    rows = [
        cells(row.org_unit.name if row.org_unit else _("City-wide"), row.cells, row.total)
        for row in table.rows
    ]
    rows.append(cells(_("Total"), table.totals, table.total))
    return Table(_("Events by unit and month %(year)s") % {"year": table.year}, headers, rows)
