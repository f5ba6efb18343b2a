"""Every write the newsletter makes: subscribers (double opt-in, unsubscribe) and editions
(drafted from the week's content, sent in batches that survive a restart). Keyword-only,
typed, in transactions."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from healthsite.email import email_deliver, email_render, email_send, site_url
from healthsite.text import plain_text, render_editorial

from . import tokens
from .models import Edition, EditionDelivery, Subscriber
from .sections import weekly_items


def _normalize_email(email: str) -> str:
    return email.strip().lower()


@transaction.atomic
def subscriber_sign_up(*, email: str) -> Subscriber:
    """Record a sign-up and send the confirmation link. Signing up again is not a duplicate:
    an unconfirmed or unsubscribed address gets a fresh confirmation email; a confirmed one
    is left alone (and the answer on the page is the same, so addresses cannot be probed)."""
    email = _normalize_email(email)
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is None:
        subscriber = Subscriber(email=email)
        subscriber.full_clean()
        try:
            with transaction.atomic():
                subscriber.save()
        except IntegrityError:
            subscriber = Subscriber.objects.get(email=email)
    if subscriber.is_active:
        return subscriber
    token = tokens.make_token(subscriber.pk, salt=tokens.NEWSLETTER_CONFIRM)
    email_send(
        email_render(
            template="newsletter/email/confirm",
            to=email,
            context={"confirm_url": site_url(reverse("newsletter:confirm", args=[token]))},
        )
    )
    return subscriber


@transaction.atomic
def subscriber_confirm(*, token: str) -> Subscriber | None:
    pk = tokens.read_token(token, salt=tokens.NEWSLETTER_CONFIRM, max_age=tokens.CONFIRM_MAX_AGE)
    subscriber = Subscriber.objects.filter(pk=pk).first() if pk else None
    if subscriber is not None and not subscriber.is_active:
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["confirmed_at", "unsubscribed_at"])
    return subscriber


@transaction.atomic
def subscriber_unsubscribe(*, token: str) -> Subscriber | None:
    pk = tokens.read_token(token, salt=tokens.NEWSLETTER_UNSUBSCRIBE)
    subscriber = Subscriber.objects.filter(pk=pk).first() if pk else None
    if subscriber is not None and subscriber.unsubscribed_at is None:
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["unsubscribed_at"])
    return subscriber


def subscriber_unsubscribe_url(subscriber: Subscriber) -> str:
    token = tokens.make_token(subscriber.pk, salt=tokens.NEWSLETTER_UNSUBSCRIBE)
    return site_url(reverse("newsletter:unsubscribe", args=[token]))


def _unique_slug(subject: str) -> str:
    base = slugify(subject)[:180] or "edition"
    slug, n = base, 2
    while Edition.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def edition_create(*, subject: str, body: str) -> Edition:
    edition = Edition(subject=subject.strip(), slug=_unique_slug(subject), body=body)
    edition.full_clean()
    edition.save()
    return edition


def edition_draft_from_week(*, now: dt.datetime | None = None) -> Edition:
    """Draft an edition from the past week's new content that apps offer (see sections.py)."""
    now = now or timezone.now()
    since = now - dt.timedelta(days=7)
    sections = weekly_items(since=since)
    lines = []
    for heading, items in sections:
        lines += [f"## {heading}", ""]
        lines += [f"- [{item['title']}]({site_url(item['url'])})" for item in items]
        lines.append("")
    body = "\n".join(lines).strip() or "Nothing new this week."
    subject = f"This week on {settings.SITE_NAME}: {now:%d %B %Y}"
    return edition_create(subject=subject, body=body)


NEWSLETTER_BATCH_SIZE = 100


@transaction.atomic
def edition_send_start(*, edition: Edition) -> Edition:
    """Mark an edition as sending and queue its first batch. Safe to call again: a restart
    resumes, and deliveries already made are skipped."""
    if edition.status == Edition.Status.DRAFT:
        edition.status = Edition.Status.SENDING
        edition.save(update_fields=["status"])
    from .tasks import send_edition_batch

    transaction.on_commit(lambda: send_edition_batch.enqueue(edition.pk, 0))
    return edition


def edition_send_batch(
    *, edition_id: int, after_id: int, size: int = NEWSLETTER_BATCH_SIZE
) -> int | None:
    """Mail one batch of confirmed subscribers (by id, after `after_id`). Returns the last
    subscriber id handled, or None when the edition is finished."""
    edition = Edition.objects.get(pk=edition_id)
    subscribers = list(
        Subscriber.objects.filter(
            pk__gt=after_id, confirmed_at__isnull=False, unsubscribed_at__isnull=True
        ).order_by("pk")[:size]
    )
    html_body = render_editorial(edition.body)
    text_body = plain_text(html_body)
    for subscriber in subscribers:
        try:
            with transaction.atomic():
                EditionDelivery.objects.create(edition=edition, subscriber=subscriber)
        except IntegrityError:
            continue  # already mailed before a restart
        # Delivered here, in the batch task: a delivery row exists for each email sent.
        email_deliver(
            email_render(
                template="newsletter/email/edition",
                to=subscriber.email,
                context={
                    "edition": edition,
                    "html_body": html_body,
                    "text_body": text_body,
                    "edition_url": site_url(edition.get_absolute_url()),
                },
                unsubscribe_url=subscriber_unsubscribe_url(subscriber),
            )
        )
    if len(subscribers) < size:
        Edition.objects.filter(pk=edition_id).update(
            status=Edition.Status.SENT, sent_at=edition.sent_at or timezone.now()
        )
        return None
    return subscribers[-1].pk


@transaction.atomic
def subscriber_delete(*, email: str) -> None:
    """Account deletion: forget this address (signed up or not)."""
    Subscriber.objects.filter(email=_normalize_email(email)).delete()
