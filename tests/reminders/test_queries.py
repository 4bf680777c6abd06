"""Building every email of a week takes a fixed number of queries: neither more recipients
nor more items per recipient add any (each provider reads all units at once; rendering reads
nothing)."""

import datetime
import itertools

import pytest

from enterprises.models import HelpItem, PipelineEntry
from guangde_plan.models import OrgUnit, User
from guangde_plan.reminders.build import build_messages, run_context
from guangde_plan.reminders.recipients import recipients_all
from guangde_plan.reminders.render import render_email
from platforms.models import Department
from tests.factories import EnterpriseFactory, HteCertificateFactory, UserFactory

from .conftest import WEEK, make_notice

D = datetime.date
TODAY = D(2024, 6, 12)
NOTICE_NUMBERS = itertools.count(1)
# The reminders' own: recipients (active units, users, their units, opt-outs, departments),
# the plan year and the unit names, one per provider (figures year, figures missing, help
# items, stale entries, expiring certificates, notices overdue and due soon by department,
# notices unanswered city-wide), the digest's snapshots and six kinds of change: 20. The
# progress engine adds its own fixed number (about 25 today, more as apps add sources).
AT_MOST = 60


def _add(units: list[OrgUnit], *, liaisons: int, items: int, plan_year) -> None:
    n = User.objects.count()
    for unit in units:
        for i in range(liaisons):
            UserFactory(
                username=f"liaison{n}-{unit.code}-{i}",
                email=f"l{n}{i}{unit.code}@example.gov.cn",
                role=User.Role.LIAISON,
                org_units=[unit],
            )
        for i in range(items):
            enterprise = EnterpriseFactory(org_unit=unit)
            HelpItem.objects.create(
                enterprise=enterprise,
                kind="problem",
                problem=f"问题{i}",
                raised_on=D(2024, 1, 5),
                due_on=D(2024, 5, 1),
            )
            PipelineEntry.objects.create(
                enterprise=enterprise,
                track="tech_sme",
                plan_year=plan_year,
                stage="surveyed",
                stage_changed_on=D(2024, 3, 1),
            )
            HteCertificateFactory(enterprise=enterprise, issued_on=D(2021, 11, 2))
    for i in range(liaisons):
        department = Department.objects.create(name=f"部门{n}-{i}", email=f"d{n}{i}@example.gov.cn")
        for number in range(items):
            make_notice(
                department,
                number=next(NOTICE_NUMBERS),
                subject=f"提示单{number}",
                due_on=D(2024, 6, 1),
                plan_year=plan_year,
            )


def _build_all():
    recipients = recipients_all()
    messages = build_messages(recipients=recipients, context=run_context(week=WEEK, today=TODAY))
    emails = [render_email(message) for message in messages if message.item_count]
    return messages, emails


@pytest.fixture
def no_figures_cache(settings):
    # Counted as computed afresh: a cached engine would read less the second time.
    settings.FIGURES_CACHE = False


def test_the_query_count_does_not_grow(
    frozen,
    no_figures_cache,
    plan_year,
    org_units,
    staff_user,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    staff_user.email = "staff@example.gov.cn"
    staff_user.save()
    units = list(org_units.values())
    _add(units[:2], liaisons=1, items=1, plan_year=plan_year)
    with django_assert_max_num_queries(AT_MOST) as small:
        messages, emails = _build_all()
    assert len(emails) == 2 + 1 + 1  # two liaisons, one department, the staff digest

    # Fifty-odd more recipients, twelve items of each kind instead of one: not one query more.
    _add(units, liaisons=4, items=12, plan_year=plan_year)
    with django_assert_num_queries(len(small)):
        messages, emails = _build_all()
    assert len(emails) == 2 + 13 * 4 + 1 + 4 + 1
    biggest = max(message.item_count for message in messages)
    assert biggest > 30  # twelve of each kind, of which ten listed
