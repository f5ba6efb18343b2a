"""Readers come back to the page they were on after logging in or confirming a sign-up
(never to another site), and links in emails point at the site they are using."""

from urllib.parse import quote

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.accounts.helpers import confirmation_path
from tests.accounts.test_views import signup_data

pytestmark = pytest.mark.django_db


def test_the_header_login_link_returns_to_the_current_page(client):
    html = client.get("/search/?q=knee").content.decode()
    here = quote("/search/?q=knee", safe="")
    assert f'href="/accounts/login/?next={here}"' in html
    assert f'href="/accounts/signup/?next={here}"' in html


def test_the_login_page_itself_does_not_link_back_to_itself(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert 'href="/accounts/login/"' in html
    assert "?next=%2Faccounts" not in html


def test_login_from_the_header_link_returns_to_the_page(client):
    user = User.objects.create_user(email="r@example.org", password="a long pass phrase 9")
    user.email_confirmed_at = user.date_joined
    user.save()
    page = client.get(reverse("accounts:login") + "?next=/conditions/").content.decode()
    assert 'name="next" value="/conditions/"' in page
    response = client.post(
        reverse("accounts:login"),
        {"email": user.email, "password": "a long pass phrase 9", "next": "/conditions/"},
    )
    assert response["Location"] == "/conditions/"


@pytest.mark.django_db(transaction=True)  # emails go after commit
def test_sign_up_confirm_and_log_in_returns_to_the_page(client):
    signup_url = reverse("accounts:signup") + "?next=/drugs/warfarin/"
    assert 'name="next" value="/drugs/warfarin/"' in client.get(signup_url).content.decode()
    response = client.post(signup_url, {**signup_data(), "next": "/drugs/warfarin/"})
    assert response.status_code == 302
    link = confirmation_path()
    assert link.endswith("?next=%2Fdrugs%2Fwarfarin%2F")
    response = client.get(link)
    assert response["Location"] == reverse("accounts:login") + "?next=%2Fdrugs%2Fwarfarin%2F"
    response = client.post(
        reverse("accounts:login"),
        {
            "email": "new@example.org",
            "password": signup_data()["password1"],
            "next": "/drugs/warfarin/",
        },
    )
    assert response["Location"] == "/drugs/warfarin/"


@pytest.mark.django_db(transaction=True)
def test_an_off_site_next_is_dropped_at_sign_up_and_at_confirmation(client):
    evil = "https://evil.example/phish"
    client.post(
        reverse("accounts:signup") + f"?next={quote(evil)}", {**signup_data(), "next": evil}
    )
    link = confirmation_path()
    assert "next" not in link
    response = client.get(f"{link}?next={quote(evil)}")
    assert response["Location"] == reverse("accounts:login")
    response = client.post(
        reverse("accounts:login"),
        {"email": "new@example.org", "password": signup_data()["password1"], "next": evil},
    )
    assert response["Location"] == reverse("home")


# --- links in emails --------------------------------------------------------------------------


def _confirmation_link_after_signup(client, **extra) -> str:
    client.post(reverse("accounts:signup"), signup_data(), **extra)
    assert mail.outbox, "no email was sent"
    body = str(mail.outbox[-1].body)
    return next(word for word in body.split() if "/accounts/confirm/" in word)


@pytest.mark.django_db(transaction=True)
def test_in_development_email_links_use_the_address_being_browsed(client, settings):
    settings.DEBUG = True
    settings.SITE_URL_CONFIGURED = False
    settings.SITE_URL = "http://127.0.0.1:8000"
    link = _confirmation_link_after_signup(client, HTTP_HOST="localhost:8123")
    assert link.startswith("http://localhost:8123/accounts/confirm/")


@pytest.mark.django_db(transaction=True)
def test_a_configured_site_url_wins_over_the_request(client, settings):
    settings.DEBUG = True
    settings.SITE_URL_CONFIGURED = True
    settings.SITE_URL = "https://health.example.org"
    link = _confirmation_link_after_signup(client, HTTP_HOST="localhost:8123")
    assert link.startswith("https://health.example.org/accounts/confirm/")


@pytest.mark.django_db(transaction=True)
def test_password_reset_links_use_the_address_being_browsed_in_development(client, settings):
    settings.DEBUG = True
    settings.SITE_URL_CONFIGURED = False
    User.objects.create_user(email="forgot@example.org", password="a long pass phrase 9")
    client.post(
        reverse("accounts:password_reset"),
        {"email": "forgot@example.org"},
        HTTP_HOST="localhost:8123",
    )
    assert "http://localhost:8123/accounts/" in str(mail.outbox[-1].body)
