"""How often the pill identifier finds the right pill, with queries built from the real
NLM RxImage data (`python -m bench pills_accuracy`).

For a fixed random sample of real pills with an imprint, each kind of query is what a reader
might type:

- exact: the imprint as printed, sides separated by spaces ("PD 155 10");
- lower_nosep: lower case, every separator removed ("pd15510");
- swapped: the printed segments in reverse order ("10 155 PD");
- swapped_nosep: both at once ("10155pd");
- one_side: only the side with the product code (pills with two or more different printed
  segments). US imprints pair a code that names the product with a maker's mark ("93",
  "APO", "WATSON", "M") that dozens of a maker's pills share, and pill identifiers ask for
  the code; we take the code to be the segment the fewest pills in the data carry (ties: the
  longest). Two more rows show what a reader gets from the other choices: maker_side (the
  segment the most pills carry) and any_side (a side picked at random). A maker's mark
  with shape and color still fits dozens of pills equally well, so no ranking can put the
  right one in the top 5: those rows have no target and are printed with how many of their
  queries at most 5 different-looking pills fit;
- lookalike: one character swapped for its look-alike (0/O, 1/I, 5/S, 8/B, 2/Z, either way);

each without and with the pill's shape and one of its colors. A hit is the pill itself or a
pill that looks the same (same imprint tokens, shape, colors and name: repackagers of one
product cannot be told apart by eye), also when it is folded into a result as the same pill
under another NDC. Prints top-1 and top-5 hit rates per kind.
Targets: top-5 >= 98% for exact and one_side+shape+color, >= 90% for lookalike.
"""

from __future__ import annotations

import random
import time
from collections import Counter

SAMPLE = 400
SEED = 20261125
LOOKALIKE = {"0": "O", "O": "0", "1": "I", "I": "1", "5": "S", "S": "5", "8": "B", "B": "8",
             "2": "Z", "Z": "2"}  # fmt: skip
# The top-5 targets, by query kind.
TARGETS = {"exact": 98.0, "exact+shape+color": 98.0, "one_side+shape+color": 98.0,
           "lookalike": 90.0, "lookalike+shape+color": 90.0}  # fmt: skip


def _segment_key(segment: str) -> str:
    from pills.imprint import tokens

    return " ".join(tokens(segment))


def segment_counts(pills) -> Counter:
    """How many pills carry each printed segment (as its tokens)."""
    from pills.imprint import sides

    counts: Counter = Counter()
    for pill in pills:
        counts.update({_segment_key(s) for s in sides(pill.imprint)} - {""})
    return counts


def _queries(pill, rng: random.Random, counts: Counter) -> dict[str, str]:
    from pills.imprint import sides

    segments = sides(pill.imprint)
    printed = " ".join(segments)
    queries = {
        "exact": printed,
        "lower_nosep": "".join(ch for ch in printed.lower() if ch.isalnum()),
        "swapped": " ".join(reversed(segments)),
        "swapped_nosep": "".join(ch for ch in "".join(reversed(segments)).lower() if ch.isalnum()),
    }
    distinct = [s for s in dict.fromkeys(_segment_key(s) for s in segments) if s]
    if len(distinct) >= 2:
        queries["one_side"] = min(distinct, key=lambda s: (counts[s], -len(s)))
        queries["maker_side"] = max(distinct, key=lambda s: (counts[s], len(s)))
        queries["any_side"] = rng.choice(distinct)
    positions = [i for i, ch in enumerate(printed.upper()) if ch in LOOKALIKE]
    if positions:
        i = rng.choice(positions)
        upper = printed.upper()
        queries["lookalike"] = upper[:i] + LOOKALIKE[upper[i]] + upper[i + 1 :]
    return queries


def main() -> None:
    from bench._pills_setup import import_real_pills, setup_django

    setup_django()
    if not import_real_pills():
        return
    from pills.imprint import tokens
    from pills.models import Pill
    from pills.selectors import pill_identify

    def looks(pill) -> tuple:
        return (tuple(sorted(pill.imprint_tokens)), pill.shape, tuple(sorted(pill.colors)),
                pill.name)  # fmt: skip

    pills = list(Pill.objects.filter(source="rximage").exclude(imprint_tokens=[]).order_by("pk"))
    counts = segment_counts(pills)
    rng = random.Random(SEED)
    sample = rng.sample(pills, min(SAMPLE, len(pills)))
    stats: dict[str, list[int]] = {}
    # Single-side queries that at most 5 different-looking pills fit (every typed token
    # printed on them, same shape and color): the ones a ranking can promise a top-5 hit.
    ambiguous: dict[str, list[int]] = {}
    by_looks = {looks(p): p for p in pills}
    started = time.perf_counter()
    for pill in sample:
        target = looks(pill)
        for kind, imprint in _queries(pill, rng, counts).items():
            for with_sc in (False, True):
                name = f"{kind}{'+shape+color' if with_sc else ''}"
                results = pill_identify(
                    imprint=imprint,
                    shape=pill.shape if with_sc else "",
                    color=rng.choice(pill.colors) if with_sc and pill.colors else "",
                    limit=5,
                )
                ranks = [i for i, m in enumerate(results)
                         if any(p.pk == pill.pk or looks(p) == target
                                for p in (m.pill, *m.twins))]  # fmt: skip
                row = stats.setdefault(name, [0, 0, 0])
                row[0] += 1
                row[1] += bool(ranks) and ranks[0] == 0
                row[2] += bool(ranks)
                if kind in ("one_side", "maker_side", "any_side"):
                    typed = set(tokens(imprint))
                    rivals = sum(
                        1 for other in by_looks.values()
                        if typed <= set(other.imprint_tokens)
                        and (not with_sc or (other.shape == pill.shape
                                             and set(other.colors) & set(pill.colors)))
                    )  # fmt: skip
                    if rivals <= 5:
                        clear = ambiguous.setdefault(name, [0, 0])
                        clear[0] += 1
                        clear[1] += bool(ranks)
    elapsed = time.perf_counter() - started
    print(f"{len(sample)} real pills sampled of {len(pills)} (seed {SEED}); {elapsed:.0f} s")
    print(f"{'query kind':32} {'queries':>7} {'top-1':>7} {'top-5':>7}  top-5 target")
    for name, (n, top1, top5) in stats.items():
        rate = 100 * top5 / n
        goal = TARGETS.get(name)
        verdict = f">= {goal:.0f}% {'met' if rate >= goal else 'MISSED'}" if goal else ""
        print(f"{name:32} {n:7d} {100 * top1 / n:6.1f}% {rate:6.1f}%  {verdict}")
    for name, (n, top5) in ambiguous.items():
        print(
            f"{name} that at most 5 different-looking pills fit: "
            f"{n} queries, top-5 {100 * top5 / n:.1f}%"
        )


if __name__ == "__main__":
    main()
