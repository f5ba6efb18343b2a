"""Fixed-window rate limits kept in the cache (Redis in production, shared by app servers).

    if not rate_limit_hit(key=f"signup:ip:{client_ip(request)}", limit=5, window=3600):
        ...  # allowed

`rate_limit_hit` counts the attempt and answers whether it is over the limit.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    """The visitor's address; behind a trusted proxy, the first X-Forwarded-For entry."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


def _window_key(key: str, window: int) -> str:
    return f"rl:{key}:{int(time.time()) // window}"


def rate_limit_hit(*, key: str, limit: int, window: int) -> bool:
    """Count one attempt for `key`; True when it goes over `limit` in the current window."""
    if not settings.RATE_LIMITS_ENABLED:
        return False
    cache_key = _window_key(key, window)
    cache.add(cache_key, 0, timeout=window + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window + 1)
        count = 1
    return count > limit
