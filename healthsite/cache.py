"""The Redis cache, made optional at run time: when Redis stops answering, the site keeps
serving instead of answering 500.

Everything the site keeps in the cache can be recomputed or read from the database: a read
that fails is a miss, a write that fails is skipped (and logged). Sessions
(`cached_db`) then come from the database, and the rate-limit counters fall back to it
(`healthsite.counters`). Short socket timeouts keep a Redis that hangs, rather than refuses,
from holding every request for long.

    CACHES = {"default": {"BACKEND": "healthsite.cache.ResilientRedisCache", ...}}
"""

from __future__ import annotations

import logging
from functools import wraps
from typing import Any

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

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

    `incr`/`decr` still raise (a counter cannot be guessed); the site's counters use
    `healthsite.counters`, which falls back to the database instead.
    """


for _name in _FALLBACKS:
    setattr(ResilientRedisCache, _name, _resilient(_name))
