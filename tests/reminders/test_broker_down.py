"""With Redis down, the web app keeps working: data entry succeeds, and enqueueing the
reminders fails fast and is logged (the hourly check sends them once Redis is back; see
test_schedule.py for a missed week caught up)."""

import logging
import socket
import threading
import time

import pytest
from celery.contrib.testing.app import TestApp, setup_default_app
from django.conf import settings
from django.urls import reverse

from enterprises.models import HelpItem
from guangde_plan import figures_cache
from guangde_plan.reminders.queue import enqueue
from guangde_plan.tasks import send_weekly_reminders

from .conftest import free_port

pytest_plugins = ("celery.contrib.pytest",)

DEAD_PORT = free_port()  # nothing listens there: connections are refused at once
HALF_DEAD_PORT = free_port()


@pytest.fixture(scope="session")
def celery_config():
    return {
        "broker_url": f"redis://127.0.0.1:{DEAD_PORT}/0",
        # Shorter than the app's 5 s, so that the half-dead case below is quick to test.
        "broker_transport_options": {
            **settings.CELERY_BROKER_TRANSPORT_OPTIONS,
            "socket_timeout": 1,
            "socket_connect_timeout": 1,
        },
    }


@pytest.fixture
def redis_down(settings, celery_app):
    """The broker (the test app's, not eager) and the cache both at a port nobody answers."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{DEAD_PORT}/0",
            "OPTIONS": {"socket_timeout": 1, "socket_connect_timeout": 1},
        }
    }
    # Tasks called from here on go to the test app (the fixture restores the project's after).
    celery_app.set_current()
    assert not celery_app.conf.task_always_eager
    yield celery_app
    figures_cache._down_until = 0.0  # the next tests find their Redis at once


def test_data_entry_still_works(client, redis_down, liaison, taozhou_enterprise):
    client.force_login(liaison)
    started = time.monotonic()
    response = client.post(
        reverse("enterprises:help_item_create", args=[taozhou_enterprise.pk]),
        {"kind": "problem", "problem": "缺少检测设备", "raised_on": "2024-06-12", "status": "open"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert HelpItem.objects.filter(problem="缺少检测设备").exists()
    assert time.monotonic() - started < 5


def test_send_now_fails_fast_and_says_so(client, redis_down, staff_user, caplog):
    client.force_login(staff_user)
    started = time.monotonic()
    with caplog.at_level(logging.ERROR, logger="guangde_plan.reminders.queue"):
        response = client.post(reverse("reminder_send"), follow=True)
    assert time.monotonic() - started < 5
    assert response.status_code == 200
    (message,) = list(response.context["messages"])
    assert message.level_tag == "warning"
    assert any("send_weekly_reminders" in record.getMessage() for record in caplog.records)


@pytest.fixture
def half_dead_redis():
    """A server on HALF_DEAD_PORT that accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", HALF_DEAD_PORT))
        listener.listen(8)
        listener.settimeout(0.2)
        held, stop = [], threading.Event()

        def accept_and_ignore():
            while not stop.is_set():
                try:
                    held.append(listener.accept()[0])
                except TimeoutError:
                    continue

        thread = threading.Thread(target=accept_and_ignore, daemon=True)
        thread.start()
        yield
        stop.set()
        thread.join()
        for connection in held:
            connection.close()


@pytest.fixture
def half_dead_app(half_dead_redis, celery_config):
    app = TestApp(config={**celery_config, "broker_url": f"redis://127.0.0.1:{HALF_DEAD_PORT}/0"})
    with setup_default_app(app):  # restores the project's app afterwards
        app.set_current()
        yield app


def test_a_half_dead_redis_is_given_up_on_within_the_socket_timeouts(half_dead_app):
    """Redis accepts the connection and never answers: without socket timeouts, the case
    that hangs a publisher for good."""
    started = time.monotonic()
    assert enqueue(send_weekly_reminders, "2024-06-12") is False
    elapsed = time.monotonic() - started
    # Two tries (one retry), each bounded by the 1 s socket timeout of this module's config.
    assert 1 <= elapsed < 10
