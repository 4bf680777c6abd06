"""What a reminder email lists, and the registry of the providers that find it.

A provider finds one kind of item for many recipients at once: for a set of org units, of
responsible units (departments) or for the whole city, in a number of queries that does not
grow with the number of units or items. Its result is a `Block` per unit (or department,
or one for the city); the build step hands each recipient the blocks of their own units.

Another app adds a kind of item with a decorated function in a module the reminders import
(see `providers.py` for the list), for example::

    @reminder_provider("key_days", heading=_("Key days coming up"), order=70)
    def key_days(context: RunContext, unit_ids: list[int]) -> dict[int, Block]:
        ...
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import formats
from django.utils.functional import Promise, lazy

# How many items of one kind an email lists for one unit; the rest is a count and a link.
ITEMS_PER_BLOCK = 10

UNITS, DEPARTMENTS, CITY = "units", "departments", "city"


@dataclass(frozen=True)
class RunContext:
    """What every provider of one run reads: the week and the day the content is as of."""

    week: datetime.date  # its Monday: the key of the week's deliveries
    today: datetime.date
    plan_year: object | None  # the PlanYear of today's year, if there is one
    # Filled once per run by whoever needs them (plan_progress, the figures year).
    shared: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Item:
    """One line of an email: `text` says what, `note` why now; `url` is where it is done."""

    text: str | Promise
    url: str
    note: str | Promise = ""


@dataclass(frozen=True)
class Block:
    """A provider's items for one unit: the first ITEMS_PER_BLOCK, how many in all, and a
    page listing every one. `action_count` is how many need doing (an email goes out only
    when some do); information without action (quotas on track) counts none."""

    items: tuple[Item, ...]
    total: int
    action_count: int
    more_url: str = ""

    @property
    def more(self) -> int:
        return self.total - len(self.items)


@dataclass(frozen=True)
class Provider:
    key: str
    heading: str | Promise
    audience: str
    find: Callable
    order: int


PROVIDERS: dict[str, Provider] = {}


def reminder_provider(key: str, *, heading, audience: str = UNITS, order: int = 100):
    """Register `find` as the provider of one kind of item.

    UNITS: find(context, unit_ids) -> {unit_id: Block}
    DEPARTMENTS: find(context, department_ids) -> {department_id: Block}
    CITY: find(context) -> Block | None (city-wide records, for bureau recipients)
    """
    if audience not in (UNITS, DEPARTMENTS, CITY):
        raise ValueError(audience)

    def register(find):
        PROVIDERS[key] = Provider(key, heading, audience, find, order)
        return find

    return register


def providers_for(audience: str) -> list[Provider]:
    return sorted((p for p in PROVIDERS.values() if p.audience == audience), key=lambda p: p.order)


def absolute_url(name: str, *args, query: str = "") -> str:
    """A link for an email: workers have no request, so the host is SITE_URL."""
    return f"{settings.SITE_URL}{reverse(name, args=args)}{'?' + query if query else ''}"


def _format(template, params: dict) -> str:
    values = {
        key: formats.date_format(value, "DATE_FORMAT")
        if isinstance(value, datetime.date)
        else value
        for key, value in params.items()
    }
    return str(template) % values


# A line of text translated, and its dates written, in the language active when the email is
# rendered (the recipient's), not when the item was found: items are shared by recipients.
text = lazy(_format, str)


def first_per_group(
    queryset: QuerySet, *, group: str, order_by: list, fields: list[str]
) -> dict[int, tuple[int, list[dict]]]:
    """The first ITEMS_PER_BLOCK rows of `queryset` in each `group` (a foreign key), with the
    group's total: {group id: (total, rows)}. One query, however many groups and rows (a
    window function numbers and counts the rows of each group)."""
    rows = (
        queryset.annotate(
            reminder_row=Window(RowNumber(), partition_by=F(group), order_by=order_by),
            reminder_total=Window(Count("pk"), partition_by=F(group)),
        )
        .filter(reminder_row__lte=ITEMS_PER_BLOCK)
        .values(*fields, "reminder_total", reminder_group=F(group))
        .order_by("reminder_group", "reminder_row")
    )
    found: dict[int, tuple[int, list[dict]]] = {}
    for row in rows:
        found.setdefault(row["reminder_group"], (row["reminder_total"], []))[1].append(row)
    return found


def blocks_from(found, make_item: Callable[[dict], Item], more_url: Callable[[int], str]):
    """{group id: Block} from `first_per_group`'s rows, every item needing action."""
    return {
        group: Block(tuple(make_item(row) for row in rows), total, total, more_url(group))
        for group, (total, rows) in found.items()
    }
