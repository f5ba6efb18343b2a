"""Support groups and who belongs to them."""

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
