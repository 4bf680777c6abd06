"""Reminders from science popularisation (the outreach app): the key days (全国科技工作者日
5.30, 全国科普日) whose window opens within two weeks, for every unit; and, for the bureau
that keeps them, the societies whose renewal (换届) is overdue or falls due within two weeks.

Read-only use of the outreach app's own rules: the key day's window of the plan year
(outreach.selectors.key_day_window: the bureau's setting, else the published or default
one) and the societies' renewal dates (outreach.selectors_figures.society_renewals).
"""

import datetime

from django.utils.translation import gettext_lazy as _

from outreach.keydays import KeyDayKind
from outreach.selectors import key_day_window
from outreach.selectors_figures import society_renewals

from .items import (
    CITY,
    ITEMS_PER_BLOCK,
    Block,
    Item,
    RunContext,
    absolute_url,
    reminder_provider,
    text,
)

SOON_DAYS = 14


@reminder_provider("key_days", heading=_("Key days coming up"), order=60)
def key_days(context: RunContext, unit_ids: list[int]) -> dict[int, Block]:
    if context.plan_year is None:
        return {}
    horizon = context.today + datetime.timedelta(days=SOON_DAYS)
    items = []
    for kind in KeyDayKind:  # one query each (the bureau's window of the year, if set)
        window = key_day_window(plan_year=context.plan_year, kind=kind)
        if window.starts_on > horizon or window.ends_on < context.today:
            continue
        if window.starts_on == window.ends_on:
            note = text(
                _("On %(day)s: hold your unit's events and record them"), {"day": window.starts_on}
            )
        else:
            note = text(
                _("From %(start)s to %(end)s: hold your unit's events and record them"),
                {"start": window.starts_on, "end": window.ends_on},
            )
        items.append(Item(window.label, absolute_url("outreach:key_day", kind.value), note))
    if not items:
        return {}
    # The same days for every unit.
    block = Block(tuple(items), len(items), len(items))
    return dict.fromkeys(unit_ids, block)


@reminder_provider(
    "society_renewals", heading=_("Societies due for renewal"), audience=CITY, order=20
)
def societies_due(context: RunContext) -> Block | None:
    horizon = context.today + datetime.timedelta(days=SOON_DAYS)
    due = [s for s in society_renewals(today=context.today) if s.renewal_due_on <= horizon]
    if not due:
        return None
    items = []
    for society in due:
        template = (
            _("Renewal was due on %(day)s")
            if society.renewal_due_on < context.today
            else _("Renewal due on %(day)s")
        )
        items.append(
            Item(
                society.name,
                absolute_url("outreach:society_detail", society.pk),
                text(template, {"day": society.renewal_due_on}),
            )
        )
    more = absolute_url("outreach:society_list")
    return Block(tuple(items[:ITEMS_PER_BLOCK]), len(items), len(items), more)
