"""Excel exports of the innovative-city pages: a plan year's indicators and the notice list
(every row matching the page's filters, in its order, as the page shows them)."""

import datetime
from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from guangde_plan.lib.excel import Table

from .models import Indicator, Notice
from .selectors_city import days_overdue


def _met(indicator: Indicator) -> str:
    met = indicator.is_met_by(indicator.latest_value)
    if met is None:
        return ""
    return _("met") if met else _("not met")


def indicators(rows: Iterable[Indicator], *, year: int) -> Table:
    """`rows` from selectors_city.indicator_list (latest value and open notices)."""
    return Table(
        _("Innovative-city indicators %(year)s") % {"year": year},
        [
            _("Line of work"),
            _("Indicator"),
            _("Responsible unit"),
            _("Contact person"),
            _("Direction"),
            _("Target"),
            _("Unit of measure"),
            _("Latest value"),
            _("As of"),
            _("Target met"),
            _("Open notices"),
        ],
        (
            [
                indicator.group.name,
                indicator.name,
                indicator.department.name,
                indicator.department.contact_person,
                indicator.get_direction_display(),
                indicator.target,
                indicator.unit,
                indicator.latest_value,
                indicator.latest_as_of,
                _met(indicator),
                indicator.open_notices,
            ]
            for indicator in rows
        ),
    )


def notices(rows: Iterable[Notice], *, today: datetime.date) -> Table:
    """`rows` from selectors_city.notice_list; overdue as of `today`."""

    def status(notice: Notice) -> str:
        if notice.is_replied:
            return _("Replied")
        if notice.is_overdue_on(today):
            return _("Overdue")
        return _("Awaiting a reply")

    return Table(
        _("Work-reminder notices"),
        [
            _("Number"),
            _("Issued on"),
            pgettext("notice", "To"),
            pgettext("notice", "Subject"),
            _("What is due"),
            _("Indicators"),
            _("Due by"),
            _("Status"),
            _("Days overdue"),
            _("Reply received on"),
            _("Reply"),
        ],
        (
            [
                notice.reference,
                notice.issued_on,
                notice.department.name,
                notice.subject,
                notice.content,
                "、".join(indicator.name for indicator in notice.indicators.all()),
                notice.due_on,
                status(notice),
                days_overdue(notice, today=today),
                notice.replied_on,
                notice.reply,
            ]
            for notice in rows
        ),
    )
