"""Generated support groups, threads and posts, with the thread counters kept in step."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from community.models import Post, SupportGroup, Thread
from community.services.rules import render_text
from healthsite.importing.bulk import insert_rows
from healthsite.scale import GENERATED_NOTE, POOL, paragraph, people, sentence, text_pool

GROUP_PREFIX = "generated-group-"
THREADS_PER_GROUP = 500
LONG_THREAD_POSTS = 201  # an opening post and 200 replies: the benchmark's long thread
LONG_EVERY = 100  # one thread in a hundred is that long
POST_FIELDS = (
    "thread", "number", "author", "body", "body_html", "status", "mentions_crisis", "created_at",
)  # fmt: skip


def _groups(count: int) -> list[int]:
    existing = SupportGroup.objects.public().count()
    start = SupportGroup.objects.filter(slug__startswith=GROUP_PREFIX).count()
    SupportGroup.objects.bulk_create(
        [
            SupportGroup(
                name=f"Generated group {n}",
                slug=f"{GROUP_PREFIX}{n}",
                description=GENERATED_NOTE,
            )
            for n in range(start, start + max(0, count - existing))
        ]
    )
    return list(SupportGroup.objects.public().order_by("pk").values_list("pk", flat=True))


def _lengths(rng: random.Random, threads: int, posts: int) -> list[int]:
    """Posts per thread (each at least its opening post) summing to `posts`: one thread in
    LONG_EVERY has LONG_THREAD_POSTS, the rest share what is left, skewed as forums are."""
    lengths = [LONG_THREAD_POSTS if i % LONG_EVERY == 0 else 1 for i in range(threads)]
    left = posts - sum(lengths)
    if left < 0:
        return [1] * threads
    short = [i for i in range(threads) if i % LONG_EVERY]
    weights = [rng.expovariate(1.0) for _ in short]
    total = sum(weights) or 1.0
    for i, weight in zip(short, weights, strict=True):
        lengths[i] += int(left * weight / total)
    for i in range(posts - sum(lengths)):
        lengths[short[i % len(short)] if short else 0] += 1
    return lengths


def discussions(*, threads: int, posts: int, rng: random.Random, bar: Callable) -> dict[str, int]:
    existing = Thread.objects.count()
    missing = max(0, threads - existing)
    if not missing:
        return {"groups": 0, "threads": 0, "posts": 0}
    groups_before = SupportGroup.objects.count()
    groups = _groups(max(1, threads // THREADS_PER_GROUP))
    authors = people.member_ids()
    pool = [
        render_text(body)[:2]
        for body in text_pool(rng, min(POOL, missing), lambda r: paragraph(r, r.randint(1, 6)))
    ]
    wanted_posts = max(missing, posts - Post.objects.count())
    lengths = _lengths(rng, missing, wanted_posts)
    now = timezone.now()
    made_posts = 0
    with bar(wanted_posts, "posts") as progress:
        for first in range(0, missing, 200):
            chunk = lengths[first : first + 200]
            with transaction.atomic():
                batch_threads = []
                for length in chunk:
                    title = f"{sentence(rng, 3, 8)[:-1]} (generated)"
                    started = now - timedelta(minutes=rng.randint(length, 2_000_000))
                    batch_threads.append(
                        Thread(
                            group_id=rng.choice(groups),
                            title=title[:150],
                            slug=slugify(title)[:150] or "thread",
                            author_id=rng.choice(authors) if authors else None,
                            created_at=started,
                            # One post a minute from the start: the last one is this late.
                            last_post_at=started + timedelta(minutes=length - 1),
                            last_number=length,
                            reply_count=length - 1,
                        )
                    )
                Thread.objects.bulk_create(batch_threads)
                rows = [
                    (
                        thread.pk,
                        number,
                        rng.choice(authors) if authors else None,
                        *rng.choice(pool),
                        Post.Status.PUBLISHED,
                        False,
                        thread.created_at + timedelta(minutes=number - 1),
                    )
                    for thread in batch_threads
                    for number in range(1, thread.last_number + 1)
                ]
                insert_rows(model=Post, fields=POST_FIELDS, rows=rows)
            made_posts += len(rows)
            progress.update(len(rows))
    return {
        "groups": SupportGroup.objects.count() - groups_before,
        "threads": missing,
        "posts": made_posts,
    }
