"""End to end: the weekly task through a real Celery worker (in a thread of this process)
on the real Redis, mailing through Django's SMTP backend to a real SMTP server over a real
connection (aiosmtpd on 127.0.0.1).

Redis is not optional here: `make test` starts it, and a Redis that cannot be reached fails
these tests with the reason rather than skipping them.
"""

import email
import email.policy
import uuid
from urllib.parse import urlsplit

import pytest
import redis
from django.conf import settings
from django.utils import timezone, translation

from guangde_plan.models import PlanYear, ReminderDelivery, User
from guangde_plan.tasks import send_weekly_reminders
from tests.factories import EnterpriseFactory, UserFactory

pytest_plugins = ("celery.contrib.pytest",)

# This run's own queue and key prefix: test runs sharing a Redis (or a worker of the app on
# the same machine) never take each other's messages.
RUN = f"guangde-reminders-test-{uuid.uuid4().hex[:8]}"


def broker_url() -> str:
    """REDIS_URL's server, on the next lower database index (the tests' cache uses REDIS_URL's
    own)."""
    if not settings.REDIS_URL.startswith("redis://"):
        pytest.fail(f"REDIS_URL must name a Redis server (redis://…), not {settings.REDIS_URL!r}.")
    parts = urlsplit(settings.REDIS_URL)
    database = int(parts.path.strip("/") or 0)
    return parts._replace(path=f"/{database - 1 if database else 1}").geturl()


@pytest.fixture(scope="session")
def celery_config():
    url = broker_url()
    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.fail(f"Redis at {url} cannot be reached ({error}): start it (make test does).")
    yield {
        "broker_url": url,
        "result_backend": "cache+memory://",
        "task_default_queue": RUN,
        "broker_transport_options": {
            **settings.CELERY_BROKER_TRANSPORT_OPTIONS,
            "global_keyprefix": f"{RUN}:",
        },
        "task_serializer": "json",
        "accept_content": ["json"],
    }
    # The run's queue bindings and anything else it left under its prefix.
    for key in client.scan_iter(match=f"{RUN}:*"):
        client.delete(key)


# The worker thread has its own database connection: the test's data must be committed.
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_mails_the_week_once(taozhou, celery_app, celery_worker, smtp_server):
    today = timezone.localdate()
    PlanYear.objects.get_or_create(year=today.year, defaults={"title": f"{today.year}年工作计划"})
    liaison = UserFactory(
        username="liaison_taozhou",
        role=User.Role.LIAISON,
        org_units=[taozhou],
        email="taozhou@example.gov.cn",
        last_name="王",
        first_name="小明",
    )
    EnterpriseFactory(org_unit=taozhou, name="桃州缺数据科技有限公司")  # no figures at all

    first = send_weekly_reminders.delay().get(timeout=60)
    # A second beat, a redelivery or someone pressing "send now": nothing goes twice.
    second = send_weekly_reminders.delay(today.isoformat()).get(timeout=60)

    assert (first["sent"], first["failed"]) == (1, 0), first
    assert (second["sent"], second["settled"]) == (0, 1), second
    (envelope,) = smtp_server.envelopes
    assert envelope.rcpt_tos == ["taozhou@example.gov.cn"]
    message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    # In the liaison's language (Chinese), with the township's data in it.
    assert liaison.language == "zh-hans"
    assert message["Content-Language"] == "zh-hans" and '<html lang="zh-hans">' in html
    with translation.override("zh-hans"):
        heading = translation.gettext("Annual figures missing")
    assert heading in text and "桃州缺数据科技有限公司" in html and "桃州镇" in text
    unsubscribe = message["List-Unsubscribe"].strip().strip("<>")
    assert unsubscribe.startswith(f"{settings.SITE_URL}/reminders/unsubscribe/user:")
    assert unsubscribe in html
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    row = ReminderDelivery.objects.get()
    assert (row.status, row.attempts, row.item_count) == ("sent", 1, 1)
