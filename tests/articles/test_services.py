"""Services: rendering once on save, publishing rules, search index, images."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from articles import services
from articles.models import Article
from articles.readability import count_syllables, reading_grade
from articles.services import PageInput
from search.models import SearchDocument
from tests.articles.factories import make_article, make_image, make_image_bytes
from tests.factories import make_condition

pytestmark = pytest.mark.django_db


def test_article_pages_are_rendered_and_sanitised_once_on_save():
    article = make_article(
        page_inputs=[PageInput("One", "# Title\n\nHello **you**. <script>alert(1)</script>")]
    )
    page = article.pages.get()
    assert "<h2>Title</h2>" in page.body_html
    assert "<strong>you</strong>" in page.body_html
    assert "<script" not in page.body_html
    assert page.reading_grade is not None


def test_publishing_without_a_date_sets_it_to_now():
    article = make_article(status=Article.Status.DRAFT)
    assert article.publish_at is None
    before = timezone.now()
    article.status = Article.Status.PUBLISHED  # as the editors' admin saves it
    article.save()
    services.article_after_admin_save(article=article)
    assert article.publish_at is not None
    assert article.publish_at >= before
    assert article.is_public


def test_review_due_must_come_after_last_review():
    with pytest.raises(ValidationError):
        make_article(last_reviewed_on=dt.date(2026, 5, 1), next_review_due=dt.date(2026, 4, 1))


def test_article_needs_a_page():
    with pytest.raises(ValidationError):
        make_article(page_inputs=[])


def test_only_public_articles_are_indexed_one_document_per_page():
    article = make_article(pages=3, title="Runner's Knee")
    docs = SearchDocument.objects.filter(kind="article").order_by("key")
    assert [d.key for d in docs] == [f"{article.pk}/1", f"{article.pk}/2", f"{article.pk}/3"]
    assert docs[1].url == f"/articles/{article.slug}/2/"
    assert docs[0].url == f"/articles/{article.slug}/"
    assert "Runner's Knee" in docs[1].title

    article.status = Article.Status.IN_REVIEW  # as the editors' admin saves it
    article.save()
    services.article_after_admin_save(article=article)
    assert not SearchDocument.objects.filter(kind="article").exists()


def test_drafts_are_not_indexed_and_scheduled_articles_wait_for_their_date():
    make_article(status=Article.Status.DRAFT)
    assert not SearchDocument.objects.filter(kind="article").exists()
    when = timezone.now() + dt.timedelta(days=3)
    scheduled = make_article(publish_at=when)
    assert scheduled.is_scheduled and not scheduled.is_public
    assert set(SearchDocument.objects.values_list("key", "visible_from")) == {
        (f"{scheduled.pk}/1", when)
    }


def test_deleting_an_article_removes_it_from_search():
    article = make_article(pages=2)
    services.article_delete(article=article)
    assert not SearchDocument.objects.filter(kind="article").exists()


def test_condition_upsert_indexes_and_finds_by_code_then_slug():
    condition = services.condition_upsert(
        name="Essential hypertension", synonyms=["high blood pressure"], icd10_code="I10"
    )
    again = services.condition_upsert(name="Essential (primary) hypertension", icd10_code="I10")
    assert again.pk == condition.pk
    doc = SearchDocument.objects.get(kind="condition", key=str(condition.pk))
    assert doc.title == "Essential (primary) hypertension"
    assert condition.search_text.startswith("|essential hypertension|high blood pressure|")


def test_condition_created_directly_gets_letter_and_search_text():
    condition = make_condition(name="  zika virus disease")
    assert condition.sort_letter == "Z"
    condition = make_condition(name="2019 novel thing")
    assert condition.sort_letter == "#"


def test_image_create_makes_webp_and_jpeg_renditions_and_strips_metadata():
    image = make_image(width=1000)
    widths = sorted({r["width"] for r in image.renditions})
    assert widths == [320, 640, 960, 1000]
    assert {r["format"] for r in image.renditions} == {"webp", "jpeg"}
    for rendition in image.renditions:
        assert default_storage.exists(rendition["name"])
    with default_storage.open(image.renditions[0]["name"]) as handle:
        assert Image.open(handle).format in {"WEBP", "JPEG"}
    assert "320w" in image.webp_srcset and "960w" in image.jpeg_srcset
    with image.image.open("rb") as handle:
        original = Image.open(handle)
        assert original.format == "JPEG"
        assert not original.getexif()


def test_image_requires_alt_text_and_a_real_picture():
    with pytest.raises(ValidationError):
        services.image_create(data=make_image_bytes(), filename="a.png", alt_text="  ")
    with pytest.raises(ValidationError):
        services.image_create(data=b"not an image", filename="a.png", alt_text="Something")


def test_health_center_intro_is_rendered_and_indexed():
    center = services.health_center_upsert(
        slug="knee-pain", title="Knee Pain", introduction="Knees **matter**."
    )
    assert "<strong>matter</strong>" in center.introduction_html
    assert SearchDocument.objects.filter(kind="health_center", key=str(center.pk)).exists()
    services.health_center_delete(center=center)
    assert not SearchDocument.objects.filter(kind="health_center").exists()


def test_reading_grade_prefers_short_plain_sentences():
    plain = "The knee hurts. Rest it. Use ice. See a doctor if it swells."
    hard = (
        "Patellofemoral pain syndrome characteristically manifests as diffuse retropatellar "
        "discomfort exacerbated by prolonged flexion, stair descent and repetitive loading."
    )
    plain_grade, hard_grade = reading_grade(plain), reading_grade(hard)
    assert plain_grade is not None and plain_grade < 4
    assert hard_grade is not None and hard_grade > 14
    assert reading_grade("") is None
    assert count_syllables("knee") == 1
    assert count_syllables("syndrome") == 2
    assert count_syllables("exacerbated") >= 4
