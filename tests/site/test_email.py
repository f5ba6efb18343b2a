"""The one email path: rendering a template trio, unsubscribe headers, sending after commit."""

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import transaction

from healthsite.email import email_deliver, email_render, email_send

TEMPLATES = {
    "t/hello_subject.txt": "Hello\n {{ name }} from {{ SITE_NAME }}\n",
    "t/hello.txt": "Dear {{ name }}, see {{ SITE_URL }}.",
    "t/hello.html": (
        "{% extends 'email/base.html' %}{% block content %}<p>Dear {{ name }}</p>{% endblock %}"
    ),
}


@pytest.fixture
def trio(settings):
    """A template trio served from memory, beside the site's own templates."""
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [
        {
            **engine,
            "APP_DIRS": False,
            "OPTIONS": {
                **engine["OPTIONS"],
                "loaders": [
                    ("django.template.loaders.locmem.Loader", TEMPLATES),
                    "django.template.loaders.filesystem.Loader",
                    "django.template.loaders.app_directories.Loader",
                ],
            },
        }
    ]


def test_render_fills_three_parts_and_keeps_the_subject_on_one_line(trio, settings):
    email = email_render(template="t/hello", to="a@example.org", context={"name": "Ann"})
    assert email.subject == f"Hello Ann from {settings.SITE_NAME}"
    assert email.text == f"Dear Ann, see {settings.SITE_URL}."
    assert "<p>Dear Ann</p>" in email.html
    assert "Unsubscribe" not in email.html
    assert email.headers() == {}


def test_subscription_email_carries_one_click_unsubscribe_headers(trio):
    url = "https://health.example.org/stop/abc/"
    email = email_render(
        template="t/hello", to="a@example.org", context={"name": "Ann"}, unsubscribe_url=url
    )
    email_deliver(email)
    (message,) = mail.outbox
    assert isinstance(message, EmailMultiAlternatives)
    assert message.extra_headers == {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    assert message.to == ["a@example.org"]
    assert message.alternatives[0][1] == "text/html"
    html = message.alternatives[0][0]
    assert isinstance(html, str)
    assert f'href="{url}"' in html


@pytest.mark.django_db(transaction=True)
def test_send_waits_for_the_commit_and_a_rollback_sends_nothing(trio):
    email = email_render(template="t/hello", to="a@example.org", context={"name": "Ann"})

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        email_send(email)
        raise Abort
    assert mail.outbox == []

    with transaction.atomic():
        email_send(email)
        assert mail.outbox == []
    (message,) = mail.outbox
    assert message.subject.startswith("Hello Ann")
