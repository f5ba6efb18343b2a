"""Reports from readers, suspensions and the moderation log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models.experts import Answer
from community.models.groups import SupportGroup
from community.models.threads import Post, Thread


class Report(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Rude, hateful or bullying")
        MISINFORMATION = "misinformation", _("Harmful or false health information")
        PRIVACY = "privacy", _("Shares someone's personal information")
        SAFETY = "safety", _("Someone may be at risk of harm")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for a moderator")
        ACTIONED = "actioned", _("A moderator took action")
        DISMISSED = "dismissed", _("No action needed")

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="community_reports",
    )
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason)
    details = models.TextField(_("details"), blank=True, max_length=1000)
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    outcome = models.TextField(_("outcome told to the reporter"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    outcome_sent_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(post__isnull=False, answer__isnull=True)
                | Q(post__isnull=True, answer__isnull=False),
                name="community_report_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"report {self.pk}"


class Suspension(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_suspensions"
    )
    until = models.DateTimeField()
    reason = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-until"]

    def __str__(self) -> str:
        return f"{self.user_id} until {self.until:%Y-%m-%d}"


class ModerationAction(models.Model):
    """The log: every moderator action, with who, what and why."""

    class Kind(models.TextChoices):
        HIDE = "hide", _("Hid a post")
        RESTORE = "restore", _("Restored a post")
        APPROVE_POST = "approve_post", _("Approved a held post")
        LOCK = "lock", _("Locked a thread")
        UNLOCK = "unlock", _("Unlocked a thread")
        MOVE = "move", _("Moved a thread")
        SUSPEND = "suspend", _("Suspended a member")
        DISMISS = "dismiss", _("Dismissed a report")
        APPROVE_MEMBER = "approve_member", _("Approved a join request")
        REJECT_MEMBER = "reject_member", _("Turned down a join request")
        APPROVE_GROUP = "approve_group", _("Approved a proposed group")
        REJECT_GROUP = "reject_group", _("Turned down a proposed group")
        VERIFY_EXPERT = "verify_expert", _("Verified an expert")
        REJECT_EXPERT = "reject_expert", _("Turned down an expert")
        HIDE_ANSWER = "hide_answer", _("Hid an answer")
        RESTORE_ANSWER = "restore_answer", _("Restored an answer")

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind)
    reason = models.TextField(blank=True)
    group = models.ForeignKey(
        SupportGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} by {self.moderator_id}"
