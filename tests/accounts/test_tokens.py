import time

import pytest
from django.core import signing

from accounts.tokens import (
    CONFIRMATION_MAX_AGE,
    ConfirmationTokenError,
    ConfirmationTokenExpired,
    confirmation_token_make,
    confirmation_token_read,
)


def test_token_round_trip():
    token = confirmation_token_make(user_id=7, email="a@example.org")
    claim = confirmation_token_read(token)
    assert claim.user_id == 7
    assert claim.matches("a@example.org")
    assert not claim.matches("b@example.org")
    assert "example" not in token  # the address itself is not in the link


def test_tampered_token_is_refused():
    token = confirmation_token_make(user_id=7, email="a@example.org")
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    with pytest.raises(ConfirmationTokenError):
        confirmation_token_read(tampered)


def test_token_for_another_user_cannot_be_forged():
    token = confirmation_token_make(user_id=7, email="a@example.org")
    genuine = confirmation_token_read(token)
    forged = signing.dumps({"u": 8, "e": genuine.email_digest}).split(":")[0]
    with pytest.raises(ConfirmationTokenError):
        confirmation_token_read(f"{forged}:{token.split(':', 1)[1]}")


def test_token_signed_for_another_purpose_is_refused():
    other = signing.dumps({"u": 7, "e": "a@example.org"}, salt="something-else")
    with pytest.raises(ConfirmationTokenError):
        confirmation_token_read(other)


def test_expired_token_is_refused(monkeypatch):
    token = confirmation_token_make(user_id=7, email="a@example.org")
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + CONFIRMATION_MAX_AGE + 10)
    with pytest.raises(ConfirmationTokenExpired):
        confirmation_token_read(token)


def test_garbage_is_refused():
    for junk in ["", "abc", "a:b:c", "\x00", "é" * 500]:
        with pytest.raises(ConfirmationTokenError):
            confirmation_token_read(junk)
