"""The community part of "download my data" and account deletion."""

from __future__ import annotations

from functools import partial

from django.db import transaction

from community import search as community_search
from community.models import (
    Answer,
    ExpertProfile,
    Follow,
    Membership,
    Notification,
    Perspective,
    Post,
    Question,
    Report,
    Thread,
    ThreadRead,
)


def export_user_data(user) -> dict:
    posts = Post.objects.filter(author=user).select_related("thread__group")
    profile = ExpertProfile.objects.filter(user=user).first()
    return {
        "memberships": [
            {"group": m.group.name, "role": m.role, "status": m.status, "since": m.created_at}
            for m in Membership.objects.filter(user=user).select_related("group")
        ],
        "posts": [
            {
                "group": p.thread.group.name,
                "thread": p.thread.title,
                "number": p.number,
                "text": p.body,
                "status": p.status,
                "created_at": p.created_at,
                "edited_at": p.edited_at,
                "earlier_versions": [r.body for r in p.revisions.all()],
            }
            for p in posts
        ],
        "questions": [
            {"topic": q.topic.name, "title": q.title, "text": q.body, "created_at": q.created_at}
            for q in Question.objects.filter(asker=user).select_related("topic")
        ],
        "answers": [
            {"question": a.question.title, "text": a.body, "created_at": a.created_at}
            for a in Answer.objects.filter(expert=user).select_related("question")
        ],
        "perspectives": [
            {"title": p.title, "text": p.body, "published_at": p.published_at}
            for p in Perspective.objects.filter(expert=user)
        ],
        "follows": [
            {
                "thread": f.thread.title if f.thread else None,
                "group": f.group.name if f.group else None,
                "frequency": f.frequency,
            }
            for f in Follow.objects.filter(user=user).select_related("thread", "group")
        ],
        "reports": [
            {"reason": r.reason, "details": r.details, "status": r.status, "outcome": r.outcome}
            for r in Report.objects.filter(reporter=user)
        ],
        "expert_profile": (
            {
                "name": profile.name,
                "credentials": profile.credentials,
                "specialty": profile.specialty,
                "organisation": profile.organisation,
                "bio": profile.bio,
                "status": profile.status,
            }
            if profile
            else None
        ),
    }


@transaction.atomic
def delete_user_data(user) -> None:
    """Remove what the member wrote. Posts others replied to become "deleted" placeholders
    so discussions stay readable; the moderation log keeps its entries without the text."""
    thread_ids = set(Post.objects.filter(author=user).values_list("thread_id", flat=True))
    Post.objects.filter(author=user).update(
        body="", body_html="", status=Post.Status.DELETED, author=None, mentions_crisis=False
    )
    Thread.objects.filter(author=user).update(author=None)
    for thread in Thread.objects.filter(pk__in=thread_ids):
        first = thread.posts.filter(number=1).first()
        if first and first.status == Post.Status.DELETED:
            Thread.objects.filter(pk=thread.pk).update(
                is_deleted=not thread.posts.exclude(status=Post.Status.DELETED).exists()
            )
    question_ids = set(Question.objects.filter(asker=user).values_list("pk", flat=True))
    question_ids |= set(Answer.objects.filter(expert=user).values_list("question_id", flat=True))
    Question.objects.filter(asker=user).delete()
    Answer.objects.filter(expert=user).delete()
    for question_id in question_ids:
        transaction.on_commit(partial(community_search.sync_question, question_id))
    Perspective.objects.filter(expert=user).delete()
    Report.objects.filter(reporter=user).update(reporter=None, details="")
    for model in (Follow, Notification, ThreadRead, Membership, ExpertProfile):
        field = "recipient" if model is Notification else "user"
        model.objects.filter(**{field: user}).delete()
    for thread_id in thread_ids:
        transaction.on_commit(partial(community_search.sync_thread, thread_id))
