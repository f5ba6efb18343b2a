"""Emails the accounts app sends: each is a subject, a plain-text and an HTML template
under templates/accounts/email/<name>_subject.txt, <name>.txt and <name>.html."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.tasks import send_email


def render_email(name: str, context: dict) -> tuple[str, str, str]:
    context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
    subject = render_to_string(f"accounts/email/{name}_subject.txt", context)
    subject = " ".join(subject.split())  # one line, no header injection
    text = render_to_string(f"accounts/email/{name}.txt", context)
    html = render_to_string(f"accounts/email/{name}.html", context)
    return subject, text, html


def send_templated_email(*, to: str, name: str, context: dict) -> None:
    subject, text, html = render_email(name, context)
    send_email.enqueue(to=to, subject=subject, text=text, html=html)


def site_link(viewname: str, **kwargs) -> str:
    """A full link for emails, built from settings.SITE_URL rather than the Host header."""
    return settings.SITE_URL + reverse(viewname, kwargs=kwargs or None)
