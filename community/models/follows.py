"""Following a thread or a group, and the notifications each new post makes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models.groups import SupportGroup
from community.models.threads import Post, Thread


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("An email for each new post")
    DAILY = "daily", _("One daily digest email")


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_follows"
    )
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    group = models.ForeignKey(
        SupportGroup, null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    frequency = models.CharField(max_length=10, choices=Frequency, default=Frequency.IMMEDIATE)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=False, group__isnull=True)
                | Q(thread__isnull=True, group__isnull=False),
                name="community_follow_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "thread"],
                condition=Q(thread__isnull=False),
                name="community_follow_thread_once",
            ),
            models.UniqueConstraint(
                fields=["user", "group"],
                condition=Q(group__isnull=False),
                name="community_follow_group_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.thread_id or self.group_id}"

    @property
    def target(self):
        return self.thread or self.group


class Notification(models.Model):
    """One new post to tell one follower about. The unique pair makes it exactly once:
    the row is made once, and the sender claims it (sent_at) before the email goes out."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_notifications"
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="notifications")
    frequency = models.CharField(max_length=10, choices=Frequency)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recipient", "post"], name="community_notify_once")
        ]

    def __str__(self) -> str:
        return f"notify {self.recipient_id} of {self.post_id}"
