"""Support groups, discussions, expert answers, second-opinion posts and moderation.

Text written by members is stored twice: the Markdown source (for editing, history and
export) and the sanitised HTML made once on save by `healthsite.text.render_user`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Paths under /community/ that are not groups; a group may not take these slugs.
RESERVED_SLUGS = {
    "answers",
    "perspectives",
    "moderation",
    "experts",
    "follows",
    "unsubscribe",
    "groups",
    "reports",
    "posts",
    "feed",
    "new",
}


class GroupQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=SupportGroup.Status.APPROVED)

    def public(self):
        return self.approved().filter(visibility=SupportGroup.Visibility.PUBLIC)

    def visible_to(self, user):
        """Groups a reader may open: public ones, and private ones they belong to."""
        if user.is_authenticated and (user.is_staff or user.has_perm("community.moderate")):
            return self.approved()
        if not user.is_authenticated:
            return self.public()
        mine = Membership.objects.filter(user=user, status=Membership.Status.ACTIVE)
        return self.approved().filter(
            Q(visibility=SupportGroup.Visibility.PUBLIC) | Q(pk__in=mine.values("group_id"))
        )


class SupportGroup(models.Model):
    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: anyone can read, members post")
        PRIVATE = "private", _("Private: only approved members can read")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    conditions = models.ManyToManyField(
        "articles.Condition", blank=True, related_name="support_groups"
    )
    health_centers = models.ManyToManyField(
        "articles.HealthCenter", blank=True, related_name="support_groups"
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility, default=Visibility.PUBLIC
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.APPROVED)
    is_official = models.BooleanField(_("official group"), default=False)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("support group")
        verbose_name_plural = _("support groups")
        permissions = [("moderate", "Can moderate the whole community")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:group_detail", args=[self.slug])

    def clean(self) -> None:
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is used by another community page.")})

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC and self.status == self.Status.APPROVED


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        MODERATOR = "moderator", _("Group moderator")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        ACTIVE = "active", _("Member")

    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_memberships"
    )
    role = models.CharField(max_length=10, choices=Role, default=Role.MEMBER)
    status = models.CharField(max_length=10, choices=Status, default=Status.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="community_one_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.group}"


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


class ExpertProfile(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Not verified")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_profile"
    )
    name = models.CharField(_("professional name"), max_length=120)
    credentials = models.CharField(_("credentials"), max_length=200)
    specialty = models.CharField(_("specialty"), max_length=120)
    organisation = models.CharField(_("organisation"), max_length=200)
    bio = models.TextField(_("short biography"), blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.name}, {self.credentials}"

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED


class Topic(models.Model):
    """A heading for expert questions and perspectives (e.g. "Joints and bones")."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    conditions = models.ManyToManyField("articles.Condition", blank=True, related_name="topics")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:topic_detail", args=[self.slug])


class QuestionQuerySet(models.QuerySet):
    def answered(self):
        return self.filter(status=Question.Status.PUBLISHED, is_answered=True)


class Question(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        HELD = "held", _("Held for approval")
        HIDDEN = "hidden", _("Hidden by a moderator")

    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="questions")
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("your question"), max_length=200)
    slug = models.SlugField(max_length=200)
    body = models.TextField(_("more detail"), blank=True)
    body_html = models.TextField(editable=False, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.PUBLISHED)
    is_answered = models.BooleanField(default=False)
    mentions_crisis = models.BooleanField(default=False)
    most_helpful = models.ForeignKey(
        "Answer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "community:question_detail", args=[self.topic.slug, self.pk, self.slug or "question"]
        )


class Answer(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_answers"
    )
    body = models.TextField(_("your answer"))
    body_html = models.TextField(editable=False)
    is_hidden = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"answer to {self.question_id}"


class PerspectiveQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, published_at__lte=timezone.now())


class Perspective(models.Model):
    """A "Second Opinion" post: an expert's view on a popular health topic."""

    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_perspectives"
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.CharField(_("summary"), max_length=300)
    body = models.TextField(_("text"))
    body_html = models.TextField(editable=False)
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="perspectives"
    )
    conditions = models.ManyToManyField(
        "articles.Condition", blank=True, related_name="perspectives"
    )
    health_centers = models.ManyToManyField(
        "articles.HealthCenter", blank=True, related_name="perspectives"
    )
    is_published = models.BooleanField(default=True)
    published_at = models.DateTimeField(default=timezone.now)

    objects = PerspectiveQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:perspective_detail", args=[self.slug])


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
