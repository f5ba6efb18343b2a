"""Forgiving condition lookup over an indexed term table (docs/architecture.md).

`ConditionTerm` holds one row per name of every condition, leading to the consumer
condition that covers it; `condition_lookup` finds what a reader typed in at most five
indexed queries, whatever the size of the ICD-10-CM vocabulary:

1. equality on the folded term or its word key (case, accents, apostrophes, plurals,
   word order, abbreviations and lay names the editors listed);
2. a range scan on the folded term (partial names: "alzheimer" -> "alzheimers disease");
3. trigram candidates among consumer conditions' names, then close spellings scored in
   Python ("diabeties" -> diabetes), as `drugs.selectors.drug_search` does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from uuid import uuid4

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Q

from articles.models import Condition, ConditionTerm, ConditionTermTrigram
from healthsite.names import fold, similarity, singular, trigrams, word_key

FUZZY_CANDIDATES = 60
FUZZY_THRESHOLD = 0.75  # as drug_search: real typos score 0.76+, unrelated names below
PREFIX_ROWS = 100
MAX_CANDIDATES = 10
_BRACKETS = re.compile(r"\(([^)]*)\)")
_CODE = re.compile(r"[A-Za-z][0-9][0-9A-Za-z](\.[0-9A-Za-z]{1,4})?")

# Scores: an exact consumer name beats everything; vocabulary (ICD) names rank below the
# consumer names they lead to; an ICD entry no consumer condition covers ranks last.
SCORES = {"exact": 3.0, "prefix": 2.0, "word": 1.5, "fuzzy": 1.0}
SOURCE_BONUS: dict[str, float] = {
    ConditionTerm.Source.NAME: 0.2,
    ConditionTerm.Source.ALSO_KNOWN_AS: 0.1,
    ConditionTerm.Source.CODE: 0.1,
    ConditionTerm.Source.ICD10: 0.0,
}
UNCOVERED_PENALTY = 0.6


@dataclass
class ConditionCandidate:
    condition: Condition
    matched: str  # the name the text matched
    how: str  # "exact" | "prefix" | "word" | "fuzzy"
    score: float


# --- the term table ---------------------------------------------------------------------


def condition_terms(condition: Condition) -> Iterator[tuple[str, str]]:
    """(term, source) for every name of a condition: its name (also without and inside its
    brackets: "Acid reflux (GERD)"), other names, and an ICD entry's code."""
    consumer = condition.kind == Condition.Kind.CONSUMER
    name_source = ConditionTerm.Source.NAME if consumer else ConditionTerm.Source.ICD10
    other_source = ConditionTerm.Source.ALSO_KNOWN_AS if consumer else ConditionTerm.Source.ICD10
    yield condition.name, name_source
    inside = _BRACKETS.findall(condition.name)
    if inside:
        yield _BRACKETS.sub(" ", condition.name), name_source
        for part in inside:
            yield part, other_source
    for synonym in condition.synonyms or []:
        yield synonym, other_source
    if condition.icd10_code:  # one term, without the dot: "K21.9" and "k219" both find it
        yield condition.icd10_code.replace(".", ""), ConditionTerm.Source.CODE
    if consumer:  # the codes its editors listed ("I10"), also before ICD-10-CM is imported
        for code in condition.icd10_codes or []:
            yield code.replace(".", ""), ConditionTerm.Source.CODE


def _term_rows(condition: Condition) -> list[ConditionTerm]:
    target = condition.consumer_id if condition.consumer_id else condition.pk
    rows: dict[str, ConditionTerm] = {}
    for term, source in condition_terms(condition):
        normalized = fold(term)[:255]
        if not normalized or normalized in rows:
            continue
        rows[normalized] = ConditionTerm(
            origin_id=condition.pk,
            condition_id=target,
            term=" ".join(term.split())[:255],
            source=source,
            normalized=normalized,
            key=word_key(normalized)[:255],
        )
    return list(rows.values())


def _save_terms(rows: list[ConditionTerm]) -> None:
    created = ConditionTerm.objects.bulk_create(rows, batch_size=2000)
    if any(row.pk is None for row in created):  # backends without RETURNING
        created = list(ConditionTerm.objects.filter(origin__in={r.origin_id for r in rows}))
    fuzzy = {ConditionTerm.Source.NAME, ConditionTerm.Source.ALSO_KNOWN_AS}
    ConditionTermTrigram.objects.bulk_create(
        (
            ConditionTermTrigram(term_id=row.pk, gram=gram)
            for row in created
            if row.source in fuzzy
            for gram in trigrams(row.normalized)
        ),
        batch_size=5000,
    )


@transaction.atomic
def terms_refresh(*, conditions: Iterable[Condition]) -> None:
    """Rewrite the terms of these conditions (called by `Condition.save`)."""
    conditions = [c for c in conditions if c.pk]
    ConditionTerm.objects.filter(origin__in=[c.pk for c in conditions]).delete()
    _save_terms([row for condition in conditions for row in _term_rows(condition)])
    terms_changed()


@transaction.atomic
def terms_rebuild() -> int:
    """Rewrite every term (after bulk imports, which bypass `save`). Returns the count.

    The whole vocabulary (~160,000 terms) is written with plain executemany: the ORM's
    delete collector and per-object inserts took a minute for what this does in seconds.
    """
    term_table = ConditionTerm._meta.db_table
    gram_table = ConditionTermTrigram._meta.db_table
    fields = ("pk", "kind", "name", "synonyms", "icd10_code", "icd10_codes", "consumer_id")
    count = 0
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {gram_table}")  # noqa: S608  (our table names)
        cursor.execute(f"DELETE FROM {term_table}")  # noqa: S608
        insert = (
            f"INSERT INTO {term_table} "  # noqa: S608
            "(origin_id, condition_id, term, source, normalized, key) "
            "VALUES (%s, %s, %s, %s, %s, %s)"
        )
        batch: list[tuple] = []
        for condition in Condition.objects.only(*fields).iterator(chunk_size=5000):
            batch.extend(
                (r.origin_id, r.condition_id, r.term, r.source, r.normalized, r.key)
                for r in _term_rows(condition)
            )
            if len(batch) >= 10_000:
                cursor.executemany(insert, batch)
                count += len(batch)
                batch = []
        cursor.executemany(insert, batch)
        count += len(batch)
        fuzzy = [ConditionTerm.Source.NAME.value, ConditionTerm.Source.ALSO_KNOWN_AS.value]
        cursor.execute(
            f"SELECT id, normalized FROM {term_table} WHERE source IN (%s, %s)",  # noqa: S608
            fuzzy,
        )
        grams = [
            (pk, gram) for pk, normalized in cursor.fetchall() for gram in trigrams(normalized)
        ]
        cursor.executemany(f"INSERT INTO {gram_table} (term_id, gram) VALUES (%s, %s)", grams)  # noqa: S608
        if connection.vendor == "postgresql":
            # Fresh statistics for the rewritten tables (ANALYZE may run in a transaction),
            # so the lookup's queries are planned for ~900,000 trigrams, not for an empty table.
            cursor.execute(f"ANALYZE {term_table}, {gram_table}")
    terms_changed()
    return count


# --- lookup ------------------------------------------------------------------------------


def _prefix(query: str) -> Q:
    if connection.vendor == "postgresql":
        return Q(normalized__startswith=query)
    # Folded terms hold only [a-z0-9 ]; "{" sorts after "z": an exact, indexed range.
    return Q(normalized__gte=query, normalized__lt=query + "{")


def _query_words(query: str) -> set[str]:
    return {singular(w) for w in query.split() if w not in {"s"}}


def condition_lookup(
    *, text: str, limit: int = MAX_CANDIDATES, exact_only: bool = False
) -> list[ConditionCandidate]:
    """Conditions a reader may mean by `text`, best first; several when several are
    plausible (the caller offers a choice). At most five indexed queries; one with
    `exact_only` (names, other names, codes as typed, give or take case, accents,
    apostrophes, plurals and word order)."""
    query = fold(text)[:255]
    if not query:
        return []
    if _CODE.fullmatch(text.strip()):
        query = fold(text.replace(".", ""))
    key = word_key(query)
    terms = ConditionTerm.objects.select_related("condition")
    found: dict[int, ConditionCandidate] = {}

    def consider(term: ConditionTerm, how: str, score: float) -> None:
        score += SOURCE_BONUS.get(term.source, 0.0)
        if term.condition.kind != Condition.Kind.CONSUMER:
            score -= UNCOVERED_PENALTY
        current = found.get(term.condition_id)
        if current is None or score > current.score:
            found[term.condition_id] = ConditionCandidate(
                condition=term.condition, matched=term.term, how=how, score=score
            )

    slug = text.strip().lower()[:255]
    if "-" in slug and re.fullmatch(r"[a-z0-9-]+", slug):
        # A link's slug (`?condition=knee-pain`): the condition, or the one covering it.
        row = Condition.objects.select_related("consumer").filter(slug=slug).first()
        if row is not None:
            target = row.consumer or row
            return [ConditionCandidate(condition=target, matched=row.name, how="exact", score=4)]
    for term in terms.filter(Q(normalized=query) | Q(key=key))[:50]:
        consider(term, "exact", SCORES["exact"])
    if exact_only:
        return sorted(found.values(), key=lambda c: -c.score)[:limit]
    if not any(c.condition.is_consumer for c in found.values()):
        for term in terms.filter(_prefix(query)).order_by("normalized")[:PREFIX_ROWS]:
            if term.condition_id not in found:
                consider(term, "prefix", SCORES["prefix"] + len(query) / len(term.normalized))
    if len(query) >= 3 and not any(
        c.how == "exact" and c.condition.is_consumer for c in found.values()
    ):
        # Other names holding the words ("knee" -> runner's knee too), and close spellings.
        _close_spellings(query, consider)
    ranked = sorted(
        found.values(),
        key=lambda c: (-c.score, len(c.condition.name), c.condition.name),
    )
    return ranked[:limit]


TERMS_VERSION_KEY = "articles:condition-terms-version"
GRAM_FREQUENCY_TTL = 600
MAX_QUERY_GRAMS = 6  # the rarest trigrams of the query fetch the candidates


def terms_changed() -> None:
    cache.set(TERMS_VERSION_KEY, uuid4().hex, timeout=None)


def _frequencies() -> dict[str, int]:
    """How many terms hold each trigram: one grouped query, cached under the terms'
    version (so no process reads counts of terms that have changed since)."""
    version = cache.get(TERMS_VERSION_KEY)
    if version is None:
        cache.add(TERMS_VERSION_KEY, uuid4().hex, timeout=None)
        version = cache.get(TERMS_VERSION_KEY)
    key = f"articles:condition-gram-frequencies:{version}"
    counts = cache.get(key)
    if counts is None:
        counts = dict(
            ConditionTermTrigram.objects.values("gram")
            .annotate(n=Count("id"))
            .values_list("gram", "n")
        )
        cache.set(key, counts, timeout=GRAM_FREQUENCY_TTL)
    return counts


def _close_spellings(query: str, consider) -> None:
    counts = _frequencies()
    grams = sorted((g for g in trigrams(query) if counts.get(g)), key=lambda g: counts[g])
    grams = grams[:MAX_QUERY_GRAMS]
    if not grams:
        return
    candidate_ids = list(
        ConditionTermTrigram.objects.filter(gram__in=grams)
        .values("term_id")
        .annotate(shared=Count("*"))
        .filter(shared__gte=max(1, len(grams) // 3))
        .order_by("-shared")
        .values_list("term_id", flat=True)[:FUZZY_CANDIDATES]
    )
    if not candidate_ids:
        return
    words = _query_words(query)
    for term in ConditionTerm.objects.select_related("condition").filter(pk__in=candidate_ids):
        term_words = _query_words(term.normalized)
        if words <= term_words:
            # Every word typed is a word of the name ("reflux" in "acid reflux").
            consider(term, "word", SCORES["word"] + len(query) / len(term.normalized) / 2)
            continue
        score = similarity(query, term.normalized)
        if score >= FUZZY_THRESHOLD:
            consider(term, "fuzzy", score)


def condition_lookup_best(candidates: list[ConditionCandidate]) -> Condition | None:
    """The one condition to go straight to, or None (offer the candidates as a choice).

    Only a name the reader typed exactly, or the start of one, is an answer: a close
    spelling or a word inside a longer name ("sugar" in "high blood sugar") is a question.
    """
    answers = [c for c in candidates if c.how in ("exact", "prefix")]
    if not answers or answers[0] is not candidates[0]:
        return None
    exact = [c for c in answers if c.how == "exact"]
    if len(exact) == 1:
        return exact[0].condition
    exact_consumers = [c for c in exact if c.condition.is_consumer]
    if len(exact_consumers) == 1 and exact_consumers[0] is candidates[0]:
        # A page of ours beats rows without one that happen to share the name.
        return exact_consumers[0].condition
    if (
        len(exact_consumers) > 1
        and exact_consumers[0] is candidates[0]
        and exact_consumers[0].score > exact_consumers[1].score
    ):
        # Our editors' own name for one page beats a billing name that leads to another
        # ("knee osteoarthritis": our page of that name, not osteoarthritis, which covers
        # the ICD-10-CM entry "Osteoarthritis of knee").
        return exact_consumers[0].condition
    if exact or len(candidates) == 1:
        return candidates[0].condition if len(candidates) == 1 else None
    # Only prefixes: the one consumer condition among them, when there is one.
    consumers = [c for c in candidates if c.condition.is_consumer]
    if len(consumers) == 1 and consumers[0] is candidates[0]:
        return consumers[0].condition
    return None
