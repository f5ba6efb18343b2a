"""Writes for support groups and their members: create, approve, join, leave."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from community import search as community_search
from community import selectors
from community.models.follows import Follow
from community.models.groups import RESERVED_SLUGS, Membership, SupportGroup
from community.models.moderation import ModerationAction
from community.safety import clean_title, clean_user_text
from community.services.rules import (
    CommunityError,
    log_action,
    require_group_moderator,
    require_site_moderator,
    unique_slug,
)


@transaction.atomic
def group_create(
    *,
    name: str,
    description: str,
    visibility: str,
    created_by,
    conditions=(),
    health_centers=(),
    slug: str | None = None,
    official: bool | None = None,
) -> SupportGroup:
    """Staff create approved, official groups; members propose groups that staff approve."""
    staff = selectors.is_site_moderator(created_by)
    group = SupportGroup(
        name=clean_title(name),
        slug=slug or unique_slug(SupportGroup, name),
        description=clean_user_text(description),
        visibility=visibility,
        status=SupportGroup.Status.APPROVED if staff else SupportGroup.Status.PROPOSED,
        is_official=staff if official is None else (official and staff),
        proposed_by=created_by,
    )
    if group.slug in RESERVED_SLUGS:
        raise CommunityError(_("That address is reserved; choose another name."))
    group.full_clean()
    group.save()
    group.conditions.set(conditions)
    group.health_centers.set(health_centers)
    Membership.objects.create(
        group=group,
        user=created_by,
        role=Membership.Role.MODERATOR,
        status=Membership.Status.ACTIVE,
    )
    transaction.on_commit(lambda: community_search.sync_group(group))
    return group


@transaction.atomic
def group_decide(*, group: SupportGroup, moderator, approve: bool, reason: str = "") -> None:
    require_site_moderator(moderator)
    group.status = SupportGroup.Status.APPROVED if approve else SupportGroup.Status.REJECTED
    group.save(update_fields=["status"])
    log_action(
        moderator=moderator,
        kind=ModerationAction.Kind.APPROVE_GROUP if approve else ModerationAction.Kind.REJECT_GROUP,
        reason=reason,
        group=group,
    )
    transaction.on_commit(lambda: community_search.sync_group(group))


@transaction.atomic
def group_join(*, group: SupportGroup, user) -> Membership:
    """Public groups: a member at once. Private groups: a request the moderators approve."""
    if group.status != SupportGroup.Status.APPROVED:
        raise CommunityError(_("This group is not open yet."))
    membership, _created = Membership.objects.get_or_create(
        group=group,
        user=user,
        defaults={
            "status": Membership.Status.ACTIVE if group.is_public else Membership.Status.PENDING
        },
    )
    user._community_memberships = {}
    return membership


@transaction.atomic
def group_leave(*, group: SupportGroup, user) -> None:
    Membership.objects.filter(group=group, user=user).delete()
    # Leaving a private group also stops its emails.
    if not group.is_public:
        Follow.objects.filter(user=user, group=group).delete()
        Follow.objects.filter(user=user, thread__group=group).delete()
    user._community_memberships = {}


@transaction.atomic
def membership_decide(*, membership: Membership, moderator, approve: bool) -> None:
    require_group_moderator(moderator, membership.group)
    if approve:
        membership.status = Membership.Status.ACTIVE
        membership.save(update_fields=["status"])
    log_action(
        moderator=moderator,
        kind=ModerationAction.Kind.APPROVE_MEMBER
        if approve
        else ModerationAction.Kind.REJECT_MEMBER,
        group=membership.group,
        member=membership.user,
    )
    if not approve:
        membership.delete()
