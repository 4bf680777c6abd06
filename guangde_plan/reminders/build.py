"""Every recipient's message of a week, built in a fixed number of queries: each provider
runs once for all the units (or responsible units) of all recipients, the digest once, and
each recipient then takes the blocks of their own units. Nothing here writes or sends.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..models import OrgUnit, PlanYear
from . import providers, providers_city, providers_outreach  # noqa: F401  (register them)
from .digest import DigestView, build_digest, digest_for
from .items import CITY, DEPARTMENTS, UNITS, Block, Provider, RunContext, providers_for
from .recipients import Kind, Recipient


@dataclass(frozen=True)
class Group:
    """The blocks of one unit (or responsible unit, or the city): a heading in the email."""

    title: str | Promise
    sections: list[tuple[Provider, Block]]


@dataclass
class Message:
    recipient: Recipient
    week: datetime.date
    today: datetime.date
    groups: list[Group] = field(default_factory=list)
    digest: DigestView | None = None

    @property
    def kind(self) -> str:
        return self.recipient.kind

    @property
    def item_count(self) -> int:
        """What the email is about: items needing action, or the digest's rows. Zero: no
        email."""
        actions = sum(block.action_count for group in self.groups for _p, block in group.sections)
        return actions + (self.digest.item_count if self.digest else 0)


def run_context(*, week: datetime.date, today: datetime.date) -> RunContext:
    """The plan the emails speak of: this year's, or while none is entered yet the latest
    one before it (as the dashboard shows it); never a plan of a year still to come."""
    plan_year = PlanYear.objects.filter(year__lte=today.year).order_by("-year").first()
    return RunContext(week=week, today=today, plan_year=plan_year)


def _blocks(audience: str, context: RunContext, ids: list[int]) -> dict[str, dict]:
    if not ids:
        return {}
    return {provider.key: provider.find(context, ids) for provider in providers_for(audience)}


def _group(title: str, audience: str, found: dict[str, dict], key: int) -> Group | None:
    sections = [
        (provider, found[provider.key][key])
        for provider in providers_for(audience)
        if key in found.get(provider.key, {})
    ]
    return Group(title, sections) if sections else None


def build_messages(*, recipients: list[Recipient], context: RunContext) -> list[Message]:
    """One message per recipient (empty ones included: the caller records them as having
    nothing to send)."""
    reminders = [r for r in recipients if r.kind == Kind.REMINDERS]
    unit_ids = sorted({unit for r in reminders for unit in r.unit_ids})
    department_ids = sorted({r.department_id for r in reminders if r.is_department})
    units = list(OrgUnit.objects.filter(pk__in=unit_ids).order_by("sort_order", "code"))
    by_unit = _blocks(UNITS, context, unit_ids)
    by_department = _blocks(DEPARTMENTS, context, department_ids)
    city: dict[str, dict] = {}
    if any(r.sees_all_units for r in recipients):
        city = {p.key: {0: p.find(context)} for p in providers_for(CITY)}
        city = {key: found for key, found in city.items() if found[0] is not None}
    digest = None
    if any(r.kind == Kind.DIGEST for r in recipients):
        digest = build_digest(context)

    messages = []
    for recipient in recipients:
        message = Message(recipient, context.week, context.today)
        groups: list[Group | None] = []
        if recipient.sees_all_units:
            groups.append(_group(_("Whole city"), CITY, city, 0))
        if recipient.kind == Kind.DIGEST:
            if digest is not None:
                message.digest = digest_for(
                    digest, unit_ids=recipient.unit_ids, sees_all=recipient.sees_all_units
                )
        elif recipient.is_department:
            groups.append(_group("", DEPARTMENTS, by_department, recipient.department_id))
        else:
            mine = set(recipient.unit_ids)
            groups += [_group(u.name, UNITS, by_unit, u.pk) for u in units if u.pk in mine]
        message.groups = [group for group in groups if group is not None]
        messages.append(message)
    return messages
