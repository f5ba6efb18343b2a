"""The interaction checker: every pair among a list of drugs, for the checker page and for
any other page that checks a list (My Medicine's profiles).

The check costs the same few queries for 2 or 30 medicines: the drugs with their ingredients
(two queries; each ingredient link says whether that ingredient is in any interaction row at
all) and every stored interaction among those ingredients (one query).

A check that finds nothing must say what it could not check: a medicine none of whose
ingredients is in our interaction sources, or one with no ingredients recorded, can never
match, and the result names them (`not_covered`, `no_ingredients`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from drugs.models import Drug, DrugIngredient
from healthsite.text import plain_text

from .models import Interaction, Severity
from .references import reference_for
from .wording import advice_for, effect_for

MIN_DRUGS = 2
MAX_DRUGS = 30
FOOD_WORDS = re.compile(
    r"\b(grapefruit|food|foods|meal|meals|milk|dairy|juice|caffeine|coffee|empty stomach|"
    r"potassium-rich|salt substitutes?|vitamin k|leafy)\b",
    re.IGNORECASE,
)
SENTENCE = re.compile(r"(?<=[.!?])\s+")
# What the check reads of a drug; the rest of the monograph is left in the database.
CHECK_FIELDS = (
    "pk", "name", "slug", "is_published", "updated_at", "monograph_html",
)  # fmt: skip
WARNINGS_CACHE_SECONDS = 6 * 3600


@dataclass
class Finding:
    """One stored interaction behind a pair of medicines."""

    ingredient_a: str
    ingredient_b: str
    severity: Severity
    effect: str
    advice: str
    source: str  # the source's name ("ONC high-priority interaction list")
    source_key: str  # Interaction.Source value
    source_version: str
    classes: str
    citation: str  # what states it: the rule's source, or the list's paper
    citation_url: str
    has_own_text: bool  # the source wrote an effect for this pair (not our generic wording)

    def rank(self) -> tuple[int, bool, str, str, str]:
        """Lower leads: the most severe, then a finding with its own effect text, then by
        source and ingredients (deterministic)."""
        return (
            -self.severity,
            not self.has_own_text,
            self.source_key,
            self.ingredient_a,
            self.ingredient_b,
        )


@dataclass(frozen=True)
class SourceLink:
    """One source behind a pair, as readers see it: named, linked, with what it says."""

    name: str
    citation: str
    url: str
    severity: Severity


@dataclass
class PairResult:
    """A pair of medicines: the strongest finding's severity, effect and advice (the pair's
    severity is the maximum over every source: a weaker source never lowers it)."""

    drug_a: Drug
    drug_b: Drug
    severity: Severity
    findings: list[Finding]

    @property
    def effect(self) -> str:
        return self.findings[0].effect

    @property
    def advice(self) -> str:
        return self.findings[0].advice

    @property
    def sources(self) -> list[SourceLink]:
        """Every source behind the pair once, the strongest first, each with the most
        severe rating it gives this pair."""
        links: dict[tuple[str, str, str], Severity] = {}
        for f in self.findings:  # findings are strongest first
            links.setdefault((f.source, f.citation, f.citation_url), f.severity)
        return [
            SourceLink(name=name, citation=citation, url=url, severity=severity)
            for (name, citation, url), severity in links.items()
        ]

    @property
    def listings(self) -> list[Finding]:
        """The findings listed under a class or group, once per (source, classes): why the
        pair is listed, without repeating it for each salt form of an ingredient."""
        seen: dict[tuple[str, str], Finding] = {}
        for f in self.findings:
            if f.classes:
                seen.setdefault((f.source_key, f.classes), f)
        return list(seen.values())


@dataclass
class SeverityGroup:
    severity: Severity
    pairs: list[PairResult]

    @property
    def key(self) -> str:
        return self.severity.name.lower()


@dataclass
class CheckResult:
    drugs: list[Drug]
    groups: list[SeverityGroup] = field(default_factory=list)
    duplicates: list[tuple[Drug, Drug, str]] = field(default_factory=list)
    alcohol: list[tuple[Drug, str]] = field(default_factory=list)
    food: list[tuple[Drug, str]] = field(default_factory=list)
    # Drugs at least one of whose ingredients is in our interaction sources.
    covered: list[Drug] = field(default_factory=list)
    # Drugs with ingredients, none of which is in any interaction row: never matched.
    not_covered: list[Drug] = field(default_factory=list)
    # Drugs with no ingredients recorded: never matched either.
    no_ingredients: list[Drug] = field(default_factory=list)

    @property
    def is_partial(self) -> bool:
        """Some medicines could not be checked at all."""
        return bool(self.not_covered or self.no_ingredients)

    @property
    def pairs_checked(self) -> int:
        n = len(self.drugs)
        return n * (n - 1) // 2

    @property
    def interaction_count(self) -> int:
        return sum(len(group.pairs) for group in self.groups)

    @property
    def worst(self) -> Severity | None:
        return self.groups[0].severity if self.groups else None


def ingredient_links() -> QuerySet[DrugIngredient]:
    """A drug's ingredient links as the check reads them: with the ingredient, and
    `in_sources_a`/`in_sources_b` saying whether the ingredient is in any stored
    interaction (no extra query: two EXISTS in the same SELECT). Prefetch
    `drug_ingredients` with this wherever drugs are passed to interaction_check."""
    return DrugIngredient.objects.select_related("ingredient").annotate(
        in_sources_a=Exists(Interaction.objects.filter(ingredient_a=OuterRef("ingredient_id"))),
        in_sources_b=Exists(Interaction.objects.filter(ingredient_b=OuterRef("ingredient_id"))),
    )


def _in_sources(links: list[DrugIngredient]) -> set[int]:
    """Ingredient ids among `links` that appear in any interaction. Links from
    ingredient_links() carry the answer; others cost one query for all of them."""
    # (id, in sources as first ingredient, as second); None where not annotated.
    flags = [
        (
            link.ingredient_id,
            getattr(link, "in_sources_a", None),
            getattr(link, "in_sources_b", None),
        )
        for link in links
    ]
    if all(a is not None and b is not None for _id, a, b in flags):
        return {ingredient_id for ingredient_id, a, b in flags if a or b}
    ids = {link.ingredient_id for link in links}
    side_a = Interaction.objects.filter(ingredient_a__in=ids).order_by()
    side_b = Interaction.objects.filter(ingredient_b__in=ids).order_by()
    return set(
        side_a.values_list("ingredient_a", flat=True).union(
            side_b.values_list("ingredient_b", flat=True)
        )
    )


def drugs_for_check(slugs: list[str]) -> tuple[list[Drug], list[str]]:
    """Published drugs for these slugs in the order given (duplicates dropped), with their
    ingredients prefetched; and the slugs we do not know."""
    wanted = list(dict.fromkeys(s.strip().lower() for s in slugs if s.strip()))
    found = {
        drug.slug: drug
        for drug in Drug.objects.published()
        .filter(slug__in=wanted)
        .only(*CHECK_FIELDS)
        .prefetch_related(Prefetch("drug_ingredients", queryset=ingredient_links()))
    }
    return [found[s] for s in wanted if s in found], [s for s in wanted if s not in found]


def _monograph_text(drug: Drug, name: str) -> str:
    """A monograph field as plain text, from the HTML rendered when it was saved."""
    return plain_text(drug.monograph_html.get(name, "")).strip()


def _food_sentences(drug: Drug) -> str:
    sentences = []
    for name in ("interactions", "how_to_take"):
        for sentence in SENTENCE.split(_monograph_text(drug, name)):
            if FOOD_WORDS.search(sentence) and sentence not in sentences:
                sentences.append(sentence.strip())
    return " ".join(sentences[:3])


def interactions_among(ingredient_ids: Iterable[int]) -> list[Interaction]:
    """Every stored interaction among these ingredients, worst first (one query)."""
    return list(Interaction.objects.among(ingredient_ids).order_by("-severity", "source"))


def interaction_check(*, drugs: list[Drug], known: list[Interaction] | None = None) -> CheckResult:
    """Check every pair among `drugs` (ingredients prefetched as by drugs_for_check).
    `known`: interactions already read for a wider set of ingredients (several lists
    checked with one query); by default they are read here."""
    result = CheckResult(drugs=drugs)
    drugs_with: dict[int, list[int]] = defaultdict(list)  # ingredient id -> drug positions
    ingredient_names: dict[int, str] = {}
    for position, drug in enumerate(drugs):
        for link in drug.drug_ingredients.all():
            drugs_with[link.ingredient_id].append(position)
            ingredient_names[link.ingredient_id] = link.ingredient.name
    _sort_by_coverage(result)
    # The same ingredient in two medicines: a risk of taking too much of it.
    for ingredient_id, positions in drugs_with.items():
        for i, first in enumerate(positions):
            for second in positions[i + 1 :]:
                result.duplicates.append(
                    (drugs[first], drugs[second], ingredient_names[ingredient_id])
                )
    pairs: dict[tuple[int, int], list[Finding]] = defaultdict(list)
    if drugs_with:
        if known is None:
            known = interactions_among(drugs_with)
        interactions = [
            i for i in known if i.ingredient_a_id in drugs_with and i.ingredient_b_id in drugs_with
        ]
        for interaction in interactions:
            reference = reference_for(interaction)
            finding = Finding(
                ingredient_a=ingredient_names[interaction.ingredient_a_id],
                ingredient_b=ingredient_names[interaction.ingredient_b_id],
                severity=Severity(interaction.severity),
                effect=effect_for(interaction),
                advice=advice_for(interaction),
                source=interaction.get_source_display(),
                source_key=interaction.source,
                source_version=interaction.source_version,
                classes=" / ".join(c for c in (interaction.class_a, interaction.class_b) if c),
                citation=reference.citation,
                citation_url=reference.url,
                has_own_text=bool(interaction.effect),
            )
            for i in drugs_with[interaction.ingredient_a_id]:
                for j in drugs_with[interaction.ingredient_b_id]:
                    if i != j:
                        pairs[(min(i, j), max(i, j))].append(finding)
    by_severity: dict[Severity, list[PairResult]] = defaultdict(list)
    for (i, j), findings in sorted(pairs.items()):
        findings.sort(key=Finding.rank)
        pair = PairResult(drugs[i], drugs[j], findings[0].severity, findings)
        by_severity[pair.severity].append(pair)
    result.groups = [
        SeverityGroup(severity, by_severity[severity])
        for severity in sorted(by_severity, reverse=True)
    ]
    warnings = _monograph_warnings(drugs)
    for drug in drugs:
        alcohol, food = warnings[drug.pk]
        if alcohol:
            result.alcohol.append((drug, alcohol))
        if food:
            result.food.append((drug, food))
    return result


def _sort_by_coverage(result: CheckResult) -> None:
    """Fill covered / not_covered / no_ingredients, keeping the order of result.drugs."""
    links = {drug.pk: list(drug.drug_ingredients.all()) for drug in result.drugs}
    every_link = [link for drug_links in links.values() for link in drug_links]
    in_sources = _in_sources(every_link) if every_link else set()
    for drug in result.drugs:
        if not links[drug.pk]:
            result.no_ingredients.append(drug)
        elif any(link.ingredient_id in in_sources for link in links[drug.pk]):
            result.covered.append(drug)
        else:
            result.not_covered.append(drug)


def _monograph_warnings(drugs: list[Drug]) -> dict[int, tuple[str, str]]:
    """(alcohol, food) text per drug from its monograph (rendered when saved), cached per
    drug version (one cache round trip for all drugs)."""
    keys = {
        drug.pk: f"interactions:warnings:{drug.pk}:{drug.updated_at.timestamp():.6f}"
        for drug in drugs
    }
    cached = cache.get_many(list(keys.values()))
    found, missing = {}, {}
    for drug in drugs:
        key = keys[drug.pk]
        if key in cached:
            found[drug.pk] = tuple(cached[key])
        else:
            found[drug.pk] = (
                _monograph_text(drug, "precautions_alcohol"),
                _food_sentences(drug),
            )
            missing[key] = list(found[drug.pk])
    if missing:
        cache.set_many(missing, WARNINGS_CACHE_SECONDS)
    return found
