"""Reader pages: URLs, pagination edge cases, drafts invisible everywhere, structured data,
query ceilings that do not grow with content."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, Condition
from search.models import SearchDocument
from tests.articles.factories import make_article, make_health_center, make_image
from tests.factories import make_condition, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide():
    reviewer = services.contributor_upsert(
        name="Daniel Reyes", credentials="PT, DPT", role="Physiotherapist"
    )
    knee = make_condition(name="Knee pain", slug="knee-pain", kind=Condition.Kind.CONSUMER)
    center = make_health_center(
        slug="knee-pain", title="Knee Pain Health Center", conditions=[knee]
    )
    return make_article(
        slug="runners-knee",
        title="Runner's Knee",
        page_inputs=[
            services.PageInput("What it is and causes", "Page one text."),
            services.PageInput("Symptoms and diagnosis", "Page two text."),
            services.PageInput("Treatment, recovery and prevention", "Page three text."),
        ],
        medical_reviewer=reviewer,
        last_reviewed_on=dt.date(2026, 9, 15),
        next_review_due=dt.date(2027, 9, 15),
        health_centers=[center],
        conditions=[knee],
        tags=["running"],
        hero_image=make_image(alt_text="A knee"),
    )


def h1_count(response) -> int:
    return response.content.decode().count("<h1")


def json_ld(response) -> list[dict]:
    html = response.content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def test_first_page_is_the_bare_url_with_contents_and_pagination(client, guide):
    response = client.get("/articles/runners-knee/")
    assert response.status_code == 200
    html = response.content.decode()
    assert h1_count(response) == 1
    assert "Pages in this guide" in html
    assert re.search(
        r'aria-current="page"><span class="contents-list__current">What it is and causes', html
    )
    assert 'href="/articles/runners-knee/2/"' in html
    assert 'rel="next"' in html and "Symptoms and diagnosis</span></a>" in html
    assert 'rel="prev"' not in html
    assert "Medically reviewed by Daniel Reyes, PT, DPT on 15 September 2026" in html
    assert "Next review due 15 September 2027" in html
    assert "https://www.nhs.uk/conditions/knee-pain/" in html
    assert '<link rel="canonical" href="http://testserver/articles/runners-knee/"' in html or (
        'rel="canonical"' in html and "/articles/runners-knee/" in html
    )
    assert '<meta property="og:type" content="article">' in html
    assert 'type="image/webp"' in html and 'alt="A knee"' in html


def test_middle_and_last_pages_name_their_neighbours(client, guide):
    html = client.get("/articles/runners-knee/2/").content.decode()
    assert "Symptoms and diagnosis" in html.split("</h1>")[0]
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert "What it is and causes</span></a>" in html
    assert "Treatment, recovery and prevention</span></a>" in html
    html = client.get("/articles/runners-knee/3/").content.decode()
    assert 'rel="next"' not in html
    assert 'aria-current="page"' in html


@pytest.mark.parametrize("page", ["0", "4", "99", "x", "1a", "-1"])
def test_page_zero_past_the_end_or_not_a_number_is_404(client, guide, page):
    assert client.get(f"/articles/runners-knee/{page}/").status_code == 404


def test_page_one_redirects_to_the_bare_url(client, guide):
    response = client.get("/articles/runners-knee/1/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/runners-knee/"
    response = client.get("/articles/runners-knee/01/")
    assert response["Location"] == "/articles/runners-knee/"


def test_view_all_shows_every_page_with_one_h1(client, guide):
    response = client.get("/articles/runners-knee/?view=all")
    html = response.content.decode()
    assert h1_count(response) == 1
    for text in ("Page one text.", "Page two text.", "Page three text."):
        assert text in html
    assert 'rel="next"' not in html
    assert "http://127.0.0.1:8000/articles/runners-knee/" in html  # canonical to the bare URL


def test_article_json_ld_is_a_medical_web_page_with_review(client, guide):
    data = json_ld(client.get("/articles/runners-knee/2/"))
    page = next(d for d in data if d["@type"] == "MedicalWebPage")
    assert page["lastReviewed"] == "2026-09-15"
    assert page["reviewedBy"]["name"] == "Daniel Reyes"
    assert page["url"].endswith("/articles/runners-knee/2/")
    assert page["about"][0]["@type"] == "MedicalCondition"


def test_unknown_article_is_404(client):
    assert client.get("/articles/nope/").status_code == 404


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.IN_REVIEW])
def test_unpublished_article_is_invisible_everywhere(client, status):
    center = make_health_center()
    tag_peer = make_article(slug="peer", tags=["secret-tag"], health_centers=[center])
    article = make_article(
        slug="hidden",
        title="Hidden guide",
        status=status,
        pages=2,
        tags=["secret-tag"],
        health_centers=[center],
    )
    assert client.get("/articles/hidden/").status_code == 404
    assert client.get("/articles/hidden/2/").status_code == 404
    assert not SearchDocument.objects.filter(kind="article", key__startswith=f"{article.pk}/")
    assert "Hidden guide" not in client.get("/feeds/articles/").content.decode()
    assert "/articles/hidden/" not in client.get("/sitemap.xml").content.decode()
    assert "Hidden guide" not in client.get(center.get_absolute_url()).content.decode()
    assert "Hidden guide" not in client.get("/tags/secret-tag/").content.decode()
    assert "Hidden guide" not in client.get("/").content.decode()
    assert "Hidden guide" not in client.get(tag_peer.get_absolute_url()).content.decode()


def test_scheduled_article_appears_by_itself_when_its_time_comes(client):
    article = make_article(slug="soon", publish_at=timezone.now() + dt.timedelta(minutes=5))
    assert client.get("/articles/soon/").status_code == 404
    Article.objects.filter(pk=article.pk).update(
        publish_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert client.get("/articles/soon/").status_code == 200
    assert "/articles/soon/" in client.get("/feeds/articles/").content.decode()


def test_scheduled_article_is_found_by_site_search_once_its_time_comes(client):
    article = make_article(
        slug="soon", title="Zebrafish guide", publish_at=timezone.now() + dt.timedelta(minutes=5)
    )
    assert "/articles/soon/" not in client.get("/search/", {"q": "zebrafish"}).content.decode()
    # What the clock does by itself: no save, no task, no re-index.
    past = timezone.now() - dt.timedelta(seconds=1)
    Article.objects.filter(pk=article.pk).update(publish_at=past)
    SearchDocument.objects.filter(kind="article").update(visible_from=past)
    assert "/articles/soon/" in client.get("/search/", {"q": "zebrafish"}).content.decode()


def test_staff_can_preview_a_draft(client):
    make_article(slug="draft", title="Draft guide", status=Article.Status.DRAFT)
    client.force_login(make_user(is_staff=True))
    response = client.get("/articles/draft/")
    assert response.status_code == 200
    assert "Preview" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
    assert "private" in response["Cache-Control"]


def test_published_pages_are_in_feed_and_sitemap(client, guide):
    feed = client.get("/feeds/articles/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "Runner&#x27;s Knee" in feed.content.decode() or "Runner's Knee" in feed.content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    for path in (
        "/articles/runners-knee/",
        "/articles/runners-knee/2/",
        "/health-centers/knee-pain/",
    ):
        assert path in sitemap
    assert "/conditions/knee-pain/" in sitemap


def test_article_page_query_count_does_not_grow_with_content(
    client, guide, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14) as small:
        client.get("/articles/runners-knee/2/")
    baseline = len(small.captured_queries)
    # Many more related articles, tags, conditions and pages.
    extra_conditions = [make_condition() for _ in range(5)]
    for n in range(8):
        make_article(
            tags=["running", f"t{n}"],
            conditions=extra_conditions,
            hero_image=make_image(alt_text=f"pic {n}"),
        )
    services.article_set_related(
        article=guide, related=list(Article.objects.exclude(pk=guide.pk)[:3])
    )
    services.article_upsert(
        slug="runners-knee",
        title="Runner's Knee",
        summary="s",
        pages=[services.PageInput(f"P{n}", "text") for n in range(1, 9)],
        status=Article.Status.PUBLISHED,
        publish_at=guide.publish_at,
        medical_reviewer=guide.medical_reviewer,
        conditions=extra_conditions,
        tags=[f"t{n}" for n in range(8)],
        health_centers=list(guide.health_centers.all()),
        hero_image=guide.hero_image,
    )
    with django_assert_max_num_queries(baseline) as big:
        response = client.get("/articles/runners-knee/2/")
    assert response.status_code == 200
    assert len(big.captured_queries) == baseline


def test_health_center_pages(client, guide):
    response = client.get("/health-centers/")
    assert response.status_code == 200 and h1_count(response) == 1
    assert "Knee Pain Health Center" in response.content.decode()
    response = client.get("/health-centers/knee-pain/")
    assert response.status_code == 200 and h1_count(response) == 1
    html = response.content.decode()
    assert "Runner&#x27;s Knee" in html
    assert "/conditions/knee-pain/" in html
    assert client.get("/health-centers/nope/").status_code == 404


def test_health_center_lists_its_articles_a_page_at_a_time_in_constant_queries(
    client, django_assert_max_num_queries
):
    center = make_health_center(slug="busy-center", title="Busy Health Center")
    for n in range(3):
        make_article(slug=f"guide-{n}", title=f"Guide {n:03d}", health_centers=[center])
    with django_assert_max_num_queries(30) as few:
        response = client.get("/health-centers/busy-center/")
    baseline = len(few.captured_queries)
    assert "Guide 000" in response.content.decode()
    for n in range(3, 60):
        make_article(slug=f"guide-{n}", title=f"Guide {n:03d}", health_centers=[center])
    with django_assert_max_num_queries(baseline):
        response = client.get("/health-centers/busy-center/")
    html = response.content.decode()
    assert "Guide 023" in html and "Guide 024" not in html
    assert "(page 1 of 3)" in html and 'href="?page=2"' in html
    html = client.get("/health-centers/busy-center/", {"page": "3"}).content.decode()
    assert "Guide 048" in html and "Guide 059" in html and "Guide 047" not in html
    assert client.get("/health-centers/busy-center/", {"page": "4"}).status_code == 404
    assert client.get("/health-centers/busy-center/", {"page": "x"}).status_code == 404


def test_conditions_a_to_z_paginates_per_letter_with_constant_queries(
    client, django_assert_max_num_queries
):
    for n in range(5):
        make_condition(name=f"Asthma type {n}", kind=Condition.Kind.CONSUMER)
    with django_assert_max_num_queries(6) as few:
        response = client.get("/conditions/?letter=A")
    baseline = len(few.captured_queries)
    assert response.status_code == 200 and h1_count(response) == 1
    for n in range(250):
        make_condition(name=f"Allergy {n:03d}", kind=Condition.Kind.CONSUMER)
    with django_assert_max_num_queries(baseline):
        response = client.get("/conditions/?letter=A&page=2")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-current="page"' in html
    assert "Allergy 100" in html and "Allergy 000" not in html
    assert "?letter=A&amp;page=3" in html


def test_conditions_search_within_and_bad_input(client):
    make_condition(
        name="High blood pressure", synonyms=["hypertension"], kind=Condition.Kind.CONSUMER
    )
    make_condition(name="Essential (primary) hypertension", icd10_code="I10")
    html = client.get("/conditions/?q=hypertension").content.decode()
    assert "High blood pressure" in html
    assert "Essential (primary) hypertension" not in html  # the vocabulary is not listed
    assert client.get("/conditions/?letter=%%%").status_code == 200
    assert client.get("/conditions/?q=" + "x" * 500).status_code == 200
    # Page numbers that are not pages are "not found", never a server error.
    assert client.get("/conditions/?page=abc").status_code == 404
    assert client.get("/conditions/?page=999999").status_code == 404


def test_condition_page_has_medical_condition_json_ld(client, guide):
    condition = make_condition(
        name="Essential hypertension", synonyms=["high blood pressure"], icd10_code="I10"
    )
    response = client.get(condition.get_absolute_url())
    assert response.status_code == 200 and h1_count(response) == 1
    data = next(d for d in json_ld(response) if d["@type"] == "MedicalCondition")
    assert data["code"] == {"@type": "MedicalCode", "code": "I10", "codingSystem": "ICD-10-CM"}
    assert data["alternateName"] == ["high blood pressure"]
    assert client.get(reverse("articles:condition_detail", args=["nope"])).status_code == 404
    html = client.get("/conditions/knee-pain/").content.decode()
    assert "/articles/runners-knee/" in html


def test_tag_page_lists_published_articles(client, guide):
    response = client.get("/tags/running/")
    assert response.status_code == 200 and h1_count(response) == 1
    assert "/articles/runners-knee/" in response.content.decode()
    assert client.get("/tags/unknown/").status_code == 404


def test_today_promos_and_related_reading_show_thumbnails(client, guide):
    other = make_article(title="Knee exercises", tags=["running"], hero_image=make_image())
    news = make_article(title="Sleep well", hero_image=make_image(alt_text="moon"))
    html = client.get("/articles/runners-knee/").content.decode()
    related, promos = html.split("Today on Healthsite")
    assert "Related reading" in related and other.get_absolute_url() in related
    # Promos do not repeat what related reading already shows.
    assert news.get_absolute_url() in promos and other.get_absolute_url() not in promos
    assert promos.count('class="article-card__thumb"') == 1


def test_home_page_shows_health_centers_and_new_articles(client, guide):
    html = client.get("/").content.decode()
    assert "Knee Pain Health Center" in html
    assert "/articles/runners-knee/" in html


def test_other_apps_can_add_sections_to_a_health_center(client, guide, monkeypatch):
    from healthsite import registry

    def section(request, center):
        return {"template": "articles/_home.html", "context": {"centers": [center]}}

    sections = registry.SectionRegistry("health center page: (request, center)")
    sections.register(section)
    monkeypatch.setattr(registry, "health_center_sections", sections)
    html = client.get("/health-centers/knee-pain/").content.decode()
    assert 'id="home-centers-heading"' in html


def test_pages_are_renumbered_when_an_editor_removes_one(client):
    from articles import services

    article = make_article(slug="three", pages=3)
    article.pages.get(position=2).delete()  # as the admin's inline does
    services.article_after_admin_save(article=article)
    html = client.get("/articles/three/2/").content.decode()
    assert "Body of part 3" in html
    assert 'href="/articles/three/2/"' in html and "/articles/three/3/" not in html
    assert client.get("/articles/three/3/").status_code == 404
    assert SearchDocument.objects.filter(kind="article", url="/articles/three/2/").exists()
