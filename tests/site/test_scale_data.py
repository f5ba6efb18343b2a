"""generate_scale_data: counts, the same rows for the same seed, consistent counters and
index, unusable members, and pages that render over the generated rows."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from articles.models import Article
from community.models import Post, Thread
from drugs.models import Drug, DrugName, Review
from healthsite.scale import Targets
from healthsite.scale.people import generated_members
from pills.models import Pill, PillToken
from search.models import SearchDocument

pytestmark = pytest.mark.django_db(transaction=False)
SCALE = "0.001"  # of large: 10 articles, 50 drugs, 100 pills and members, 1,000 posts


def _generate(seed: int = 5) -> str:
    out = StringIO()
    call_command(
        "generate_scale_data", "--size", "large", "--scale", SCALE, "--seed", str(seed),
        "--quiet", stdout=out,
    )  # fmt: skip
    return out.getvalue()


def _snapshot() -> dict[str, list]:
    return {
        "drugs": sorted(Drug.objects.values_list("name", "kind")),
        "pills": sorted(Pill.objects.values_list("imprint", "shape", "commonness")),
        "threads": sorted(Thread.objects.values_list("title", "last_number", "reply_count")),
        "posts": sorted(Post.objects.values_list("thread__title", "number", "body")),
        "reviews": sorted(
            Review.objects.values_list("drug__name", "author__email", "satisfaction")
        ),
        "articles": sorted(Article.objects.values_list("title", "summary")),
    }


def test_counts_match_the_targets_and_counters_agree():
    targets = Targets.for_size("large", scale=float(SCALE))
    summary = _generate()
    assert "Added" in summary
    assert Article.objects.count() == targets.articles == 10
    assert Drug.objects.count() == targets.drugs == 50
    assert Pill.objects.count() == targets.pills == 100
    assert generated_members().count() == targets.members == 100
    assert Thread.objects.count() == targets.threads == 20
    assert Post.objects.count() == targets.posts == 1000
    assert Review.objects.count() == targets.reviews == 200
    for thread in Thread.objects.all():
        numbers = list(thread.posts.values_list("number", flat=True))
        assert numbers == list(range(1, thread.last_number + 1))
        assert thread.reply_count == len(numbers) - 1
        last = thread.posts.last()
        assert last is not None and last.created_at == thread.last_post_at
    assert Thread.objects.filter(last_number=201).exists()  # the 200-reply thread
    # Every drug findable by name, every pill by imprint, and the site index complete.
    assert DrugName.objects.values("drug").distinct().count() == 50
    assert (
        PillToken.objects.values("pill").distinct().count()
        == Pill.objects.exclude(imprint_tokens=[]).count()
    )
    for kind, count in (("drug", 50), ("community_thread", 20)):
        assert SearchDocument.objects.filter(kind=kind).count() == count
    assert SearchDocument.objects.filter(kind="article").count() == (
        Article.objects.filter(pages__isnull=False).values("pages").count()
    )
    # A second run adds nothing: the database is already at the targets.
    assert "Added 0 members, 0 articles, 0 drugs, 0 pills, 0 reviews" in _generate()


def test_members_are_generated_and_cannot_sign_in(client):
    _generate()
    member = generated_members().first()
    assert member.display_name.startswith("Generated member")
    assert member.email.endswith("@scale.invalid")
    assert not member.has_usable_password()
    assert not client.login(email=member.email, password="")


@pytest.mark.slow  # three generations
def test_same_seed_same_rows_other_seed_other_rows():
    point = transaction.savepoint()
    _generate(seed=5)
    first = _snapshot()
    transaction.savepoint_rollback(point)
    point = transaction.savepoint()
    _generate(seed=5)
    assert _snapshot() == first
    transaction.savepoint_rollback(point)
    _generate(seed=6)
    assert _snapshot()["posts"] != first["posts"]


def test_pages_render_over_generated_data(client):
    _generate()
    thread = Thread.objects.get(last_number=201)
    drug = Drug.objects.filter(slug__startswith="generated-drug-").first()
    article = Article.objects.filter(slug__startswith="generated-article-").first()
    pill = Pill.objects.exclude(imprint="").first()
    assert drug and article and pill
    for url in (
        thread.get_absolute_url(),
        drug.get_absolute_url(),
        f"/drugs/{drug.slug}/reviews/",
        article.get_absolute_url(),
        f"/pills/?imprint={pill.imprint.split(';')[0]}",
        f"/search/?q={drug.name.split()[0]}",
        f"/api/drugs/suggest?q={drug.name[:4]}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert b"Generated test data" in client.get(drug.get_absolute_url()).content


def test_refuses_a_production_configuration(settings):
    settings.DEBUG = False
    settings.TESTING = False
    with pytest.raises(CommandError, match="scratch database"):
        _generate()
