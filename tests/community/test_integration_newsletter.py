"""community/newsletter.py: the week's expert perspectives and answered questions for the
newsletter draft the newsletter app writes."""

import datetime as dt

import pytest
from django.utils import timezone

from community import services
from community.models import Perspective, Question
from community.newsletter import weekly_items
from newsletter.services import edition_draft_from_week
from tests.community.factories import make_established, make_expert, make_topic

pytestmark = pytest.mark.django_db


def _question(topic, title):
    return services.question_ask(
        topic=topic, asker=make_established(), title=title, body="", ip="127.0.0.1"
    )


def test_week_gives_new_perspectives_and_newly_answered_questions(
    django_assert_max_num_queries,
):
    expert, topic = make_expert(), make_topic(name="Sleep")
    since = timezone.now() - dt.timedelta(days=7)
    services.perspective_publish(
        expert=expert, title="Why naps help", summary="Short naps.", body="Keep them short."
    )
    old = services.perspective_publish(
        expert=expert, title="An old view", summary="Old.", body="Old text."
    )
    Perspective.objects.filter(pk=old.pk).update(published_at=since - dt.timedelta(days=1))
    answered = _question(topic, "How long should a nap be?")
    services.answer_create(question=answered, expert=expert, body="About twenty minutes.")
    _question(topic, "Is snoring a problem?")  # not answered

    with django_assert_max_num_queries(2):
        sections = dict(weekly_items(since=since))
    perspectives = sections["Second Opinion: expert perspectives"]
    assert [p["title"] for p in perspectives] == ["Why naps help"]
    assert perspectives[0]["url"].startswith("/community/")
    questions = sections["Questions answered by experts"]
    assert questions == [{"title": answered.title, "url": answered.get_absolute_url()}]


def test_hidden_or_old_answers_and_held_questions_are_left_out():
    expert, topic = make_expert(), make_topic()
    since = timezone.now() - dt.timedelta(days=7)
    question = _question(topic, "Answered long ago?")
    answer = services.answer_create(question=question, expert=expert, body="Yes.")
    type(answer).objects.filter(pk=answer.pk).update(created_at=since - dt.timedelta(days=2))
    held = _question(topic, "Held for approval?")
    services.answer_create(question=held, expert=expert, body="Answer.")
    Question.objects.filter(pk=held.pk).update(status=Question.Status.HELD)
    assert weekly_items(since=since) == []


def test_newsletter_draft_includes_community_items():
    expert = make_expert()
    services.perspective_publish(
        expert=expert, title="Walking after meals", summary="Walk.", body="A short walk."
    )
    edition = edition_draft_from_week()
    assert "## Second Opinion: expert perspectives" in edition.body
    assert "Walking after meals" in edition.body


def test_published_perspectives_are_searchable_and_unpublished_ones_leave_the_index(
    django_capture_on_commit_callbacks,
):
    from community import search as community_search
    from search.models import SearchDocument

    with django_capture_on_commit_callbacks(execute=True):
        perspective = services.perspective_publish(
            expert=make_expert(), title="Stretching after a run", summary="S.", body="Stretch."
        )
    doc = SearchDocument.objects.get(kind="community_perspective", key=str(perspective.pk))
    assert doc.url == perspective.get_absolute_url()
    Perspective.objects.filter(pk=perspective.pk).update(is_published=False)
    community_search.sync_perspective(perspective.pk)
    assert not SearchDocument.objects.filter(kind="community_perspective").exists()
    assert list(community_search.PerspectiveProvider().documents()) == []
