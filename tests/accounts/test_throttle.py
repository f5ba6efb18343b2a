"""Failed logins are slowed, then locked for the guesser (an account from one network address,
or one address trying many accounts), never for everyone, and without telling who exists."""

import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import throttle
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.django_db


class Clock:
    def __init__(self, monkeypatch):
        self.now = time.time()
        monkeypatch.setattr(throttle.time, "time", lambda: self.now)

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


WRONG = "wrong password"


def lock_after(policy: throttle.Policy) -> int:
    assert policy.lock_after is not None, f"{policy.name} pauses logging in"
    return policy.lock_after


def attempt(client, email, password=WRONG, ip="10.0.0.1"):
    return client.post(
        reverse("accounts:login"), {"email": email, "password": password}, REMOTE_ADDR=ip
    )


def test_delay_grows_then_the_account_is_locked(clock):
    email, ip = "a@example.org", "10.0.0.1"
    for _ in range(throttle.ACCOUNT_FROM_IP.slow_after):
        assert throttle.login_check(email=email, ip=ip).allowed
        throttle.login_failed(email=email, ip=ip)
    verdict = throttle.login_check(email=email, ip=ip)
    assert not verdict.allowed and not verdict.locked
    assert verdict.retry_after >= 1
    for _ in range(lock_after(throttle.ACCOUNT_FROM_IP) - throttle.ACCOUNT_FROM_IP.slow_after):
        clock.advance(throttle.MAX_DELAY + 1)
        assert throttle.login_check(email=email, ip=ip).allowed
        throttle.login_failed(email=email, ip=ip)
    verdict = throttle.login_check(email=email, ip=ip)
    assert verdict.locked
    assert verdict.retry_after > throttle.LOCK_SECONDS - 5
    # Another address from another IP is not affected.
    assert throttle.login_check(email="b@example.org", ip="10.0.0.2").allowed
    clock.advance(throttle.LOCK_SECONDS + 1)
    assert throttle.login_check(email=email, ip=ip).allowed


def test_locked_account_refuses_even_the_right_password(client, clock):
    user = make_user(email_confirmed_at=timezone.now())
    for _ in range(lock_after(throttle.ACCOUNT_FROM_IP)):
        clock.advance(throttle.MAX_DELAY + 1)
        attempt(client, user.email)
    response = attempt(client, user.email, DEFAULT_PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert "logging in is paused for 15 minutes" in html
    assert "_auth_user_id" not in client.session
    clock.advance(throttle.LOCK_SECONDS + 1)
    response = attempt(client, user.email, DEFAULT_PASSWORD)
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_too_quick_retries_are_asked_to_wait(client, clock):
    user = make_user(email_confirmed_at=timezone.now())
    for _ in range(throttle.ACCOUNT_FROM_IP.slow_after):
        attempt(client, user.email)
    response = attempt(client, user.email, DEFAULT_PASSWORD)
    assert response.status_code == 429
    assert "Wait 1 second" in response.content.decode()
    clock.advance(2)
    assert attempt(client, user.email, DEFAULT_PASSWORD).status_code == 302


def test_success_clears_the_account_counter(client, clock):
    user = make_user(email_confirmed_at=timezone.now())
    for _ in range(throttle.ACCOUNT_FROM_IP.slow_after - 1):
        attempt(client, user.email)
    assert attempt(client, user.email, DEFAULT_PASSWORD).status_code == 302
    Client().post(reverse("accounts:logout"))
    other = Client()
    attempt(other, user.email)
    assert throttle.login_check(email=user.email, ip="10.0.0.1").allowed


def test_nobody_can_lock_a_chosen_reader_out(client, clock):
    user = make_user(email_confirmed_at=timezone.now())
    attacker = "203.0.113.66"
    for _ in range(lock_after(throttle.ACCOUNT_FROM_IP) + 5):
        clock.advance(throttle.MAX_DELAY + 1)
        attempt(client, user.email, ip=attacker)
    # The guesser is paused, even with the right password ...
    assert attempt(Client(), user.email, DEFAULT_PASSWORD, ip=attacker).status_code == 429
    # ... while the reader, on their own network, waits at most a few seconds.
    verdict = throttle.login_check(email=user.email, ip="198.51.100.1")
    assert not verdict.locked and verdict.retry_after <= throttle.MAX_DELAY
    clock.advance(throttle.MAX_DELAY + 1)
    assert attempt(Client(), user.email, DEFAULT_PASSWORD, ip="198.51.100.1").status_code == 302


def test_guesses_spread_over_many_networks_are_slowed_but_never_lock(clock):
    email = "spread@example.org"
    for n in range(40):
        clock.advance(throttle.MAX_DELAY + 1)
        ip = f"10.2.{n}.1"
        assert throttle.login_check(email=email, ip=ip).allowed
        throttle.login_failed(email=email, ip=ip)
    verdict = throttle.login_check(email=email, ip="10.3.0.1")
    assert not verdict.allowed and not verdict.locked
    assert verdict.retry_after <= throttle.MAX_DELAY


def test_one_ip_trying_many_addresses_is_locked(client, clock):
    ip = "192.0.2.9"
    for n in range(lock_after(throttle.IP)):
        clock.advance(throttle.MAX_DELAY + 1)
        attempt(client, f"guess{n}@example.org", ip=ip)
    user = make_user(email_confirmed_at=timezone.now())
    response = attempt(client, user.email, DEFAULT_PASSWORD, ip=ip)
    assert response.status_code == 429
    # The same account from another network still works.
    assert attempt(Client(), user.email, DEFAULT_PASSWORD, ip="198.51.100.1").status_code == 302


def test_registered_and_unknown_addresses_are_throttled_alike(clock):
    make_user(email="known@example.org")
    pages: dict[str, tuple[int, object]] = {}
    for email in ["known@example.org", "unknown@example.org"]:
        client = Client()
        for _ in range(lock_after(throttle.ACCOUNT_FROM_IP)):
            clock.advance(throttle.MAX_DELAY + 1)
            attempt(client, email, ip=f"10.1.0.{len(pages)}")
        response = attempt(client, email, ip=f"10.1.0.{len(pages)}")
        pages[email] = (response.status_code, response.context["form"].non_field_errors())
    assert pages["known@example.org"] == pages["unknown@example.org"]


def test_rate_limits_can_be_switched_off(client, clock, settings):
    settings.RATE_LIMITS_ENABLED = False
    user = make_user(email_confirmed_at=timezone.now())
    for _ in range(lock_after(throttle.ACCOUNT_FROM_IP) + 2):
        attempt(client, user.email)
    assert attempt(client, user.email, DEFAULT_PASSWORD).status_code == 302
