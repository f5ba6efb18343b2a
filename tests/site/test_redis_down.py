"""With Redis configured but not answering (stopped, restarting), pages still serve, members
still sign in and the rate limits still count — in the database until Redis is back."""

import socket

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import throttle
from healthsite.counters import counter_get
from healthsite.ratelimit import rate_limit_hit
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings):
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"redis://127.0.0.1:{port}/0"
    settings.REDIS_URL = url
    settings.CACHES = {
        "default": {
            "BACKEND": "healthsite.cache.ResilientRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
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


def test_failed_logins_are_still_slowed(client, redis_down):
    user = make_user(email_confirmed_at=timezone.now())
    for _ in range(throttle.ACCOUNT_FROM_IP.slow_after):
        client.post(reverse("accounts:login"), {"email": user.email, "password": "wrong"})
    key = throttle.account_ip_key(user.email, "127.0.0.1")
    state = counter_get(key=key, now=timezone.now().timestamp())
    assert state is not None and state.count == throttle.ACCOUNT_FROM_IP.slow_after
    assert not throttle.login_check(email=user.email, ip="127.0.0.1").allowed
