"""What articles put into the site index: each published article page, health centers and
conditions. Registered in ArticlesConfig.ready(); services keep the index current."""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from healthsite.names import fold
from healthsite.text import plain_text
from search.registry import Document, register, register_best_match
from search.services import (
    index_document,
    index_documents,
    remove_document,
    remove_documents_with_prefix,
)

ARTICLE = "article"
HEALTH_CENTER = "health_center"
CONDITION = "condition"


def article_documents(article) -> list[Document]:
    pages = list(article.pages.all())
    documents = []
    for page in pages:
        if len(pages) > 1 and page.title != article.title:
            title = f"{article.title}: {page.title}"
        else:
            title = article.title
        documents.append(
            Document(
                kind=ARTICLE,
                key=f"{article.pk}/{page.position}",
                title=title,
                body=f"{article.summary} {plain_text(page.body_html)}",
                url=article.get_absolute_url()
                if page.position == 1
                else f"{article.get_absolute_url()}{page.position}/",
                weight=1.5 if page.position == 1 else 1.0,
                date=article.publish_at,
                # A scheduled article is indexed now and found from its publish date on.
                visible_from=article.publish_at,
            )
        )
    return documents


def health_center_document(center) -> Document:
    return Document(
        kind=HEALTH_CENTER,
        key=str(center.pk),
        title=center.title,
        body=f"{center.summary} {plain_text(center.introduction_html)}",
        url=center.get_absolute_url(),
        weight=2.0,
    )


# Consumer conditions are editorial pages: they outrank the vocabulary and most guides'
# pages for their own names. An ICD-10-CM entry no consumer condition covers stays findable
# by its code and name, below everything else; a covered entry is not a result of its own
# (its names lead to the consumer condition through `articles.lookup`): one result per thing.
CONSUMER_WEIGHT = 3.0
VOCABULARY_WEIGHT = 0.3


def condition_document(condition) -> Document | None:
    """The condition's search document, or None when another condition's page covers it."""
    if condition.consumer_id:
        return None
    other_names = "; ".join(condition.synonyms or [])
    if condition.kind == "consumer":
        return Document(
            kind=CONDITION,
            key=str(condition.pk),
            title=condition.name,
            body=" ".join(part for part in (other_names, condition.summary) if part),
            url=condition.get_absolute_url(),
            weight=CONSUMER_WEIGHT,
        )
    code = condition.icd10_code or ""
    return Document(
        kind=CONDITION,
        key=str(condition.pk),
        title=condition.name,
        body=" ".join(part for part in (other_names, code, condition.summary) if part),
        url=condition.get_absolute_url(),
        weight=VOCABULARY_WEIGHT,
    )


def condition_best_match(query: str) -> list[tuple[str, str]]:
    """Site search's best match: the condition a typed name, other name or abbreviation
    means ("GERD", "heart attack"), when the forgiving lookup has one answer."""
    from articles.lookup import condition_lookup, condition_lookup_best

    # Exact names only (one indexed query): a partial name or a close spelling is for the
    # ranked results, not an outright answer.
    best = condition_lookup_best(condition_lookup(text=query[:255], exact_only=True))
    if best is None or not best.is_consumer:
        return []
    return [(CONDITION, str(best.pk))]


_CENTER_SUFFIX = re.compile(r"\s*\bhealth cent(er|re)$")


def health_center_best_match(query: str) -> list[tuple[str, str]]:
    """The health center a typed topic names: the start of its title, whole words ("knee"
    and "knee pain" -> the Knee Pain Health Center, "heart" -> Heart Health Center)."""
    from articles.models import HealthCenter

    text = fold(query)[:200]
    if not text:
        return []
    found = []
    for pk, title in HealthCenter.objects.values_list("pk", "title"):
        topic = _CENTER_SUFFIX.sub("", fold(title))
        if topic == text or topic.startswith(text + " ") or fold(title) == text:
            found.append((HEALTH_CENTER, str(pk)))
    return found


def article_best_match(query: str) -> list[tuple[str, str]]:
    """The guide whose title is what the reader typed ("runner's knee", "eating less
    salt"): its first page. Titles are compared folded (case, accents, apostrophes)."""
    from articles.models import Article

    text = fold(query)[:200]
    if not text:
        return []
    # Titles starting with the same letter: a few rows, compared folded in Python.
    articles = Article.objects.published().filter(title__istartswith=text[0])
    return [
        (ARTICLE, f"{pk}/1")
        for pk, title in articles.values_list("pk", "title")
        if fold(title) == text
    ]


def index_article(article) -> None:
    """Replace the article's pages in the index. A published article is indexed at once,
    also when scheduled (search shows it from its publish date); a draft or an article in
    review leaves no trace."""
    remove_article(article)
    if article.is_public or article.is_scheduled:
        for document in article_documents(article):
            index_document(document)


def remove_article(article) -> None:
    remove_documents_with_prefix(kind=ARTICLE, prefix=f"{article.pk}/")


def index_health_center(center) -> None:
    index_document(health_center_document(center))


def remove_health_center(center) -> None:
    remove_document(kind=HEALTH_CENTER, key=str(center.pk))


def index_condition(condition) -> None:
    document = condition_document(condition)
    if document is None:
        remove_document(kind=CONDITION, key=str(condition.pk))
    else:
        index_document(document)


class ArticleProvider:
    kind = ARTICLE
    label = _("Articles")

    def documents(self) -> Iterator[Document]:
        from articles.models import Article

        for article in Article.objects.published_or_scheduled().prefetch_related("pages"):
            yield from article_documents(article)


class HealthCenterProvider:
    kind = HEALTH_CENTER
    label = _("Health centers")

    def documents(self) -> Iterator[Document]:
        from articles.models import HealthCenter

        for center in HealthCenter.objects.all():
            yield health_center_document(center)


class ConditionProvider:
    kind = CONDITION
    label = _("Conditions")

    def documents(self) -> Iterator[Document]:
        from articles.models import Condition

        conditions = Condition.objects.filter(consumer__isnull=True)
        for condition in conditions.iterator(chunk_size=2000):
            document = condition_document(condition)
            if document is not None:
                yield document


def register_providers() -> None:
    register(ArticleProvider())
    register(HealthCenterProvider())
    register(ConditionProvider())
    register_best_match(condition_best_match)
    register_best_match(health_center_best_match)
    register_best_match(article_best_match)


def index_conditions_bulk(conditions) -> None:
    """Index many conditions at once (the ICD-10-CM import): replace their documents."""
    documents = [condition_document(condition) for condition in conditions]
    index_documents(document for document in documents if document is not None)
    covered = [str(c.pk) for c in conditions if c.consumer_id]
    for key in covered:
        remove_document(kind=CONDITION, key=key)
