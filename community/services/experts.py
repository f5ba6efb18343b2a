"""Writes for experts and "Get Answers": expert applications and verification, questions,
answers and Second Opinion perspectives."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from community import search as community_search
from community import selectors
from community.models.experts import Answer, ExpertProfile, Perspective, Question, Topic
from community.models.moderation import ModerationAction
from community.safety import clean_title, clean_user_text, mentions_crisis
from community.services.rules import (
    CommunityError,
    check_can_write,
    log_action,
    require_site_moderator,
    unique_slug,
)
from healthsite.text import render_user


@transaction.atomic
def expert_apply(
    *, user, name: str, credentials: str, specialty: str, organisation: str, bio: str = ""
) -> ExpertProfile:
    profile, _created = ExpertProfile.objects.get_or_create(
        user=user,
        defaults={
            "name": clean_title(name),
            "credentials": clean_title(credentials),
            "specialty": clean_title(specialty),
            "organisation": clean_title(organisation),
            "bio": clean_user_text(bio),
        },
    )
    if not _created and profile.status != ExpertProfile.Status.VERIFIED:
        profile.name, profile.credentials = clean_title(name), clean_title(credentials)
        profile.specialty, profile.organisation = clean_title(specialty), clean_title(organisation)
        profile.bio = clean_user_text(bio)
        profile.status = ExpertProfile.Status.PENDING
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def expert_verify(*, profile: ExpertProfile, moderator, approve: bool, reason: str = "") -> None:
    require_site_moderator(moderator)
    profile.status = ExpertProfile.Status.VERIFIED if approve else ExpertProfile.Status.REJECTED
    profile.verified_at = timezone.now() if approve else None
    profile.verified_by = moderator if approve else None
    profile.save(update_fields=["status", "verified_at", "verified_by"])
    log_action(
        moderator=moderator,
        kind=ModerationAction.Kind.VERIFY_EXPERT
        if approve
        else ModerationAction.Kind.REJECT_EXPERT,
        reason=reason,
        member=profile.user,
    )


@transaction.atomic
def question_ask(*, topic: Topic, asker, title: str, body: str, ip: str) -> Question:
    if not asker.is_authenticated:
        raise PermissionDenied
    title = clean_title(title)
    body = clean_user_text(body)
    if not title:
        raise CommunityError(_("Enter your question."))
    check_can_write(user=asker, body=f"{title} {body}", action="question", ip=ip)
    question = Question(
        topic=topic,
        asker=asker,
        title=title,
        slug=slugify(title)[:190] or "question",
        body=body,
        body_html=render_user(body),
        mentions_crisis=mentions_crisis(title, body),
        status=Question.Status.HELD
        if selectors.needs_approval(asker)
        else Question.Status.PUBLISHED,
    )
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_approve(*, question: Question, moderator) -> None:
    require_site_moderator(moderator)
    Question.objects.filter(pk=question.pk).update(status=Question.Status.PUBLISHED)
    log_action(moderator=moderator, kind=ModerationAction.Kind.APPROVE_POST, reason=question.title)
    transaction.on_commit(lambda: community_search.sync_question(question.pk))


@transaction.atomic
def answer_create(*, question: Question, expert, body: str) -> Answer:
    if not selectors.is_verified_expert(expert):
        raise PermissionDenied
    if question.status != Question.Status.PUBLISHED:
        raise CommunityError(_("This question is not open for answers."))
    body = clean_user_text(body)
    if not body:
        raise CommunityError(_("Enter your answer."))
    answer = Answer(question=question, expert=expert, body=body, body_html=render_user(body))
    answer.full_clean()
    answer.save()
    Question.objects.filter(pk=question.pk).update(is_answered=True)
    transaction.on_commit(lambda: community_search.sync_question(question.pk))
    return answer


@transaction.atomic
def answer_mark_helpful(*, answer: Answer, user) -> None:
    question = answer.question
    if user.pk != question.asker_id:
        raise PermissionDenied
    if answer.is_hidden:
        raise CommunityError(_("That answer is hidden."))
    Question.objects.filter(pk=question.pk).update(most_helpful=answer)


@transaction.atomic
def answer_hide(*, answer: Answer, moderator, reason: str = "") -> None:
    require_site_moderator(moderator)
    Answer.objects.filter(pk=answer.pk).update(is_hidden=True)
    Question.objects.filter(pk=answer.question_id, most_helpful=answer).update(most_helpful=None)
    still = Answer.objects.filter(question_id=answer.question_id, is_hidden=False).exists()
    Question.objects.filter(pk=answer.question_id).update(is_answered=still)
    log_action(
        moderator=moderator, kind=ModerationAction.Kind.HIDE_ANSWER, reason=reason, answer=answer
    )
    transaction.on_commit(lambda: community_search.sync_question(answer.question_id))


@transaction.atomic
def perspective_publish(
    *, expert, title: str, summary: str, body: str, topic: Topic | None = None, conditions=()
) -> Perspective:
    if not selectors.is_verified_expert(expert):
        raise PermissionDenied
    body = clean_user_text(body)
    perspective = Perspective(
        expert=expert,
        title=clean_title(title),
        slug=unique_slug(Perspective, title, max_length=200),
        summary=clean_title(summary),
        body=body,
        body_html=render_user(body),
        topic=topic,
    )
    perspective.full_clean()
    perspective.save()
    perspective.conditions.set(conditions)
    transaction.on_commit(lambda: community_search.sync_perspective(perspective.pk))
    return perspective
