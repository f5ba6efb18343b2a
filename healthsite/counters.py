"""Attempt counters shared by every worker and app server: the store under rate limits and
login throttling.

They live in the site's database (`healthsite.models.Counter`), incremented with
`UPDATE ... SET count = count + 1` in a transaction, never in process memory (gunicorn runs
several workers, and a limit counted per worker is that many times too generous) and not
in Redis. A limit guards writes to the database, so it is counted where those writes go: it
cannot lose count while they still succeed. Counted in Redis, a Redis restart (the cache is
not persistent) or outage started every limit afresh — the load test saw members get 14 to
17 reviews through a limit of 10 across one Redis stop — and a fallback store would still
have to begin from nothing when Redis went away. The cost is one small write per limited
attempt, next to the write the attempt makes.

A counter lives `ttl` seconds from its first hit (a fixed window), or from its latest hit
when `sliding` (a memory of recent failures). Callers pass the time (`now`, seconds since the
epoch), so expiry follows their clock. Expired rows count as absent; they are reused by
their key's next hit, deleted whenever a new key is added, and by `prune_counters`.

    hit = counter_hit(key="signup:ip:192.0.2.1", now=time.time(), ttl=3600)
    hit.count  # attempts in this window, this one included
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F

from healthsite.models import Counter


@dataclass(frozen=True)
class Count:
    count: int
    last_at: float  # time of the latest hit
    expires_at: float


def counter_hit(*, key: str, now: float, ttl: float, sliding: bool = False) -> Count:
    """Count one hit on `key` and return the counter after it."""
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


def counter_get(*, key: str, now: float) -> Count | None:
    """The live counter of `key`, or None when it has no hits or has expired."""
    row = Counter.objects.filter(key=key).values_list("count", "last_at", "expires_at").first()
    if row is None:
        return None
    found = Count(count=row[0], last_at=row[1], expires_at=row[2])
    return found if found.expires_at > now else None


def counter_expire(*, key: str, at: float) -> None:
    """Make `key` expire at `at` (e.g. when a pause it started is over)."""
    Counter.objects.filter(key=key).update(expires_at=at)


def counter_delete(*, keys: Iterable[str]) -> None:
    keys = list(keys)
    if keys:
        Counter.objects.filter(key__in=keys).delete()
