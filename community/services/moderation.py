"""Moderation writes: reports and their outcome, hiding, restoring and approving posts,
locking and moving threads, suspending members. Every action is logged."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community import search as community_search
from community.models.groups import SupportGroup
from community.models.moderation import ModerationAction, Report, Suspension
from community.models.threads import Post, Thread
from community.safety import clean_user_text
from community.services.experts import answer_hide
from community.services.rules import (
    CommunityError,
    check_rate,
    log_action,
    require_group_moderator,
    require_site_moderator,
)
from community.services.threads import post_after_publish, thread_refresh_counts


@transaction.atomic
def report_create(
    *, reporter, reason: str, details: str, ip: str, post: Post | None = None, answer=None
) -> Report:
    if not reporter.is_authenticated:
        raise PermissionDenied
    check_rate(action="report", user=reporter, ip=ip)
    report = Report(
        reporter=reporter,
        post=post,
        answer=answer,
        reason=reason,
        details=clean_user_text(details)[:1000],
    )
    report.full_clean()
    report.save()
    return report


def _tell_reporters(reports) -> None:
    from community import tasks

    for report in reports:
        transaction.on_commit(partial(tasks.send_report_outcome.enqueue, report.pk))


@transaction.atomic
def report_resolve(*, report: Report, moderator, action: str, outcome: str = "") -> None:
    """Act on a report: "hide" the post (closing every open report on it) or "dismiss"."""
    target_group = report.post.thread.group if report.post is not None else None
    if target_group is not None:
        require_group_moderator(moderator, target_group)
    else:
        require_site_moderator(moderator)
    if report.status != Report.Status.OPEN:
        return
    now = timezone.now()
    if action == "hide":
        if report.post is not None:
            post_hide(post=report.post, moderator=moderator, reason=outcome or report.reason)
            related = Report.objects.filter(post=report.post, status=Report.Status.OPEN)
        else:
            assert report.answer is not None  # a report is on a post or an answer
            answer_hide(answer=report.answer, moderator=moderator, reason=outcome or report.reason)
            related = Report.objects.filter(answer=report.answer, status=Report.Status.OPEN)
        text = outcome or _("Thank you. A moderator agreed and hid the post you reported.")
        status = Report.Status.ACTIONED
    elif action == "dismiss":
        related = Report.objects.filter(pk=report.pk)
        text = outcome or _(
            "Thank you. A moderator looked at the post you reported and left it in place."
        )
        status = Report.Status.DISMISSED
        log_action(
            moderator=moderator,
            kind=ModerationAction.Kind.DISMISS,
            reason=text,
            post=report.post,
            answer=report.answer,
            group=target_group,
        )
    else:
        raise CommunityError(_("Choose what to do with the report."))
    reports = list(related)
    Report.objects.filter(pk__in=[r.pk for r in reports]).update(
        status=status, outcome=text, resolved_at=now, resolved_by=moderator
    )
    _tell_reporters(reports)


def _post_set_hidden(*, post: Post, moderator, reason: str, hidden: bool) -> None:
    """Hide or restore a post (its whole thread when it is the opening post), logged."""
    require_group_moderator(moderator, post.thread.group)
    status = Post.Status.HIDDEN if hidden else Post.Status.PUBLISHED
    Post.objects.filter(pk=post.pk).update(status=status)
    if post.number == 1:
        Thread.objects.filter(pk=post.thread_id).update(is_hidden=hidden)
    thread_refresh_counts(thread=post.thread)
    log_action(
        moderator=moderator,
        kind=ModerationAction.Kind.HIDE if hidden else ModerationAction.Kind.RESTORE,
        reason=reason,
        post=post,
        thread=post.thread,
        group=post.thread.group,
        member=post.author,
    )
    transaction.on_commit(lambda: community_search.sync_thread(post.thread_id))


@transaction.atomic
def post_hide(*, post: Post, moderator, reason: str = "") -> None:
    _post_set_hidden(post=post, moderator=moderator, reason=reason, hidden=True)


@transaction.atomic
def post_restore(*, post: Post, moderator, reason: str = "") -> None:
    _post_set_hidden(post=post, moderator=moderator, reason=reason, hidden=False)


@transaction.atomic
def post_approve(*, post: Post, moderator) -> None:
    """Publish a held post (a new member's first post)."""
    require_group_moderator(moderator, post.thread.group)
    if post.status != Post.Status.HELD:
        return
    post.status = Post.Status.PUBLISHED
    post.save(update_fields=["status"])
    if post.number == 1:
        Thread.objects.filter(pk=post.thread_id).update(is_held=False)
        post.thread.is_held = False
    log_action(
        moderator=moderator,
        kind=ModerationAction.Kind.APPROVE_POST,
        post=post,
        thread=post.thread,
        group=post.thread.group,
        member=post.author,
    )
    post_after_publish(post=post)


@transaction.atomic
def thread_lock(*, thread: Thread, moderator, locked: bool, reason: str = "") -> None:
    require_group_moderator(moderator, thread.group)
    Thread.objects.filter(pk=thread.pk).update(is_locked=locked)
    log_action(
        moderator=moderator,
        kind=ModerationAction.Kind.LOCK if locked else ModerationAction.Kind.UNLOCK,
        reason=reason,
        thread=thread,
        group=thread.group,
    )


@transaction.atomic
def thread_move(*, thread: Thread, to_group: SupportGroup, moderator, reason: str = "") -> None:
    """Move a thread to another group (site moderators: it may change who can read it)."""
    require_site_moderator(moderator)
    from_group = thread.group
    Thread.objects.filter(pk=thread.pk).update(group=to_group)
    log_action(
        moderator=moderator,
        kind=ModerationAction.Kind.MOVE,
        reason=reason or f"{from_group.name} → {to_group.name}",
        thread=thread,
        group=to_group,
    )
    transaction.on_commit(lambda: community_search.sync_thread(thread.pk))


@transaction.atomic
def member_suspend(*, member, moderator, days: int, reason: str) -> Suspension:
    require_site_moderator(moderator)
    if member.pk == moderator.pk:
        raise CommunityError(_("You cannot suspend yourself."))
    if not 1 <= days <= 365:
        raise CommunityError(_("Choose between 1 and 365 days."))
    suspension = Suspension(
        user=member,
        until=timezone.now() + timedelta(days=days),
        reason=clean_user_text(reason),
        created_by=moderator,
    )
    suspension.full_clean()
    suspension.save()
    log_action(
        moderator=moderator,
        kind=ModerationAction.Kind.SUSPEND,
        reason=f"{days} days: {suspension.reason}",
        member=member,
    )
    return suspension
