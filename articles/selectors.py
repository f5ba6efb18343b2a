"""Reads the article pages need. Public reads go through `Article.objects.published()`."""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Length
from taggit.models import Tag

from articles.lookup import ConditionCandidate
from articles.lookup import condition_lookup as _condition_lookup
from articles.models import Article, ArticlePage, Condition, HealthCenter

LETTERS = [*string.ascii_uppercase, "#"]


def _card_queryset() -> QuerySet[Article]:
    return Article.objects.published().select_related("hero_image")


# --- Health centers -------------------------------------------------------------------------


def health_center_list() -> QuerySet[HealthCenter]:
    return HealthCenter.objects.select_related("hero_image").order_by("title")


@dataclass
class HealthCenterPage:
    center: HealthCenter
    featured: list[Article]
    articles: QuerySet[Article]  # the rest, by title: the view shows them a page at a time
    conditions: list[Condition]


def health_center_page(*, slug: str) -> HealthCenterPage | None:
    center = HealthCenter.objects.select_related("hero_image").filter(slug=slug).first()
    if center is None:
        return None
    links = list(center.feature_links.all())
    position = {link.article_id: link.position for link in links}
    featured = sorted(_card_queryset().filter(pk__in=list(position)), key=lambda a: position[a.pk])
    articles = (
        _card_queryset()
        .filter(health_centers=center)
        .exclude(pk__in=[a.pk for a in featured])
        .order_by("title", "pk")
    )
    conditions = list(center.conditions.order_by("name"))
    return HealthCenterPage(
        center=center, featured=featured, articles=articles, conditions=conditions
    )


# --- Articles -------------------------------------------------------------------------------


def article_for_reader(*, slug: str, user: AbstractBaseUser | AnonymousUser) -> Article | None:
    """The article with everything its page shows, in a fixed number of queries.

    Readers see only published articles whose date has come; staff may preview any.
    """
    queryset = (
        Article.objects.all() if getattr(user, "is_staff", False) else Article.objects.published()
    )
    # django-stubs does not know taggit's TaggableManager is a relation, so it rejects "tags";
    # the prefetch is on its own line to keep that ignore narrow.
    queryset = queryset.prefetch_related("tags")  # type: ignore[misc]  # see above
    return (
        queryset.select_related("author", "medical_reviewer", "hero_image")
        .prefetch_related(
            Prefetch("pages", queryset=ArticlePage.objects.order_by("position")),
            "sources",
            Prefetch("conditions", queryset=Condition.objects.order_by("name")),
            Prefetch("health_centers", queryset=HealthCenter.objects.order_by("title")),
        )
        .filter(slug=slug)
        .first()
    )


def article_related(*, article: Article, limit: int = 4) -> list[Article]:
    """Hand-picked related reading first, then articles sharing conditions or tags.

    Expects `article` from `article_for_reader` (conditions and tags prefetched).
    """
    picked = list(
        _card_queryset()
        .filter(related_from_links__from_article=article)
        .order_by("related_from_links__position")[:limit]
    )
    if len(picked) >= limit:
        return picked
    condition_ids = [c.pk for c in article.conditions.all()]
    tag_ids = [t.pk for t in article.tags.all()]
    if not (condition_ids or tag_ids):
        return picked
    exclude = [article.pk, *(a.pk for a in picked)]
    shared = (
        _card_queryset()
        .exclude(pk__in=exclude)
        .filter(Q(conditions__in=condition_ids) | Q(tags__in=tag_ids))
        .annotate(
            shared_conditions=Count(
                "conditions", filter=Q(conditions__in=condition_ids), distinct=True
            ),
            shared_tags=Count("tags", filter=Q(tags__in=tag_ids), distinct=True),
        )
        .order_by("-shared_conditions", "-shared_tags", "-publish_at")
        .distinct()[: limit - len(picked)]
    )
    return picked + list(shared)


def articles_recent(*, exclude: Sequence[Article] = (), limit: int = 3) -> list[Article]:
    """The newest published articles ("Today on Healthsite"), other than `exclude`."""
    queryset = _card_queryset().order_by("-publish_at")
    if exclude:
        queryset = queryset.exclude(pk__in=[article.pk for article in exclude])
    return list(queryset[:limit])


def articles_for_feed(*, limit: int = 20) -> QuerySet[Article]:
    return Article.objects.published().select_related("author").order_by("-publish_at")[:limit]


def articles_with_tag(*, slug: str) -> tuple[Tag | None, list[Article]]:
    tag = Tag.objects.filter(slug=slug).first()
    if tag is None:
        return None, []
    return tag, list(_card_queryset().filter(tags=tag).order_by("title"))


# --- Conditions -----------------------------------------------------------------------------


CONDITION_LETTERS_CACHE_KEY = "articles:condition-letters"


def condition_letters() -> list[dict]:
    """The A-Z navigation: each letter and whether any consumer condition sits under it.

    Cached; services that add or rename conditions clear it.
    """
    cached = cache.get(CONDITION_LETTERS_CACHE_KEY)
    if cached is not None:
        return cached
    counts = dict(
        Condition.objects.consumer()
        .values_list("sort_letter")
        .annotate(n=Count("pk"))
        .values_list("sort_letter", "n")
    )
    letters = [{"letter": letter, "count": counts.get(letter, 0)} for letter in LETTERS]
    cache.set(CONDITION_LETTERS_CACHE_KEY, letters, 600)
    return letters


def condition_list(*, letter: str) -> QuerySet[Condition]:
    """Consumer conditions under a letter: the ICD-10-CM vocabulary is not listed."""
    return (
        Condition.objects.consumer()
        .filter(sort_letter=letter)
        .order_by("name")
        .only("name", "slug", "synonyms", "kind")
    )


def condition_search(*, query: str, letter: str | None = None) -> list[Condition]:
    """The A-Z filter box: consumer conditions whose name or other names hold every word
    typed; when none does, what the forgiving lookup finds (typos, ICD-10-CM names and
    codes lead to the consumer condition covering them).

    Exact names and other names rank first, then names starting with the query, then
    shorter names. Consumer conditions are a few hundred rows: filtering them is cheap.
    """
    words = " ".join(query.lower().split())
    if not words:
        return []
    queryset = Condition.objects.consumer()
    for word in words.split(" ")[:8]:
        queryset = queryset.filter(search_text__contains=word)
    if letter:
        queryset = queryset.filter(sort_letter=letter)
    found = list(
        queryset.annotate(
            rank=Case(
                When(name__iexact=words, then=Value(1)),
                When(search_text__contains=f"|{words}|", then=Value(2)),
                When(name__istartswith=words, then=Value(3)),
                default=Value(4),
                output_field=IntegerField(),
            ),
            name_length=Length("name"),
        )
        .order_by("rank", "name_length", "name")
        .only("name", "slug", "synonyms", "kind")
    )
    if found:
        return found
    return [c.condition for c in condition_lookup(text=query) if c.condition.is_consumer]


@dataclass
class ConditionPage:
    condition: Condition
    articles: list[Article]
    health_centers: list[HealthCenter]
    related: list[Condition]
    # The ICD-10-CM entries of the codes the condition lists: (code, name), "for the curious"
    codes: list[tuple[str, str]]


def condition_for_page(*, slug: str) -> Condition | None:
    """The condition at a URL, with the consumer condition covering it (for the redirect)."""
    return Condition.objects.select_related("consumer").filter(slug=slug).first()


def condition_page(*, condition: Condition) -> ConditionPage:
    """Everything a condition page shows, in a fixed number of queries."""
    codes: list[tuple[str, str]] = []
    if condition.is_consumer:
        names = dict(
            Condition.objects.filter(icd10_code__in=condition.icd10_codes or []).values_list(
                "icd10_code", "name"
            )
        )
        codes = [(code, names.get(code, "")) for code in condition.icd10_codes or []]
    elif condition.icd10_code:
        codes = [(condition.icd10_code, condition.name)]
    return ConditionPage(
        condition=condition,
        articles=list(_card_queryset().filter(conditions=condition).order_by("title")),
        health_centers=list(condition.health_centers.order_by("title")),
        related=list(condition.related.consumer().order_by("name").only("name", "slug")),
        codes=codes,
    )


def condition_lookup(*, text: str, limit: int = 10) -> list[ConditionCandidate]:
    """Conditions a reader may mean by `text`, best first (see `articles.lookup`)."""
    return _condition_lookup(text=text, limit=limit)
