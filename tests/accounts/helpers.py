"""Small helpers for the accounts tests."""

import re

from django.core import mail

LINK = re.compile(r"http://testserver(/accounts/[^\s\"<]+)")


def links_in_last_email() -> list[str]:
    assert mail.outbox, "no email was sent"
    return LINK.findall(str(mail.outbox[-1].body))


def confirmation_path() -> str:
    paths = [path for path in links_in_last_email() if path.startswith("/accounts/confirm/")]
    assert len(paths) == 1
    return paths[0]
