"""The dashboard as a workbook, the way the bureau reports upward: every target with its
actual, percentage, expected value, status and forecast, then each unit's actual against
its quota, target by target. The same figures as the page (guangde_plan/progress.py)."""

import datetime

from django.utils.translation import gettext as _
from openpyxl import Workbook

from .lib.excel import add_sheet
from .models import PlanYear
from .progress import TargetProgress
from .templatetags.plan_tags import STATUS_LABELS


def progress_workbook(
    *, plan_year: PlanYear, as_of: datetime.date, items: list[TargetProgress]
) -> Workbook:
    workbook = Workbook(write_only=True)
    add_sheet(
        workbook,
        _("Targets"),
        [
            _("Section"),
            _("Code"),
            _("Target"),
            _("Unit of measure"),
            _("Target value"),
            _("Actual"),
            _("Percentage"),
            _("Expected by %(day)s") % {"day": as_of.isoformat()},
            _("Status"),
            _("Year-end forecast"),
        ],
        (
            [
                item.target.get_section_display(),
                item.target.code,
                item.target.name,
                item.target.unit,
                item.target.value,
                item.actual,
                item.percentage,
                item.expected,
                str(STATUS_LABELS.get(item.status, item.status)),
                item.forecast,
            ]
            for item in items
        ),
    )
    add_sheet(
        workbook,
        _("By township or park"),
        [_("Target"), _("Township or park"), _("Actual"), _("Quota"), _("Percentage")],
        (
            [item.target.name, row.org_unit.name, row.actual, row.quota, row.percentage]
            for item in items
            if item.tracked
            for row in item.by_unit
        ),
    )
    return workbook


def progress_filename(plan_year: PlanYear, as_of: datetime.date) -> str:
    return _("%(year)s plan progress as of %(day)s.xlsx") % {
        "year": plan_year.year,
        "day": as_of.isoformat(),
    }
