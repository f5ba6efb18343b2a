"""Every write to articles, health centers, conditions and images.

Search stays current from here: each write re-indexes what it touched (published articles
are indexed, scheduled ones too, which search shows from their publish date; drafts and
reviews in progress are not).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from articles import images, search
from articles.models import (
    Article,
    ArticleImage,
    ArticlePage,
    ArticleRelation,
    ArticleSource,
    Condition,
    Contributor,
    HealthCenter,
    HealthCenterFeature,
)
from healthsite.text import render_editorial


@dataclass(frozen=True)
class PageInput:
    title: str
    body: str


@dataclass(frozen=True)
class SourceInput:
    title: str
    publisher: str
    url: str
    accessed_on: dt.date


# --- Conditions -----------------------------------------------------------------------------


def unique_condition_slug(name: str, *, code: str | None = None) -> str:
    base = slugify(name)[:200] or "condition"
    if code:
        return f"{base}-{slugify(code.replace('.', '-'))}"[:255]
    slug, n = base, 2
    while Condition.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


@transaction.atomic
def condition_upsert(
    *,
    name: str,
    slug: str | None = None,
    synonyms: Sequence[str] = (),
    icd10_code: str | None = None,
    summary: str | None = None,
) -> Condition:
    """Create or update a condition found by ICD-10-CM code, else by slug."""
    condition = None
    if icd10_code:
        condition = Condition.objects.filter(icd10_code=icd10_code).first()
    if condition is None and slug:
        condition = Condition.objects.filter(slug=slug).first()
    if condition is None:
        condition = Condition(slug=slug or unique_condition_slug(name, code=icd10_code))
    condition.name = name
    condition.synonyms = list(dict.fromkeys(s for s in synonyms if s and s != name))
    condition.icd10_code = icd10_code or condition.icd10_code
    if summary is not None:
        condition.summary = summary
    condition.full_clean()
    condition.save()
    search.index_condition(condition)
    _conditions_changed()
    return condition


def _conditions_changed() -> None:
    from articles.selectors import CONDITION_LETTERS_CACHE_KEY

    cache.delete(CONDITION_LETTERS_CACHE_KEY)


# --- Contributors and images ----------------------------------------------------------------


@transaction.atomic
def contributor_upsert(*, name: str, credentials: str = "", role: str = "") -> Contributor:
    contributor, _created = Contributor.objects.get_or_create(
        slug=slugify(name), defaults={"name": name}
    )
    contributor.name, contributor.credentials, contributor.role = name, credentials, role
    contributor.full_clean()
    contributor.save()
    return contributor


@transaction.atomic
def image_create(*, data: bytes, filename: str, alt_text: str, credit: str = "") -> ArticleImage:
    """Validate an uploaded picture, strip its metadata and make its renditions."""
    if not (alt_text or "").strip():
        raise ValidationError({"alt_text": _("Describe the picture in the alt text.")})
    picture = images.open_validated(data)
    stem = slugify(filename.rsplit(".", 1)[0])[:60] or "image"
    image = ArticleImage(alt_text=alt_text.strip(), credit=credit)
    image.image.save(f"{stem}.jpg", ContentFile(images.clean_original(picture)), save=False)
    image.full_clean()
    image.save()
    image.renditions = images.make_renditions(
        picture, prefix=f"articles/renditions/{image.pk}-{stem}"
    )
    image.save(update_fields=["renditions"])
    return image


# --- Health centers -------------------------------------------------------------------------


@transaction.atomic
def health_center_upsert(
    *,
    slug: str,
    title: str,
    summary: str = "",
    introduction: str = "",
    hero_image: ArticleImage | None = None,
    conditions: Iterable[Condition] = (),
) -> HealthCenter:
    center = HealthCenter.objects.filter(slug=slug).first() or HealthCenter(slug=slug)
    center.title, center.summary, center.introduction = title, summary, introduction
    center.introduction_html = render_editorial(introduction)
    center.hero_image = hero_image
    center.full_clean()
    center.save()
    center.conditions.set(list(conditions))
    search.index_health_center(center)
    return center


def health_center_render(*, center: HealthCenter) -> None:
    """Render the introduction once (the admin saves the model itself, then calls this)."""
    center.introduction_html = render_editorial(center.introduction)
    center.save(update_fields=["introduction_html"])
    search.index_health_center(center)


@transaction.atomic
def health_center_set_featured(*, center: HealthCenter, articles: Sequence[Article]) -> None:
    HealthCenterFeature.objects.filter(health_center=center).delete()
    HealthCenterFeature.objects.bulk_create(
        HealthCenterFeature(health_center=center, article=article, position=n)
        for n, article in enumerate(articles, start=1)
    )


@transaction.atomic
def health_center_delete(*, center: HealthCenter) -> None:
    search.remove_health_center(center)
    center.delete()


# --- Articles -------------------------------------------------------------------------------


@transaction.atomic
def article_upsert(
    *,
    slug: str,
    title: str,
    summary: str,
    pages: Sequence[PageInput],
    status: str = Article.Status.DRAFT,
    publish_at: dt.datetime | None = None,
    author: Contributor | None = None,
    medical_reviewer: Contributor | None = None,
    last_reviewed_on: dt.date | None = None,
    next_review_due: dt.date | None = None,
    sources: Sequence[SourceInput] = (),
    health_centers: Iterable[HealthCenter] = (),
    conditions: Iterable[Condition] = (),
    tags: Sequence[str] = (),
    hero_image: ArticleImage | None = None,
) -> Article:
    """Create or replace an article (found by slug) with its pages and sources."""
    if not pages:
        raise ValidationError(_("An article needs at least one page."))
    article = Article.objects.filter(slug=slug).first() or Article(slug=slug)
    article.title, article.summary, article.status = title, summary, status
    article.publish_at = publish_at
    article.author, article.medical_reviewer = author, medical_reviewer
    article.last_reviewed_on, article.next_review_due = last_reviewed_on, next_review_due
    article.hero_image = hero_image
    _prepare_publication(article)
    article.full_clean()
    article.save()
    article.pages.all().delete()
    for n, page in enumerate(pages, start=1):
        page_obj = ArticlePage(article=article, position=n, title=page.title, body=page.body)
        page_obj.full_clean()
        page_obj.save()
    article.sources.all().delete()
    for n, source in enumerate(sources, start=1):
        source_obj = ArticleSource(
            article=article,
            position=n,
            title=source.title,
            publisher=source.publisher,
            url=source.url,
            accessed_on=source.accessed_on,
        )
        source_obj.full_clean()
        source_obj.save()
    article.health_centers.set(list(health_centers))
    article.conditions.set(list(conditions))
    article.tags.set(list(tags))
    search.index_article(article)
    return article


def _prepare_publication(article: Article) -> None:
    if article.status == Article.Status.PUBLISHED and article.publish_at is None:
        article.publish_at = timezone.now()
    if (
        article.last_reviewed_on
        and article.next_review_due
        and article.next_review_due < article.last_reviewed_on
    ):
        raise ValidationError(
            {"next_review_due": _("The next review must come after the last review.")}
        )


@transaction.atomic
def article_set_related(*, article: Article, related: Sequence[Article]) -> None:
    ArticleRelation.objects.filter(from_article=article).delete()
    ArticleRelation.objects.bulk_create(
        ArticleRelation(from_article=article, to_article=other, position=n)
        for n, other in enumerate(related, start=1)
        if other.pk != article.pk
    )


def article_after_admin_save(*, article: Article) -> None:
    """The admin saved an article and its inlines: fill the publish date, number the pages
    1, 2, 3... again (page URLs, contents, sitemap and search use the position) and
    re-index."""
    if article.status == Article.Status.PUBLISHED and article.publish_at is None:
        article.publish_at = timezone.now()
        article.save(update_fields=["publish_at"])
    # In order, each page moves down or stays, so positions never collide on the way.
    for number, page in enumerate(article.pages.order_by("position"), start=1):
        if page.position != number:
            ArticlePage.objects.filter(pk=page.pk).update(position=number)
    search.index_article(article)


@transaction.atomic
def article_delete(*, article: Article) -> None:
    search.remove_article(article)
    article.delete()


# --- Bulk vocabulary import (ICD-10-CM) -----------------------------------------------------

ICD10_CODE = re.compile(r"^[A-Z][0-9A-Z][0-9A-Z](\.[0-9A-Z]{1,4})?$")


@dataclass
class ConditionSyncSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _validate_record(record) -> str | None:
    if not ICD10_CODE.match(record.code):
        return f"code {record.code!r} is not an ICD-10-CM code"
    if len(record.name) > 255:
        return "title longer than 255 characters"
    return None


def conditions_sync(*, records: Iterable) -> ConditionSyncSummary:
    """Bring conditions in line with coded records (ICD-10-CM), in bulk and idempotently.

    Rows are matched by code and compared with the record: only new or different rows are
    written (so a second run with the same file changes nothing). Names of existing rows are
    updated; their slugs stay, so URLs never break. A record that fails validation is
    reported in `rejected` with its reason and the others are saved, in one transaction
    (the importer calls this once per batch, so the site keeps working during a long import).
    """
    summary = ConditionSyncSummary()
    batch: list = []
    seen: set[str] = set()
    for record in records:
        problem = _validate_record(record)
        if problem is None and record.code in seen:
            problem = "the code appears twice in the file"
        if problem:
            summary.rejected.append((record.code, problem))
            continue
        seen.add(record.code)
        batch.append(record)
    if batch:
        _sync_batch(batch, summary=summary)
    return summary


def _sync_batch(records: list, *, summary: ConditionSyncSummary) -> None:
    existing = Condition.objects.in_bulk([r.code for r in records], field_name="icd10_code")
    to_create: list[Condition] = []
    to_update: list[Condition] = []
    for record in records:
        synonyms = list(record.synonyms)
        condition = existing.get(record.code)
        if condition is None:
            condition = Condition(
                name=record.name,
                slug=unique_condition_slug(record.name, code=record.code),
                synonyms=synonyms,
                icd10_code=record.code,
            )
            condition.refresh_derived_fields()
            to_create.append(condition)
        elif condition.name != record.name or list(condition.synonyms or []) != synonyms:
            condition.name, condition.synonyms = record.name, synonyms
            condition.refresh_derived_fields()
            to_update.append(condition)
        else:
            summary.unchanged += 1
    summary.created += len(to_create)
    summary.updated += len(to_update)
    if not (to_create or to_update):
        return
    with transaction.atomic():
        taken = set(
            Condition.objects.filter(slug__in=[c.slug for c in to_create]).values_list(
                "slug", flat=True
            )
        )
        for condition in to_create:
            if condition.slug in taken:
                condition.slug = f"{condition.slug}-icd10"[:255]
        created = Condition.objects.bulk_create(to_create)
        Condition.objects.bulk_update(
            to_update, ["name", "synonyms", "sort_letter", "search_text"], batch_size=500
        )
        if any(c.pk is None for c in created):  # backends without RETURNING
            created = list(
                Condition.objects.filter(icd10_code__in=[c.icd10_code for c in to_create])
            )
        search.index_conditions_bulk([*created, *to_update])
    _conditions_changed()


@transaction.atomic
def image_replace_file(*, image: ArticleImage, data: bytes, filename: str) -> ArticleImage:
    """Store a new upload for an image (admin): validated, metadata stripped, renditions."""
    picture = images.open_validated(data)
    stem = slugify(filename.rsplit(".", 1)[0])[:60] or "image"
    image.image.save(f"{stem}.jpg", ContentFile(images.clean_original(picture)), save=False)
    image.full_clean()
    image.save()
    images.delete_renditions(image.renditions)
    image.renditions = images.make_renditions(
        picture, prefix=f"articles/renditions/{image.pk}-{stem}"
    )
    image.save(update_fields=["renditions"])
    return image


def condition_after_admin_save(*, condition: Condition) -> None:
    """The admin saved a condition: re-index it and refresh the A-Z letter counts."""
    search.index_condition(condition)
    _conditions_changed()
