"""How fast the dashboard and the progress API answer on PostgreSQL with 20,000 enterprises,
measured in the same run as a minimal view for scale.

    python bench/run.py [--enterprises 20000] [--requests 200] [--database-url URL] [--keep]
                        [--explain]

1. Creates its own database (dropped and recreated on every run unless --keep), migrates
   it, loads the reference data (setup_guangde) and seeds the enterprises (bench/seed.py).
2. Times the dashboard's and the API's views in-process, query by query (bench/breakdown.py),
   so that a missed goal comes with its cause; --explain adds PostgreSQL's plans.
3. Starts gunicorn (2 sync workers, the production settings with throw-away secrets) on a
   free loopback port, logs in as a staff user and times sequential requests, interleaved
   so that any drift of the machine hits all three alike, after a few warm-up requests.
4. Prints a table and writes bench/results/<timestamp>.json.

Exit status: 0 when the dashboard's p50 is within GOAL_FACTOR times the minimal view's, 1
when it is not, 2 when the benchmark could not run. Gunicorn is always stopped and the
database dropped (unless --keep), however the run ends.
"""

import argparse
import datetime
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import unquote, urlencode, urlsplit

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/guangde_bench"

PLAN_YEAR = 2024
AS_OF = "2024-06-30"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/14"
DASHBOARD = f"/?year={PLAN_YEAR}&as_of={AS_OF}"
# name, path, whether the figures cache is emptied before each request. /health/ is the
# app's lightest view (one SELECT 1 and a Redis round trip): the scale against which the
# others are judged. "dashboard" is the page as read between writes, its summed figures
# from the cache; "after-write" the first read after a record changed, all computed afresh.
ENDPOINTS = [
    ("minimal", "/health/", False),
    ("dashboard", DASHBOARD, False),
    ("after-write", DASHBOARD, True),
    ("api", f"/api/v1/progress/{PLAN_YEAR}/?as_of={AS_OF}", False),
]
GOAL_FACTOR = 5  # the goal: dashboard p50 ≤ 5 × the minimal view's p50
WARMUP = 10  # requests per endpoint before timing: both workers import, connect, fill caches
WORKERS = 2
REQUEST_TIMEOUT = 30  # seconds, for every request
STARTUP_TIMEOUT = 60  # seconds for gunicorn to answer /health/
USERNAME = "bench-staff"
TOP_QUERIES = 5
BUSY_LOAD = 0.5  # per CPU: above it, the report warns that other work skews the figures


class BenchError(Exception):
    """The benchmark could not run (not a slow result: that is a FAIL)."""


def log(message: str) -> None:
    print(message, flush=True)


# --- The benchmark's own database ---------------------------------------------------------


class Database:
    def __init__(self, url: str):
        parts = urlsplit(url)
        if parts.scheme not in ("postgres", "postgresql"):
            raise BenchError(f"--database-url must be a postgres:// URL, not {parts.scheme}://")
        self.url = url
        self.name = unquote(parts.path.lstrip("/"))
        # The database is dropped on every run: never point this at real data.
        if "bench" not in self.name:
            raise BenchError(f"refusing database {self.name!r}: its name must contain 'bench'")
        self.params = {
            "host": parts.hostname or "127.0.0.1",
            "port": parts.port or 5432,
            "user": unquote(parts.username or "postgres"),
            "password": unquote(parts.password) if parts.password else None,
            "connect_timeout": 10,
        }

    def _connect(self, dbname: str):
        connection = psycopg2.connect(dbname=dbname, **self.params)
        connection.autocommit = True  # CREATE/DROP DATABASE cannot run in a transaction
        return connection

    def _admin(self, statement, params=()):
        try:
            connection = self._connect("postgres")
        except psycopg2.OperationalError as error:
            raise BenchError(f"PostgreSQL is not reachable: {error}".strip()) from error
        try:
            with connection.cursor() as cursor:
                cursor.execute(statement, params)
                return cursor.fetchall() if cursor.description else None
        finally:
            connection.close()

    def exists(self) -> bool:
        return bool(self._admin("SELECT 1 FROM pg_database WHERE datname = %s", [self.name]))

    def recreate(self) -> None:
        self.drop()
        self._admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name)))

    def drop(self) -> None:
        statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        self._admin(statement.format(sql.Identifier(self.name)))

    def enterprise_count(self) -> int | None:
        """Enterprises in an existing benchmark database (None: none there, or not seeded)."""
        if not self.exists():
            return None
        connection = self._connect(self.name)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM enterprises_enterprise")
                return cursor.fetchone()[0]
        except psycopg2.errors.UndefinedTable:
            return None
        finally:
            connection.close()


def app_environment(database_url: str, redis_url: str, static_root: str) -> dict[str, str]:
    """The production settings with throw-away values, for this process and gunicorn."""
    return {
        "DJANGO_SETTINGS_MODULE": "guangde_plan.settings.production",
        "DJANGO_SECRET_KEY": f"bench-{secrets.token_urlsafe(48)}",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "600",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # Redis as in production: the cache of the summed figures (and of /health/'s round
        # trip), under a prefix of this run's own, removed at the end.
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": f"bench-{secrets.token_hex(6)}",
        # Pages are rendered with the manifest storage's hashed names: collectstatic writes
        # its manifest into a temporary directory, removed after the run.
        "STATIC_ROOT": static_root,
        "DJANGO_LOG_LEVEL": "WARNING",
        "DEMO_DATA_ALLOWED": "false",
    }


def check_redis(url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        raise BenchError(f"Redis at {url} does not answer: {error}") from error


def remove_cache_keys(url: str, prefix: str) -> None:
    import redis

    try:
        client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    except redis.RedisError as error:
        log(f"Could not remove the cache keys {prefix}:*: {error}")


# --- Preparing the data, in this process ----------------------------------------------------


def prepare(*, database: Database, enterprises: int, keep: bool) -> dict:
    """Database, schema, reference data, seed, staff user, static manifest. Returns what
    the report needs, and the password of the staff user."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.seed import seed
    from guangde_plan.models import PlanYear, User
    from guangde_plan.services import user_apply_role

    info = {"reused": keep and database.enterprise_count() == enterprises, "seconds": {}}
    if not info["reused"]:
        log(f"Creating database {database.name}")
        database.recreate()
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("setup_guangde", verbosity=0)
    info["seconds"]["migrate"] = round(time.perf_counter() - started, 1)
    plan_year = PlanYear.objects.get(year=PLAN_YEAR)
    if info["reused"]:
        log(f"Reusing {database.name} with its {enterprises:,} enterprises (--keep)")
        info["data"] = None
    else:
        log(f"Seeding {enterprises:,} enterprises")
        started = time.perf_counter()
        info["data"] = seed(count=enterprises, plan_year=plan_year)
        # Fresh statistics, so the planner sees the real sizes (as autovacuum would do
        # eventually, and not in the middle of the timing).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        info["seconds"]["seed"] = round(time.perf_counter() - started, 1)
        log("  " + ", ".join(f"{count:,} {kind}" for kind, count in info["data"].items()))
        log(f"  in {info['seconds']['seed']} s")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        info["postgresql"] = cursor.fetchone()[0]

    user, _created = User.objects.get_or_create(username=USERNAME)
    user.role = User.Role.STAFF
    user_apply_role(user=user)
    info["password"] = secrets.token_urlsafe(24)
    user.set_password(info["password"])
    user.save()
    info["user"] = user
    call_command("collectstatic", interactive=False, verbosity=0)
    return info


def breakdowns(*, user, explain: bool) -> dict:
    """The dashboard's and the API's views in-process, query by query."""
    from bench.breakdown import explain as explain_query
    from bench.breakdown import view_breakdown
    from guangde_plan import api, figures_cache, views

    paths = {name: path for name, path, _cold in ENDPOINTS}
    result = {
        "dashboard": view_breakdown(view=views.home, path=DASHBOARD, user=user),
        "after-write": view_breakdown(
            view=views.home, path=DASHBOARD, user=user, before_each=figures_cache.invalidate
        ),
        "api": view_breakdown(
            view=api.progress, path=paths["api"], user=user, kwargs={"year": PLAN_YEAR}
        ),
    }
    if explain:
        for item in result.values():
            for query in sorted(item["queries"], key=lambda q: -q["ms"])[:3]:
                query["explain"] = explain_query(query["sql"], query["params"])
    return result


# --- gunicorn -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(env: dict[str, str], port: int, log_path: Path) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "guangde_plan.wsgi:application",
        f"--workers={WORKERS}",
        "--worker-class=sync",
        f"--bind=127.0.0.1:{port}",
        f"--chdir={ROOT}",
        "--timeout=60",
        "--log-level=warning",
        f"--error-logfile={log_path}",
        # Django's own error logging (tracebacks of a 500) goes to stderr: into the log too.
        "--capture-output",
    ]
    # Its own session, so that a stuck master and its workers can be killed as a group.
    return subprocess.Popen(
        command,
        env={**os.environ, **env},
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def wait_until_serving(server: subprocess.Popen, client: "Client") -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"gunicorn exited with {server.returncode}")
        try:
            if client.get("/health/")[0] == 200:
                return
        except BenchError:
            pass  # not listening yet
        time.sleep(0.2)
    raise BenchError(f"gunicorn did not answer within {STARTUP_TIMEOUT} s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    server.terminate()  # gunicorn's graceful shutdown stops its workers too
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=15)


def tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


# --- HTTP -----------------------------------------------------------------------------------


class Client:
    """One new connection per request (gunicorn's sync workers close it after each
    response anyway), carrying the cookies received so far, like a browser."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None, headers=None):
        """(status, headers, body, milliseconds from connect to the last byte)."""
        headers = {"Host": f"127.0.0.1:{self.port}", "User-Agent": "bench", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        start = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException) as error:
            raise BenchError(f"{method} {path}: {error!r}") from error
        finally:
            connection.close()
        elapsed = (time.perf_counter() - start) * 1000
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            self.cookies.update({name: morsel.value for name, morsel in cookie.items()})
        return response.status, response.headers, content, elapsed

    def get(self, path: str):
        return self.request("GET", path)


def log_in(client: Client, password: str) -> None:
    status, _headers, page, _ms = client.get("/accounts/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or token is None:
        raise BenchError(f"the login page answered {status} without a CSRF token")
    body = urlencode(
        {"csrfmiddlewaretoken": token[1].decode(), "username": USERNAME, "password": password}
    )
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    status, _headers, _page, _ms = client.request("POST", "/accounts/login/", body, form)
    if status != 302 or "sessionid" not in client.cookies:
        raise BenchError(f"logging in failed: {status}")


def check_pages(client: Client) -> dict:
    """The pages answer 200 as the staff user, and the API counts the seeded records."""
    for name, path, _cold in ENDPOINTS:
        status = client.get(path)[0]
        if status != 200:
            raise BenchError(f"{name} {path} answered {status}")
    document = json.loads(client.get(ENDPOINTS[-1][1])[2])
    return {item["code"]: item["actual"] for item in document["targets"]}


def measure(client: Client, requests: int) -> dict[str, list[float]]:
    from guangde_plan import figures_cache

    for _round in range(WARMUP):
        for _name, path, _cold in ENDPOINTS:
            client.get(path)
    samples = {name: [] for name, _path, _cold in ENDPOINTS}
    for _round in range(requests):
        for name, path, cold in ENDPOINTS:
            if cold:  # as a save would (outside a transaction, at once)
                figures_cache.invalidate()
            status, _headers, _body, elapsed = client.get(path)
            if status != 200:
                raise BenchError(f"{name} {path} answered {status} during the timing")
            samples[name].append(elapsed)
    return samples


# --- Report ---------------------------------------------------------------------------------


def summarise(samples: list[float]) -> dict:
    percentiles = statistics.quantiles(samples, n=100, method="inclusive")
    return {
        "n": len(samples),
        "p50_ms": round(statistics.median(samples), 2),
        "p95_ms": round(percentiles[94], 2),
        "max_ms": round(max(samples), 2),
        "mean_ms": round(statistics.fmean(samples), 2),
    }


def report(result: dict) -> str:
    p = result["parameters"]
    lines = [
        "",
        f"Dashboard benchmark · {p['enterprises']:,} enterprises · {p['requests']} requests "
        f"each · gunicorn {WORKERS} sync workers · {result['machine']['cpus']} CPUs · "
        f"PostgreSQL {result['machine']['postgresql']}",
        "",
        f"{'endpoint':<11} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'p50 ÷ minimal':>14}  path",
    ]
    for name, path, _cold in ENDPOINTS:
        stats = result["endpoints"][name]
        ratio = stats["p50_ms"] / result["endpoints"]["minimal"]["p50_ms"]
        lines.append(
            f"{name:<11} {stats['p50_ms']:>8.1f} {stats['p95_ms']:>8.1f} {stats['max_ms']:>8.1f} "
            f"{ratio:>13.1f}×  {path}"
        )
    load, cpus = result["machine"]["load_average_at_start"], result["machine"]["cpus"]
    if load > BUSY_LOAD * cpus:
        lines += ["", f"Note: the machine was busy (load average {load} on {cpus} CPUs)."]
    goal = result["goal"]
    verdict = "PASS" if goal["passed"] else "FAIL"
    lines += [
        "",
        f"Goal: dashboard p50 ≤ {GOAL_FACTOR} × minimal p50 = {goal['bound_ms']:.1f} ms: "
        f"{goal['dashboard_p50_ms']:.1f} ms → {verdict}",
    ]
    if not goal["passed"]:
        lines.append(
            f"  missed by {goal['dashboard_p50_ms'] - goal['bound_ms']:.1f} ms: the dashboard "
            f"takes {goal['ratio']:.1f}× the minimal view, {goal['ratio'] / GOAL_FACTOR:.1f} "
            f"times the allowed {GOAL_FACTOR}×"
        )
    from bench.breakdown import preview

    runs = result["breakdown"]["dashboard"]["runs"]
    lines += ["", f"In-process, median of {runs} calls of the view alone (no HTTP, no middleware):"]
    for name, item in result["breakdown"].items():
        lines.append(
            f"  {name}: {item['wall_ms']:.1f} ms, of which SQL {item['sql_ms']:.1f} ms "
            f"in {item['query_count']} queries; the slowest:"
        )
        for query in sorted(item["queries"], key=lambda q: -q["ms"])[:TOP_QUERIES]:
            lines.append(f"    {query['ms']:>7.1f} ms  {preview(query['sql'])}")
            if "explain" in query:
                lines += [f"        {row}" for row in query["explain"].splitlines()]
    return "\n".join(lines)


def write_result(result: dict) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{datetime.datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str) + "\n")
    return path


# --- Main -----------------------------------------------------------------------------------


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--enterprises", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per endpoint")
    parser.add_argument(
        "--database-url",
        default=DEFAULT_DATABASE_URL,
        help="its own database, dropped and recreated: the name must contain 'bench'",
    )
    parser.add_argument(
        "--redis-url",
        default=DEFAULT_REDIS_URL,
        help="the cache, as in production; this run's keys are removed at the end",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the database afterwards, and reuse it when it holds as many enterprises",
    )
    parser.add_argument(
        "--explain", action="store_true", help="print EXPLAIN ANALYZE of the slowest queries"
    )
    args = parser.parse_args(argv)
    if args.enterprises < 1 or args.requests < 2:
        parser.error("--enterprises must be at least 1 and --requests at least 2")
    return args


def run(args) -> dict:
    database = Database(args.database_url)
    workdir = Path(tempfile.mkdtemp(prefix="guangde-bench-"))
    env = app_environment(args.database_url, args.redis_url, str(workdir / "static"))
    # This process seeds and profiles with the very settings gunicorn serves with.
    os.environ.update(env)
    check_redis(args.redis_url)
    sys.path.insert(0, str(ROOT))
    server = None
    started_at = datetime.datetime.now().astimezone()
    # Other work on the machine inflates every figure: say how busy it was to begin with.
    load_at_start = round(os.getloadavg()[0], 2)
    try:
        info = prepare(database=database, enterprises=args.enterprises, keep=args.keep)
        log("Timing the views in-process")
        breakdown = breakdowns(user=info.pop("user"), explain=args.explain)
        from django import get_version
        from django.db import connections

        connections.close_all()
        port = free_port()
        log(f"Starting gunicorn on 127.0.0.1:{port}")
        server = start_server(env, port, workdir / "gunicorn.log")
        client = Client(port)
        wait_until_serving(server, client)
        log_in(client, info["password"])
        actuals = check_pages(client)
        log(
            f"  as {USERNAME}: hte_total {actuals.get('hte_total')}, tech_sme_total "
            f"{actuals.get('tech_sme_total')}, rd_growth_pct {actuals.get('rd_growth_pct')}"
        )
        log(f"Timing {args.requests} requests to each endpoint after {WARMUP} warm-up rounds")
        started = time.perf_counter()
        samples = measure(client, args.requests)
        info["seconds"]["timing"] = round(time.perf_counter() - started, 1)
    except BaseException:
        if server is not None:
            stop_server(server)
            log(f"gunicorn's log:\n{tail(workdir / 'gunicorn.log')}")
        raise
    finally:
        if server is not None:
            stop_server(server)
        if "django.db" in sys.modules:
            from django.db import connections

            connections.close_all()
        if not args.keep:
            try:
                database.drop()
            except BenchError as error:
                log(f"Could not drop {database.name}: {error}")
        shutil.rmtree(workdir, ignore_errors=True)
        remove_cache_keys(args.redis_url, env["CACHE_KEY_PREFIX"])

    import gunicorn

    endpoints = {
        name: {"path": path, "cache_emptied_before_each": cold, **summarise(samples[name])}
        for name, path, cold in ENDPOINTS
    }
    minimal = endpoints["minimal"]["p50_ms"]
    ratio = endpoints["dashboard"]["p50_ms"] / minimal
    return {
        "started_at": started_at.isoformat(timespec="seconds"),
        "finished_at": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "django": get_version(),
            "gunicorn": gunicorn.__version__,
            "postgresql": info["postgresql"],
            "load_average_at_start": load_at_start,
        },
        "parameters": {
            "enterprises": args.enterprises,
            "requests": args.requests,
            "warmup": WARMUP,
            "workers": WORKERS,
            "database": database.name,
            "database_reused": info["reused"],
            "plan_year": PLAN_YEAR,
            "as_of": AS_OF,
        },
        "data": info["data"],
        "seconds": info["seconds"],
        "api_actuals": actuals,
        "endpoints": endpoints,
        "ratios": {
            "dashboard_p50_over_minimal": round(ratio, 2),
            "after_write_p50_over_minimal": round(endpoints["after-write"]["p50_ms"] / minimal, 2),
            "api_p50_over_minimal": round(endpoints["api"]["p50_ms"] / minimal, 2),
        },
        "goal": {
            "factor": GOAL_FACTOR,
            "bound_ms": round(GOAL_FACTOR * minimal, 2),
            "dashboard_p50_ms": endpoints["dashboard"]["p50_ms"],
            "ratio": round(ratio, 2),
            "passed": ratio <= GOAL_FACTOR,
        },
        "breakdown": breakdown,
        "samples_ms": {name: [round(ms, 3) for ms in values] for name, values in samples.items()},
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    # A plain `kill` ends the run through the same clean-up as Ctrl-C (finally blocks).
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        result = run(args)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    except Exception:
        traceback.print_exc()
        return 2
    log(report(result))
    log(f"\nResults: {write_result(result).relative_to(ROOT)}")
    return 0 if result["goal"]["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
