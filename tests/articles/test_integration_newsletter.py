"""articles/newsletter.py: the week's new published articles for the newsletter draft."""

import datetime as dt

import pytest
from django.utils import timezone

from articles.models import Article
from articles.newsletter import weekly_items
from newsletter.services import edition_draft_from_week
from tests.articles.factories import make_article

pytestmark = pytest.mark.django_db


def test_week_gives_new_published_articles_only(django_assert_max_num_queries):
    now = timezone.now()
    since = now - dt.timedelta(days=7)
    new = make_article(title="Eating well in winter", publish_at=now - dt.timedelta(days=2))
    make_article(title="Old news", publish_at=now - dt.timedelta(days=30))
    make_article(title="Still a draft", status=Article.Status.DRAFT)
    make_article(title="Scheduled", publish_at=now + dt.timedelta(days=2))

    with django_assert_max_num_queries(1):
        sections = weekly_items(since=since)
    assert sections == [("New articles", [{"title": new.title, "url": new.get_absolute_url()}])]


def test_quiet_week_gives_no_section():
    make_article(publish_at=timezone.now() - dt.timedelta(days=30))
    assert weekly_items(since=timezone.now() - dt.timedelta(days=7)) == []


def test_newsletter_draft_includes_new_articles():
    article = make_article(title="Hand washing, step by step")
    edition = edition_draft_from_week()
    assert "## New articles" in edition.body
    assert "[Hand washing, step by step](" in edition.body
    assert article.get_absolute_url() in edition.body
