"""Attempt counters shared by every worker and app server: the store under rate limits and
login throttling.

Redis when `REDIS_URL` is set (one Lua script per hit, so an increment and its expiry are a
single atomic step); otherwise a database table (`healthsite.models.Counter`), incremented
with `UPDATE ... SET count = count + 1` in a transaction. Never process memory: gunicorn
runs several workers, and a limit counted per worker is that many times too generous.

When Redis stops answering, counting carries on in the database table until it answers again
(counts start afresh on each switch, which errs towards allowing a few more attempts, never
towards refusing everyone or failing the request).

A counter lives `ttl` seconds from its first hit (a fixed window), or from its latest hit
when `sliding` (a memory of recent failures). Callers pass the time (`now`, seconds since the
epoch), so expiry follows their clock; Redis also expires keys by itself, a second later.

    hit = counter_hit(key="signup:ip:192.0.2.1", now=time.time(), ttl=3600)
    hit.count  # attempts in this window, this one included
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F

from healthsite.models import Counter

logger = logging.getLogger(__name__)


def _redis_down(error: Exception) -> None:
    logger.warning("Redis unavailable, counting in the database: %s", error)


@dataclass(frozen=True)
class Count:
    count: int
    last_at: float  # time of the latest hit
    expires_at: float


def counter_hit(*, key: str, now: float, ttl: float, sliding: bool = False) -> Count:
    """Count one hit on `key` and return the counter after it."""
    if settings.REDIS_URL:
        try:
            return _redis_hit(key=key, now=now, ttl=ttl, sliding=sliding)
        except _redis_errors() as error:
            _redis_down(error)
    return _database_hit(key=key, now=now, ttl=ttl, sliding=sliding)


def counter_get(*, key: str, now: float) -> Count | None:
    """The live counter of `key`, or None when it has no hits or has expired."""
    if settings.REDIS_URL:
        try:
            values = _redis().hmget(_redis_key(key), ["count", "last_at", "expires_at"])
        except _redis_errors() as error:
            _redis_down(error)
        else:
            if None in values:
                return None
            found = Count(
                count=int(values[0]), last_at=float(values[1]), expires_at=float(values[2])
            )
            return found if found.expires_at > now else None
    return _database_get(key=key, now=now)


def _database_get(*, key: str, now: float) -> Count | None:
    row = Counter.objects.filter(key=key).values_list("count", "last_at", "expires_at").first()
    if row is None:
        return None
    found = Count(count=row[0], last_at=row[1], expires_at=row[2])
    return found if found.expires_at > now else None


def counter_expire(*, key: str, at: float, now: float) -> None:
    """Make `key` expire at `at` (e.g. when a pause it started is over)."""
    if settings.REDIS_URL:
        client, name = _redis(), _redis_key(key)
        pipe = client.pipeline()
        pipe.hset(name, "expires_at", repr(at))
        pipe.expire(name, max(1, math.ceil(at - now) + 1))
        try:
            pipe.execute()
            return
        except _redis_errors() as error:
            _redis_down(error)
    Counter.objects.filter(key=key).update(expires_at=at)


def counter_delete(*, keys: Iterable[str]) -> None:
    keys = list(keys)
    if not keys:
        return
    if settings.REDIS_URL:
        try:
            _redis().delete(*[_redis_key(key) for key in keys])
            return
        except _redis_errors() as error:
            _redis_down(error)
    Counter.objects.filter(key__in=keys).delete()


# --- the database ------------------------------------------------------------------------------


def _database_hit(*, key: str, now: float, ttl: float, sliding: bool) -> Count:
    live = Counter.objects.filter(key=key, expires_at__gt=now)
    changes = {"count": F("count") + 1, "last_at": now}
    if sliding:
        changes["expires_at"] = now + ttl
    fresh = {"count": 1, "last_at": now, "expires_at": now + ttl}
    with transaction.atomic():
        # Each UPDATE locks the row, and its condition is checked again once a concurrent
        # writer commits, so two hits never read the same count.
        if not live.update(**changes):
            expired = Counter.objects.filter(key=key, expires_at__lte=now)
            if not expired.update(**fresh):
                try:
                    with transaction.atomic():
                        Counter.objects.create(key=key, **fresh)
                except IntegrityError:  # another worker created it first: count on top
                    Counter.objects.filter(key=key).update(**changes)
                else:
                    # Opportunistic cleanup: a new key is the moment the table grows.
                    Counter.objects.filter(expires_at__lte=now).delete()
        row = Counter.objects.values_list("count", "last_at", "expires_at").get(key=key)
    return Count(count=row[0], last_at=row[1], expires_at=row[2])


# --- Redis -------------------------------------------------------------------------------------

# KEYS[1] the counter; ARGV: now, ttl, sliding ("1" or "0"). Returns count and expiry.
_HIT_SCRIPT = """
local now = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
local state = redis.call("HMGET", KEYS[1], "count", "expires_at")
local count = tonumber(state[1])
local expires_at = tonumber(state[2])
if count == nil or expires_at == nil or expires_at <= now then
  count = 0
  expires_at = now + ttl
end
count = count + 1
if ARGV[3] == "1" then
  expires_at = now + ttl
end
local expiry = string.format("%.6f", expires_at)
redis.call("HSET", KEYS[1], "count", count, "last_at", ARGV[1], "expires_at", expiry)
redis.call("EXPIRE", KEYS[1], math.ceil(expires_at - now) + 1)
return {count, expiry}
"""


def _redis_errors() -> type[Exception]:
    from redis.exceptions import RedisError

    return RedisError


@functools.cache
def _client(url: str):
    import redis  # only with REDIS_URL set

    return redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=2)


def _redis():
    return _client(settings.REDIS_URL)


@functools.cache
def _script(url: str):
    return _client(url).register_script(_HIT_SCRIPT)


def _redis_key(key: str) -> str:
    return cache.make_key(f"counter:{key}")


def _redis_hit(*, key: str, now: float, ttl: float, sliding: bool) -> Count:
    count, expiry = _script(settings.REDIS_URL)(
        keys=[_redis_key(key)], args=[repr(now), repr(ttl), "1" if sliding else "0"]
    )
    return Count(count=int(count), last_at=now, expires_at=float(expiry))
