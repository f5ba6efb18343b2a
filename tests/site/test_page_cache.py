"""The server-side page cache and the HTTP caching headers: anonymous pages shared and
answered from the cache, edits shown at once, nothing personal ever stored or shared."""

import threading
import time

import pytest
from django.core.cache import cache
from django.test import Client

from articles.models import Article
from drugs import services as drug_services
from healthsite.cache import (
    GENERATION_KEY,
    NOT_STORABLE,
    cached_fragment,
    content_changed,
    content_generation,
    single_flight,
)
from healthsite.pagecache import HEADER
from tests.articles.factories import make_article
from tests.community.factories import make_group, make_thread
from tests.drugs.factories import make_drug, make_review
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """Off by default in tests (query counts measure rendering); on as in production here."""
    settings.PAGE_CACHE_SECONDS = 300


def _twice(client, path, **extra):
    return client.get(path, **extra), client.get(path, **extra)


def test_anonymous_page_is_public_for_shared_caches_and_served_from_the_cache(client):
    make_article(slug="knee", title="Knee care")
    first, second = _twice(client, "/articles/knee/")
    control = first["Cache-Control"]
    assert "public" in control
    assert "s-maxage=10" in control
    assert "stale-while-revalidate=60" in control
    assert "max-age=60" in control
    assert first[HEADER] == "miss"
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Cache-Control"] == control


def test_article_and_drug_pages_say_when_they_last_changed(client):
    article = make_article(slug="knee")
    drug = make_drug(name="Zapralol")
    article.refresh_from_db()
    drug.refresh_from_db()
    page = client.get("/articles/knee/")
    assert page["Last-Modified"] == page.headers["Last-Modified"]
    from django.utils.http import http_date

    assert page["Last-Modified"] == http_date(article.updated_at.timestamp())
    drug_page = client.get(drug.get_absolute_url())
    assert drug_page["Last-Modified"] == http_date(drug.updated_at.timestamp())
    # A cache holding that copy revalidates by date and gets a 304.
    again = client.get("/articles/knee/", headers={"if-modified-since": page["Last-Modified"]})
    assert again.status_code == 304


@pytest.mark.parametrize("cached", [False, True])
def test_conditional_get_with_the_etag_gets_304(client, cached):
    make_article(slug="knee")
    if cached:
        client.get("/articles/knee/")
    page = client.get("/articles/knee/")
    assert page[HEADER] == ("hit" if cached else "miss")
    again = client.get("/articles/knee/", headers={"if-none-match": page["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    changed = client.get("/articles/knee/", headers={"if-none-match": '"something-else"'})
    assert changed.status_code == 200


def test_gzipped_and_plain_copies_are_kept_apart(client):
    plain = client.get("/about/")
    zipped = client.get("/about/", headers={"accept-encoding": "gzip"})
    assert zipped["Content-Encoding"] == "gzip"
    assert zipped[HEADER] == "miss"
    assert client.get("/about/", headers={"accept-encoding": "gzip, br"})[HEADER] == "hit"
    again = client.get("/about/")
    assert again[HEADER] == "hit"
    assert "Content-Encoding" not in again
    assert again.content == plain.content


def test_text_size_and_language_have_copies_of_their_own(client):
    client.get("/about/")
    client.cookies["font_size"] = "larger"
    larger = client.get("/about/")
    assert larger[HEADER] == "miss"
    assert 'class="font-larger"' in larger.content.decode()
    spanish = Client(headers={"accept-language": "es"}).get("/about/")
    assert spanish[HEADER] == "miss"


def test_signed_in_pages_are_private_and_never_cached(client):
    member = make_user(display_name="Mira Private")
    client.force_login(member)
    first, second = _twice(client, "/about/")
    assert "private" in first["Cache-Control"]
    assert "public" not in first["Cache-Control"]
    assert HEADER not in first
    assert HEADER not in second
    assert "Mira Private" in second.content.decode()


def test_a_signed_in_page_is_never_served_to_anyone_else():
    """No cross-user leak: one member's page never reaches a visitor or another member, and
    a member never gets the anonymous copy."""
    mira, omar = make_user(display_name="Mira Private"), make_user(display_name="Omar Other")
    mira_client, omar_client, anonymous = Client(), Client(), Client()
    mira_client.force_login(mira)
    omar_client.force_login(omar)
    for path in ("/", "/about/", "/community/"):
        assert "Mira Private" in mira_client.get(path).content.decode()
        for _ in range(2):
            page = anonymous.get(path).content.decode()
            assert "Mira Private" not in page
            other = omar_client.get(path).content.decode()
            assert "Mira Private" not in other
            assert "Omar Other" in other
        assert "Mira Private" in mira_client.get(path).content.decode()


def test_editing_an_article_shows_at_once(client):
    article = make_article(slug="knee", title="Knee care")
    assert "Knee care" in client.get("/articles/knee/").content.decode()
    assert "Knee care" in client.get("/").content.decode()
    assert client.get("/articles/knee/")[HEADER] == "hit"
    article.title = "Knee care, revised"
    article.save()
    page = client.get("/articles/knee/")
    assert page[HEADER] == "miss"
    assert "Knee care, revised" in page.content.decode()


def test_editing_a_drug_shows_at_once(client):
    drug = make_drug(name="Zapralol", summary="Lowers blood pressure.")
    url = drug.get_absolute_url()
    assert "Lowers blood pressure." in client.get(url).content.decode()
    assert client.get(url)[HEADER] == "hit"
    drug_services.drug_update(drug=drug, summary="Lowers blood pressure and slows the heart.")
    assert "slows the heart" in client.get(url).content.decode()


def test_editing_a_thread_shows_at_once(client):
    from community import services as community_services

    author = make_user()
    thread = make_thread(group=make_group(), author=author, body="First words")
    url = thread.get_absolute_url()
    assert "First words" in client.get(url).content.decode()
    assert client.get(url)[HEADER] == "hit"
    community_services.post_edit(post=thread.posts.get(number=1), editor=author, body="New words")
    assert "New words" in client.get(url).content.decode()


def test_a_change_inside_a_transaction_starts_a_new_generation_again_when_it_commits(
    django_capture_on_commit_callbacks,
):
    from django.db import transaction

    before = content_generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        content_changed()
        content_changed()
        during = content_generation()
    assert during != before
    assert len(callbacks) == 1, "one new generation at commit, however many rows changed"
    assert content_generation() != during


def test_a_members_successful_form_submission_starts_a_new_generation(client):
    """Services may change content with QuerySet.update(), which sends no model signal, so
    any form a member submits (answered below 400) starts a new generation, even one that
    saved no model, as here: voting on one's own review is refused with a message."""
    before = content_generation()
    for _ in range(3):
        client.post("/accounts/login/", {"username": "nobody@example.org", "password": "wrong"})
    assert content_generation() == before, "a visitor's form never empties the cache"
    author = make_user()
    drug = make_drug(name="Zapralol")
    review = make_review(drug=drug, author=author)
    client.force_login(author)
    before = content_generation()
    response = client.post(f"/drugs/{drug.slug}/reviews/{review.pk}/helpful/")
    assert response.status_code == 302
    assert content_generation() != before


def test_a_scheduled_article_drops_cached_pages_when_it_goes_live(client):
    make_article(slug="now", title="Live guide")
    make_article(slug="soon", title="Soon guide", publish_at=_in(seconds=1.5))
    home = client.get("/")
    assert "Soon guide" not in home.content.decode()
    assert client.get("/")[HEADER] == "hit"
    time.sleep(1.6)
    assert "Soon guide" in client.get("/").content.decode()


def _in(*, seconds: float):
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() + timedelta(seconds=seconds)


# --- what is never stored ---------------------------------------------------------------------


def test_pages_with_a_csrf_form_are_not_shared_or_stored(client):
    first, second = _twice(client, "/accounts/login/")
    assert first.cookies, "the login form sets the CSRF cookie"
    assert "private" in first["Cache-Control"]
    assert HEADER not in second
    assert second.cookies


def test_errors_are_not_stored(client):
    first, second = _twice(client, "/no-such-page/")
    assert first.status_code == second.status_code == 404
    assert HEADER not in second


def test_messages_bypass_the_cache(client):
    client.get("/about/")
    client.cookies["messages"] = "anything"
    assert HEADER not in client.get("/about/")


def test_long_or_many_field_query_strings_are_not_stored(client):
    long = "/search/?q=" + "knee+" * 60
    assert HEADER not in _twice(client, long)[1]
    many = "/search/?q=knee&a=1&b=2&c=3&d=4&e=5&f=6"
    assert HEADER not in _twice(client, many)[1]
    short = "/search/?q=knee"
    assert _twice(client, short)[1][HEADER] == "hit"


def test_post_and_head_are_never_answered_from_the_cache(client):
    client.get("/about/")
    assert HEADER not in client.head("/about/")


# --- single flight, stale while one recomputes -------------------------------------------------


def _together(count: int, work) -> list:
    results: list = [None] * count
    barrier = threading.Barrier(count)

    def run(i):
        barrier.wait()
        results[i] = work()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_a_missing_hot_key_is_computed_once_while_the_others_wait():
    calls = []

    def compute():
        calls.append(1)
        time.sleep(0.3)
        return "page", "page"

    results = _together(
        8, lambda: single_flight(key="hot", compute=compute, fresh_for=60, stale_for=60)
    )
    assert results == ["page"] * 8
    assert len(calls) == 1


def test_an_expired_hot_key_is_recomputed_once_while_the_others_get_the_old_copy():
    cache.set("hot", (time.time() - 1, "old", True), 60)
    calls = []

    def compute():
        calls.append(1)
        time.sleep(0.3)
        return "new", "new"

    started = time.monotonic()
    results = _together(
        6, lambda: single_flight(key="hot", compute=compute, fresh_for=60, stale_for=60)
    )
    assert len(calls) == 1
    assert sorted(results) == ["new"] + ["old"] * 5
    assert time.monotonic() - started < 1.0
    assert single_flight(key="hot", compute=compute, fresh_for=60, stale_for=60) == "new"


def test_a_result_that_may_not_be_stored_lets_the_waiting_ones_compute_their_own():
    calls = []

    def compute():
        calls.append(1)
        time.sleep(0.1)
        return "error page", NOT_STORABLE

    results = _together(
        4, lambda: single_flight(key="err", compute=compute, fresh_for=60, stale_for=60)
    )
    assert results == ["error page"] * 4
    assert len(calls) == 4


def test_the_shared_cache_add_is_atomic():
    results = _together(8, lambda: cache.add("lock", 1, 30))
    assert results.count(True) == 1


def test_fragments_follow_the_content_generation():
    values = iter(["first", "second"])
    assert cached_fragment(name="list", compute=lambda: next(values)) == "first"
    assert cached_fragment(name="list", compute=lambda: next(values)) == "first"
    content_changed()
    assert cached_fragment(name="list", compute=lambda: next(values)) == "second"


def test_a_lost_generation_is_replaced_by_a_new_one():
    before = content_generation()
    cache.delete(GENERATION_KEY)
    assert content_generation() != before
    assert Article.objects.count() == 0


def test_a_recall_shows_on_the_drug_page_at_once(client):
    from mymedicine.models import Recall, RecallMatch

    drug = make_drug(name="Lisinopril")
    url = drug.get_absolute_url()
    client.get(url)
    assert client.get(url)[HEADER] == "hit"
    recall = Recall.objects.create(
        recall_number="D-0001-2026", product_description="Lisinopril 10 mg tablets"
    )
    RecallMatch.objects.create(recall=recall, drug=drug, matched_by="ingredients")
    assert client.get(url)[HEADER] == "miss"


def test_a_task_finished_by_the_database_worker_starts_a_new_generation():
    from django_tasks.backends.immediate import ImmediateBackend
    from django_tasks.signals import task_finished

    from healthsite.apps import _task_finished

    assert any(key[0] == "healthsite_task_finished" for key, *_ in task_finished.receivers)
    before = content_generation()
    _task_finished(ImmediateBackend)
    assert content_generation() == before, "tasks run in the request are the request's"

    class WorkerBackend:
        pass

    _task_finished(WorkerBackend)
    assert content_generation() != before


def test_migrations_saving_historical_models_leave_the_generation_to_post_migrate():
    from django.apps import apps as global_apps
    from django.db.migrations.state import ProjectState

    from healthsite.apps import _content_saved

    historical = ProjectState.from_apps(global_apps).apps.get_model("articles", "Article")
    assert historical.__module__ == "__fake__"
    before = content_generation()
    _content_saved(historical)
    assert content_generation() == before
    _content_saved(Article)
    assert content_generation() != before
