"""The demo health centers and articles (articles/demo_content/): complete, honest about being
sample content, every link they make resolvable, and loaded once however often load runs."""

from __future__ import annotations

import re
import tomllib
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from articles import demo, services
from articles.models import (
    Article,
    ArticleImage,
    ArticlePage,
    ArticleSource,
    Contributor,
    HealthCenter,
)

ROOT = Path(settings.BASE_DIR)
REVIEWERS, CENTERS = demo.read_site()
ARTICLES = demo.read_articles()


def _condition_slugs() -> set[str]:
    slugs = set()
    for path in (ROOT / "articles" / "conditions").glob("*.toml"):
        with path.open("rb") as handle:
            slugs |= {entry["slug"] for entry in tomllib.load(handle)["conditions"]}
    return slugs


def test_at_least_forty_published_articles_in_at_least_eight_centers():
    published = [a for a in ARTICLES if a.status == Article.Status.PUBLISHED]
    assert len(published) >= 40
    assert len(CENTERS) >= 8
    centers_used = {slug for a in published for slug in a.centers}
    assert {c.slug for c in CENTERS} <= centers_used  # no empty health center


def test_runners_knee_keeps_its_three_pages():
    runners = next(a for a in ARTICLES if a.slug == "runners-knee")
    assert [p.title for p in runners.pages] == [
        "What it is and causes",
        "Symptoms and diagnosis",
        "Treatment, recovery and prevention",
    ]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_every_article_is_reviewed_sourced_and_links_to_what_exists(article):
    conditions = _condition_slugs()
    centers = {c.slug for c in CENTERS}
    slugs = {a.slug for a in ARTICLES}
    assert article.reviewer in REVIEWERS
    assert article.sources
    for title, publisher, url in article.sources:
        assert title and publisher and url.startswith("https://")
    assert set(article.centers) <= centers
    assert set(article.conditions) <= conditions, set(article.conditions) - conditions
    assert set(article.related) <= slugs
    assert len(article.summary) <= 300


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_pictures_are_our_labelled_drawings_with_alt_text(article):
    for page in article.pages:
        for tag in re.findall(r"<img\b[^>]*>", page.body):
            src = re.search(r'src="/static/([^"]+)"', tag)
            assert src, f"{article.slug}: pictures come from static/articles/illustrations"
            path = ROOT / "static" / src.group(1)
            assert path.suffix == ".svg" and path.is_file()
            svg = path.read_text()
            assert "<title" in svg and "<desc" in svg
            alt = re.search(r'alt="([^"]+)"', tag)
            assert alt and len(alt.group(1)) > 40  # says what the drawing shows


def test_centers_link_to_real_conditions_and_feature_their_own_articles():
    conditions = _condition_slugs()
    for center in CENTERS:
        assert set(center.conditions) <= conditions, center.slug
        featured = {a.slug for a in ARTICLES if center.slug in a.centers}
        assert set(center.featured) <= featured, center.slug


def test_sample_people_say_they_are_samples_and_nothing_looks_like_a_placeholder():
    for reviewer in REVIEWERS.values():
        assert "sample reviewer profile" in reviewer["role"]
    text = "\n".join(
        path.read_text() for path in (ROOT / "articles" / "demo_content").rglob("*.toml")
    )
    for placeholder in ("(demo)", "Example ", "Lorem", "to be written", "TODO"):
        assert placeholder not in text


def test_knee_drawing_names_the_parts_of_the_knee():
    svg = (ROOT / "static" / "articles" / "illustrations" / "knee-side-view.svg").read_text()
    for part in ("Kneecap", "Thigh bone", "Shin bone", "Patellar tendon", "Quadriceps"):
        assert f">{part}<" in svg


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Article, ArticlePage, ArticleSource, HealthCenter, Contributor, ArticleImage)
    )


@pytest.mark.django_db
def test_load_creates_everything_once_without_pictures():
    out = StringIO()
    demo.load(stdout=out)
    assert Article.objects.published().count() == len(ARTICLES)
    assert HealthCenter.objects.count() == len(CENTERS)
    assert not Article.objects.filter(hero_image__isnull=False).exists()
    assert not HealthCenter.objects.filter(hero_image__isnull=False).exists()
    knee = HealthCenter.objects.get(slug="knee-pain")
    assert [f.article.slug for f in knee.feature_links.all()][:1] == ["runners-knee"]
    runners = Article.objects.get(slug="runners-knee")
    assert runners.pages.count() == 3
    reviewer, first_page = runners.medical_reviewer, runners.pages.first()
    assert reviewer is not None and reviewer.role.endswith("sample reviewer profile")
    reviewed, due = runners.last_reviewed_on, runners.next_review_due
    assert reviewed is not None and due is not None and due > reviewed
    assert first_page is not None and "knee-side-view.svg" in first_page.body_html
    before = _counts()
    second = StringIO()
    demo.load(stdout=second)
    assert _counts() == before
    assert "0 new health centers and articles" in second.getvalue()


@pytest.mark.django_db
def test_load_removes_the_abstract_pictures_earlier_demo_loads_drew():
    buffer = BytesIO()
    Image.new("RGB", (1280, 720), (225, 239, 250)).save(buffer, "PNG")
    old = services.image_create(
        data=buffer.getvalue(),
        filename="demo-knee.png",
        alt_text="Drawing of a knee joint",
        credit=demo.OLD_DEMO_PICTURE_CREDIT,
    )
    mine = services.image_create(
        data=buffer.getvalue(), filename="mine.png", alt_text="An editor's photo", credit="Staff"
    )
    center = services.health_center_upsert(slug="knee-pain", title="Knee", hero_image=old)
    demo.load(stdout=StringIO())
    center.refresh_from_db()
    assert center.hero_image is None
    assert list(ArticleImage.objects.all()) == [mine]
