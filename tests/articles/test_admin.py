"""Editors' admin: screens load, readability per page, alt text required, review list."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article, ArticleImage
from search.models import SearchDocument
from tests.articles.factories import make_article, make_image_bytes
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client


def test_article_change_page_shows_reading_grade_per_page(editor):
    article = make_article(pages=2)
    response = editor.get(f"/admin/articles/article/{article.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Flesch-Kincaid reading grade" in html
    assert html.count("plain language") == 2


def test_due_for_review_list_and_filter(editor):
    make_article(title="Overdue guide", next_review_due=dt.date(2020, 1, 1))
    make_article(
        title="Fresh guide",
        last_reviewed_on=dt.date(2026, 1, 1),
        next_review_due=dt.date(2099, 1, 1),
    )
    html = editor.get("/admin/articles/articledueforreview/").content.decode()
    assert "Overdue guide" in html and "Fresh guide" not in html
    html = editor.get("/admin/articles/article/?review=due").content.decode()
    assert "Overdue guide" in html and "Fresh guide" not in html


def test_image_upload_requires_alt_text_and_makes_renditions(editor):
    upload = SimpleUploadedFile("pic.png", make_image_bytes(), content_type="image/png")
    response = editor.post("/admin/articles/articleimage/add/", {"image": upload, "alt_text": ""})
    assert response.status_code == 200
    assert not ArticleImage.objects.exists()
    upload = SimpleUploadedFile("pic.png", make_image_bytes(), content_type="image/png")
    response = editor.post(
        "/admin/articles/articleimage/add/", {"image": upload, "alt_text": "A blue square"}
    )
    assert response.status_code == 302
    image = ArticleImage.objects.get()
    assert {r["format"] for r in image.renditions} == {"webp", "jpeg"}


def test_publishing_in_admin_indexes_the_article(editor):
    article = make_article(status=Article.Status.DRAFT)
    assert not SearchDocument.objects.filter(kind="article").exists()
    page = article.pages.get()
    data = {
        "title": article.title,
        "slug": article.slug,
        "summary": article.summary,
        "status": "published",
        "publish_at_0": "",
        "publish_at_1": "",
        "tags": "",
        "pages-TOTAL_FORMS": "1",
        "pages-INITIAL_FORMS": "1",
        "pages-MIN_NUM_FORMS": "1",
        "pages-MAX_NUM_FORMS": "1000",
        "pages-0-id": str(page.pk),
        "pages-0-article": str(article.pk),
        "pages-0-position": "1",
        "pages-0-title": page.title,
        "pages-0-body": "New body text.",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
        "related_to_links-TOTAL_FORMS": "0",
        "related_to_links-INITIAL_FORMS": "0",
        "related_to_links-MIN_NUM_FORMS": "0",
        "related_to_links-MAX_NUM_FORMS": "1000",
    }
    response = editor.post(f"/admin/articles/article/{article.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.is_public
    doc = SearchDocument.objects.get(kind="article")
    assert "New body text." in doc.body


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        "/admin/articles/healthcenter/add/",
        "/admin/articles/condition/?q=knee",
        "/admin/articles/articleimage/",
    ],
)
def test_admin_screens_load(editor, url):
    assert editor.get(url).status_code == 200


def test_deleting_health_centers_in_bulk_removes_them_from_search(editor):
    from articles.models import HealthCenter
    from tests.articles.factories import make_health_center

    centers = [make_health_center(), make_health_center()]
    assert SearchDocument.objects.filter(kind="health_center").count() == 2
    response = editor.post(
        "/admin/articles/healthcenter/",
        {"action": "delete_selected", "_selected_action": [c.pk for c in centers], "post": "yes"},
    )
    assert response.status_code == 302
    assert not HealthCenter.objects.exists()
    assert not SearchDocument.objects.filter(kind="health_center").exists()
