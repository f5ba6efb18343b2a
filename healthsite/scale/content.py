"""Generated articles, drugs, pills and drug reviews, each marked as generated."""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from articles.models import Article, ArticlePage, HealthCenter
from articles.readability import reading_grade
from drugs.models import Drug, Review
from drugs.services import drug_names_bulk_add
from drugs.text import render_monograph
from healthsite.importing.bulk import insert_rows
from healthsite.scale import GENERATED_NOTE, POOL, batches, paragraph, people, sentence, text_pool
from healthsite.text import plain_text, render_editorial, render_user
from pills.imprint import Query
from pills.models import Pill, PillColor, PillToken, colors_mask, imprint_key
from pills.services import pill_token_forms

ARTICLE_PREFIX = "generated-article-"
DRUG_PREFIX = "generated-drug-"
PILL_PREFIX = "generated:"


def _article_body(rng: random.Random) -> str:
    parts = [f"_{GENERATED_NOTE}_"]
    for _ in range(rng.randint(3, 6)):
        parts.append(f"## {sentence(rng, 2, 5)[:-1]}")
        parts.append(paragraph(rng, rng.randint(3, 7)))
    return "\n\n".join(parts)


def articles(*, target: int, rng: random.Random, bar: Callable) -> int:
    start = Article.objects.filter(slug__startswith=ARTICLE_PREFIX).count()
    missing = max(0, target - Article.objects.count())
    centers = list(HealthCenter.objects.order_by("pk").values_list("pk", flat=True))
    pool = []
    for body in text_pool(rng, min(POOL, missing), _article_body):
        html = render_editorial(body)
        pool.append((body, html, reading_grade(plain_text(html))))
    now = timezone.now()
    Link = Article.health_centers.through
    with bar(missing, "articles") as progress:
        for chunk in batches(iter(range(start, start + missing)), 1000):
            with transaction.atomic():
                made = Article.objects.bulk_create(
                    [
                        Article(
                            title=f"Generated article {n}: {sentence(rng, 2, 5)[:-1]}"[:200],
                            slug=f"{ARTICLE_PREFIX}{n}",
                            summary=f"{GENERATED_NOTE} {sentence(rng)}"[:300],
                            status=Article.Status.PUBLISHED,
                            publish_at=now - timedelta(days=rng.randint(1, 3000)),
                            last_reviewed_on=(now - timedelta(days=30)).date(),
                        )
                        for n in chunk
                    ]
                )
                pages = []
                for article in made:
                    for position in range(1, rng.choice((1, 1, 2, 3)) + 1):
                        body, html, grade = rng.choice(pool)
                        title = article.title if position == 1 else sentence(rng, 2, 5)[:-1]
                        pages.append(
                            ArticlePage(
                                article=article,
                                position=position,
                                title=title[:200],
                                body=body,
                                body_html=html,
                                reading_grade=grade,
                            )
                        )
                ArticlePage.objects.bulk_create(pages, batch_size=500)
                if centers:
                    Link.objects.bulk_create(
                        [Link(article=a, healthcenter_id=rng.choice(centers)) for a in made]
                    )
            progress.update(len(chunk))
    return missing


def _drug_names(rng: random.Random, real: list[str], count: int) -> list[str]:
    """Names spliced from two real names' halves ("Metfo" + "pril"), so their letter
    patterns (and so name search and suggest) behave like real ones; numbered to be unique."""
    names = []
    for n in range(count):
        if real:
            a, b = rng.choice(real), rng.choice(real)
            stem = (a[: max(2, len(a) // 2)] + b[len(b) // 2 :]).strip().title()
        else:
            stem = "".join(rng.choice(string.ascii_lowercase) for _ in range(8)).title()
        names.append(f"{stem} {n}")
    return names


def drugs(*, target: int, rng: random.Random, bar: Callable) -> int:
    start = Drug.objects.filter(slug__startswith=DRUG_PREFIX).count()
    missing = max(0, target - Drug.objects.count())
    real = list(Drug.objects.exclude(slug__startswith=DRUG_PREFIX).values_list("name", flat=True))
    names = _drug_names(rng, sorted(real), start + missing)[start:]
    empty_monograph = render_monograph(dict.fromkeys(Drug.RENDERED_FIELDS, ""))
    kinds = [Drug.Kind.PRESCRIPTION] * 6 + [Drug.Kind.OTC] * 3 + [Drug.Kind.SUPPLEMENT]
    with bar(missing, "drugs") as progress:
        for chunk in batches(iter(zip(range(start, start + missing), names, strict=True))):
            with transaction.atomic():
                made = []
                for n, name in chunk:
                    first = name[:1].upper()
                    made.append(
                        Drug(
                            name=name,
                            slug=f"{DRUG_PREFIX}{n}",
                            kind=rng.choice(kinds),
                            sort_letter=first if "A" <= first <= "Z" else "#",
                            summary=GENERATED_NOTE,
                            monograph_html=empty_monograph,
                        )
                    )
                Drug.objects.bulk_create(made, batch_size=500)
                drug_names_bulk_add(
                    entries=[(drug.pk, drug.name, "generic") for drug in made if drug.pk]
                )
            progress.update(len(chunk))
    return missing


def _mutate(imprint: str, rng: random.Random) -> str:
    chars = list(imprint)
    positions = [i for i, ch in enumerate(chars) if ch.isalnum()]
    for i in rng.sample(positions, min(len(positions), rng.randint(1, 2))):
        chars[i] = rng.choice(string.digits if chars[i].isdigit() else string.ascii_uppercase)
    return "".join(chars)


def pills(*, target: int, rng: random.Random, bar: Callable) -> int:
    """Copies of real pills with an imprint character or two changed (so imprint token
    frequencies stay realistic), real shapes and colors; labelled as generated."""
    start = Pill.objects.filter(source_key__startswith=PILL_PREFIX).count()
    missing = max(0, target - Pill.objects.count())
    real = list(
        Pill.objects.exclude(source_key__startswith=PILL_PREFIX)
        .exclude(imprint="")
        .order_by("pk")
        .values("imprint", "shape", "colors", "strength")
    ) or [{"imprint": "AB;123", "shape": "C48348", "colors": ["C48325"], "strength": "10 mg"}]
    with bar(missing, "pills") as progress:
        for chunk in batches(iter(range(start, start + missing))):
            with transaction.atomic():
                made = []
                for n in chunk:
                    base = rng.choice(real)
                    imprint = _mutate(base["imprint"], rng)
                    printed = Query.parse(imprint)
                    tokens = list(printed.tokens)
                    made.append(
                        Pill(
                            source=Pill.Source.EDITORIAL,
                            source_key=f"{PILL_PREFIX}{n}",
                            imprint=imprint,
                            imprint_tokens=tokens,
                            imprint_key=imprint_key(tokens),
                            has_logo=printed.logo,
                            shape=base["shape"],
                            colors=base["colors"],
                            colors_mask=colors_mask(base["colors"]),
                            name=f"Generated pill {n}",
                            labeler="Generated test data",
                            strength=base["strength"],
                            commonness=rng.randint(0, 3),
                        )
                    )
                Pill.objects.bulk_create(made, batch_size=500)
                insert_rows(
                    model=PillToken,
                    fields=("pill", "kind", "form", "shape", "colors_mask", "commonness"),
                    rows=(
                        (p.pk, kind, form, p.shape, p.colors_mask, p.commonness)
                        for p in made
                        for kind, form in pill_token_forms(
                            imprint=p.imprint, imprint_tokens=p.imprint_tokens
                        )
                    ),
                )
                insert_rows(
                    model=PillColor,
                    fields=("pill", "color", "shape", "commonness"),
                    rows=((p.pk, c, p.shape, p.commonness) for p in made for c in p.colors),
                )
            progress.update(len(chunk))
    return missing


def reviews(*, target: int, rng: random.Random, bar: Callable) -> int:
    """Published reviews by generated members, one per member and drug (the site's rule)."""
    missing = max(0, target - Review.objects.count())
    authors = people.member_ids()
    drug_ids = list(Drug.objects.published().order_by("pk").values_list("pk", flat=True))
    if not authors or not drug_ids:
        return 0
    taken = set(Review.objects.filter(author_id__in=authors).values_list("drug_id", "author_id"))
    missing = min(missing, len(authors) * len(drug_ids) - len(taken))
    pool = []
    for body in text_pool(rng, min(POOL, missing), lambda r: f"{GENERATED_NOTE} {paragraph(r, 3)}"):
        pool.append((body, render_user(body)))
    # Popular drugs get most reviews, as on a real site: a few drugs with thousands.
    weights = [1.0 / (rank + 1) for rank in range(len(drug_ids))]
    popular = rng.sample(drug_ids, len(drug_ids))
    made = 0
    now = timezone.now()
    published = (Review.Status.PUBLISHED, 0, "")  # status, helpful votes, reason for hiding
    with bar(missing, "reviews") as progress:
        while made < missing:
            batch = []
            for drug_id in rng.choices(popular, weights, k=min(BATCH_REVIEWS, missing - made)):
                author_id = rng.choice(authors)
                if (drug_id, author_id) in taken:
                    continue
                taken.add((drug_id, author_id))
                body, html = rng.choice(pool)
                ratings = (rng.randint(1, 5), rng.randint(1, 5), rng.randint(1, 5))
                written = now - timedelta(minutes=rng.randint(0, 3_000_000))
                batch.append((drug_id, author_id, *ratings, body, html, written))
            with transaction.atomic():
                insert_rows(
                    model=Review,
                    fields=REVIEW_FIELDS,
                    rows=(
                        (d, a, e, u, s, "", "", "", Review.Role.PATIENT, b, h, *published, at, at)
                        for d, a, e, u, s, b, h, at in batch
                    ),
                )
            made += len(batch)
            progress.update(len(batch))
    return made


BATCH_REVIEWS = 2000
REVIEW_FIELDS = (
    "drug", "author", "effectiveness", "ease_of_use", "satisfaction", "age_band", "sex",
    "time_on", "role", "body", "body_html", "status", "helpful_count", "hidden_reason",
    "created_at", "updated_at",
)  # fmt: skip
