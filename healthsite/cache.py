"""The site's shared cache: the embedded default backend, the content generation that makes
every edit show at once, and single-flight computation so a hot key that expires is
recomputed by one worker while the others wait or serve the previous copy.

Every cached page and fragment is keyed by the *content generation*, a random token in the
cache that `content_changed()` replaces. Saving or deleting any content model (articles,
drugs, pills, interactions, community, members' public names), a finished import, a
migration and any successful form submission (`healthsite.pagecache`) replace it once their
transaction commits, so the next request computes under a new key: nothing stale is ever
looked up again, and old entries simply expire.

    html = cached_fragment(name="home:latest", compute=render_latest, fresh_for=300)

The backends: `SharedFileCache`, files shared by every gunicorn worker (the embedded
default), and `ResilientRedisCache`, the Redis cache made optional at run time: when Redis
stops answering, the site keeps serving instead of answering 500.

Everything the site keeps in the cache can be recomputed or read from the database: a read
that fails is a miss, a write that fails is skipped (and logged). Sessions
(`cached_db`) then come from the database; the rate-limit counters are always there
(`healthsite.counters`). Short socket timeouts keep a Redis that hangs, rather than refuses,
from holding every request for long.

    CACHES = {"default": {"BACKEND": "healthsite.cache.ResilientRedisCache", ...}}
"""

from __future__ import annotations

import logging
import os
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar
from uuid import uuid4

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from redis.exceptions import RedisError

T = TypeVar("T")

GENERATION_KEY = "content:generation"
LOCK_SECONDS = 30  # a computation that takes longer loses its lock (a crashed worker's, too)
WAIT_SECONDS = 5.0  # how long a request waits for another one computing the same value
POLL_SECONDS = 0.01
NOT_STORABLE = object()  # what `compute` returns to store when its result may not be stored


class SharedFileCache(FileBasedCache):
    """Django's file cache, shared by every gunicorn worker on the machine, with an atomic
    `add` (the lock under single-flight) and culling checked now and then, not on every set.

    Why files and not the database cache: a read is an open() and read() from the OS page
    cache (tens of microseconds) that never touches the site's database, whose SQLite write
    lock the database cache would share with every edit (and clean expired rows inside reads).
    Writes are atomic renames, so a reader never sees half a page. Several app servers need
    Redis (`REDIS_URL`), which replaces this backend.
    """

    CULL_CHECK_ONE_IN = 32  # listing the folder costs a few ms at 10,000 entries

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        """Set `key` only when it is absent or expired; True when this call set it. Atomic
        across processes: the value is written to a temporary file then hard-linked to the
        key's name, which fails when the name exists."""
        base: Any = self  # django-stubs leave out FileBasedCache's private helpers
        base._createdir()
        fname = base._key_to_file(key, version)
        fd, tmp_path = tempfile.mkstemp(dir=base._dir)
        try:
            with open(fd, "wb") as f:
                base._write_content(f, timeout, value)
            for _attempt in range(2):
                try:
                    os.link(tmp_path, fname)
                    return True
                except FileExistsError:
                    # An expired entry is removed by has_key; then the name is free again.
                    if self.has_key(key, version):
                        return False
            return False
        finally:
            os.remove(tmp_path)

    def _cull(self):
        if random.randrange(self.CULL_CHECK_ONE_IN) == 0:
            super()._cull()  # type: ignore[misc]


# --- Redis, optional at run time ----------------------------------------------------------

logger = logging.getLogger(__name__)

# Method name -> what it answers when Redis is unreachable.
_FALLBACKS: dict[str, Any] = {
    "get": None,  # replaced by the caller's default below
    "add": False,
    "set": None,
    "touch": False,
    "delete": False,
    "get_many": {},
    "set_many": [],
    "delete_many": None,
    "has_key": False,
    "clear": None,
}


def _resilient(name: str):
    method = getattr(RedisCache, name)

    @wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except RedisError as error:
            logger.warning("Redis unavailable, cache %s skipped: %s", name, error)
            if name == "get":
                return kwargs.get("default", args[1] if len(args) > 1 else None)
            fallback = _FALLBACKS[name]
            return fallback.copy() if isinstance(fallback, dict | list) else fallback

    return wrapper


class ResilientRedisCache(RedisCache):
    """RedisCache whose reads miss and whose writes are skipped while Redis is down.

    `incr`/`decr` still raise (a counter cannot be guessed); the site's counters are in
    the database (`healthsite.counters`).
    """


for _name in _FALLBACKS:
    setattr(ResilientRedisCache, _name, _resilient(_name))


# --- the content generation -----------------------------------------------------------------


def content_generation() -> str:
    """The current generation token.

    Created when the cache has none (after a restart of Redis or a cull of the file cache: a
    new random token never matches old keys), and replaced when the time of the next
    scheduled change (`registry.scheduled_changes`, e.g. an article going live) has come.
    """
    entry = cache.get(GENERATION_KEY)
    if entry is None:
        cache.add(GENERATION_KEY, _new_entry(), timeout=None)
        entry = cache.get(GENERATION_KEY) or _new_entry()
    token, next_change = entry
    if next_change is not None and time.time() >= next_change:
        # Only one request replaces the generation for this moment.
        if cache.add(f"{GENERATION_KEY}:due:{token}", 1, LOCK_SECONDS):
            _new_generation()
        entry = cache.get(GENERATION_KEY) or entry
        token = entry[0]
    return token


def _new_entry() -> tuple[str, float | None]:
    from healthsite import registry

    times = [when for source in registry.scheduled_changes if (when := source()) is not None]
    return uuid4().hex, min(times).timestamp() if times else None


def _new_generation() -> None:
    cache.set(GENERATION_KEY, _new_entry(), timeout=None)


def content_changed() -> None:
    """Content changed: every cached page and fragment is recomputed from now on.

    The generation changes at once (so this request, and a test inside its transaction,
    sees the edit) and again when the transaction commits: a request that rendered the old
    content under the new generation before the commit is forgotten then.
    """
    if _deferred.get():
        return
    _new_generation()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        callback is _new_generation for _sids, callback, _robust in connection.run_on_commit
    ):
        transaction.on_commit(_new_generation)


_deferred: ContextVar[bool] = ContextVar("content_changes_deferred", default=False)


@contextmanager
def content_changes_deferred() -> Iterator[None]:
    """One new generation at the end instead of one per saved row (imports, demo data)."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)
        content_changed()


# --- single flight ----------------------------------------------------------------------------


def cached_fragment(
    *,
    name: str,
    compute: Callable[[], T],
    fresh_for: int = 300,
    stale_for: int = 60,
) -> T:
    """`compute()`'s value for `name` in the current content generation, from the cache.

    When the value has been stored longer than `fresh_for` seconds, one request recomputes
    it while the others keep using the stored copy (for up to `stale_for` more seconds).
    When there is no copy at all (a new generation), one request computes and the others
    wait for its result (up to WAIT_SECONDS, then compute themselves).
    """

    def computed() -> tuple[T, T]:
        value = compute()
        return value, value

    key = f"fragment:{content_generation()}:{name}"
    value: T = single_flight(
        key=key,
        compute=computed,
        fresh_for=fresh_for,
        stale_for=stale_for,
    )
    return value


def single_flight(
    *,
    key: str,
    compute: Callable[[], tuple[Any, Any]],
    fresh_for: int,
    stale_for: int,
    on_cached: Callable[[Any, str], Any] | None = None,
) -> Any:
    """The value under `key`, computed by at most one caller at a time.

    `compute()` returns (result, what to store); when what to store is NOT_STORABLE (a page
    that set a cookie, a 404) the result goes to its caller only, and the key is marked "not
    storable" for `fresh_for` seconds so waiting callers compute their own at once.
    `on_cached(stored, state)` makes the result from a stored value ("hit" or "stale").
    """
    entry = cache.get(key)
    now = time.time()
    if entry is not None and entry[0] > now:
        return _from_entry(entry, "hit", compute, on_cached)
    lock = key + ":lock"
    if cache.add(lock, 1, LOCK_SECONDS):
        try:
            result, value = compute()
            storable = value is not NOT_STORABLE
            entry = (time.time() + fresh_for, value if storable else None, storable)
            cache.set(key, entry, fresh_for + (stale_for if storable else 0))
            return result
        finally:
            cache.delete(lock)
    if entry is not None:
        return _from_entry(entry, "stale", compute, on_cached)
    deadline = now + WAIT_SECONDS
    while time.time() < deadline:
        time.sleep(POLL_SECONDS)
        entry = cache.get(key)
        if entry is not None:
            return _from_entry(entry, "hit", compute, on_cached)
        if not cache.has_key(lock):
            # Finished since our read above, or gave up (an error): look once more, and
            # compute ourselves only when there is still nothing.
            entry = cache.get(key)
            if entry is not None:
                return _from_entry(entry, "hit", compute, on_cached)
            break
    return compute()[0]


def _from_entry(entry, state: str, compute, on_cached):
    _fresh_until, value, storable = entry
    if not storable:
        return compute()[0]
    return on_cached(value, state) if on_cached else value
