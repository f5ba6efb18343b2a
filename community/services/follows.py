"""Following threads and groups, the notifications a new post queues, and the signed
unsubscribe links in their emails."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from community import selectors
from community.models.follows import Follow, Frequency, Notification
from community.models.groups import Membership, SupportGroup
from community.models.threads import Post, Thread
from community.services.rules import CommunityError


def notifications_queue(*, post: Post) -> None:
    """Queue one notification per follower of the post's thread or group (exactly once),
    then send them after the transaction commits."""
    from community import tasks

    thread = post.thread
    group = thread.group
    follows = Follow.objects.filter(thread=thread) | Follow.objects.filter(group=group)
    wanted: dict[int, str] = {}
    for follow in follows.exclude(user=post.author_id).select_related("user"):
        if (
            not group.is_public
            and not Membership.objects.filter(
                group=group, user=follow.user, status=Membership.Status.ACTIVE
            ).exists()
        ):
            continue
        # A thread follow asking for immediate mail wins over a daily group digest.
        if wanted.get(follow.user_id) != Frequency.IMMEDIATE:
            wanted[follow.user_id] = follow.frequency
    for user_id, frequency in wanted.items():
        try:
            with transaction.atomic():
                Notification.objects.create(recipient_id=user_id, post=post, frequency=frequency)
        except IntegrityError:  # already queued for this post: exactly once
            continue
    post_id = post.pk
    transaction.on_commit(lambda: tasks.send_post_notifications.enqueue(post_id))


@transaction.atomic
def follow_set(
    *, user, thread: Thread | None = None, group: SupportGroup | None = None, frequency: str
) -> Follow:
    target_group = thread.group if thread is not None else group
    if target_group is None:
        raise TypeError("follow_set needs a thread or a group")
    if not selectors.can_read_group(user, target_group):
        raise PermissionDenied
    if frequency not in Frequency.values:
        raise CommunityError(_("Choose how often to get emails."))
    follow, _created = Follow.objects.update_or_create(
        user=user, thread=thread, group=None if thread else group, defaults={"frequency": frequency}
    )
    return follow


@transaction.atomic
def follow_remove(*, follow: Follow) -> None:
    follow.delete()


def unsubscribe_token_for(follow: Follow) -> str:
    from django.core import signing

    return signing.dumps({"f": follow.pk, "u": follow.user_id}, salt="community.unsubscribe")


def follow_from_token(token: str) -> Follow | None:
    from django.core import signing

    try:
        data = signing.loads(token, salt="community.unsubscribe")
    except signing.BadSignature:
        return None
    return Follow.objects.filter(pk=data.get("f"), user_id=data.get("u")).first()
