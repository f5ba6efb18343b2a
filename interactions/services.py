"""Every write to interactions: one pair at a time (`interaction_upsert`), a whole import
run merged first (`InteractionBatch`), or our editorial rules as a whole
(`editorial_interactions_replace`). Keyword-only, typed, in transactions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from healthsite.upsert import CREATED, UNCHANGED, UPDATED, assign_changed

from .importers.records import InteractionRecord
from .matching import IngredientIndex
from .models import Interaction, Severity


@transaction.atomic
def interaction_upsert(
    *,
    ingredient_a_id: int,
    ingredient_b_id: int,
    severity: int,
    source: str,
    source_version: str = "",
    source_reference: str = "",
    class_a: str = "",
    class_b: str = "",
    effect: str = "",
    advice: str = "",
    citation: str = "",
    citation_url: str = "",
) -> tuple[Interaction, str]:
    """Store one pair for one source; the pair is kept in id order whichever way it came.

    Class names are only ever added (a pair met again in a list without classes keeps them),
    so importing the same files in any order twice ends in the same rows.
    """
    if ingredient_a_id == ingredient_b_id:
        raise ValueError("an ingredient does not interact with itself")
    if ingredient_a_id > ingredient_b_id:
        ingredient_a_id, ingredient_b_id = ingredient_b_id, ingredient_a_id
        class_a, class_b = class_b, class_a
    existing = Interaction.objects.filter(
        ingredient_a_id=ingredient_a_id, ingredient_b_id=ingredient_b_id, source=source
    ).first()
    values: dict = {"severity": int(severity), "source_version": source_version}
    optional = {
        "class_a": class_a,
        "class_b": class_b,
        "source_reference": source_reference,
        "effect": effect,
        "advice": advice,
        "citation": citation,
        "citation_url": citation_url,
    }
    for name, value in optional.items():
        if value or existing is None:
            values[name] = value
    if existing is None:
        interaction = Interaction(
            ingredient_a_id=ingredient_a_id, ingredient_b_id=ingredient_b_id, source=source
        )
        assign_changed(interaction, values)
        interaction.full_clean(validate_unique=False)
        interaction.save()
        return interaction, CREATED
    if not assign_changed(existing, values):
        return existing, UNCHANGED
    existing.full_clean(validate_unique=False)
    existing.save(update_fields=[*values, "updated_at"])
    return existing, UPDATED


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    unmapped: dict[str, int] = field(default_factory=dict)

    def count(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)


@dataclass
class MergedInteraction:
    """Everything one import run says about one pair from one source, merged."""

    severity: int
    source_version: str = ""
    source_reference: str = ""
    class_a: str = ""
    class_b: str = ""


def _first_filled(*values: str) -> str:
    """The alphabetically first non-empty value ("" when all are empty)."""
    return min((value for value in values if value), default="")


def _merge(old: MergedInteraction, new: MergedInteraction) -> MergedInteraction:
    """Merge two sightings of one pair and source, whichever order they came in.

    The rule, commutative and associative so row and file order never matter:
    - severity: the most severe one listed (NDF-RT lists some pairs as both Critical and
      Significant under different concepts; readers are warned about the worse);
    - source reference: the alphabetically first one among the rows with that severity, so
      the reference shown is one that states the severity shown;
    - class names and source version: the alphabetically first non-empty one on each side
      (a pair can be listed under several classes of one list).
    """
    if new.severity > old.severity:
        reference = new.source_reference
    elif new.severity < old.severity:
        reference = old.source_reference
    else:
        reference = _first_filled(old.source_reference, new.source_reference)
    return MergedInteraction(
        severity=max(old.severity, new.severity),
        source_version=_first_filled(old.source_version, new.source_version),
        source_reference=reference,
        class_a=_first_filled(old.class_a, new.class_a),
        class_b=_first_filled(old.class_b, new.class_b),
    )


class InteractionBatch:
    """The pairs of one import run, one per (ingredient pair, source), merged by `_merge`.

    Importers add every record first and save once at the end: a pair met several times in a
    run (in several rows or files, or through names that fold to the same ingredients) is
    then written once with the merged values, so a second run over the same files finds
    every row already as it would write it, and reports 0 created, 0 updated.
    """

    def __init__(self, *, index: IngredientIndex, summary: ImportSummary) -> None:
        self.index = index
        self.summary = summary
        self.pairs: dict[tuple[int, int, str], MergedInteraction] = {}

    def add(self, record: InteractionRecord) -> None:
        """Map both names to our ingredients and remember every resulting pair."""
        left = self.index.resolve(record.object_name)
        right = self.index.resolve(record.precipitant_name)
        unmapped = self.summary.unmapped
        for name, ids in ((record.object_name, left), (record.precipitant_name, right)):
            if not ids:
                unmapped[name.lower()] = unmapped.get(name.lower(), 0) + 1
        if not left or not right:
            self.summary.skipped += 1
            return
        severity = int(Severity.from_name(record.severity))
        for object_id in left:
            for precipitant_id in right:
                if object_id == precipitant_id:
                    continue
                # Stored in id order (see Interaction), each class with its ingredient.
                if object_id < precipitant_id:
                    key = (object_id, precipitant_id, record.source)
                    class_a, class_b = record.object_class, record.precipitant_class
                else:
                    key = (precipitant_id, object_id, record.source)
                    class_a, class_b = record.precipitant_class, record.object_class
                merged = MergedInteraction(
                    severity=severity,
                    source_version=record.source_version,
                    source_reference=record.source_reference,
                    class_a=class_a,
                    class_b=class_b,
                )
                if key in self.pairs:
                    merged = _merge(self.pairs[key], merged)
                self.pairs[key] = merged

    def save(self) -> None:
        """Write each merged pair once (in key order, so runs write in the same order)."""
        for (a, b, source), merged in sorted(self.pairs.items()):
            _interaction, status = interaction_upsert(
                ingredient_a_id=a,
                ingredient_b_id=b,
                severity=merged.severity,
                source=source,
                source_version=merged.source_version,
                source_reference=merged.source_reference,
                class_a=merged.class_a,
                class_b=merged.class_b,
            )
            self.summary.count(status)
        self.pairs.clear()


# Rows written by our editorial rules (`import_interaction_rules`) carry this version: they
# are the ones the rules own, replace and delete. Other editorial rows (demo content, rows an
# editor wrote in the admin) and other sources' rows are never deleted by a rules import.
EDITORIAL_RULES_VERSION = "Healthsite editorial rules"
DELETED = "deleted"


@dataclass(frozen=True)
class EditorialInteraction:
    """One pair as our rules state it (`ingredient_a_id` < `ingredient_b_id`)."""

    ingredient_a_id: int
    ingredient_b_id: int
    severity: int
    effect: str
    advice: str
    rule_id: str
    citation: str
    citation_url: str
    class_a: str = ""
    class_b: str = ""


def _validate(row: Interaction) -> None:
    """Field checks without a query per row: the ingredients come from our own index, and
    the pair order and one row per pair are guaranteed by the caller's keys."""
    row.full_clean(
        exclude=["ingredient_a", "ingredient_b"], validate_unique=False, validate_constraints=False
    )


@transaction.atomic
def editorial_interactions_replace(*, interactions: Iterable[EditorialInteraction]) -> Counter[str]:
    """Make the editorial rows the rules own exactly `interactions`: create or update each
    (every field, so a rule narrowed or reworded is stored as it now reads), and delete the
    rules' rows no longer produced. Counts by outcome: created, updated, unchanged, deleted.

    One query reads every editorial row; only changed rows are written, so applying the
    same rules twice changes nothing. A pair that already has an editorial row not from the
    rules (demo content) is taken over by the rule: one editorial row per pair.
    """
    source = Interaction.Source.EDITORIAL
    existing = {
        (row.ingredient_a_id, row.ingredient_b_id): row
        for row in Interaction.objects.filter(source=source)
    }
    counts: Counter[str] = Counter()
    wanted: set[tuple[int, int]] = set()
    for item in sorted(interactions, key=lambda i: (i.ingredient_a_id, i.ingredient_b_id)):
        if item.ingredient_a_id >= item.ingredient_b_id:
            raise ValueError("editorial pairs are given in id order, without self-pairs")
        key = (item.ingredient_a_id, item.ingredient_b_id)
        wanted.add(key)
        values = {
            "severity": int(item.severity),
            "effect": item.effect,
            "advice": item.advice,
            "source_version": EDITORIAL_RULES_VERSION,
            "source_reference": item.rule_id,
            "class_a": item.class_a,
            "class_b": item.class_b,
            "citation": item.citation,
            "citation_url": item.citation_url,
        }
        row = existing.get(key)
        if row is None:
            row = Interaction(ingredient_a_id=key[0], ingredient_b_id=key[1], source=source)
            assign_changed(row, values)
            _validate(row)
            row.save()
            counts[CREATED] += 1
            continue
        changed = assign_changed(row, values)
        if not changed:
            counts[UNCHANGED] += 1
            continue
        _validate(row)
        row.save(update_fields=[*changed, "updated_at"])
        counts[UPDATED] += 1
    stale = [
        row.pk
        for key, row in existing.items()
        if key not in wanted and row.source_version == EDITORIAL_RULES_VERSION
    ]
    if stale:
        Interaction.objects.filter(pk__in=stale).delete()
    counts[DELETED] += len(stale)
    return counts
