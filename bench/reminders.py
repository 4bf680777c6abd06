"""How long the week's reminder emails take: the issue asks for 3,000 liaisons over 20,000
enterprises, built and sent to a local SMTP sink, in under a minute.

    python bench/reminders.py [--liaisons 3000] [--enterprises 20000] [--database-url URL]
                              [--keep]

1. Creates its own database (as bench/run.py does: the name must contain "bench", it is
   dropped and recreated, and dropped at the end unless --keep), migrates it, loads the
   reference data and seeds the enterprises (bench/seed.py: figures, certificates,
   registrations, pipeline entries), then what the reminders read besides: this year's
   figures missing for ~30 % of the enterprises, help items past due for ~5 %, a quota of
   every count target per unit, 20 responsible units with notices, N liaisons spread over
   the 13 units (one unit each) and 5 bureau users (the digest).
2. Starts an SMTP sink (aiosmtpd's Sink, in its own process) on a free loopback port and
   points Django's SMTP backend at it.
3. Times, for Wednesday 12 June 2024 10:00: building every message without sending (the
   command's --dry-run), the real run (build, claim a row, render, send, mark sent, for
   each recipient), and the same week again (everything already sent: nothing goes).

Prints the timings; exit status 0 when the real run took under GOAL_SECONDS, 1 when not, 2
when the benchmark could not run. Not a test: the figures depend on the machine and on
whatever else runs on it.
"""

import argparse
import datetime
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import BenchError, Database, app_environment, log  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/guangde_reminders_bench"
GOAL_SECONDS = 60
SEED = 20240612
# Wednesday 12 June 2024, 10:00 in Guangde: the plan year the seed writes.
NOW = datetime.datetime(2024, 6, 12, 2, tzinfo=datetime.UTC)
MISSING_SHARE, HELP_SHARE = 0.30, 0.05
SINK = "aiosmtpd.handlers.Sink"  # accepts and drops every message


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_sink(port: int) -> subprocess.Popen:
    sink = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c", SINK],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return sink
        except OSError:
            if sink.poll() is not None:
                raise BenchError("the SMTP sink (aiosmtpd) did not start") from None
            time.sleep(0.1)
    sink.kill()
    raise BenchError("the SMTP sink (aiosmtpd) did not answer within 15 s")


def seed_reminders(*, liaisons: int, plan_year) -> dict[str, int]:
    """What the reminders read besides bench/seed.py's records."""
    from enterprises.models import AnnualFigures, Enterprise, HelpItem
    from guangde_plan import figures_cache
    from guangde_plan.models import OrgUnit, Target, TargetQuota, User
    from platforms.models import Department, Notice

    rng = random.Random(SEED)
    enterprise_ids = list(Enterprise.objects.values_list("pk", flat=True))
    missing = rng.sample(enterprise_ids, int(len(enterprise_ids) * MISSING_SHARE))
    AnnualFigures.objects.filter(enterprise_id__in=missing, year=plan_year.year).delete()
    helped = rng.sample(enterprise_ids, int(len(enterprise_ids) * HELP_SHARE))
    HelpItem.objects.bulk_create(
        HelpItem(
            enterprise_id=pk,
            kind=HelpItem.Kind.PROBLEM,
            problem=f"基准问题{pk}：融资需求待对接",
            raised_on=datetime.date(2024, 3, 1),
            due_on=datetime.date(2024, 5, rng.randint(1, 31)),
        )
        for pk in helped
    )
    units = list(OrgUnit.objects.order_by("sort_order", "code"))
    counted = Target.objects.filter(plan_year=plan_year, code__in=["hte_total", "tech_sme_total"])
    TargetQuota.objects.bulk_create(
        TargetQuota(target=target, org_unit=unit, value=Decimal(rng.randint(10, 40)))
        for target in counted
        for unit in units
    )
    departments = Department.objects.bulk_create(
        Department(name=f"基准责任单位{n:02d}", email=f"unit{n:02d}@bench.example.gov.cn")
        for n in range(20)
    )
    Notice.objects.bulk_create(
        Notice(
            department=department,
            plan_year=plan_year,
            number=n + 1,
            subject=f"基准提示单{n + 1}",
            content="请按时报送。",
            issued_on=datetime.date(2024, 5, 6),
            due_on=datetime.date(2024, 6, rng.randint(1, 26)),
        )
        for n, department in enumerate(departments * 3)
    )
    users = User.objects.bulk_create(
        [
            User(
                username=f"bench-liaison-{n:05d}",
                email=f"liaison{n:05d}@bench.example.gov.cn",
                role=User.Role.LIAISON,
                last_name="联络员",
                first_name=f"{n:05d}",
            )
            for n in range(liaisons)
        ]
        + [
            User(
                username=f"bench-bureau-{n}",
                email=f"bureau{n}@bench.example.gov.cn",
                role=User.Role.STAFF if n < 3 else User.Role.LEADER,
            )
            for n in range(5)
        ]
    )
    Through = User.org_units.through
    Through.objects.bulk_create(
        Through(user_id=user.pk, orgunit_id=units[n % len(units)].pk)
        for n, user in enumerate(users[:liaisons])
    )
    figures_cache.invalidate()
    return {
        "figures_deleted_for": len(missing),
        "help_items_past_due": len(helped),
        "notices": len(departments) * 3,
        "users": len(users),
    }


def timed(label: str, function, timings: dict):
    started = time.perf_counter()
    result = function()
    timings[label] = round(time.perf_counter() - started, 2)
    log(f"  {label:<44} {timings[label]:>7.2f} s")
    return result


def run(args) -> dict:
    database = Database(args.database_url)
    workdir = tempfile.mkdtemp(prefix="guangde-reminders-bench-")
    port = free_port()
    environment = app_environment(
        database_url=args.database_url, redis_url="", static_root=str(Path(workdir) / "static")
    )
    environment.update(
        {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(port),
            "SITE_URL": "https://plan.example.gov.cn",
            "BUREAU_NAME": "广德市科技局",
        }
    )
    os.environ.update(environment)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from bench.seed import seed
    from guangde_plan.models import PlanYear, ReminderDelivery
    from guangde_plan.reminders.service import run_week

    sink = None
    try:
        log(f"Creating database {database.name}")
        database.recreate()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("setup_guangde", verbosity=0)
        plan_year = PlanYear.objects.get(year=2024)
        log(f"Seeding {args.enterprises:,} enterprises and {args.liaisons:,} liaisons")
        counts = seed(count=args.enterprises, plan_year=plan_year)
        counts.update(seed_reminders(liaisons=args.liaisons, plan_year=plan_year))
        log(f"  {counts}")
        sink = start_sink(port)
        log(f"SMTP sink (aiosmtpd) on 127.0.0.1:{port}; the week of 2024-06-10, as of {NOW}")
        timings: dict = {}
        dry = timed(
            "build every message (dry run)", lambda: run_week(now=NOW, dry_run=True), timings
        )
        with_items = [m for m in dry.messages if m.item_count]
        log(
            f"  {len(dry.messages):,} recipients, {len(with_items):,} with something to act on, "
            f"{sum(m.item_count for m in with_items):,} items in all"
        )
        result = timed(
            "the run: build, claim, render, send, record", lambda: run_week(now=NOW), timings
        )
        log(f"  {result.as_dict()}")
        again = timed("the same week again (nothing to send)", lambda: run_week(now=NOW), timings)
        log(f"  {again.as_dict()}")
        sent = ReminderDelivery.objects.filter(status="sent").count()
        if result.sent != sent or again.sent:
            raise BenchError(f"sent {result.sent}, then {again.sent}; {sent} rows marked sent")
        return {"timings": timings, "counts": counts, "sent": sent}
    finally:
        if sink is not None:
            sink.terminate()
            sink.wait(timeout=10)
        connections.close_all()
        if not args.keep:
            try:
                database.drop()
            except BenchError as error:
                log(f"Could not drop {database.name}: {error}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--liaisons", type=int, default=3_000)
    parser.add_argument("--enterprises", type=int, default=20_000)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    try:
        result = run(parser.parse_args(argv))
    except Exception as error:
        # A BenchError says why the benchmark could not run; anything else, its traceback.
        if isinstance(error, BenchError):
            print(f"bench: {error}", file=sys.stderr)
        else:
            traceback.print_exc()
        return 2
    took = result["timings"]["the run: build, claim, render, send, record"]
    verdict = "PASS" if took < GOAL_SECONDS else "FAIL"
    sent = result["sent"]
    log(f"\nGoal: {sent:,} emails built and sent within {GOAL_SECONDS} s: {took:.1f} s → {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
