"""Rate limits counted in `healthsite.counters` (the database), so every gunicorn
worker and app server counts the same attempts.

A key's window opens at its first attempt and lasts `window` seconds (the counter expires
then), so a burst cannot straddle a clock-aligned boundary to get twice the limit, and the
answer never depends on what time of the hour it is.

    if not rate_limit_hit(key=f"signup:ip:{client_ip(request)}", limit=5, window=3600):
        ...  # allowed

`rate_limit_hit` counts the attempt and answers whether it is over the limit.
"""

from __future__ import annotations

import time

from django.conf import settings

from healthsite.counters import counter_hit


def client_ip(request) -> str:
    """The visitor's address.

    Directly connected, it is REMOTE_ADDR. Behind `HEALTHSITE_TRUSTED_PROXIES` proxies (set
    with HEALTHSITE_BEHIND_PROXY), each proxy appends the address it received the request
    from to X-Forwarded-For, so the address our outermost proxy saw is that many entries from
    the right; everything to its left was written by the client and is never trusted (else
    "X-Forwarded-For: 203.0.113.9, ..." would give every request a fresh address and reset
    its limits). A header shorter than the proxy chain means a proxy was bypassed: the
    connecting address is used.
    """
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = getattr(settings, "HEALTHSITE_TRUSTED_PROXIES", 0)
    if proxies <= 0:
        return remote
    entries = [e.strip() for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    entries = [e for e in entries if e]
    if len(entries) < proxies:
        return remote
    return entries[-proxies]


def rate_limit_hit(*, key: str, limit: int, window: int) -> bool:
    """Count one attempt for `key`; True when it goes over `limit` in the current window."""
    if not settings.RATE_LIMITS_ENABLED:
        return False
    hit = counter_hit(key=f"rl:{key}:{window}", now=time.time(), ttl=window)
    return hit.count > limit
