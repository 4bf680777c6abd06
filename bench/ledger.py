"""How long a large ledger import takes on PostgreSQL: the issue asks for 10,000 enterprise
rows and 30,000 figure rows in under a minute.

    python bench/ledger.py [--enterprises 10000] [--years 3] [--database-url URL] [--keep]

1. Creates its own database (as bench/run.py does: the name must contain "bench", it is
   dropped and recreated, and dropped at the end unless --keep), migrates it and loads the
   reference data (setup_guangde).
2. Writes a workbook of N new enterprises (企业名录) with --years years of figures each
   (年度数据), as the ledger writer writes files.
3. Times, as a staff user: reading the file, the preview (plan_import), and writing it
   (apply_import, which reads the records again to check they did not change); then the same
   file once more, now all "no change"; then the file with every figure changed.

Prints the timings; exit status 0 when the first import (read + plan + apply) took under
GOAL_SECONDS, 1 when not, 2 when the benchmark could not run. Not a test: the figures
depend on the machine and on whatever else runs on it.
"""

import argparse
import datetime
import io
import os
import random
import sys
import tempfile
import time
import traceback
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import BenchError, Database, app_environment, log  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/guangde_ledger_bench"
GOAL_SECONDS = 60
SEED = 20240615
USERNAME = "bench-ledger-staff"


def workbook(count: int, years: int, bump: int = 0) -> bytes:
    """N invented enterprises over the 13 units and `years` years of figures each, ending
    last year; `bump` is added to every amount (another version of the same figures)."""
    from openpyxl import Workbook

    from bench.seed import bench_uscc
    from enterprises.ledger.schema import ENTERPRISES, FIGURES, TECH_FIELD_LABELS
    from guangde_plan.lib.excel import add_sheet, workbook_bytes
    from guangde_plan.models import OrgUnit

    rng = random.Random(SEED)
    units = list(OrgUnit.objects.values_list("name", flat=True))
    last_year = datetime.date.today().year - 1
    enterprises, figures = [], []
    for number in range(1, count + 1):
        uscc = bench_uscc(number)
        registered = datetime.date(2000, 1, 1) + datetime.timedelta(days=rng.randint(0, 8000))
        enterprises.append(
            [
                uscc,
                f"【基准】导入测试企业{number:05d}有限公司",
                rng.choice(units),
                rng.choice([*TECH_FIELD_LABELS.values(), None]),
                registered,
                registered + datetime.timedelta(days=rng.randint(30, 700)),
                rng.choice(["是", "否"]),
                "张三",
                f"139{number:08d}",
                f"工业园{number}号",
            ]
        )
        sales = rng.randint(500, 200_000)
        for year in range(last_year - years + 1, last_year + 1):
            employees = rng.randint(10, 800)
            rd = Decimal(sales * rng.randint(1, 8)) / 100 + bump
            figures.append(
                [
                    uscc,
                    year,
                    Decimal(sales) + bump,
                    Decimal(sales) * Decimal("0.9"),
                    Decimal(sales) * Decimal("0.8"),
                    Decimal(sales) * Decimal("1.2"),
                    employees,
                    employees // rng.randint(3, 12),
                    rd,
                    rd,
                    Decimal(sales) * Decimal("0.5"),
                    rng.choice(["无", "企业自建", "市级", "省级"]),
                    rng.choice(["是", "否"]),
                    rng.randint(0, 5),
                    rng.randint(0, 3),
                    rng.randint(0, 10),
                ]
            )
    book = Workbook(write_only=True)
    for sheet, rows in ((ENTERPRISES, enterprises), (FIGURES, figures)):
        add_sheet(book, sheet.name, [column.title for column in sheet.columns], rows)
    return workbook_bytes(book)


def timed(label: str, function, timings: dict):
    started = time.perf_counter()
    result = function()
    timings[label] = round(time.perf_counter() - started, 2)
    log(f"  {label:<34} {timings[label]:>7.2f} s")
    return result


def import_once(name: str, data: bytes, user) -> dict:
    from django.db import connection, reset_queries

    from enterprises.ledger.importer import apply_import, plan_import
    from enterprises.ledger.reading import read_ledger

    log(f"{name} ({len(data) / 1024 / 1024:.1f} MB)")
    timings: dict = {}
    reset_queries()
    ledger = timed("read", lambda: read_ledger(io.BytesIO(data), filename="bench.xlsx"), timings)
    plan = timed("plan (preview)", lambda: plan_import(ledger, user=user), timings)
    queries = len(connection.queries)
    if not plan.ok:
        raise BenchError(f"the plan has errors: {plan.errors[:3]}")
    counts = {sheet: dict(c) for sheet, c in plan.counts.items()}
    log(f"  {counts}  ({queries} queries for the preview)")
    if plan.has_changes:
        timed("apply (records read again, written)", lambda: apply_import(plan, user=user), timings)
    timings["total"] = round(sum(timings.values()), 2)
    log(f"  {'total':<34} {timings['total']:>7.2f} s")
    return {"timings": timings, "counts": counts, "preview_queries": queries}


def run(args) -> dict:
    database = Database(args.database_url)
    workdir = tempfile.mkdtemp(prefix="guangde-ledger-bench-")
    # No Redis: the import's timing, not the cache's (invalidating is a no-op without it).
    static_root = str(Path(workdir) / "static")
    environment = app_environment(
        database_url=args.database_url, redis_url="", static_root=static_root
    )
    os.environ.update(environment)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    from enterprises.models import AnnualFigures, Enterprise
    from guangde_plan.models import User
    from guangde_plan.services import user_apply_role

    # Counting queries needs the debug cursor; it does not change what runs.
    settings.DEBUG = True
    try:
        log(f"Creating database {database.name}")
        database.recreate()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("setup_guangde", verbosity=0)
        user, _created = User.objects.get_or_create(username=USERNAME)
        user.role = User.Role.STAFF
        user_apply_role(user=user)
        user.save()
        log(f"Writing a workbook of {args.enterprises:,} enterprises × {args.years} years")
        first = workbook(args.enterprises, args.years)
        changed = workbook(args.enterprises, args.years, bump=1)
        result = {
            "first import": import_once("First import: everything new", first, user),
            "again": import_once("The same file again: no changes", first, user),
            "updates": import_once("Every figure changed", changed, user),
        }
        stored = (Enterprise.objects.count(), AnnualFigures.objects.count())
        history = (Enterprise.history.count(), AnnualFigures.history.count())
        log(f"Stored: {stored[0]:,} enterprises, {stored[1]:,} figures; history rows {history}")
        return result
    finally:
        connections.close_all()
        if not args.keep:
            drop_quietly(database)


def drop_quietly(database: Database) -> None:
    """However the run ended: a database that cannot be dropped is reported, not raised
    over the run's own outcome."""
    try:
        database.drop()
    except BenchError as error:
        log(f"Could not drop {database.name}: {error}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--enterprises", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=3, help="figure rows per enterprise")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    try:
        total = run(parser.parse_args(argv))["first import"]["timings"]["total"]
    except Exception as error:
        # A BenchError says why the benchmark could not run; anything else, its traceback.
        if isinstance(error, BenchError):
            print(f"bench: {error}", file=sys.stderr)
        else:
            traceback.print_exc()
        return 2
    verdict = "PASS" if total < GOAL_SECONDS else "FAIL"
    log(f"\nGoal: the first import under {GOAL_SECONDS} s: {total:.1f} s → {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
