"""Signed, expiring links that confirm an email address.

The token carries the user's id and a hash of the address it was sent to (not the address
itself, so it never appears in server logs), signed with SECRET_KEY and a salt of its own:
it cannot be forged, used for another address or for a password reset, and it stops
working after `CONFIRMATION_MAX_AGE`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core import signing

CONFIRMATION_SALT = "accounts.confirm-email"
CONFIRMATION_MAX_AGE = 3 * 24 * 60 * 60  # three days


class ConfirmationTokenError(Exception):
    """The link is not one we made (tampered or truncated)."""


class ConfirmationTokenExpired(ConfirmationTokenError):
    """The link was ours but is older than CONFIRMATION_MAX_AGE."""


def _email_digest(email: str) -> str:
    return hashlib.sha256(email.encode()).hexdigest()[:20]


@dataclass(frozen=True)
class ConfirmationClaim:
    user_id: int
    email_digest: str

    def matches(self, email: str) -> bool:
        return self.email_digest == _email_digest(email)


def confirmation_token_make(*, user_id: int, email: str) -> str:
    return signing.dumps({"u": user_id, "e": _email_digest(email)}, salt=CONFIRMATION_SALT)


def confirmation_token_read(
    token: str, *, max_age: int = CONFIRMATION_MAX_AGE
) -> ConfirmationClaim:
    try:
        data = signing.loads(token, salt=CONFIRMATION_SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ConfirmationTokenExpired(str(error)) from error
    except signing.BadSignature as error:
        raise ConfirmationTokenError(str(error)) from error
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise ConfirmationTokenError("unexpected token content")
    if not isinstance(data.get("e"), str):
        raise ConfirmationTokenError("unexpected token content")
    return ConfirmationClaim(user_id=data["u"], email_digest=data["e"])
