"""Reminders about city-wide records: work-reminder notices (工作提示单) for the responsible
units they were sent to, and for the bureau the notices still unanswered past their date."""

import datetime
from dataclasses import replace

from django.db.models import Count, Window
from django.utils.translation import gettext_lazy as _

from platforms.models import Notice
from platforms.selectors_city import NoticeStatus, notice_status_q

from .items import (
    CITY,
    DEPARTMENTS,
    ITEMS_PER_BLOCK,
    Block,
    Item,
    RunContext,
    absolute_url,
    blocks_from,
    first_per_group,
    reminder_provider,
    text,
)

SOON_DAYS = 14


def _overdue(context: RunContext):
    return Notice.objects.filter(notice_status_q(NoticeStatus.OVERDUE, today=context.today))


def _notice_item(row: dict, context: RunContext) -> Item:
    reference = f"{row['plan_year__year']}-{row['number']:03d}"
    if row["due_on"] < context.today:
        note = text(
            _("Notice %(reference)s was due on %(due)s (%(days)s days ago); no reply yet"),
            {
                "reference": reference,
                "due": row["due_on"],
                "days": (context.today - row["due_on"]).days,
            },
        )
    else:
        note = text(
            _("Notice %(reference)s is due on %(due)s"),
            {"reference": reference, "due": row["due_on"]},
        )
    return Item(row["subject"], absolute_url("platforms:notice_detail", row["pk"]), note)


NOTICE_FIELDS = ["pk", "subject", "number", "due_on", "plan_year__year"]


@reminder_provider(
    "notices_overdue", heading=_("Notices past their due date"), audience=DEPARTMENTS, order=10
)
def notices_overdue(context: RunContext, department_ids: list[int]) -> dict[int, Block]:
    found = first_per_group(
        _overdue(context).filter(department_id__in=department_ids),
        group="department_id",
        order_by=["due_on", "pk"],
        fields=NOTICE_FIELDS,
    )
    return blocks_from(found, lambda row: _notice_item(row, context), lambda department: "")


@reminder_provider(
    "notices_due_soon",
    heading=_("Notices due in the next two weeks"),
    audience=DEPARTMENTS,
    order=20,
)
def notices_due_soon(context: RunContext, department_ids: list[int]) -> dict[int, Block]:
    soon = Notice.objects.filter(
        replied_on__isnull=True,
        due_on__range=(context.today, context.today + datetime.timedelta(days=SOON_DAYS)),
        department_id__in=department_ids,
    )
    found = first_per_group(
        soon, group="department_id", order_by=["due_on", "pk"], fields=NOTICE_FIELDS
    )
    return blocks_from(found, lambda row: _notice_item(row, context), lambda department: "")


@reminder_provider(
    "notices_unanswered", heading=_("Notices unanswered past their date"), audience=CITY, order=10
)
def notices_unanswered(context: RunContext) -> Block | None:
    """For the bureau, which issued them: every unit's overdue notices, with the unit."""
    rows = list(
        _overdue(context)
        # The total comes with the first rows (a window over all of them): one query.
        .annotate(total=Window(Count("pk")))
        .order_by("due_on", "pk")
        .values(*NOTICE_FIELDS, "department__name", "total")[:ITEMS_PER_BLOCK]
    )
    if not rows:
        return None
    total = rows[0]["total"]
    items = tuple(
        replace(_notice_item(row, context), text=f"{row['department__name']}: {row['subject']}")
        for row in rows
    )
    more = absolute_url("platforms:notice_list", query=f"status={NoticeStatus.OVERDUE}")
    return Block(items, total, total, more)
