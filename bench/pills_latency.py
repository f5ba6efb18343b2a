"""Pill identify latency at 100,000 pills (`python -m bench pills_latency`).

The real RxImage pills (4,390) are imported, then generated variants are added until there
are 100,000 pills: copies of real pills whose imprint digits and letters are changed at
random (so token frequencies stay realistic: many pills share "93", "M", "10"), with real
shapes and colors. Queries are real imprints typed in the benchmark's kinds (exact, lower
case without separators, one side, one look-alike, shape and color only), with and without
shape and color. Prints p50/p95/max in milliseconds. Uses DATABASE_URL when set
(PostgreSQL), else a temporary SQLite file. Target: p95 under 50 ms.
"""

from __future__ import annotations

import os
import random
import statistics
import string
import time

TARGET = 100_000
QUERIES = 400
SEED = 7


def _mutate(imprint: str, rng: random.Random) -> str:
    chars = list(imprint)
    positions = [i for i, ch in enumerate(chars) if ch.isalnum()]
    for i in rng.sample(positions, min(len(positions), rng.randint(1, 2))):
        pool = string.digits if chars[i].isdigit() else string.ascii_uppercase
        chars[i] = rng.choice(pool)
    return "".join(chars)


def _fill(rng: random.Random) -> None:
    from django.db import transaction

    from pills.imprint import Query, index_forms
    from pills.models import Pill, PillColor, PillToken, colors_mask

    real = list(Pill.objects.filter(source="rximage").values(
        "imprint", "shape", "colors", "name", "strength", "product_ndc"))  # fmt: skip
    missing = TARGET - Pill.objects.count()
    n = 0
    while n < missing:
        with transaction.atomic():
            batch: list[Pill] = []
            for _ in range(min(5000, missing - n)):
                base = rng.choice(real)
                imprint = _mutate(base["imprint"], rng)
                # Read as pill_upsert reads a pill's imprint: the query parser's tokens.
                printed = Query.parse(imprint)
                token_list, logo = list(printed.tokens), printed.logo
                batch.append(Pill(
                    source="editorial", source_key=f"bench:{n + len(batch)}", imprint=imprint,
                    imprint_tokens=token_list, has_logo=logo, shape=base["shape"],
                    colors=base["colors"], colors_mask=colors_mask(base["colors"]),
                    name=base["name"], strength=base["strength"],
                    product_ndc=base["product_ndc"], commonness=rng.randint(0, 3)))  # fmt: skip
            Pill.objects.bulk_create(batch, batch_size=1000)
            saved = Pill.objects.filter(source_key__in=[p.source_key for p in batch]).values_list(
                "pk", "imprint_tokens", "shape", "colors", "colors_mask", "commonness"
            )
            tokens, colors = [], []
            for pk, toks, shape, pill_colors, mask, common in saved:
                tokens += [PillToken(pill_id=pk, kind=kind, form=form, shape=shape,
                                     colors_mask=mask, commonness=common)
                           for kind, form in index_forms(toks)]  # fmt: skip
                colors += [PillColor(pill_id=pk, color=c, shape=shape, commonness=common)
                           for c in pill_colors]  # fmt: skip
            PillToken.objects.bulk_create(tokens, batch_size=2000)
            PillColor.objects.bulk_create(colors, batch_size=2000)
            n += len(batch)


def main() -> None:
    from bench._pills_setup import import_real_pills, setup_django

    setup_django()
    if not import_real_pills():
        return
    from django.db import connection

    from bench.pills_accuracy import _queries, segment_counts
    from pills.models import Pill
    from pills.selectors import pill_identify

    rng = random.Random(SEED)
    started = time.perf_counter()
    _fill(rng)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    total = Pill.objects.count()
    print(f"{connection.vendor}: {total} pills ({time.perf_counter() - started:.0f} s to build)")
    real = list(Pill.objects.filter(source="rximage").exclude(imprint_tokens=[]))
    counts = segment_counts(real)
    cases = []
    for pill in rng.sample(real, QUERIES // 4):
        for kind, imprint in _queries(pill, rng, counts).items():
            with_sc = rng.random() < 0.5
            cases.append((kind, imprint, pill.shape if with_sc else "",
                          pill.colors[0] if with_sc and pill.colors else ""))  # fmt: skip
        cases.append(("shape_color_only", "", pill.shape, pill.colors[0] if pill.colors else ""))
    for _kind, imprint, shape, color in cases[:20]:  # warm caches
        pill_identify(imprint=imprint, shape=shape, color=color)
    timings: dict[str, list[float]] = {}
    cpu: list[float] = []
    for kind, imprint, shape, color in cases:
        t, c = time.perf_counter(), time.process_time()
        pill_identify(imprint=imprint, shape=shape, color=color)
        timings.setdefault(kind, []).append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    every = [ms for values in timings.values() for ms in values]

    def line(name: str, values: list[float]) -> str:
        values = sorted(values)
        p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
        return (f"{name:18} n={len(values):4d}  p50 {statistics.median(values):6.1f} ms  "
                f"p95 {p95:6.1f} ms  max {values[-1]:6.1f} ms")  # fmt: skip

    for kind, values in timings.items():
        print(line(kind, values))
    print(line("ALL", every))
    # On a shared machine wall time includes waiting for a core; CPU time of this process
    # (all of the work on SQLite, the Python side only on PostgreSQL) shows the cost alone.
    print(line("ALL, CPU time", cpu))
    print("load average while measuring: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
