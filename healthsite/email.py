"""The one path every email of the site takes.

An email is a template trio under `templates/`: `<name>_subject.txt`, `<name>.txt` and
`<name>.html` (the HTML part extends `email/base.html`). `email_render` turns it into an
`Email`; `email_send` queues it through django-tasks once the surrounding transaction has
committed (a rolled-back sign-up sends nothing); `email_deliver` sends at once, for tasks
that claimed the right to send and must know whether it went. An email a reader subscribed
to (recall alerts, follows, the newsletter) carries its unsubscribe link as the
List-Unsubscribe and List-Unsubscribe-Post headers (RFC 8058 one-click), so mail clients can
offer an unsubscribe button.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string


@dataclass(frozen=True)
class Email:
    to: str
    subject: str
    text: str
    html: str
    unsubscribe_url: str = ""

    def headers(self) -> dict[str, str]:
        if not self.unsubscribe_url:
            return {}
        return {
            "List-Unsubscribe": f"<{self.unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }


# The request being answered, set by healthsite.middleware.RequestOriginMiddleware.
current_request: ContextVar[Any] = ContextVar("current_request", default=None)


def site_origin() -> str:
    """The site's address for links in emails: HEALTHSITE_SITE_URL when it is set (always in
    production, where the settings refuse to start without it). In development without it,
    the address of the request being answered, so a link in a confirmation email opens the
    site the reader is using whatever its host and port; settings.SITE_URL otherwise."""
    if settings.SITE_URL_CONFIGURED or not settings.DEBUG:
        return settings.SITE_URL
    request = current_request.get()
    if request is None:
        return settings.SITE_URL
    try:
        return request.build_absolute_uri("/").rstrip("/")
    except DisallowedHost:  # a Host the site does not answer to never goes into a link
        return settings.SITE_URL


def site_url(path: str) -> str:
    """A full link for an email to `path` on this site (see `site_origin`)."""
    return site_origin() + path


def email_render(
    *, template: str, to: str, context: Mapping[str, Any], unsubscribe_url: str = ""
) -> Email:
    """Render `template`'s subject, text and HTML parts with the site's name and address."""
    full_context = {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": site_origin(),
        "unsubscribe_url": unsubscribe_url,
        **context,
    }
    subject = render_to_string(f"{template}_subject.txt", full_context)
    return Email(
        to=to,
        subject=" ".join(subject.split()),  # one line: no header injection
        text=render_to_string(f"{template}.txt", full_context),
        html=render_to_string(f"{template}.html", full_context),
        unsubscribe_url=unsubscribe_url,
    )


def email_message(email: Email) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        headers=email.headers(),
    )
    message.attach_alternative(email.html, "text/html")
    return message


def email_deliver(email: Email) -> None:
    """Send now; raises when the mail server refuses, so a claimed send can be released."""
    email_message(email).send()


def email_send(email: Email) -> None:
    """Queue the email, to go once the current transaction (if any) commits."""
    from healthsite.tasks import send_email

    fields = asdict(email)
    transaction.on_commit(lambda: send_email.enqueue(**fields))
