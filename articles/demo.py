"""Demo health centers and articles, written by us in plain language.

The content lives as reviewable data files in `articles/demo_content/` (format in its
README): `site.toml` for the sample reviewers and the health centers, one TOML file per
article under `articles/`. Sources name real organisations' pages by title, publisher and
address; the facts come from them, the wording is ours.

Idempotent: health centers and articles are looked up by slug and only created when
missing, so a second run adds nothing and never overwrites an editor's changes.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from articles import services
from articles.importers.conditions import ConsumerConditionsImporter
from articles.models import Article, ArticleImage, Condition, Contributor, HealthCenter
from articles.services import PageInput, SourceInput
from healthsite.importing import run_import

DATA_DIR = Path(__file__).resolve().parent / "demo_content"
# The abstract shapes earlier demo loads drew as hero pictures carried this credit.
OLD_DEMO_PICTURE_CREDIT = "Healthsite demo"


@dataclass(frozen=True)
class DemoArticle:
    slug: str
    title: str
    summary: str
    centers: tuple[str, ...]
    conditions: tuple[str, ...]
    tags: tuple[str, ...]
    reviewer: str
    reviewed_on: dt.date
    sources: tuple[tuple[str, str, str], ...]
    pages: tuple[PageInput, ...]
    related: tuple[str, ...]
    status: str


@dataclass(frozen=True)
class DemoCenter:
    slug: str
    title: str
    summary: str
    introduction: str
    conditions: tuple[str, ...]
    featured: tuple[str, ...]


def _required(data: dict, key: str, where: str):
    if key not in data or data[key] in ("", [], None):
        raise ValueError(f"{where}: missing {key!r}")
    return data[key]


def read_site(folder: Path = DATA_DIR) -> tuple[dict[str, dict], list[DemoCenter]]:
    """The sample reviewers (by key) and the health centers from `site.toml`."""
    path = folder / "site.toml"
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    reviewers = {}
    for entry in data.get("reviewers", []):
        key = _required(entry, "key", f"{path.name} reviewer")
        reviewers[key] = {
            "name": _required(entry, "name", f"{path.name} reviewer {key}"),
            "credentials": entry.get("credentials", ""),
            "role": _required(entry, "role", f"{path.name} reviewer {key}"),
        }
    centers = []
    for entry in data.get("centers", []):
        slug = _required(entry, "slug", f"{path.name} center")
        where = f"{path.name} center {slug}"
        centers.append(
            DemoCenter(
                slug=slug,
                title=_required(entry, "title", where),
                summary=_required(entry, "summary", where),
                introduction=_required(entry, "introduction", where).strip(),
                conditions=tuple(entry.get("conditions", [])),
                featured=tuple(entry.get("featured", [])),
            )
        )
    return reviewers, centers


def read_articles(folder: Path = DATA_DIR) -> list[DemoArticle]:
    """Every article file under `articles/`, in file name order."""
    articles = []
    for path in sorted((folder / "articles").glob("*.toml")):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        where = path.name
        pages = tuple(
            PageInput(
                _required(page, "title", f"{where} page"),
                _required(page, "body", f"{where} page").strip() + "\n",
            )
            for page in _required(data, "pages", where)
        )
        sources = tuple(
            (
                _required(source, "title", f"{where} source"),
                _required(source, "publisher", f"{where} source"),
                _required(source, "url", f"{where} source"),
            )
            for source in data.get("sources", [])
        )
        status = data.get("status", Article.Status.PUBLISHED)
        if status == Article.Status.PUBLISHED and not sources:
            raise ValueError(f"{where}: a published article cites at least one source")
        reviewed_on = _required(data, "reviewed_on", where)
        if not isinstance(reviewed_on, dt.date):
            raise ValueError(f"{where}: reviewed_on is not a date")
        articles.append(
            DemoArticle(
                slug=path.stem,
                title=_required(data, "title", where),
                summary=_required(data, "summary", where),
                centers=tuple(_required(data, "centers", where)),
                conditions=tuple(data.get("conditions", [])),
                tags=tuple(data.get("tags", [])),
                reviewer=_required(data, "reviewer", where),
                reviewed_on=reviewed_on,
                sources=sources,
                pages=pages,
                related=tuple(data.get("related", [])),
                status=status,
            )
        )
    return articles


def _publish_at(day: dt.date) -> dt.datetime:
    """Published at 9 in the morning of the day it was reviewed (never in the future)."""
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))
    return min(moment, timezone.now())


def _remove_old_demo_pictures() -> int:
    """Earlier demo loads gave every article and center an abstract hero picture that told
    the reader nothing; detach and delete those (never an editor's own upload)."""
    old = list(ArticleImage.objects.filter(credit=OLD_DEMO_PICTURE_CREDIT))
    if not old:
        return 0
    Article.objects.filter(hero_image__in=old).update(hero_image=None)
    HealthCenter.objects.filter(hero_image__in=old).update(hero_image=None)
    for image in old:
        image.image.delete(save=False)
        image.delete()
    return len(old)


def load(*, stdout) -> None:
    reviewer_data, center_data = read_site()
    articles = read_articles()
    created = 0

    # Our consumer conditions first (articles/conditions/*.toml): the articles link to them.
    # The importer rebuilds the lookup terms and search documents when anything changed.
    run_import(ConsumerConditionsImporter())
    conditions = {c.slug: c for c in Condition.objects.consumer()}

    def linked(slugs: tuple[str, ...], where: str) -> list[Condition]:
        missing = [slug for slug in slugs if slug not in conditions]
        if missing:
            stdout.write(f"  {where}: no condition {', '.join(missing)} (link skipped)")
        return [conditions[slug] for slug in slugs if slug in conditions]

    removed = _remove_old_demo_pictures()

    # Found by name (slug); their labels are brought up to date, no row is added twice.
    reviewers: dict[str, Contributor] = {
        key: services.contributor_upsert(**values) for key, values in reviewer_data.items()
    }
    writer = services.contributor_upsert(name="Healthsite editorial team")

    centers: dict[str, HealthCenter] = {}
    for center in center_data:
        existing_center = HealthCenter.objects.filter(slug=center.slug).first()
        if existing_center is None:
            existing_center = services.health_center_upsert(
                slug=center.slug,
                title=center.title,
                summary=center.summary,
                introduction=center.introduction,
                conditions=linked(center.conditions, center.slug),
            )
            created += 1
        centers[center.slug] = existing_center

    for entry in articles:
        if Article.objects.filter(slug=entry.slug).exists():
            continue
        published = entry.status == Article.Status.PUBLISHED
        services.article_upsert(
            slug=entry.slug,
            title=entry.title,
            summary=entry.summary,
            pages=entry.pages,
            status=entry.status,
            publish_at=_publish_at(entry.reviewed_on) if published else None,
            author=writer,
            medical_reviewer=reviewers[entry.reviewer],
            last_reviewed_on=entry.reviewed_on if published else None,
            next_review_due=entry.reviewed_on.replace(year=entry.reviewed_on.year + 1)
            if published
            else None,
            sources=[SourceInput(t, p, u, entry.reviewed_on) for t, p, u in entry.sources],
            health_centers=[centers[slug] for slug in entry.centers],
            conditions=linked(entry.conditions, entry.slug),
            tags=entry.tags,
        )
        created += 1

    # Hand-picked links, set once: an editor's later choice is kept.
    by_slug = {a.slug: a for a in Article.objects.filter(slug__in=[e.slug for e in articles])}
    for entry in articles:
        article = by_slug.get(entry.slug)
        if article and entry.related and not article.related_to_links.exists():
            services.article_set_related(
                article=article, related=[by_slug[s] for s in entry.related if s in by_slug]
            )
    for center in center_data:
        health_center = centers[center.slug]
        if center.featured and not health_center.feature_links.exists():
            services.health_center_set_featured(
                center=health_center,
                articles=[by_slug[s] for s in center.featured if s in by_slug],
            )
    stdout.write(
        f"  articles: {created} new health centers and articles"
        + (f", {removed} old demo pictures removed" if removed else "")
    )
