"""Background work: follower emails (immediate or daily digest) and report outcomes.

Each email is sent exactly once: a `Notification` row exists once per (recipient, post),
and a sender first claims unsent rows with a conditional UPDATE; only rows it claimed are
mailed, so a task that runs twice, or two workers at once, never send the same news twice.
"""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from community.models import Follow, Frequency, Notification, Post, Report
from healthsite.email import email_deliver, email_render, site_url


def _claim(notifications) -> list[Notification]:
    stamp = timezone.now()
    ids = list(notifications.values_list("pk", flat=True))
    claimed = []
    for pk in ids:
        if Notification.objects.filter(pk=pk, sent_at__isnull=True).update(sent_at=stamp):
            claimed.append(pk)
    return list(
        Notification.objects.filter(pk__in=claimed)
        .select_related("recipient", "post__thread__group", "post__author")
        .order_by("post__thread_id", "post__number")
    )


def _unsubscribe_url(follow: Follow | None) -> str:
    from community.services.follows import unsubscribe_token_for

    if follow is None:
        return site_url(reverse("community:follows"))
    return site_url(reverse("community:unsubscribe", args=[unsubscribe_token_for(follow)]))


def _follow_for(recipient, post: Post) -> Follow | None:
    return (
        Follow.objects.filter(user=recipient)
        .filter(Q(thread_id=post.thread_id) | Q(group_id=post.thread.group_id))
        .order_by("group_id")  # the thread follow first (its group_id is null)
        .first()
    )


@task()
def send_post_notifications(post_id: int) -> int:
    """Email followers who asked for immediate emails about this post. Returns how many."""
    pending = Notification.objects.filter(
        post_id=post_id,
        frequency=Frequency.IMMEDIATE,
        sent_at__isnull=True,
        post__status=Post.Status.PUBLISHED,
    )
    sent = 0
    for notification in _claim(pending):
        post = notification.post
        follow = _follow_for(notification.recipient, post)
        unsubscribe = _unsubscribe_url(follow)
        email_deliver(
            email_render(
                template="community/email/new_post",
                to=notification.recipient.email,
                context={
                    "post": post,
                    "thread": post.thread,
                    "url": site_url(post.get_absolute_url()),
                },
                unsubscribe_url=unsubscribe,
            )
        )
        sent += 1
    return sent


@task()
def send_daily_digests() -> int:
    """One email per member with every unsent daily-digest post. Returns emails sent."""
    recipients = (
        Notification.objects.filter(frequency=Frequency.DAILY, sent_at__isnull=True)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    sent = 0
    for recipient_id in list(recipients):
        claimed = _claim(
            Notification.objects.filter(
                recipient_id=recipient_id,
                frequency=Frequency.DAILY,
                sent_at__isnull=True,
                post__status=Post.Status.PUBLISHED,
            )
        )
        if not claimed:
            continue
        recipient = claimed[0].recipient
        items = [{"post": n.post, "url": site_url(n.post.get_absolute_url())} for n in claimed]
        unsubscribe = site_url(reverse("community:follows"))
        email_deliver(
            email_render(
                template="community/email/digest",
                to=recipient.email,
                context={"items": items},
                unsubscribe_url=unsubscribe,
            )
        )
        sent += 1
    return sent


@task()
def send_report_outcome(report_id: int) -> bool:
    """Tell the reporter what happened to their report (once: only while not yet told)."""
    report = Report.objects.select_related("reporter").filter(pk=report_id).first()
    if report is None or report.reporter is None or report.status == Report.Status.OPEN:
        return False
    if not Report.objects.filter(pk=report_id, outcome_sent_at__isnull=True).update(
        outcome_sent_at=timezone.now()
    ):
        return False
    email_deliver(
        email_render(
            template="community/email/report_outcome",
            to=report.reporter.email,
            context={
                "report": report,
                "reports_url": site_url(reverse("community:my_reports")),
            },
        )
    )
    return True
