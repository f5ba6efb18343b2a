"""Writes for consumer conditions: our editorial entries, their related conditions, and the
links from ICD-10-CM entries to the consumer condition covering their code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction

from articles import search
from articles.lookup import terms_rebuild
from articles.models import Condition


@dataclass(frozen=True)
class ConsumerConditionInput:
    slug: str
    name: str
    summary: str
    area: str
    also_known_as: tuple[str, ...] = ()
    icd10: tuple[str, ...] = ()
    related: tuple[str, ...] = ()


CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@transaction.atomic
def consumer_condition_upsert(
    *, entry: ConsumerConditionInput, reindex: bool = True
) -> tuple[Condition, str]:
    """Create or update a consumer condition by slug; returns it and what happened.

    An ICD-10-CM entry holding the slug is refused (ValueError): slugs are URLs. A
    hand-made condition without a code (made before consumer conditions existed) becomes
    the consumer condition. `reindex=False` leaves its lookup terms and search document to
    the caller's `conditions_reindex()` (importers: one rebuild instead of one per entry).
    """
    condition = Condition.objects.filter(slug=entry.slug).first()
    if condition is not None and condition.icd10_code:
        raise ValueError(f"the slug {entry.slug!r} belongs to an ICD-10-CM entry")
    wanted = {
        "kind": Condition.Kind.CONSUMER,
        "name": entry.name,
        "summary": entry.summary,
        "area": entry.area,
        "synonyms": list(dict.fromkeys(s for s in entry.also_known_as if s != entry.name)),
        "icd10_codes": list(dict.fromkeys(entry.icd10)),
    }
    outcome = CREATED
    if condition is None:
        condition = Condition(slug=entry.slug, **wanted)
    elif all(getattr(condition, k) == v for k, v in wanted.items()):
        return condition, UNCHANGED
    else:
        outcome = UPDATED
        for attribute, value in wanted.items():
            setattr(condition, attribute, value)
    condition.full_clean()
    condition.save(refresh_terms=reindex)
    if reindex:
        search.index_condition(condition)
    return condition, outcome


@transaction.atomic
def consumer_conditions_set_related(
    *, related: Sequence[tuple[Condition, Sequence[str]]]
) -> list[tuple[str, str]]:
    """Point each condition at the related conditions named by slug, in a few queries for
    all of them; returns the unknown (slug, related slug) pairs. Writes only the links that
    change."""
    through = Condition.related.through
    slug_to_pk = dict(
        Condition.objects.consumer()
        .filter(slug__in={slug for _condition, slugs in related for slug in slugs})
        .values_list("slug", "pk")
    )
    pks = [condition.pk for condition, _slugs in related]
    current: set[tuple[int, int]] = set()
    for start in range(0, len(pks), 500):  # SQLite's limit on query parameters
        current |= set(
            through.objects.filter(from_condition_id__in=pks[start : start + 500]).values_list(
                "from_condition_id", "to_condition_id"
            )
        )
    wanted: set[tuple[int, int]] = set()
    unknown: list[tuple[str, str]] = []
    for condition, slugs in related:
        for slug in slugs:
            if slug == condition.slug:
                continue
            if slug not in slug_to_pk:
                unknown.append((condition.slug, slug))
            else:
                wanted.add((condition.pk, slug_to_pk[slug]))
    for source, target in current - wanted:
        through.objects.filter(from_condition_id=source, to_condition_id=target).delete()
    through.objects.bulk_create(
        [through(from_condition_id=s, to_condition_id=t) for s, t in wanted - current],
        batch_size=1000,
    )
    return unknown


@dataclass
class IcdLinkSummary:
    linked: int = 0  # entries whose consumer condition changed
    covered: int = 0  # entries covered in all
    missing_codes: list[tuple[str, str]] = field(default_factory=list)  # (slug, code)
    shared_codes: list[tuple[str, str, str]] = field(default_factory=list)  # code, kept, other


def covering_code(code: str, listed: dict[str, int]) -> int | None:
    """The consumer condition whose listed code is the most specific ancestor of `code`
    ("K21.9" is covered by "K21.9", else "K21.", else "K21")."""
    for end in range(len(code), 2, -1):
        found = listed.get(code[:end].rstrip("."))
        if found is not None:
            return found
    return None


@transaction.atomic
def icd_links_sync() -> IcdLinkSummary:
    """Link every ICD-10-CM entry to the consumer condition covering its code (most specific
    listed code wins; a code listed by two conditions goes to the one listing fewer codes,
    then the first by slug). Only changed rows are written."""
    summary = IcdLinkSummary()
    listed: dict[str, int] = {}
    owner: dict[str, str] = {}
    consumers = sorted(
        Condition.objects.consumer().values_list("pk", "slug", "icd10_codes"),
        # A code two conditions list goes to the narrower one (fewer codes listed): "E11"
        # to type 2 diabetes rather than the diabetes overview; then to the first by slug.
        key=lambda row: (len(row[2] or []), row[1]),
    )
    for pk, slug, codes in consumers:
        for code in codes or []:
            if code in listed:
                summary.shared_codes.append((code, owner[code], slug))
                continue
            listed[code], owner[code] = pk, slug
    rows = Condition.objects.filter(kind=Condition.Kind.ICD10, icd10_code__isnull=False)
    existing = set()
    to_update = []
    for row in rows.only("pk", "icd10_code", "consumer_id").iterator(chunk_size=5000):
        code = row.icd10_code or ""
        existing.add(code)
        wanted = covering_code(code, listed)
        if wanted is not None:
            summary.covered += 1
        if row.consumer_id != wanted:
            row.consumer_id = wanted
            to_update.append(row)
    if existing:  # codes are checked only once the ICD-10-CM file has been imported
        summary.missing_codes = [(owner[c], c) for c in listed if c not in existing]
    Condition.objects.bulk_update(to_update, ["consumer"], batch_size=1000)
    summary.linked = len(to_update)
    return summary


def conditions_reindex() -> None:
    """After consumer conditions or ICD links change: the lookup's terms, the site index
    (covered ICD entries leave it) and the A-Z letter counts."""
    from articles.services import _conditions_changed
    from search.services import replace_kind

    terms_rebuild()
    replace_kind(kind=search.CONDITION, documents=search.ConditionProvider().documents())
    _conditions_changed()


def consumer_condition_meant(*, name: str, exclude: Condition | None = None) -> Condition | None:
    """The one consumer condition a name means exactly (its name, other names, word order
    and plurals aside, or an ICD-10-CM name it covers), through the lookup's term index; None
    when no page of ours, or several, answer to it. One indexed query."""
    from articles.lookup import condition_lookup, condition_lookup_best

    candidates = [
        c
        for c in condition_lookup(text=name[:255], exact_only=True)
        if exclude is None or c.condition.pk != exclude.pk
    ]
    best = condition_lookup_best(candidates)
    return best if best is not None and best.is_consumer else None


@transaction.atomic
def condition_fold_into(*, condition: Condition, consumer: Condition) -> bool:
    """Make a condition without a page of its own (a name a data set brought, or a covered
    ICD-10-CM entry) lead to the consumer condition: its address answers with a permanent
    redirect there, its names find the consumer condition, and it leaves the site search.
    Returns whether anything changed."""
    if not consumer.is_consumer or condition.is_consumer or condition.pk == consumer.pk:
        raise ValueError("only a condition without a page folds, into a consumer condition")
    if condition.consumer_id == consumer.pk:
        return False
    condition.consumer = consumer
    condition.save(update_fields=["consumer"])  # save() rewrites its lookup terms
    search.index_condition(condition)  # a covered condition is not a result of its own
    return True
