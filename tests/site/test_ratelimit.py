"""Rate-limit windows open at the first attempt, whatever the clock says."""

import time

from healthsite.ratelimit import rate_limit_hit


def test_a_burst_across_the_hour_gets_no_second_allowance(monkeypatch, settings):
    settings.RATE_LIMITS_ENABLED = True
    now = [1_800_000_000.0 - 0.5]  # half a second before a clock-aligned hour
    monkeypatch.setattr(time, "time", lambda: now[0])
    assert [rate_limit_hit(key="t:burst", limit=3, window=3600) for _ in range(3)] == [False] * 3
    now[0] += 1.0  # the hour turns
    assert rate_limit_hit(key="t:burst", limit=3, window=3600) is True


def test_the_window_closes_window_seconds_after_the_first_attempt(monkeypatch, settings):
    settings.RATE_LIMITS_ENABLED = True
    # Expiry by this process's clock (Redis keeps its own, which a test cannot move).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    now = [1_000.0]
    monkeypatch.setattr(time, "time", lambda: now[0])
    assert [rate_limit_hit(key="t:w", limit=1, window=60) for _ in range(2)] == [False, True]
    now[0] += 59
    assert rate_limit_hit(key="t:w", limit=1, window=60) is True
    now[0] += 2  # 61 s after the first attempt
    assert rate_limit_hit(key="t:w", limit=1, window=60) is False
