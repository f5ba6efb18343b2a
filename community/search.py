"""What the community puts into the site index: public groups, threads, answered
questions and published Second Opinion posts. Private groups, hidden or held posts and
unpublished perspectives are never indexed."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from healthsite.text import plain_text
from search.registry import Document, SearchProvider

GROUP_KIND = "community_group"
THREAD_KIND = "community_thread"
QUESTION_KIND = "community_question"
PERSPECTIVE_KIND = "community_perspective"


def group_document(group) -> Document:
    return Document(
        kind=GROUP_KIND,
        key=str(group.pk),
        title=group.name,
        body=group.description,
        url=group.get_absolute_url(),
        weight=1.2 if group.is_official else 1.0,
        date=group.created_at,
    )


def thread_document(thread, first_post) -> Document:
    return Document(
        kind=THREAD_KIND,
        key=str(thread.pk),
        title=thread.title,
        body=plain_text(first_post.body_html) if first_post else "",
        url=thread.get_absolute_url(),
        date=thread.last_post_at,
    )


def question_document(question, answers) -> Document:
    text = " ".join([plain_text(question.body_html)] + [plain_text(a.body_html) for a in answers])
    return Document(
        kind=QUESTION_KIND,
        key=str(question.pk),
        title=question.title,
        body=text,
        url=question.get_absolute_url(),
        weight=1.3,
        date=question.created_at,
    )


def perspective_document(perspective) -> Document:
    return Document(
        kind=PERSPECTIVE_KIND,
        key=str(perspective.pk),
        title=perspective.title,
        body=f"{perspective.summary} {plain_text(perspective.body_html)}",
        url=perspective.get_absolute_url(),
        weight=1.3,
        date=perspective.published_at,
    )


def _first_post(thread):
    from community.models import Post

    return Post.objects.filter(thread=thread, number=1, status=Post.Status.PUBLISHED).first()


def sync_group(group, *, with_threads: bool = False) -> None:
    from community.models import Thread
    from search.services import index_document, remove_document

    group.refresh_from_db()
    if group.is_public:
        index_document(group_document(group))
    else:
        remove_document(kind=GROUP_KIND, key=str(group.pk))
    if with_threads:
        for thread_id in Thread.objects.filter(group=group).values_list("pk", flat=True):
            sync_thread(thread_id)


def sync_thread(thread_id: int) -> None:
    from community.models import Thread
    from search.services import index_document, remove_document

    thread = Thread.objects.public().select_related("group").filter(pk=thread_id).first()
    first = _first_post(thread) if thread else None
    if thread is None or first is None:
        remove_document(kind=THREAD_KIND, key=str(thread_id))
    else:
        index_document(thread_document(thread, first))


def sync_question(question_id: int) -> None:
    from community.models import Question
    from search.services import index_document, remove_document

    question = Question.objects.answered().select_related("topic").filter(pk=question_id).first()
    if question is None:
        remove_document(kind=QUESTION_KIND, key=str(question_id))
        return
    answers = question.answers.filter(is_hidden=False)
    index_document(question_document(question, answers))


def sync_perspective(perspective_id: int) -> None:
    """Index a published perspective; remove it when unpublished or scheduled for later
    (the nightly rebuild picks scheduled ones up once their date has come)."""
    from community.models import Perspective
    from search.services import index_document, remove_document

    perspective = Perspective.objects.published().filter(pk=perspective_id).first()
    if perspective is None:
        remove_document(kind=PERSPECTIVE_KIND, key=str(perspective_id))
        return
    index_document(perspective_document(perspective))


class GroupProvider:
    kind = GROUP_KIND
    label = _("Support groups")

    def documents(self) -> Iterator[Document]:
        from community.models import SupportGroup

        for group in SupportGroup.objects.public():
            yield group_document(group)


class ThreadProvider:
    kind = THREAD_KIND
    label = _("Community discussions")

    def documents(self) -> Iterator[Document]:
        from community.models import Thread

        for thread in Thread.objects.public().select_related("group").with_opening_post():
            if thread.opening_posts:
                yield thread_document(thread, thread.opening_posts[0])


class QuestionProvider:
    kind = QUESTION_KIND
    label = _("Expert answers")

    def documents(self) -> Iterator[Document]:
        from community.models import Question

        for question in (
            Question.objects.answered().select_related("topic").prefetch_related("answers")
        ):
            answers = [a for a in question.answers.all() if not a.is_hidden]
            yield question_document(question, answers)


class PerspectiveProvider:
    kind = PERSPECTIVE_KIND
    label = _("Second Opinion")

    def documents(self) -> Iterator[Document]:
        from community.models import Perspective

        for perspective in Perspective.objects.published():
            yield perspective_document(perspective)


PROVIDERS: list[SearchProvider] = [
    GroupProvider(),
    ThreadProvider(),
    QuestionProvider(),
    PerspectiveProvider(),
]
