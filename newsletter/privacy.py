"""A reader's newsletter subscription (by their account's address) for "download my data",
and its removal with the account."""

from __future__ import annotations

from accounts.models import User

from .models import Subscriber
from .services import subscriber_delete


def export_user_data(user: User) -> dict[str, str | None] | None:
    subscriber = Subscriber.objects.filter(email=user.email.strip().lower()).first()
    if subscriber is None:
        return None
    return {
        "email": subscriber.email,
        "signed_up_at": subscriber.created_at.isoformat(),
        "confirmed_at": subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else None,
        "unsubscribed_at": subscriber.unsubscribed_at.isoformat()
        if subscriber.unsubscribed_at
        else None,
    }


def delete_user_data(user: User) -> None:
    subscriber_delete(email=user.email)
