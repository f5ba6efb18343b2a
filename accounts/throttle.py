"""Slow down, then pause, repeated failed logins — per account from one address, per account
and per network address.

Counters live in `healthsite.counters` (the database), so every
gunicorn worker and app server sees the same failures. They are keyed by a hash of the
email address typed, whether or not an account has it: a visitor sees exactly the same
behaviour for registered and unregistered addresses, so the lockout cannot be used to find
out who has an account.

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

from healthsite.counters import counter_delete, counter_expire, counter_get, counter_hit

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


def _delay(failures: int, policy: Policy) -> int:
    if failures < policy.slow_after:
        return 0
    return min(2 ** (failures - policy.slow_after), MAX_DELAY)


def _verdict(key: str, policy: Policy, now: float) -> Verdict:
    state = counter_get(key=key, now=now)
    if state is None:
        return ALLOWED
    if policy.lock_after is not None and state.count >= policy.lock_after:
        # A pause ends when its counter expires (see _record).
        return Verdict(allowed=False, locked=True, retry_after=math.ceil(state.expires_at - now))
    wait = state.last_at + _delay(state.count, policy) - now
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
    state = counter_hit(key=key, now=now, ttl=FAILURE_MEMORY + LOCK_SECONDS, sliding=True)
    if policy.lock_after is not None and state.count >= policy.lock_after:
        # The pause starts now; once served, the counter is gone and counting starts afresh.
        counter_expire(key=key, at=now + LOCK_SECONDS)


def login_failed(*, email: str, ip: str) -> None:
    if not settings.RATE_LIMITS_ENABLED:
        return
    now = time.time()
    _record(account_ip_key(email, ip), ACCOUNT_FROM_IP, now)
    _record(email_key(email), ACCOUNT, now)
    _record(ip_key(ip), IP, now)


def login_succeeded(*, email: str, ip: str) -> None:
    counter_delete(keys=[email_key(email), account_ip_key(email, ip)])
