"""Discussions: threads, their numbered posts, edit history and read markers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models.groups import SupportGroup


class ThreadQuerySet(models.QuerySet):
    def listed(self):
        """Threads a group page shows: not hidden, opening post approved."""
        return self.filter(is_hidden=False, is_deleted=False, is_held=False)

    def public(self):
        return self.listed().filter(
            group__visibility=SupportGroup.Visibility.PUBLIC,
            group__status=SupportGroup.Status.APPROVED,
        )

    def with_opening_post(self):
        """Fetch each thread's published opening post in one query (`opening_posts`, a list
        of at most one)."""
        return self.prefetch_related(
            models.Prefetch(
                "posts",
                queryset=Post.objects.filter(number=1, status=Post.Status.PUBLISHED),
                to_attr="opening_posts",
            )
        )


class Thread(models.Model):
    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(max_length=160, allow_unicode=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_post_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Highest post number given out; numbers are never reused so `#post-N` stays stable.
    last_number = models.PositiveIntegerField(default=0)
    reply_count = models.PositiveIntegerField(default=0)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    is_held = models.BooleanField(_("held for approval"), default=False)
    is_deleted = models.BooleanField(default=False)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-last_post_at"]
        indexes = [models.Index(fields=["group", "-last_post_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "community:thread_detail", args=[self.group.slug, self.pk, self.slug or "thread"]
        )


class PostQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Post.Status.PUBLISHED)


class Post(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        HELD = "held", _("Held for approval")
        HIDDEN = "hidden", _("Hidden by a moderator")
        DELETED = "deleted", _("Deleted by its author")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="community_posts",
    )
    body = models.TextField(_("message"))
    body_html = models.TextField(editable=False)
    quote_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.PUBLISHED)
    mentions_crisis = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    objects = PostQuerySet.as_manager()

    # Not stored: thread_detail sets it on the posts this reader has not seen yet ("New" tag).
    is_new: bool = False

    class Meta:
        ordering = ["thread", "number"]
        constraints = [
            models.UniqueConstraint(fields=["thread", "number"], name="community_post_number")
        ]
        indexes = [models.Index(fields=["author", "created_at"])]

    def __str__(self) -> str:
        return f"#{self.number} in {self.thread_id}"

    def get_absolute_url(self) -> str:
        return reverse("community:post_link", args=[self.pk])


class PostRevision(models.Model):
    """An earlier text of an edited post: edits keep their history."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    body_html = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"revision of {self.post_id}"


class ThreadRead(models.Model):
    """How far a member has read a thread, for the "new" markers."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    last_read_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="community_one_read_marker")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.thread_id} to {self.last_read_number}"
