"""Interaction checker with 30 medicines: the selector and the whole page (target p95 < 100 ms).

Builds 2,000 single-ingredient drugs and 40,000 random interactions, then checks 30 random
medicines repeatedly. `python -m bench interactions`.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time

DRUGS = 2000
INTERACTIONS = 40_000
CHECKED = 30
RUNS = 100


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthsite.settings")
    os.environ["HEALTHSITE_TESTING"] = "1"
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="bench-interactions-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _build() -> list[str]:
    from django.db import transaction

    from drugs.models import Drug, DrugIngredient, Ingredient
    from interactions.models import Interaction, Severity

    rng = random.Random(7)
    with transaction.atomic():
        Interaction.objects.all().delete()
        Drug.objects.filter(slug__startswith="bench-").delete()
        Ingredient.objects.filter(slug__startswith="bench-").delete()
        ingredients = Ingredient.objects.bulk_create(
            Ingredient(name=f"Bench {n}", slug=f"bench-{n}", normalized=f"bench {n}")
            for n in range(DRUGS)
        )
        drugs = Drug.objects.bulk_create(
            Drug(name=f"Bench drug {n}", slug=f"bench-drug-{n}", sort_letter="B")
            for n in range(DRUGS)
        )
        DrugIngredient.objects.bulk_create(
            DrugIngredient(drug=d, ingredient=i) for d, i in zip(drugs, ingredients, strict=True)
        )
        pairs: set[tuple[int, int]] = set()
        while len(pairs) < INTERACTIONS:
            a, b = sorted(rng.sample(range(DRUGS), 2))
            pairs.add((a, b))
        Interaction.objects.bulk_create(
            (
                Interaction(
                    ingredient_a=ingredients[a],
                    ingredient_b=ingredients[b],
                    severity=rng.choice(list(Severity)),
                    source=Interaction.Source.NDF_RT,
                )
                for a, b in pairs
            ),
            batch_size=2000,
        )
    return [d.slug for d in drugs]


def _percentiles(samples: list[float]) -> str:
    samples = sorted(samples)
    p50 = statistics.median(samples)
    p95 = samples[int(len(samples) * 0.95) - 1]
    return f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {samples[-1]:.1f} ms"


def main() -> None:
    _setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    from interactions import selectors

    setup_test_environment()
    slugs = _build()
    rng = random.Random(11)
    client = Client()
    for _ in range(5):  # warm up: template compilation and connection set-up are one-off
        client.get("/interactions/", {"drugs": ",".join(rng.sample(slugs, CHECKED))})
    selector_ms, page_ms, found = [], [], 0
    for _ in range(RUNS):
        chosen = rng.sample(slugs, CHECKED)
        start = time.perf_counter()
        drugs, _missing = selectors.drugs_for_check(chosen)
        result = selectors.interaction_check(drugs=drugs)
        selector_ms.append((time.perf_counter() - start) * 1000)
        found += result.interaction_count
        start = time.perf_counter()
        response = client.get("/interactions/", {"drugs": ",".join(chosen)})
        page_ms.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    print(
        f"{CHECKED} medicines ({CHECKED * (CHECKED - 1) // 2} pairs), {RUNS} runs, "
        f"{DRUGS} drugs, {INTERACTIONS} interactions; {found / RUNS:.1f} found per check"
    )
    print(f"selector: {_percentiles(selector_ms)}")
    print(f"page:     {_percentiles(page_ms)}  (target p95 < 100 ms)")


if __name__ == "__main__":
    main()
