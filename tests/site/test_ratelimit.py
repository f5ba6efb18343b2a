"""Rate-limit windows open at the first attempt, whatever the clock says."""

import time

import pytest

from healthsite.ratelimit import client_ip, rate_limit_hit
from tests.accounts.test_views import signup_data


@pytest.mark.django_db
def test_a_burst_across_the_hour_gets_no_second_allowance(monkeypatch, settings):
    settings.RATE_LIMITS_ENABLED = True
    now = [1_800_000_000.0 - 0.5]  # half a second before a clock-aligned hour
    monkeypatch.setattr(time, "time", lambda: now[0])
    assert [rate_limit_hit(key="t:burst", limit=3, window=3600) for _ in range(3)] == [False] * 3
    now[0] += 1.0  # the hour turns
    assert rate_limit_hit(key="t:burst", limit=3, window=3600) is True


@pytest.mark.django_db
def test_the_window_closes_window_seconds_after_the_first_attempt(monkeypatch, settings):
    settings.RATE_LIMITS_ENABLED = True
    now = [1_000.0]
    monkeypatch.setattr(time, "time", lambda: now[0])
    assert [rate_limit_hit(key="t:w", limit=1, window=60) for _ in range(2)] == [False, True]
    now[0] += 59
    assert rate_limit_hit(key="t:w", limit=1, window=60) is True
    now[0] += 2  # 61 s after the first attempt
    assert rate_limit_hit(key="t:w", limit=1, window=60) is False


def _request(rf, *, remote="10.0.0.2", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **meta)


def test_directly_connected_the_address_is_the_connection(rf, settings):
    settings.HEALTHSITE_TRUSTED_PROXIES = 0
    request = _request(rf, forwarded="203.0.113.9")
    assert client_ip(request) == "10.0.0.2"


def test_behind_one_proxy_the_address_is_what_that_proxy_saw(rf, settings):
    settings.HEALTHSITE_TRUSTED_PROXIES = 1
    assert client_ip(_request(rf, forwarded="198.51.100.7")) == "198.51.100.7"


def test_entries_the_client_wrote_cannot_change_its_address(rf, settings):
    # The proxy appends the real address after whatever the client sent.
    settings.HEALTHSITE_TRUSTED_PROXIES = 1
    addresses = {
        client_ip(_request(rf, forwarded=f"203.0.113.{n}, 198.51.100.7")) for n in range(8)
    }
    assert addresses == {"198.51.100.7"}


def test_behind_two_proxies_the_second_entry_from_the_right_counts(rf, settings):
    settings.HEALTHSITE_TRUSTED_PROXIES = 2
    request = _request(rf, forwarded="203.0.113.1, 198.51.100.7, 10.0.0.9")
    assert client_ip(request) == "198.51.100.7"


def test_a_header_shorter_than_the_proxy_chain_falls_back_to_the_connection(rf, settings):
    settings.HEALTHSITE_TRUSTED_PROXIES = 2
    assert client_ip(_request(rf, forwarded="203.0.113.1")) == "10.0.0.2"
    assert client_ip(_request(rf)) == "10.0.0.2"


@pytest.mark.django_db
def test_signups_from_one_address_behind_a_proxy_stay_limited(client, settings):
    settings.RATE_LIMITS_ENABLED = True
    settings.HEALTHSITE_TRUSTED_PROXIES = 1
    statuses = []
    for n in range(8):
        response = client.post(
            "/accounts/signup/",
            signup_data(email=f"reader{n}@example.org", display_name=f"Reader {n}"),
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.7",
        )
        statuses.append(response.status_code)
    assert statuses == [302] * 5 + [429] * 3
