"""Signed tokens for links in emails: they work without signing in and cannot be forged.

My Medicine's recall emails use the same helpers with their own salt.
"""

from __future__ import annotations

from django.core import signing

# The salts keep their original values so links in emails already sent keep working.
NEWSLETTER_CONFIRM = "mymedicine.newsletter.confirm"
NEWSLETTER_UNSUBSCRIBE = "mymedicine.newsletter.unsubscribe"

# A confirmation link is good for a week; unsubscribe links never expire.
CONFIRM_MAX_AGE = 7 * 24 * 3600


def make_token(value: int, *, salt: str) -> str:
    return signing.dumps(value, salt=salt, compress=True)


def read_token(token: str, *, salt: str, max_age: int | None = None) -> int | None:
    """The id a token carries, or None when it is forged, altered or too old."""
    try:
        value = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None
