"""Reads of the accounts app."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User


def users_unconfirmed_since(*, days: int) -> QuerySet[User]:
    """Accounts whose email was never confirmed, created more than `days` days ago.

    Staff accounts are left alone: they are made in the admin, not by signing up.
    """
    cutoff = timezone.now() - timedelta(days=days)
    return User.objects.filter(
        email_confirmed_at=None, date_joined__lt=cutoff, is_staff=False, is_superuser=False
    ).order_by("pk")
