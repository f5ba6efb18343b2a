"""Builders for articles tests; they go through services like the site does."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from itertools import count

from django.utils import timezone
from PIL import Image

from articles import services
from articles.models import Article, ArticleImage, HealthCenter
from articles.services import PageInput, SourceInput

_seq = count(1)


def make_image_bytes(*, width: int = 800, height: int = 450, fmt: str = "PNG") -> bytes:
    out = BytesIO()
    Image.new("RGB", (width, height), (0, 94, 184)).save(out, fmt)
    return out.getvalue()


def make_image(*, alt_text: str = "A blue square", width: int = 800) -> ArticleImage:
    return services.image_create(
        data=make_image_bytes(width=width), filename="picture.png", alt_text=alt_text
    )


def make_contributor(**extra):
    n = next(_seq)
    return services.contributor_upsert(
        name=extra.pop("name", f"Reviewer {n}"), credentials=extra.pop("credentials", "MD")
    )


def make_health_center(*, slug: str | None = None, **extra) -> HealthCenter:
    n = next(_seq)
    return services.health_center_upsert(
        slug=slug or f"center-{n}",
        title=extra.pop("title", f"Center {n}"),
        summary=extra.pop("summary", "A center."),
        introduction=extra.pop("introduction", "Welcome to this **center**."),
        **extra,
    )


def make_article(
    *,
    slug: str | None = None,
    title: str | None = None,
    pages: int = 1,
    status: str = Article.Status.PUBLISHED,
    publish_at: dt.datetime | None = None,
    **extra,
) -> Article:
    n = next(_seq)
    title = title or f"Article {n}"
    return services.article_upsert(
        slug=slug or f"article-{n}",
        title=title,
        summary=extra.pop("summary", f"Summary of {title}."),
        pages=extra.pop(
            "page_inputs",
            [
                PageInput(f"Part {i} of {title}", f"Body of part {i}. It is short.")
                for i in range(1, pages + 1)
            ],
        ),
        status=status,
        publish_at=publish_at
        or (timezone.now() - dt.timedelta(days=1) if status == Article.Status.PUBLISHED else None),
        sources=extra.pop(
            "sources",
            [
                SourceInput(
                    "Knee pain",
                    "NHS",
                    "https://www.nhs.uk/conditions/knee-pain/",
                    dt.date(2026, 1, 2),
                )
            ],
        ),
        **extra,
    )
