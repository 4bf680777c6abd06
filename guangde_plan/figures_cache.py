"""A cache for figures summed over the whole registry: the progress sources' counts and
sums by unit, the registry counts by unit. They cost full scans of the enterprise tables
(~80 ms with 20,000 enterprises) and change only when those records do, while the dashboard
and the API are read far more often than the records are written.

Every cached value lives under a *generation*: one number in the cache that any write to the
watched models bumps (`invalidate`, wired to their save and delete signals in
`watch_models`). A bump makes every older entry unreachable at once; they expire on their
own. Writes that send no signals — `bulk_create`, `QuerySet.update`, raw SQL — must call
`invalidate()` themselves (the demo seed and the ledger import do).

The cache is shared only where it is Redis (`FIGURES_CACHE` on, the default when REDIS_URL
is set): a per-process memory cache could not see another process's bumps, so without Redis
every request computes afresh. When Redis fails, the figures are computed afresh too, and the
cache is left alone for `RETRY_AFTER` seconds so that a dead Redis costs one timeout, not one
per request. Entries expire after `TIMEOUT` all the same: a bump lost while Redis was
unreachable shows stale figures for at most that long.
"""

import contextlib
import hashlib
import logging
import secrets
import time
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

log = logging.getLogger(__name__)

GENERATION_KEY = "figures:generation"
TIMEOUT = 15 * 60
RETRY_AFTER = 30.0

T = TypeVar("T")


class _CacheDown(Exception):
    pass


_down_until = 0.0


def _call(function: Callable, *args, **kwargs):
    """A cache call, or _CacheDown while the cache is failing."""
    global _down_until
    if time.monotonic() < _down_until:
        raise _CacheDown
    try:
        return function(*args, **kwargs)
    except Exception as error:  # the Redis client has its own errors; any means "down"
        _down_until = time.monotonic() + RETRY_AFTER
        log.warning("Figures cache unavailable for %ss: %s", RETRY_AFTER, error)
        raise _CacheDown from error


def enabled() -> bool:
    return settings.FIGURES_CACHE


def _generation() -> int:
    generation = _call(cache.get, GENERATION_KEY)
    if generation is None:
        # A fresh (or flushed) cache: start anywhere, so that no entry left from an earlier
        # life of the cache can be mistaken for a current one.
        _call(cache.add, GENERATION_KEY, secrets.randbits(62), None)
        generation = _call(cache.get, GENERATION_KEY)
    return generation


def _digest(parts: tuple[Hashable, ...]) -> str:
    """The parts in a key of fixed length: a plan with many targets, or long inputs, would
    otherwise pass memcached's 250 characters (Django warns, and the warning is an error
    under the tests)."""
    return hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=16).hexdigest()


def cached(name: str, parts: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """`compute()`'s value for `name` and `parts`, from the cache while no watched record
    changed since it was stored. The value must be picklable and not None."""
    if not enabled():
        return compute()
    try:
        key = f"figures:{_generation()}:{name}:{_digest(parts)}"
        value = _call(cache.get, key)
    except _CacheDown:
        return compute()
    if value is None:
        value = compute()
        with contextlib.suppress(_CacheDown):
            _call(cache.set, key, value, TIMEOUT)
    return value


def _incr_generation() -> None:
    # No generation yet (ValueError): nothing is cached that could be stale.
    with contextlib.suppress(ValueError):
        cache.incr(GENERATION_KEY)


def _bump() -> None:
    with contextlib.suppress(_CacheDown):
        _call(_incr_generation)


def invalidate() -> None:
    """The watched records changed: figures cached so far are stale. Bumped now (for reads
    later in this transaction) and again at commit (a read that ran between the two saw
    the old records and stored them under the first bump's generation)."""
    if not enabled():
        return
    _bump()
    transaction.on_commit(_bump)


def _on_change(sender, **kwargs):
    invalidate()


def watch_models(*models) -> None:
    """Invalidate on every save and delete of these models (connected once, at start-up)."""
    for model in models:
        uid = f"figures-cache-{model._meta.label_lower}"
        post_save.connect(_on_change, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}-delete")
