"""Enqueueing from web code without waiting on the broker.

A page must never hang or fail because Redis is down or half-dead: the publisher's socket
timeouts (CELERY_BROKER_TRANSPORT_OPTIONS) bound each try, this policy allows one quick
retry, and a failure is logged and reported to the caller, never raised. Nothing is lost:
the hourly check (send_due_reminders) sends whatever is still due once Redis is back.
"""

import logging

log = logging.getLogger(__name__)

PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}


def enqueue(task, *args) -> bool:
    """Send `task` to the workers; False (and an error in the log) when that failed."""
    try:
        task.apply_async(args=args, retry=True, retry_policy=PUBLISH_RETRY_POLICY)
    # Whatever went wrong — a broker that refuses or does not answer (kombu's
    # OperationalError), or, with tasks run in-process (make run), the task itself — the
    # request that asked carries on.
    except Exception:
        log.exception("Could not queue %s%r", task.name, args)
        return False
    return True
