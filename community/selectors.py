"""Reads for community pages, and the permission rules every view and service asks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from community.models import (
    Answer,
    ExpertProfile,
    Follow,
    Membership,
    ModerationAction,
    Perspective,
    Post,
    Question,
    Report,
    SupportGroup,
    Suspension,
    Thread,
    ThreadRead,
    Topic,
)
from healthsite.cache import cached_fragment

POSTS_PER_PAGE = 20
THREADS_PER_PAGE = 25
# Trust: a member may post links after this many approved posts and days since joining.
TRUSTED_AFTER_POSTS = 3
TRUSTED_AFTER_DAYS = 3


# --- Who may do what ------------------------------------------------------------------------


def is_site_moderator(user) -> bool:
    return bool(user.is_authenticated and (user.is_staff or user.has_perm("community.moderate")))


def membership_for(user, group: SupportGroup) -> Membership | None:
    if not user.is_authenticated:
        return None
    cache = getattr(user, "_community_memberships", None)
    if cache is None:
        cache = {}
        user._community_memberships = cache
    if group.pk not in cache:
        cache[group.pk] = Membership.objects.filter(user=user, group=group).first()
    return cache[group.pk]


def is_member(user, group: SupportGroup) -> bool:
    membership = membership_for(user, group)
    return bool(membership and membership.status == Membership.Status.ACTIVE)


def is_group_moderator(user, group: SupportGroup) -> bool:
    if is_site_moderator(user):
        return True
    membership = membership_for(user, group)
    return bool(
        membership
        and membership.status == Membership.Status.ACTIVE
        and membership.role == Membership.Role.MODERATOR
    )


def can_read_group(user, group: SupportGroup) -> bool:
    if group.status != SupportGroup.Status.APPROVED:
        return is_site_moderator(user) or (
            user.is_authenticated and group.proposed_by_id == user.pk
        )
    if group.visibility == SupportGroup.Visibility.PUBLIC:
        return True
    return is_member(user, group) or is_site_moderator(user)


def can_post_in_group(user, group: SupportGroup) -> bool:
    return (user.is_authenticated and group.status == SupportGroup.Status.APPROVED) and is_member(
        user, group
    )


def active_suspension(user) -> Suspension | None:
    if not user.is_authenticated:
        return None
    return Suspension.objects.filter(user=user, until__gt=timezone.now()).first()


def is_verified_expert(user) -> bool:
    if not user.is_authenticated:
        return False
    return ExpertProfile.objects.filter(user=user, status=ExpertProfile.Status.VERIFIED).exists()


def approved_post_count(user) -> int:
    return Post.objects.filter(author=user, status=Post.Status.PUBLISHED).count() + (
        Question.objects.filter(asker=user, status=Question.Status.PUBLISHED).count()
    )


def is_trusted(user) -> bool:
    """Staff, verified experts, and members with a few approved posts over a few days."""
    if is_site_moderator(user) or is_verified_expert(user):
        return True
    old_enough = user.date_joined <= timezone.now() - timedelta(days=TRUSTED_AFTER_DAYS)
    return old_enough and approved_post_count(user) >= TRUSTED_AFTER_POSTS


def needs_approval(user) -> bool:
    """A new account's first post waits for a moderator."""
    if is_site_moderator(user) or is_verified_expert(user):
        return False
    return approved_post_count(user) == 0


# --- Pages ----------------------------------------------------------------------------------


def group_thread_counts() -> dict[int, int]:
    """Shown threads per group id, counted in one query over all threads and kept in the
    cache until content next changes (healthsite.cache), so the community index does not
    count every thread on every request."""

    def count() -> dict[int, int]:
        rows = (
            Thread.objects.filter(is_hidden=False, is_held=False, is_deleted=False)
            .values("group_id")
            .annotate(n=Count("id"))
            .values_list("group_id", "n")
        )
        return dict(rows)

    return cached_fragment(name="community:group-thread-counts", compute=count)


def groups_for_index(user) -> list[SupportGroup]:
    groups = list(SupportGroup.objects.visible_to(user).order_by("-is_official", "name"))
    counts = group_thread_counts()
    for group in groups:
        group.thread_count = counts.get(group.pk, 0)
    return groups


def latest_public_threads(*, limit: int = 10):
    return Thread.objects.public().select_related("group").order_by("-last_post_at")[:limit]


def answered_questions(*, topic: Topic | None = None, condition=None, limit: int | None = None):
    questions = Question.objects.answered().select_related("topic").order_by("-created_at")
    if topic is not None:
        questions = questions.filter(topic=topic)
    if condition is not None:
        questions = questions.filter(topic__conditions=condition).distinct()
    return questions[:limit] if limit else questions


def published_perspectives(
    *, condition=None, conditions=None, health_center=None, limit: int | None = None
):
    """Published Second Opinion posts, optionally about a condition, any of some conditions
    (through their own links or their topic's), or linked to a health center."""
    items = Perspective.objects.published().select_related("expert__expert_profile", "topic")
    if condition is not None:
        items = items.filter(Q(conditions=condition) | Q(topic__conditions=condition)).distinct()
    if conditions is not None or health_center is not None:
        about = Q(pk__in=[])
        if conditions:
            about |= Q(conditions__in=conditions) | Q(topic__conditions__in=conditions)
        if health_center is not None:
            about |= Q(health_centers=health_center.pk)
        items = items.filter(about).distinct()
    return items[:limit] if limit else items


def group_threads(*, group: SupportGroup, user, include_hidden: bool = False):
    threads = Thread.objects.filter(group=group, is_deleted=False)
    if not include_hidden:
        threads = threads.filter(is_hidden=False, is_held=False)
    threads = threads.select_related("author", "group").order_by("-last_post_at")
    if user.is_authenticated:
        threads = threads.prefetch_related(
            Prefetch("reads", queryset=ThreadRead.objects.filter(user=user), to_attr="my_reads")
        )
    return threads


def thread_is_unread(thread: Thread) -> bool:
    reads = getattr(thread, "my_reads", None)
    if reads is None:
        return False
    return not reads or reads[0].last_read_number < thread.last_number


@dataclass
class ThreadPage:
    page_obj: Page[int]  # a page of post numbers, not of posts
    page_range: list[int | str]  # page numbers, with Paginator.ELLIPSIS between runs
    posts: list[Post]
    last_read_number: int


def thread_page(*, thread: Thread, user, page_number, moderator: bool = False) -> ThreadPage:
    """One page of a thread. Pages hold fixed post numbers, so `?page=N#post-M` never moves
    when posts are hidden or deleted."""
    numbers = range(1, max(thread.last_number, 1) + 1)
    paginator = Paginator(numbers, POSTS_PER_PAGE)
    page_obj = paginator.get_page(page_number)
    first, last = page_obj.object_list[0], page_obj.object_list[-1]
    queryset = Post.objects.filter(thread=thread, number__gte=first, number__lte=last)
    if not moderator:
        visible = Q(status__in=[Post.Status.PUBLISHED, Post.Status.HIDDEN, Post.Status.DELETED])
        if user.is_authenticated:
            visible |= Q(status=Post.Status.HELD, author=user)
        queryset = queryset.filter(visible)
    posts = list(queryset.select_related("author", "author__expert_profile").order_by("number"))
    last_read = 0
    if user.is_authenticated:
        marker = ThreadRead.objects.filter(user=user, thread=thread).first()
        last_read = marker.last_read_number if marker else 0
    # An author's deleted post with nothing after it is not shown at all: on the last page,
    # a run of deleted posts at the end has nothing after it in the whole thread.
    if not page_obj.has_next():
        while posts and posts[-1].status == Post.Status.DELETED:
            posts.pop()
    return ThreadPage(
        page_obj=page_obj,
        page_range=list(paginator.get_elided_page_range(page_obj.number, on_each_side=2)),
        posts=posts,
        last_read_number=last_read,
    )


def page_of_post(post: Post) -> int:
    return (post.number - 1) // POSTS_PER_PAGE + 1


def follow_for(user, *, thread: Thread | None = None, group: SupportGroup | None = None):
    if not user.is_authenticated:
        return None
    if thread is not None:
        return Follow.objects.filter(user=user, thread=thread).first()
    return Follow.objects.filter(user=user, group=group).first()


def moderation_queue(user) -> dict:
    """What a moderator should look at: open reports, held posts, join requests, proposals."""
    site = is_site_moderator(user)
    groups = SupportGroup.objects.all()
    if not site:
        groups = groups.filter(
            memberships__user=user,
            memberships__role=Membership.Role.MODERATOR,
            memberships__status=Membership.Status.ACTIVE,
        )
    reports = (
        Report.objects.filter(status=Report.Status.OPEN)
        .filter(
            Q(post__thread__group__in=groups) | (Q(answer__isnull=False) if site else Q(pk=None))
        )
        .select_related("reporter", "post__thread__group", "post__author", "answer__question")
    )
    held = Post.objects.filter(status=Post.Status.HELD, thread__group__in=groups).select_related(
        "thread__group", "author"
    )
    requests = Membership.objects.filter(
        status=Membership.Status.PENDING, group__in=groups
    ).select_related("group", "user")
    return {
        "reports": list(reports),
        "held_posts": list(held),
        "held_questions": list(
            Question.objects.filter(status=Question.Status.HELD).select_related("topic", "asker")
        )
        if site
        else [],
        "join_requests": list(requests),
        "proposed_groups": list(
            SupportGroup.objects.filter(status=SupportGroup.Status.PROPOSED).select_related(
                "proposed_by"
            )
        )
        if site
        else [],
        "pending_experts": list(
            ExpertProfile.objects.filter(status=ExpertProfile.Status.PENDING).select_related("user")
        )
        if site
        else [],
        "is_site_moderator": site,
    }


def moderates_anything(user) -> bool:
    if is_site_moderator(user):
        return True
    return (
        user.is_authenticated
        and Membership.objects.filter(
            user=user, role=Membership.Role.MODERATOR, status=Membership.Status.ACTIVE
        ).exists()
    )


def moderation_log(*, limit: int = 200):
    return ModerationAction.objects.select_related(
        "moderator", "member", "thread", "group", "post"
    )[:limit]


def question_answers(question: Question, *, moderator: bool = False):
    answers = Answer.objects.filter(question=question).select_related(
        "expert", "expert__expert_profile"
    )
    if not moderator:
        answers = answers.filter(is_hidden=False)
    return list(answers)


def verified_experts():
    return ExpertProfile.objects.filter(status=ExpertProfile.Status.VERIFIED).select_related("user")
