"""Selectors: what readers may see, related reading order, conditions search and A-Z."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from articles import selectors, services
from articles.models import Article, Condition
from tests.articles.factories import make_article, make_health_center
from tests.factories import make_condition, make_user

pytestmark = pytest.mark.django_db


def test_published_respects_scheduled_publish_date_by_itself():
    live = make_article()
    scheduled = make_article(publish_at=timezone.now() + dt.timedelta(hours=2))
    draft = make_article(status=Article.Status.DRAFT)
    in_review = make_article(status=Article.Status.IN_REVIEW)
    assert list(Article.objects.published()) == [live]
    later = timezone.now() + dt.timedelta(hours=3)
    assert set(Article.objects.published(now=later)) == {live, scheduled}
    assert draft not in Article.objects.published(now=later)
    assert in_review not in Article.objects.published(now=later)


def test_article_for_reader_hides_drafts_from_public_but_not_staff():
    draft = make_article(status=Article.Status.DRAFT)
    assert selectors.article_for_reader(slug=draft.slug, user=AnonymousUser()) is None
    assert selectors.article_for_reader(slug=draft.slug, user=make_user()) is None
    staff = make_user(is_staff=True)
    assert selectors.article_for_reader(slug=draft.slug, user=staff) == draft


def test_related_reading_puts_hand_picked_first_then_shared_conditions_and_tags():
    knee = make_condition(name="Knee pain")
    article = make_article(conditions=[knee], tags=["running"])
    picked = make_article(title="Picked")
    both = make_article(title="Both", conditions=[knee], tags=["running"])
    condition_only = make_article(title="Condition only", conditions=[knee])
    make_article(title="Unrelated", tags=["baking"])
    make_article(title="Draft", conditions=[knee], status=Article.Status.DRAFT)
    services.article_set_related(article=article, related=[picked])
    loaded = selectors.article_for_reader(slug=article.slug, user=AnonymousUser())
    assert loaded is not None
    related = selectors.article_related(article=loaded)
    assert [a.title for a in related] == ["Picked", "Both", "Condition only"]
    assert both in related and condition_only in related


def test_recent_articles_exclude_the_current_one_and_drafts():
    older = make_article(publish_at=timezone.now() - dt.timedelta(days=3))
    newer = make_article(publish_at=timezone.now() - dt.timedelta(days=1))
    make_article(status=Article.Status.DRAFT)
    assert selectors.articles_recent(exclude=[newer]) == [older]


def test_condition_filter_matches_consumer_names_and_other_names():
    consumer = Condition.Kind.CONSUMER
    hypertension = make_condition(
        name="High blood pressure", synonyms=["hypertension"], kind=consumer
    )
    make_condition(name="High altitude sickness", kind=consumer)
    make_condition(name="Low blood pressure", kind=consumer)
    make_condition(name="Essential (primary) hypertension", icd10_code="I10")
    assert selectors.condition_search(query="hypertension") == [hypertension]
    assert selectors.condition_search(query="high blood pressure")[0] == hypertension
    assert selectors.condition_search(query="   ") == []
    names = [c.name for c in selectors.condition_search(query="blood pressure")]
    assert set(names) == {"High blood pressure", "Low blood pressure"}
    # Nothing holds the words: the forgiving lookup answers (a typo here).
    assert selectors.condition_search(query="hypertenson") == [hypertension]


def test_condition_letters_and_list_show_consumer_conditions_only():
    consumer = Condition.Kind.CONSUMER
    make_condition(name="Asthma", kind=consumer)
    make_condition(name="Acne", kind=consumer)
    make_condition(name="Back pain", kind=consumer)
    make_condition(name="Acute bronchitis due to other organisms", icd10_code="J20.8")
    letters = {item["letter"]: item["count"] for item in selectors.condition_letters()}
    assert letters["A"] == 2 and letters["B"] == 1 and letters["C"] == 0
    assert [c.name for c in selectors.condition_list(letter="A")] == ["Acne", "Asthma"]


def test_health_center_page_orders_featured_and_lists_the_rest():
    center = make_health_center()
    first = make_article(title="Zebra guide", health_centers=[center])
    second = make_article(title="Alpha guide", health_centers=[center])
    other = make_article(title="Middle guide", health_centers=[center])
    hidden = make_article(title="Hidden", health_centers=[center], status=Article.Status.DRAFT)
    services.health_center_set_featured(center=center, articles=[first, second, hidden])
    page = selectors.health_center_page(slug=center.slug)
    assert page is not None
    assert page.featured == [first, second]
    assert list(page.articles) == [other]
    assert selectors.health_center_page(slug="nope") is None
