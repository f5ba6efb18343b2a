"""The accounts app's part of "download my data" and "delete my account"."""

from __future__ import annotations

from accounts.models import User


def export_user_data(user: User) -> dict:
    return {
        "email": user.email,
        "pending_email": user.pending_email or None,
        "display_name": user.display_name,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "email_confirmed_at": (
            user.email_confirmed_at.isoformat() if user.email_confirmed_at else None
        ),
        "avatar": user.avatar.url if user.avatar else None,
        "avatar_small": user.avatar_small.url if user.avatar_small else None,
    }


def delete_user_data(user: User) -> None:
    """Remove the avatar files; the user row itself is deleted by services.user_delete."""
    from accounts.services import avatar_remove

    if user.avatar or user.avatar_small:
        avatar_remove(user=user)
