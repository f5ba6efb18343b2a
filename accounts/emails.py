"""Emails the accounts app sends: each is a template trio under
templates/accounts/email/ (<name>_subject.txt, <name>.txt, <name>.html), sent through the
site's one email path (healthsite.email)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from healthsite.email import email_render, email_send, site_url


def send_templated_email(*, to: str, name: str, context: dict[str, Any]) -> None:
    email_send(email_render(template=f"accounts/email/{name}", to=to, context=context))


def site_link(viewname: str, **kwargs: Any) -> str:
    """A full link for emails to the named URL."""
    return site_url(reverse(viewname, kwargs=kwargs or None))
