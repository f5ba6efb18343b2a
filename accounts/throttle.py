"""Slow down, then pause, repeated failed logins — per email address and per IP address.

Counters live in the cache (Redis in production, so every app server sees them) and are
keyed by a hash of the email address typed, whether or not an account has it: a visitor
sees exactly the same behaviour for registered and unregistered addresses, so the lockout
cannot be used to find out who has an account.

After `slow_after` failures each further attempt must wait a little longer (1, 2, 4 ...
seconds, at most `MAX_DELAY`); after `lock_after` failures logging in is paused for
`LOCK_SECONDS`. A successful login clears the counter of that address (not of the IP).
Failures are forgotten `FAILURE_MEMORY` seconds after the last one.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

MAX_DELAY = 30
LOCK_SECONDS = 15 * 60
FAILURE_MEMORY = 60 * 60


@dataclass(frozen=True)
class Policy:
    name: str
    slow_after: int
    lock_after: int


ACCOUNT = Policy(name="account", slow_after=3, lock_after=10)
IP = Policy(name="ip", slow_after=20, lock_after=50)


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    locked: bool = False
    retry_after: int = 0  # seconds


ALLOWED = Verdict(allowed=True)


def email_key(email: str) -> str:
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return f"login:{ACCOUNT.name}:{digest}"


def ip_key(ip: str) -> str:
    return f"login:{IP.name}:{ip}"


def _state(key: str) -> dict:
    return cache.get(key) or {"failures": 0, "last": 0.0, "locked_until": 0.0}


def _delay(failures: int, policy: Policy) -> int:
    if failures < policy.slow_after:
        return 0
    return min(2 ** (failures - policy.slow_after), MAX_DELAY)


def _verdict(key: str, policy: Policy, now: float) -> Verdict:
    state = _state(key)
    if state["locked_until"] > now:
        return Verdict(
            allowed=False, locked=True, retry_after=math.ceil(state["locked_until"] - now)
        )
    wait = state["last"] + _delay(state["failures"], policy) - now
    if wait > 0:
        return Verdict(allowed=False, retry_after=math.ceil(wait))
    return ALLOWED


def login_check(*, email: str, ip: str) -> Verdict:
    """May this attempt go ahead? Checked before the password is."""
    if not settings.RATE_LIMITS_ENABLED:
        return ALLOWED
    now = time.time()
    verdicts = [_verdict(email_key(email), ACCOUNT, now), _verdict(ip_key(ip), IP, now)]
    blocked = [verdict for verdict in verdicts if not verdict.allowed]
    if not blocked:
        return ALLOWED
    return Verdict(
        allowed=False,
        locked=any(verdict.locked for verdict in blocked),
        retry_after=max(verdict.retry_after for verdict in blocked),
    )


def _record(key: str, policy: Policy, now: float) -> None:
    state = _state(key)
    if state["locked_until"] and state["locked_until"] <= now:
        state = {"failures": 0, "last": 0.0, "locked_until": 0.0}  # a served lock starts afresh
    state["failures"] += 1
    state["last"] = now
    if state["failures"] >= policy.lock_after:
        state["locked_until"] = now + LOCK_SECONDS
    cache.set(key, state, timeout=FAILURE_MEMORY + LOCK_SECONDS)


def login_failed(*, email: str, ip: str) -> None:
    if not settings.RATE_LIMITS_ENABLED:
        return
    now = time.time()
    _record(email_key(email), ACCOUNT, now)
    _record(ip_key(ip), IP, now)


def login_succeeded(*, email: str) -> None:
    cache.delete(email_key(email))
