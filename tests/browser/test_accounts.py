"""Accounts in a real browser: sign up, confirm from the mail outbox, log in, text size; axe."""

import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts import throttle
from accounts.models import User

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long and unusual passphrase 19"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"
CONFIRM_LINK = re.compile(r"https?://[^\s\"<]+/accounts/confirm/[^\s\"<]+/")
CHANGE_LINK = re.compile(r"https?://[^\s\"<]+/accounts/email-change/confirm/[^\s\"<]+/")


@pytest.fixture
def site(live_server, settings):
    """Emails go to the in-process outbox and their links point at the live server."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = live_server.url
    mail.outbox = []
    return live_server.url


def test_sign_up_confirm_log_in_and_change_text_size(page, site, assert_accessible):
    page.goto(f"{site}/accounts/signup/")
    page.get_by_label("Email address").fill("browser.reader@example.org")
    page.get_by_label("Display name").fill("Browser Reader")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    assert len(mail.outbox) == 1
    [link] = CONFIRM_LINK.findall(str(mail.outbox[0].body))
    assert link.startswith(site)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    expect(page.get_by_text("your email address is confirmed")).to_be_visible()
    assert User.objects.get(email="browser.reader@example.org").email_confirmed_at

    page.get_by_label("Email address").fill("browser.reader@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    header = page.locator(".site-header")
    expect(header.get_by_role("link", name="Browser Reader")).to_be_visible()
    expect(header).not_to_contain_text("browser.reader@example.org")

    html = page.locator("html")
    expect(html).to_have_class(re.compile(r"\bfont-normal\b"))
    page.get_by_role("button", name="A larger").click()
    expect(html).to_have_class(re.compile(r"\bfont-larger\b"))
    # Remembered across pages.
    page.goto(f"{site}/accounts/profile/")
    expect(page.locator("html")).to_have_class(re.compile(r"\bfont-larger\b"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    assert_accessible(page)
    page.screenshot(path=str(SCREENSHOTS / "accounts-profile.png"), full_page=True)

    # Change the email address: errors first, then the link from the new address's mail.
    page.get_by_role("link", name="Change your email address").click()
    page.get_by_label("New email address").fill("browser.reader@example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.locator(".error-summary")).to_contain_text("already your email address")
    assert_accessible(page)
    page.get_by_label("New email address").fill("moved.reader@example.org")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_text("Waiting for you to open the link")).to_be_visible()
    assert_accessible(page)
    [sent] = [m for m in mail.outbox if m.to == ["moved.reader@example.org"]]
    [change_link] = CHANGE_LINK.findall(str(sent.body))
    page.goto(change_link)
    expect(page.get_by_text("Your email address is now moved.reader@example.org")).to_be_visible()
    assert User.objects.filter(email="moved.reader@example.org").exists()


def test_unconfirmed_reader_is_told_to_confirm(page, site, assert_accessible):
    page.goto(f"{site}/accounts/signup/")
    page.get_by_label("Email address").fill("waiting@example.org")
    page.get_by_label("Display name").fill("Waiting")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Email address").fill("waiting@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your email address first")
    assert_accessible(page)
    page.get_by_role("button", name="Send the confirmation email again").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/"])
def test_account_forms_are_accessible(page, site, assert_accessible, path):
    page.goto(f"{site}{path}")
    assert_accessible(page)
    # Submit empty: the error summary and the field errors must be accessible too.
    button = "Log in" if "login" in path else "Create account"
    page.locator("main").get_by_role("button", name=button).click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert_accessible(page)


def test_locked_login_message_is_accessible(page, site, assert_accessible):
    # Earlier failures from this browser's address (the live server shares our counters).
    for _ in range(throttle.ACCOUNT_FROM_IP.lock_after or 0):
        throttle.login_failed(email="someone@example.org", ip="127.0.0.1")
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Email address").fill("someone@example.org")
    page.get_by_label("Password").fill("wrong password")
    page.locator("main").get_by_role("button", name="Log in").click()
    expect(page.locator(".error-summary")).to_contain_text("logging in is paused")
    assert_accessible(page)
