"""Articles' part of the weekly newsletter draft (mymedicine collects `<app>/newsletter.py`):
the articles published since `since`, newest first. One query."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from articles.models import Article

NEWSLETTER_ARTICLES = 10


def weekly_items(*, since: dt.datetime) -> list[tuple[str, list[dict]]]:
    articles = (
        Article.objects.published()
        .filter(publish_at__gte=since)
        .only("title", "slug", "publish_at")
        .order_by("-publish_at", "title")[:NEWSLETTER_ARTICLES]
    )
    items = [{"title": a.title, "url": a.get_absolute_url()} for a in articles]
    return [(_("New articles"), items)] if items else []
