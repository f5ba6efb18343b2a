"""Signed, expiring links that confirm an email address: a new account's, or the new
address an account asks to move to.

A token carries the user's id and hashes of the addresses involved (never an address
itself, so none appears in server logs), signed with SECRET_KEY and a salt for its purpose:
it cannot be forged, used for another address or for another purpose, and it stops working
after `CONFIRMATION_MAX_AGE`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core import signing

CONFIRMATION_SALT = "accounts.confirm-email"
EMAIL_CHANGE_SALT = "accounts.change-email"
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


def _read(token: str, *, salt: str, max_age: int, digests: tuple[str, ...]) -> dict:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ConfirmationTokenExpired(str(error)) from error
    except signing.BadSignature as error:
        raise ConfirmationTokenError(str(error)) from error
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise ConfirmationTokenError("unexpected token content")
    if not all(isinstance(data.get(key), str) for key in digests):
        raise ConfirmationTokenError("unexpected token content")
    return data


def confirmation_token_read(
    token: str, *, max_age: int = CONFIRMATION_MAX_AGE
) -> ConfirmationClaim:
    data = _read(token, salt=CONFIRMATION_SALT, max_age=max_age, digests=("e",))
    return ConfirmationClaim(user_id=data["u"], email_digest=data["e"])


@dataclass(frozen=True)
class EmailChangeClaim:
    user_id: int
    digest: str

    def matches(self, *, current: str, new: str, password_hash: str) -> bool:
        """The account still has the address and password it had when the link was asked
        for, and still waits for the address the link was sent to."""
        return self.digest == _change_digest(current, new, password_hash)


def _change_digest(current: str, new: str, password_hash: str) -> str:
    return _email_digest("\n".join((current, new, password_hash)))


def email_change_token_make(
    *, user_id: int, current_email: str, new_email: str, password_hash: str
) -> str:
    """A link that stops working when the password or either address changes."""
    digest = _change_digest(current_email, new_email, password_hash)
    return signing.dumps({"u": user_id, "c": digest}, salt=EMAIL_CHANGE_SALT)


def email_change_token_read(token: str, *, max_age: int = CONFIRMATION_MAX_AGE) -> EmailChangeClaim:
    data = _read(token, salt=EMAIL_CHANGE_SALT, max_age=max_age, digests=("c",))
    return EmailChangeClaim(user_id=data["u"], digest=data["c"])
