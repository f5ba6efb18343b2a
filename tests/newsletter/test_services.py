"""Writes: confirmation and unsubscribe tokens, edition sending in batches."""

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from newsletter import services, tokens
from newsletter.models import Edition, EditionDelivery, Subscriber

pytestmark = pytest.mark.django_db

_emails = iter(range(10_000))


def test_newsletter_tokens_expire_and_are_purpose_bound():
    subscriber = Subscriber.objects.create(email="s@example.org")
    token = tokens.make_token(subscriber.pk, salt=tokens.NEWSLETTER_CONFIRM)
    assert tokens.read_token(token, salt=tokens.NEWSLETTER_CONFIRM, max_age=60) == subscriber.pk
    assert tokens.read_token(token, salt=tokens.NEWSLETTER_UNSUBSCRIBE) is None
    assert tokens.read_token(token, salt=tokens.NEWSLETTER_CONFIRM, max_age=-1) is None


def make_subscribers(n, *, confirmed=True):
    from django.utils import timezone

    return [
        Subscriber.objects.create(
            email=f"sub{next(_emails)}@example.org",
            confirmed_at=timezone.now() if confirmed else None,
        )
        for _ in range(n)
    ]


def test_edition_sent_in_batches_once_per_subscriber_even_if_restarted(
    django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(services, "NEWSLETTER_BATCH_SIZE", 2)
    active = make_subscribers(5)
    make_subscribers(1, confirmed=False)  # never confirmed: never mailed
    gone = active[4]
    from django.utils import timezone

    Subscriber.objects.filter(pk=gone.pk).update(unsubscribed_at=timezone.now())
    edition = services.edition_create(subject="Week 1", body="Hello **readers**")
    # A first worker mails one batch and dies.
    services.edition_send_batch(edition_id=edition.pk, after_id=0, size=2)
    assert len(mail.outbox) == 2
    # Sending is started (again) from the beginning: nobody is mailed twice.
    with django_capture_on_commit_callbacks(execute=True):
        services.edition_send_start(edition=edition)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(s.email for s in active[:4])
    assert EditionDelivery.objects.count() == 4
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT and edition.sent_at
    message = mail.outbox[0]
    assert isinstance(message, EmailMultiAlternatives)
    assert "/newsletter/unsubscribe/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    html = message.alternatives[0][0]
    assert isinstance(html, str)
    assert "<strong>readers</strong>" in html
    assert "**" not in message.body
