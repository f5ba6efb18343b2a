"""Slow down, then pause, repeated failed logins — per account from one address, per account
and per network address.

Counters live in the cache (Redis in production, so every app server sees them) and are
keyed by a hash of the email address typed, whether or not an account has it: a visitor
sees exactly the same behaviour for registered and unregistered addresses, so the lockout
cannot be used to find out who has an account.

After `slow_after` failures each further attempt must wait a little longer (1, 2, 4 ...
seconds, at most `MAX_DELAY`); after `lock_after` failures logging in is paused for
`LOCK_SECONDS`. Three counters:

- an account from one network address (`ACCOUNT_FROM_IP`): slowed, then paused — the
  guesser is stopped;
- an account from anywhere (`ACCOUNT`): slowed only, never paused, so nobody can lock a
  chosen reader out by typing wrong passwords for their address; guesses spread over many
  networks still wait up to `MAX_DELAY` seconds each;
- a network address for any account (`IP`): slowed, then paused (one address spraying many
  accounts).

A successful login clears that account's counters (not the network address's). Failures are
forgotten `FAILURE_MEMORY` seconds after the last one.
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
    lock_after: int | None  # None: slowed down, never paused


ACCOUNT_FROM_IP = Policy(name="account-ip", slow_after=3, lock_after=10)
ACCOUNT = Policy(name="account", slow_after=5, lock_after=None)
IP = Policy(name="ip", slow_after=20, lock_after=50)


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    locked: bool = False
    retry_after: int = 0  # seconds


ALLOWED = Verdict(allowed=True)


def _digest(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


def email_key(email: str) -> str:
    return f"login:{ACCOUNT.name}:{_digest(email)}"


def ip_key(ip: str) -> str:
    return f"login:{IP.name}:{ip}"


def account_ip_key(email: str, ip: str) -> str:
    return f"login:{ACCOUNT_FROM_IP.name}:{_digest(email)}:{ip}"


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
    verdicts = [
        _verdict(account_ip_key(email, ip), ACCOUNT_FROM_IP, now),
        _verdict(email_key(email), ACCOUNT, now),
        _verdict(ip_key(ip), IP, now),
    ]
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
    if policy.lock_after is not None and state["failures"] >= policy.lock_after:
        state["locked_until"] = now + LOCK_SECONDS
    cache.set(key, state, timeout=FAILURE_MEMORY + LOCK_SECONDS)


def login_failed(*, email: str, ip: str) -> None:
    if not settings.RATE_LIMITS_ENABLED:
        return
    now = time.time()
    _record(account_ip_key(email, ip), ACCOUNT_FROM_IP, now)
    _record(email_key(email), ACCOUNT, now)
    _record(ip_key(ip), IP, now)


def login_succeeded(*, email: str, ip: str) -> None:
    cache.delete_many([email_key(email), account_ip_key(email, ip)])
