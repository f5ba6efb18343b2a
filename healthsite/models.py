"""Tables of the site-wide helpers (they belong to no app and import none)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Counter(models.Model):
    """One attempt counter of `healthsite.counters` (rate limits and the login throttle).

    Times are seconds since the epoch (`time.time()`), the clock the callers count with.
    A row whose `expires_at` has passed counts as absent; `prune_counters` deletes them.
    """

    key = models.CharField(max_length=255, unique=True)
    count = models.PositiveIntegerField(default=0)
    last_at = models.FloatField()
    expires_at = models.FloatField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"


class SubmittedForm(models.Model):
    """A posting form already acted on: its one-time token and where its first result was.

    A retried submission (the reader's connection dropped after the write) finds its token
    here and is sent to the same place instead of writing a second time.
    """

    token = models.CharField(max_length=64)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    result_url = models.CharField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "token"], name="submitted_form_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.token} -> {self.result_url}"
