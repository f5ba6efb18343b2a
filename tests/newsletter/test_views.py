"""Newsletter pages: sign-up with double opt-in, unsubscribe, past editions."""

import re

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from newsletter.models import Edition, Subscriber
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_newsletter_double_opt_in_and_unsubscribe(client, django_capture_on_commit_callbacks):
    url = reverse("newsletter:index")
    assert 'value="a@example.org"' in client.get(url, {"email": "a@example.org"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "A@Example.org"})
    assert b"Check your email" in response.content
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "a@example.org" and not subscriber.is_active
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"email": "a@example.org"})
    assert Subscriber.objects.count() == 1  # no duplicates
    match = re.search(r"http\S+/newsletter/confirm/\S+/", str(mail.outbox[-1].body))
    assert match, "the confirmation email has its link"
    confirm = match.group(0)
    message = mail.outbox[-1]
    assert isinstance(message, EmailMultiAlternatives)
    html, kind = message.alternatives[0]
    assert isinstance(html, str)
    assert kind == "text/html" and f'href="{confirm}"' in html
    path = confirm.split("127.0.0.1:8000")[-1] if "127.0.0.1:8000" in confirm else confirm
    assert client.get(path).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.is_active
    assert client.get("/newsletter/confirm/forged-token/").status_code == 400


def test_newsletter_sign_up_is_rate_limited(client):
    url = reverse("newsletter:index")
    statuses = [client.post(url, {"email": f"x{n}@example.org"}).status_code for n in range(7)]
    assert statuses[:5] == [200] * 5
    assert statuses[-1] == 429


def test_home_page_has_one_sign_up_form_in_the_footer(client):
    html = client.get("/").content.decode()
    assert html.count('action="/newsletter/"') == 1


def test_past_editions_are_readable_and_drafts_are_not(client):
    sent = Edition.objects.create(
        subject="Week one", slug="week-one", body="Hello **all**", status="sent"
    )
    Edition.objects.create(subject="Draft", slug="draft", body="x")
    assert "Week one" in client.get(reverse("newsletter:index")).content.decode()
    response = client.get(sent.get_absolute_url())
    assert response.status_code == 200 and b"<strong>all</strong>" in response.content
    assert client.get("/newsletter/draft/").status_code == 404
    client.force_login(make_user(is_staff=True))
    assert client.get("/newsletter/draft/").status_code == 200  # staff preview
