"""Data at scale for benchmarks: `manage.py generate_scale_data --size small|large`.

Tops the database up to a target count of articles, drugs, pills, members, community
threads and posts and drug reviews, on top of whatever is there (the real imported data,
or the demo content). Everything generated says so: members are `Generated member N`
with an address under `scale.invalid` and an unusable password; articles, drugs and posts
carry a line saying they are generated test data, not medical information. Rows are
written in batches with `bulk_create` (the project's bulk paths where it has them), the
derived columns (rendered HTML, sort letters, imprint keys, thread counters, name
trigrams, pill index rows) are computed the way the models' own writers compute them, and
the site index is rebuilt in bulk for the kinds that changed.

The same seed on the same starting database gives the same rows: every step draws from
its own `random.Random` seeded with the seed and the step's name.
"""

from __future__ import annotations

import io
import random
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TextIO

from tqdm import tqdm

# Large is the target; small is about 1/20 of it.
LARGE = {
    "articles": 10_000,
    "drugs": 50_000,
    "pills": 100_000,
    "members": 100_000,
    "threads": 20_000,
    "posts": 1_000_000,
    "reviews": 200_000,
}
SIZES = {"large": 1.0, "small": 0.05}
BATCH = 2_000
POOL = 200  # distinct texts of a kind, rendered once each and reused
GENERATED_NOTE = "Generated test data for load testing: not medical information."


@dataclass(frozen=True)
class Targets:
    articles: int
    drugs: int
    pills: int
    members: int
    threads: int
    posts: int
    reviews: int

    @classmethod
    def for_size(cls, size: str, *, scale: float | None = None) -> Targets:
        factor = SIZES[size] if scale is None else scale
        counts = {name: max(1, round(count * factor)) for name, count in LARGE.items()}
        return cls(**counts)


def rng_for(seed: int, step: str) -> random.Random:
    """One generator per step, so adding a step never changes another step's rows."""
    return random.Random(zlib.crc32(f"{seed}:{step}".encode()))


def batches(items: Iterator, size: int = BATCH) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def progress(total: int, label: str, quiet: bool) -> tqdm:
    """A progress bar on standard error (standard output keeps the summary)."""
    return tqdm(total=total, desc=f"{label:9}", unit=" rows", disable=quiet, ascii=True)


# Neutral filler: what people write about, without medical claims.
WORDS = (
    "morning",
    "evening",
    "week",
    "month",
    "doctor",
    "appointment",
    "pharmacy",
    "family",
    "walk",
    "sleep",
    "tired",
    "better",
    "worse",
    "question",
    "answer",
    "thanks",
    "update",
    "today",
    "yesterday",
    "support",
    "group",
    "helpful",
    "story",
    "share",
    "headache",
    "back",
    "knee",
    "blood",
    "pressure",
    "sugar",
    "diet",
    "exercise",
    "water",
    "coffee",
    "tea",
    "work",
    "friends",
    "clinic",
    "nurse",
    "waiting",
    "list",
    "letter",
    "results",
    "follow-up",
    "routine",
    "plan",
    "notes",
    "diary",
    "reminder",
)


def sentence(rng: random.Random, low: int = 6, high: int = 16) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def text_pool(rng: random.Random, size: int, make: Callable[[random.Random], str]) -> list[str]:
    return [make(rng) for _ in range(size)]


def generate(
    *, targets: Targets, seed: int, stdout: TextIO | None = None, quiet: bool = False
) -> dict[str, int]:
    """Top the database up to `targets`; returns how many rows each step added."""
    from django.core.management import call_command

    from healthsite.scale import community, content, people

    def bar(total: int, label: str) -> tqdm:
        return progress(total, label, quiet)

    added = {
        "members": people.members(target=targets.members, rng=rng_for(seed, "members"), bar=bar),
        "articles": content.articles(
            target=targets.articles, rng=rng_for(seed, "articles"), bar=bar
        ),
        "drugs": content.drugs(target=targets.drugs, rng=rng_for(seed, "drugs"), bar=bar),
        "pills": content.pills(target=targets.pills, rng=rng_for(seed, "pills"), bar=bar),
        "reviews": content.reviews(target=targets.reviews, rng=rng_for(seed, "reviews"), bar=bar),
    }
    added.update(
        community.discussions(
            threads=targets.threads, posts=targets.posts, rng=rng_for(seed, "community"), bar=bar
        )
    )
    kinds = [
        kind
        for kind, step in (
            ("article", "articles"),
            ("drug", "drugs"),
            ("pill", "pills"),
            ("community_group", "groups"),
            ("community_thread", "threads"),
        )
        if added.get(step)
    ]
    if kinds:
        call_command("rebuild_search_index", kind=kinds, stdout=stdout or io.StringIO())
    return added
