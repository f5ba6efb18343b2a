"""Changing the email address of an account: a link to the new address, a notice to the
current one, nothing changed until the link is opened, and no hint of who is registered."""

import time

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from tests.accounts.helpers import LINK
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.django_db

URL = reverse("accounts:email_change")


@pytest.fixture
def reader(client):
    user = make_user(email="old@example.org", email_confirmed_at=timezone.now())
    client.force_login(user)
    return user


def ask(client, new_email="New@Example.org", password=DEFAULT_PASSWORD):
    return client.post(URL, {"new_email": new_email, "password": password})


def link_sent_to(address: str) -> str:
    bodies = [str(m.body) for m in mail.outbox if m.to == [address]]
    assert bodies, f"nothing was sent to {address}"
    paths = [p for p in LINK.findall(bodies[-1]) if "/email-change/confirm/" in p]
    assert len(paths) == 1
    return paths[0]


@pytest.mark.django_db(transaction=True)  # emails go after commit
def test_link_to_the_new_address_changes_it_and_the_old_one_is_told(client, reader):
    response = ask(client)
    assert response.status_code == 302 and response.url == reverse("accounts:profile")
    reader.refresh_from_db()
    assert reader.email == "old@example.org" and reader.pending_email == "new@example.org"
    assert sorted(m.to[0] for m in mail.outbox) == ["new@example.org", "old@example.org"]
    notice = next(m for m in mail.outbox if m.to == ["old@example.org"])
    assert "n***@example.org" in notice.body and "new@example.org" not in notice.body
    assert "/accounts/password-change/" in notice.body
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Waiting for you to open the link we sent to new@example.org" in page

    response = client.get(link_sent_to("new@example.org"))
    assert response.status_code == 302 and response.url == reverse("accounts:profile")
    reader.refresh_from_db()
    assert reader.email == "new@example.org" and reader.pending_email == ""
    assert reader.email_confirmed_at is not None
    client.logout()
    login = client.post(
        reverse("accounts:login"), {"email": "new@example.org", "password": DEFAULT_PASSWORD}
    )
    assert login.status_code == 302 and client.session["_auth_user_id"] == str(reader.pk)


def test_bad_input_is_listed_in_an_error_summary_and_changes_nothing(client, reader):
    for data, field in (
        ({"new_email": "not an address", "password": DEFAULT_PASSWORD}, "new_email"),
        ({"new_email": "OLD@example.org", "password": DEFAULT_PASSWORD}, "new_email"),
        ({"new_email": "new@example.org", "password": "wrong"}, "password"),
        ({"new_email": "", "password": ""}, "new_email"),
    ):
        response = client.post(URL, data)
        html = response.content.decode()
        assert response.status_code == 200
        assert "There is a problem" in html and f'href="#id_{field}"' in html
    reader.refresh_from_db()
    assert reader.pending_email == "" and mail.outbox == []


@pytest.mark.django_db(transaction=True)  # emails go after commit
def test_an_address_with_an_account_gets_a_note_and_the_asker_sees_the_same(client, reader):
    other = make_user(email="taken@example.org")
    response = ask(client, "taken@example.org")
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.pending_email == "" and reader.email == "old@example.org"
    note = next(m for m in mail.outbox if m.to == ["taken@example.org"])
    assert "/email-change/confirm/" not in note.body and "already have an account" in note.body
    assert other.email in note.to


@pytest.mark.django_db(transaction=True)  # emails go after commit
def test_link_stops_working_after_a_password_change_or_a_cancel(client, reader):
    ask(client)
    link = link_sent_to("new@example.org")
    reader.set_password("a completely different phrase 77")
    reader.save()
    response = client.get(link)
    assert response.status_code == 400 and "This link does not work" in response.content.decode()
    reader.refresh_from_db()
    assert reader.email == "old@example.org"

    client.force_login(reader)
    mail.outbox.clear()
    ask(client, password="a completely different phrase 77")
    link = link_sent_to("new@example.org")
    assert client.post(reverse("accounts:email_change_cancel")).status_code == 302
    assert client.get(link).status_code == 400
    reader.refresh_from_db()
    assert reader.email == "old@example.org" and reader.pending_email == ""


@pytest.mark.django_db(transaction=True)  # emails go after commit
def test_link_fails_when_the_address_was_taken_meanwhile(client, reader):
    ask(client)
    link = link_sent_to("new@example.org")
    make_user(email="new@example.org")
    assert client.get(link).status_code == 400
    reader.refresh_from_db()
    assert reader.email == "old@example.org"


@pytest.mark.django_db(transaction=True)  # emails go after commit
def test_tampered_and_expired_links(client, reader, monkeypatch):
    ask(client)
    link = link_sent_to("new@example.org")
    assert client.get(link[:-3] + "xx/").status_code == 400
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 4 * 24 * 3600)  # four days later
    response = client.get(link)
    assert response.status_code == 400 and "This link has expired" in response.content.decode()
    reader.refresh_from_db()
    assert reader.email == "old@example.org"


def test_asking_is_rate_limited(client, reader):
    for n in range(5):
        assert ask(client, f"new{n}@example.org").status_code == 302
    response = ask(client, "new9@example.org")
    assert response.status_code == 429 and "too many requests" in response.content.decode()
    assert not User.objects.filter(pending_email="new9@example.org").exists()


def test_pages_need_login_and_cancel_is_post_only(client):
    for url in (URL, reverse("accounts:email_change_cancel")):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    client.force_login(make_user())
    assert client.get(reverse("accounts:email_change_cancel")).status_code == 405


def test_export_includes_the_address_waiting_for_confirmation(client, reader):
    ask(client)
    data = client.get(reverse("accounts:export")).json()
    assert data["data"]["accounts"]["pending_email"] == "new@example.org"
