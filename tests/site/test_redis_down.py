"""With Redis configured but not answering (stopped, restarting), pages still serve, members
still sign in, and the rate limits hold: they are counted in the database, so neither the
outage nor a restart that empties Redis starts them afresh."""

import socket

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import throttle
from healthsite.counters import counter_get
from healthsite.ratelimit import rate_limit_hit
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.django_db


def _dead_redis_url() -> str:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


def _use_redis(settings, url: str) -> None:
    settings.REDIS_URL = url
    settings.CACHES = {
        "default": {
            "BACKEND": "healthsite.cache.ResilientRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


@pytest.fixture
def redis_down(settings):
    url = _dead_redis_url()
    _use_redis(settings, url)
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.RATE_LIMITS_ENABLED = True
    return url


def test_the_cache_misses_instead_of_failing(redis_down):
    from django.core.cache import cache

    cache.set("k", 1)
    assert cache.get("k") is None
    assert cache.get("k", "fallback") == "fallback"
    assert cache.add("k", 1) is False
    assert cache.get_many(["k"]) == {}


def test_pages_serve_and_members_sign_in(client, redis_down):
    assert client.get("/").status_code == 200
    user = make_user(email_confirmed_at=timezone.now())
    response = client.post(
        reverse("accounts:login"), {"email": user.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200  # the session holds


def test_limits_keep_counting_in_the_database(redis_down):
    allowed = [not rate_limit_hit(key="down", limit=3, window=60) for _ in range(5)]
    assert allowed == [True, True, True, False, False]


def test_a_limit_holds_across_an_outage_and_a_restart_that_empties_redis(settings):
    """Before, during and after a Redis outage, one key gets exactly its limit. (Counted in
    Redis with a database fallback, each switch started the count afresh: the load test
    saw 17 reviews through a limit of 10.)"""
    settings.RATE_LIMITS_ENABLED = True
    up = settings.REDIS_URL  # the run's Redis in the PostgreSQL pass; none in the first
    cache_when_up = settings.CACHES
    allowed = [not rate_limit_hit(key="outage", limit=6, window=60) for _ in range(3)]
    _use_redis(settings, _dead_redis_url())
    allowed += [not rate_limit_hit(key="outage", limit=6, window=60) for _ in range(3)]
    settings.REDIS_URL, settings.CACHES = up, cache_when_up
    from django.core.cache import cache

    cache.clear()  # Redis restarted without persistence: everything it held is gone
    allowed += [not rate_limit_hit(key="outage", limit=6, window=60) for _ in range(3)]
    assert allowed == [True] * 6 + [False] * 3


def test_failed_logins_are_still_slowed(client, redis_down):
    user = make_user(email_confirmed_at=timezone.now())
    for _ in range(throttle.ACCOUNT_FROM_IP.slow_after):
        client.post(reverse("accounts:login"), {"email": user.email, "password": "wrong"})
    key = throttle.account_ip_key(user.email, "127.0.0.1")
    state = counter_get(key=key, now=timezone.now().timestamp())
    assert state is not None and state.count == throttle.ACCOUNT_FROM_IP.slow_after
    assert not throttle.login_check(email=user.email, ip="127.0.0.1").allowed
