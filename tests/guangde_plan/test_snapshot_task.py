"""The weekly snapshot task: its wiring to the beat, its delivery settings, and a run
through a real (in-thread) Celery worker."""

import datetime
import os
import subprocess
import sys
from unittest import mock

import pytest
import time_machine
from celery.schedules import crontab
from django.conf import settings
from django.db import OperationalError

from guangde_plan.celery import app as project_app
from guangde_plan.models import ProgressSnapshot
from guangde_plan.snapshots import take_snapshots
from guangde_plan.tasks import take_weekly_snapshots
from tests.factories import HteCertificateFactory

pytest_plugins = ("celery.contrib.pytest",)

D = datetime.date
# Wednesday 12 June 2024, 10:00 in Guangde.
MID_WEEK = datetime.datetime(2024, 6, 12, 2, tzinfo=datetime.UTC)
ENTRY = settings.CELERY_BEAT_SCHEDULE["take-weekly-snapshots"]


@pytest.fixture(scope="session")
def celery_config():
    return {
        "broker_url": "memory://",
        "result_backend": "cache+memory://",
        # The in-memory broker polls its queues once a second by default.
        "broker_transport_options": {"polling_interval": 0.05},
    }


def test_the_beat_runs_it_every_monday_at_six_in_guangde():
    assert ENTRY["task"] == take_weekly_snapshots.name
    assert take_weekly_snapshots.name in project_app.tasks
    assert ENTRY["schedule"] == crontab(minute=0, hour=6, day_of_week="mon")
    assert project_app.conf.timezone == "Asia/Shanghai"
    # The entry computes nothing: the task takes the week it runs in.
    assert not ENTRY.get("args") and not ENTRY.get("kwargs")


def test_the_hour_comes_from_snapshot_hour():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "guangde_plan.settings.test"}
    env["SNAPSHOT_HOUR"] = "7"
    code = (
        "from guangde_plan.settings import test as s; "
        "print(sorted(s.CELERY_BEAT_SCHEDULE['take-weekly-snapshots']['schedule'].hour))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.strip() == "[7]", result.stderr


def test_every_retry_waits_well_below_the_visibility_timeout():
    task = take_weekly_snapshots
    assert task.acks_late and task.reject_on_worker_lost
    assert OperationalError in task.autoretry_for
    assert task.max_retries == 3
    assert task.soft_time_limit < task.time_limit
    longest = min(task.retry_backoff * 2 ** (task.max_retries - 1), task.retry_backoff_max)
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert longest + task.time_limit < visibility / 4


def test_without_a_week_it_stores_the_week_under_way(plan_year):
    with time_machine.travel(MID_WEEK, tick=False):
        result = take_weekly_snapshots()
    assert result["week"] == "2024-06-10" and result["taken_on"] == "2024-06-12"
    assert set(ProgressSnapshot.objects.values_list("week", flat=True)) == {D(2024, 6, 10)}


def test_a_database_error_is_retried(plan_year):
    calls = []

    def flaky(**kwargs):
        calls.append(kwargs)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return take_snapshots(**kwargs)

    # apply() runs the retry at once, in place of the worker's delayed redelivery.
    with mock.patch("guangde_plan.tasks.take_snapshots", flaky):
        result = take_weekly_snapshots.apply(args=["2024-06-12"], throw=False)
    assert result.successful(), result.traceback
    assert len(calls) == 2
    assert result.result["created"] == ProgressSnapshot.objects.count() > 0


def test_a_malformed_week_is_not_retried(plan_year):
    with mock.patch("guangde_plan.tasks.take_snapshots") as service:
        result = take_weekly_snapshots.apply(args=["June"], throw=False)
    assert result.failed() and isinstance(result.result, ValueError)
    service.assert_not_called()


# A worker thread has its own database connection: the test's data must be committed
# (transaction=True), or the worker sees none of it and the connection is closed under it.
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_stores_the_week_once(plan_year, taozhou, celery_app, celery_worker):
    HteCertificateFactory(enterprise__org_unit=taozhou, issued_on=D(2023, 3, 1))

    first = take_weekly_snapshots.delay("2024-06-12").get(timeout=10)
    # A second beat or a redelivery of the same week.
    second = take_weekly_snapshots.delay("2024-06-10").get(timeout=10)

    assert first["week"] == second["week"] == "2024-06-10"
    assert first["taken_on"] == "2024-06-16"  # a past week: as of its Sunday
    assert first["created"] > 0 and first["already_there"] == 0
    assert (second["created"], second["already_there"]) == (0, first["created"])
    assert ProgressSnapshot.objects.count() == first["created"]
    city = ProgressSnapshot.objects.get(target__code="hte_total", org_unit=None)
    assert city.actual == 1
