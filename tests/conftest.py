"""Fixtures shared by every test: the reference org units and one persona per role.

Personas: `staff_user` (bureau staff, everything), `leader_user` (read-only, everything),
`admin_user`, `liaison` (桃州镇) and `outsider` (a liaison of 新杭镇, who must see none of
桃州镇's records).
"""

import os

import pytest
from django.core.cache import cache
from django.core.management import call_command

from guangde_plan.figures_cache import GENERATION_KEY
from guangde_plan.models import OrgUnit, PlanYear, User

from .factories import EnterpriseFactory, UserFactory

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

TAOZHOU, XINHANG, KFQ = "341882100", "341882104", "341882400"


@pytest.fixture(autouse=True)
def _fresh_figures_cache():
    """Each test starts a new generation of the figures cache: the records behind figures
    cached by an earlier test were rolled back without a commit that would bump it."""
    cache.delete(GENERATION_KEY)


@pytest.fixture
def org_units(db):
    call_command("setup_guangde", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return {unit.code: unit for unit in OrgUnit.objects.all()}


@pytest.fixture
def plan_year(org_units):
    """The 2024 plan year seeded from the plan, with its targets."""
    return PlanYear.objects.get(year=2024)


TYPED_TARGET = "tech_contracts_value"


@pytest.fixture
def typed_target(plan_year):
    """A target of 2024 the app holds no records for (every target of the plan is computed
    now): staff type its values in, as for the indicators other departments report."""
    from guangde_plan.models import Target

    return Target.objects.create(
        plan_year=plan_year,
        code=TYPED_TARGET,
        name="技术合同成交额",
        section=Target.Section.INNOVATIVE_CITY,
        value=50000,
        unit="万元",
        direction=Target.Direction.AT_LEAST,
        sort_order=900,
    )


@pytest.fixture
def taozhou(org_units):
    return org_units[TAOZHOU]


@pytest.fixture
def xinhang(org_units):
    return org_units[XINHANG]


@pytest.fixture
def staff_user(db):
    return UserFactory(username="staff", role=User.Role.STAFF)


@pytest.fixture
def leader_user(db):
    return UserFactory(username="leader", role=User.Role.LEADER)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", role=User.Role.ADMIN, is_staff=True, is_superuser=True)


@pytest.fixture
def liaison(taozhou):
    return UserFactory(username="liaison_taozhou", role=User.Role.LIAISON, org_units=[taozhou])


@pytest.fixture
def outsider(xinhang):
    return UserFactory(username="liaison_xinhang", role=User.Role.LIAISON, org_units=[xinhang])


@pytest.fixture
def taozhou_enterprise(taozhou):
    return EnterpriseFactory(org_unit=taozhou, name="桃州测试科技有限公司")


@pytest.fixture
def xinhang_enterprise(xinhang):
    return EnterpriseFactory(org_unit=xinhang, name="新杭测试材料有限公司")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium: Playwright cannot download its own browser here."""
    args = [
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    if os.geteuid() == 0:
        args.append("--no-sandbox")
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("PLAYWRIGHT_CHROMIUM", "/usr/bin/chromium"),
        "args": args,
    }
