"""Where a view's time goes, measured in-process: its SQL queries one by one against the
rest (Python, template rendering), so that a missed goal comes with its cause.

The view is called directly with a RequestFactory request (no middleware, no HTTP), with a
database execute wrapper timing every query it runs. Needs Django set up.
"""

import statistics
import time
from collections.abc import Callable

from django.db import connection
from django.test import RequestFactory
from django.utils import translation

SQL_PREVIEW = 160


class _QueryTimer:
    def __init__(self):
        self.queries: list[tuple[str, tuple, float]] = []

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append((sql, params, (time.perf_counter() - start) * 1000))


def view_breakdown(
    *,
    view: Callable,
    path: str,
    user,
    runs: int = 7,
    kwargs: dict | None = None,
    before_each: Callable[[], None] | None = None,
) -> dict:
    """Median wall time of `runs` calls, the median time of each of its queries (in the
    order the view runs them) and their sum. The first call warms caches and is dropped;
    `before_each` (untimed) runs before every call."""
    factory = RequestFactory(headers={"host": "127.0.0.1"})
    walls, per_run = [], []
    translation.activate("zh-hans")
    for _run in range(runs + 1):
        request = factory.get(path)
        request.user = user
        if before_each is not None:
            before_each()
        timer = _QueryTimer()
        start = time.perf_counter()
        with connection.execute_wrapper(timer):
            response = view(request, **(kwargs or {}))
            if hasattr(response, "render"):
                response.render()
        walls.append((time.perf_counter() - start) * 1000)
        per_run.append(timer.queries)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code} in-process")
    walls, per_run = walls[1:], per_run[1:]
    if len({len(run) for run in per_run}) != 1:
        raise RuntimeError(f"{path} ran a different number of queries from call to call")
    queries = [
        {
            "sql": run_queries[0],
            "params": run_queries[1],
            "ms": statistics.median(run[index][2] for run in per_run),
        }
        for index, run_queries in enumerate(per_run[0])
    ]
    sql_ms = sum(query["ms"] for query in queries)
    return {
        "path": path,
        "runs": runs,
        "wall_ms": statistics.median(walls),
        "sql_ms": sql_ms,
        "query_count": len(queries),
        "queries": queries,
    }


def explain(sql: str, params) -> str:
    """PostgreSQL's plan with actual times for one query."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def preview(sql: str) -> str:
    text = " ".join(sql.split())
    return text if len(text) <= SQL_PREVIEW else text[: SQL_PREVIEW - 1] + "…"
