"""Builders for community tests. Content that a test is not about is made directly (fast);
what a test is about goes through the services."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

from django.utils import timezone
from django.utils.text import slugify

from community.models import (
    ExpertProfile,
    Membership,
    Post,
    SupportGroup,
    Thread,
    Topic,
)
from healthsite.text import render_user
from tests.factories import make_user

_seq = count(1)


def make_group(*, name: str | None = None, private: bool = False, **extra) -> SupportGroup:
    n = next(_seq)
    name = name or f"Group {n}"
    return SupportGroup.objects.create(
        name=name,
        slug=extra.pop("slug", None) or f"{slugify(name)}-{n}",
        description=extra.pop("description", f"About {name}"),
        visibility=SupportGroup.Visibility.PRIVATE if private else SupportGroup.Visibility.PUBLIC,
        **extra,
    )


def join(user, group: SupportGroup, *, moderator: bool = False) -> Membership:
    membership, _ = Membership.objects.update_or_create(
        group=group,
        user=user,
        defaults={
            "status": Membership.Status.ACTIVE,
            "role": Membership.Role.MODERATOR if moderator else Membership.Role.MEMBER,
        },
    )
    return membership


def make_thread(
    *,
    group: SupportGroup,
    author,
    title: str | None = None,
    body: str = "Hello",
    replies=0,
    reply_author=None,
) -> Thread:
    """A published thread with `replies` published replies, made directly."""
    n = next(_seq)
    title = title or f"Thread {n}"
    now = timezone.now()
    thread = Thread.objects.create(
        group=group,
        title=title,
        slug=slugify(title),
        author=author,
        last_number=replies + 1,
        reply_count=replies,
        last_post_at=now,
    )
    html = render_user(body)
    posts = [Post(thread=thread, number=1, author=author, body=body, body_html=html)]
    reply_html = render_user("A reply")
    posts += [
        Post(
            thread=thread,
            number=i,
            author=reply_author or author,
            body="A reply",
            body_html=reply_html,
            created_at=now + timedelta(seconds=i),
        )
        for i in range(2, replies + 2)
    ]
    Post.objects.bulk_create(posts)
    return thread


def make_established(**extra):
    """A member with approved posts behind them and an account weeks old: trusted."""
    user = make_user(**extra)
    user.date_joined = timezone.now() - timedelta(days=30)
    user.save(update_fields=["date_joined"])
    group = make_group(name="Introductions")
    join(user, group)
    for _ in range(3):
        make_thread(group=group, author=user)
    return user


def make_expert(**extra):
    user = make_user(**extra)
    ExpertProfile.objects.create(
        user=user,
        name="Dr Test Person",
        credentials="MD",
        specialty="General practice",
        organisation="Example Clinic",
        status=ExpertProfile.Status.VERIFIED,
        verified_at=timezone.now(),
    )
    return user


def make_topic(**extra) -> Topic:
    n = next(_seq)
    return Topic.objects.create(name=extra.pop("name", f"Topic {n}"), slug=f"topic-{n}", **extra)
