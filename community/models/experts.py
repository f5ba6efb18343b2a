"""Verified experts, the questions they answer and their Second Opinion posts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
