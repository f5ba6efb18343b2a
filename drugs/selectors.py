"""Reads the drug pages need. Each runs a fixed number of queries, whatever the data size."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from uuid import uuid4

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Prefetch, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from articles.lookup import condition_lookup_best
from articles.models import Article, Condition
from articles.selectors import condition_lookup as articles_condition_lookup
from drugs.class_pages import ClassLabel

# The drugs of a condition, grouped by kind of link, live in their own module.
from drugs.condition_drugs import (  # noqa: F401
    ConditionDrug,
    ConditionDrugs,
    LinkSource,
)
from drugs.condition_drugs import drugs_for_condition as drugs_for_condition_now
from drugs.models import (
    KIND_GROUPS,
    Drug,
    DrugClass,
    DrugCondition,
    DrugIngredient,
    DrugName,
    DrugNameTrigram,
    DrugSlugRedirect,
    Review,
)
from drugs.text import normalize_name, trigrams
from healthsite.cache import cached_fragment
from healthsite.names import similarity

# --- name search --------------------------------------------------------------------------

FUZZY_CANDIDATES = 60  # names fetched from the trigram index before exact scoring
# A close spelling must share most of the name: measured on real Drugs@FDA names, typos of
# real names score 0.76 or more ("xanex" → Xanax, "lipiter" → Lipitor), while names we do not
# have reach 0.72 at most against unrelated drugs ("wegovy" → Descovy 0.58, "tums" → Tatum-T
# 0.58, "sertralin" → Sermorelin 0.72).
FUZZY_THRESHOLD = 0.75
FUZZY_WHEN_FEWER_THAN = 5  # look for close spellings when exact + prefix found fewer drugs
SEARCH_FIELDS = (
    "name",
    "kind",
    "normalized",
    "drug_id",
    "drug__name",
    "drug__slug",
    "drug__kind",
    "drug__summary",
    "drug__is_published",
    "drug__ingredient_key",
)
# A combination answers to each of its ingredients' names ("cholecalciferol" is a name of
# alendronate + cholecalciferol); a medicine of that substance alone comes first.
PART_OF_A_COMBINATION = 0.05


@dataclass
class DrugMatch:
    drug: Drug
    matched_name: str  # the name the query matched (brand, generic or other)
    matched_kind: str  # DrugName.Kind
    how: str  # "exact" | "prefix" | "word" | "fuzzy"
    score: float
    form: StrOrPromise = ""  # a release form the query named ("extended release")

    @property
    def via_synonym(self) -> bool:
        """True when the match was on a name other than the drug's own ("Lipitor")."""
        return normalize_name(self.matched_name) != normalize_name(self.drug.name)


_similarity = similarity  # the close-spelling measure shared with condition lookup


GRAM_FREQUENCY_TTL = 600  # seconds the cache keeps a table of trigram frequencies
MAX_QUERY_GRAMS = 6  # the rarest trigrams of the query that fetch candidates
NAMES_VERSION_KEY = "drugs:names-version"


def names_changed() -> None:
    """Called by services when names are added: the frequencies are counted again."""
    cache.set(NAMES_VERSION_KEY, uuid4().hex, timeout=None)


def _names_version() -> str:
    """A token that changes whenever names change, or the cache is emptied."""
    version = cache.get(NAMES_VERSION_KEY)
    if version is None:
        cache.add(NAMES_VERSION_KEY, uuid4().hex, timeout=None)
        version = cache.get(NAMES_VERSION_KEY)
    return version


def _frequencies() -> dict[str, int]:
    """How many names contain each trigram: one grouped query, kept in the cache under the
    names' version, so no process reads counts of names that have changed since."""
    key = f"drugs:gram-frequencies:{_names_version()}"
    counts = cache.get(key)
    if counts is None:
        counts = dict(
            DrugNameTrigram.objects.values("gram").annotate(n=Count("id")).values_list("gram", "n")
        )
        cache.set(key, counts, timeout=GRAM_FREQUENCY_TTL)
    return counts


def _candidate_grams(query: str) -> list[str]:
    """The query's rarest trigrams: few index rows to read, and the most telling ones.
    Trigrams no name has (often the misspelt part) are left out."""
    counts = _frequencies()
    grams = [g for g in trigrams(query) if counts.get(g)]
    grams.sort(key=lambda g: counts[g])
    return grams[:MAX_QUERY_GRAMS]


def _prefix_range(query: str) -> Q:
    """Names starting with the query, answered from an index on both databases."""
    if connection.vendor == "postgresql":
        # LIKE 'q%' uses the varchar_pattern_ops index Django adds for db_index CharFields,
        # whatever the database's collation.
        return Q(normalized__startswith=query)
    # SQLite compares bytes: normalised names only contain [a-z0-9 ] and "{" sorts after
    # "z", so this range is exactly the prefix and uses the B-tree index.
    return Q(normalized__gte=query, normalized__lt=query + "{")


StrOrPromise = str | Promise

# Words of a query naming a release form, not the drug ("metformin extended release",
# "metformin er"): the drug is searched without them, and the match says which form.
RELEASE_FORMS = [
    (
        re.compile(r"\b(extended|sustained|controlled|modified) release\b|\b(er|xr|xl|sr|cr|la)\b"),
        _("extended release"),
    ),
    (re.compile(r"\b(delayed release|enteric coated|dr|ec)\b"), _("delayed release")),
    (re.compile(r"\bimmediate release\b"), _("immediate release")),
]
_DOSAGE_WORDS = re.compile(r"\b(tablets?|tabs?|capsules?|caps?|oral)\b")


def release_form(q: str) -> tuple[str, StrOrPromise]:
    """(the normalised query without release-form and dosage words, the form named), or
    (q, "") when it names none."""
    for pattern, form in RELEASE_FORMS:
        if pattern.search(q):
            rest = " ".join(_DOSAGE_WORDS.sub(" ", pattern.sub(" ", q)).split())
            return (rest, form) if rest else (q, "")
    return q, ""


def drug_search(*, query: str, limit: int = 20, published_only: bool = True) -> list[DrugMatch]:
    """Drugs whose names match the query: exact first, then prefix, then close spellings.
    A release form in the query ("metformin extended release") is matched on the drug's
    name without it, and named on the match.

    One result per drug, with the name that matched. Fixed number of queries (at most 4).
    """
    full = normalize_name(query)[:100]
    if not full:
        return []
    q, form = release_form(full)
    names = DrugName.objects.select_related("drug").only(*SEARCH_FIELDS)
    if published_only:
        names = names.filter(drug__is_published=True)
    scored: dict[int, DrugMatch] = {}

    def consider(drug_name: DrugName, how: str, score: float) -> None:
        # When scores tie, prefer the drug's own name, then a generic name, over a brand;
        # and the substance alone over a combination holding it.
        if drug_name.normalized == normalize_name(drug_name.drug.name):
            score += 0.02
        elif drug_name.kind == DrugName.Kind.GENERIC:
            score += 0.01
        if "+" in drug_name.drug.ingredient_key and drug_name.kind != DrugName.Kind.BRAND:
            score -= PART_OF_A_COMBINATION
        current = scored.get(drug_name.drug_id)
        if current is None or score > current.score:
            scored[drug_name.drug_id] = DrugMatch(
                drug=drug_name.drug,
                matched_name=drug_name.name,
                matched_kind=drug_name.kind,
                how=how,
                score=score,
            )

    prefixes = _prefix_range(q) | _prefix_range(full) if form else _prefix_range(q)
    for drug_name in names.filter(prefixes).order_by("normalized")[:200]:
        if drug_name.normalized == full:  # a brand with its form: "seroquel xr"
            consider(drug_name, "exact", 3.0)
        elif not drug_name.normalized.startswith(q):
            continue
        elif drug_name.normalized == q:
            consider(drug_name, "exact", 3.0)
        else:
            # shorter completions first: "ibu" → "ibuprofen" before "ibuprofen and famotidine"
            consider(drug_name, "prefix", 2.0 + len(q) / len(drug_name.normalized))

    # Close spellings, and words inside names ("statin" is not a prefix of "atorvastatin").
    if len(scored) < FUZZY_WHEN_FEWER_THAN and len(q) >= 3:
        grams = _candidate_grams(q)
        candidate_ids = list(
            DrugNameTrigram.objects.filter(gram__in=grams)
            .values("name_id")
            .annotate(shared=Count("*"))  # "*": answered from the (gram, name) index alone
            .filter(shared__gte=max(1, len(grams) // 3))
            .order_by("-shared")
            .values_list("name_id", flat=True)[:FUZZY_CANDIDATES]
        )
        if candidate_ids:
            # Every drug that has a candidate name: a name shared by many combinations
            # ("hydrochlorothiazide") must not crowd out the drug of that substance alone.
            same_names = DrugName.objects.filter(pk__in=candidate_ids).values("normalized")
            for drug_name in names.filter(normalized__in=same_names):
                if drug_name.drug_id in scored and scored[drug_name.drug_id].how != "fuzzy":
                    continue
                if f" {q} " in f" {drug_name.normalized} ":
                    # The whole query is a word of the name ("ibuprofen" in "famotidine and
                    # ibuprofen"): below every prefix, above every close spelling.
                    consider(drug_name, "word", 1.0 + len(q) / len(drug_name.normalized))
                    continue
                similarity = _similarity(q, drug_name.normalized)
                if similarity >= FUZZY_THRESHOLD:
                    consider(drug_name, "fuzzy", similarity)

    for match in scored.values():
        match.form = form
    ranked = sorted(
        scored.values(),
        key=lambda m: (-m.score, m.via_synonym, len(m.drug.name), m.drug.name),
    )
    return ranked[:limit]


def drug_search_exact_target(matches: list[DrugMatch]) -> DrugMatch | None:
    """The one drug to go straight to: only when exactly one drug matched a name exactly."""
    exact = [m for m in matches if m.how == "exact"]
    return exact[0] if len(exact) == 1 else None


# --- A-Z ----------------------------------------------------------------------------------


def drug_letters() -> list[str]:
    return [*(chr(c) for c in range(ord("A"), ord("Z") + 1)), "0-9"]


def drug_index(*, letter: str, kind_group: str = ""):
    """Published drugs starting with a letter, optionally of one kind group."""
    drugs = Drug.objects.published().starting_with(letter)
    if kind_group in KIND_GROUPS:
        drugs = drugs.of_kind_group(kind_group)
    return drugs.only("pk", "name", "slug", "kind", "summary", "sort_letter").order_by("name")


# --- by condition -------------------------------------------------------------------------


def condition_lookup(*, text: str) -> Condition | None:
    """The condition a reader means (forgiving, indexed: `articles.selectors.condition_lookup`
    lists the candidates); None when nothing, or several, are plausible."""
    return condition_lookup_best(articles_condition_lookup(text=text))


# --- drug page ----------------------------------------------------------------------------


# The FDA class file gives a substance the class of every product holding it, allergen
# patch tests and allergenic extracts included: benzocaine, chromium and garlic are each
# a "Standardized Chemical Allergen" or a "Food Allergenic Extract" there. That is what the
# substance is in a skin test, not what the medicine or supplement is, so a drug page never
# shows an allergen class as its drug class.
ALLERGEN_CLASS_WORD = "Allergen"


def drug_detail(*, slug: str) -> Drug | None:
    """A published drug with names, ingredients, conditions and sources prefetched."""
    return (
        Drug.objects.published()
        .filter(slug=slug)
        .prefetch_related(
            Prefetch("names", queryset=DrugName.objects.order_by("kind", "name")),
            # Ingredients joined to their links: one query for both.
            Prefetch(
                "drug_ingredients",
                queryset=DrugIngredient.objects.select_related("ingredient"),
            ),
            # The FDA established pharmacologic classes shown as the drug's class: one query.
            Prefetch(
                "drug_ingredients__ingredient__classes",
                queryset=DrugClass.objects.filter(kind=DrugClass.Kind.ESTABLISHED).exclude(
                    name__contains=ALLERGEN_CLASS_WORD
                ),
                to_attr="established_classes",
            ),
            Prefetch(
                "condition_links",
                queryset=DrugCondition.objects.select_related("condition").order_by(
                    "condition__name"
                ),
            ),
            "sources",
        )
        .first()
    )


def drug_class_labels(drug: Drug) -> list[ClassLabel]:
    """What kind of medicine the drug is, for its page: the distinct FDA established
    pharmacologic classes of its ingredients, in sentence case ("P2Y12 platelet inhibitor"),
    each knowing its class page's address (`.url`); or our editors' plainer `drug_class`
    ("Antiplatelet medicine"), linked to the class page when the FDA gives the drug exactly
    one class. Reads what `drug_detail` prefetched: no query."""
    labels: dict[str, str] = {}
    for link in drug.drug_ingredients.all():
        for drug_class in getattr(link.ingredient, "established_classes", ()):
            url = drug_class.get_absolute_url() if drug_class.slug else ""
            labels.setdefault(sentence_case(drug_class.label), url)
    if drug.drug_class:
        urls = set(labels.values())
        return [ClassLabel(drug.drug_class, urls.pop() if len(urls) == 1 else "")]
    return [ClassLabel(label, url) for label, url in labels.items()]


def sentence_case(label: str) -> str:
    """FDA class labels are in title case; pages use sentence case. Only plain capitalised
    words are lowered, so acronyms and symbols stay ("HMG-CoA Reductase Inhibitor" ->
    "HMG-CoA reductase inhibitor", "Vitamin K Antagonist" -> "Vitamin K antagonist")."""
    words = label.split(" ")
    out = [words[0][:1].upper() + words[0][1:]] if words and words[0] else []
    for word in words[1:]:
        parts = word.split("-")
        out.append(
            "-".join(
                p.lower() if len(p) > 1 and p[0].isupper() and p[1:].islower() else p for p in parts
            )
        )
    return " ".join(out)


def drug_slug_redirect(*, slug: str) -> str | None:
    """The slug a merged drug's old address now leads to (a published drug), if any."""
    return (
        DrugSlugRedirect.objects.filter(old_slug=slug, drug__is_published=True)
        .values_list("drug__slug", flat=True)
        .first()
    )


def drug_conditions(drug: Drug) -> list[tuple[Condition, list[str]]]:
    """Conditions the drug is used for, each once, with the kinds of link and their sources
    as labels ("Labelled use, source: LabeledIn")."""
    grouped: dict[int, tuple[Condition, list[str]]] = {}
    for link in drug.condition_links.all():
        _condition, labels = grouped.setdefault(link.condition_id, (link.condition, []))
        label = _("%(kind)s, source: %(source)s") % {
            "kind": link.get_link_kind_display(),
            "source": link.get_source_display(),
        }
        if label not in labels:
            labels.append(label)
    return list(grouped.values())


# --- reviews ------------------------------------------------------------------------------

RATING_FIELDS = ("effectiveness", "ease_of_use", "satisfaction")
# Below this many reviews a bar chart of shares says nothing the count and averages do not
# ("100%" of one review); the page shows only those.
DISTRIBUTION_MIN_REVIEWS = 5


@dataclass
class RatingSummary:
    count: int
    averages: dict[str, float | None]
    # {rating field: [(stars, count, percent)] for stars 5..1}
    distributions: dict[str, list[tuple[int, int, int]]]

    @property
    def shows_distribution(self) -> bool:
        return self.count >= DISTRIBUTION_MIN_REVIEWS

    @property
    def satisfaction_distribution(self) -> list[tuple[int, int, int]]:
        """The one distribution the reviews page draws: overall satisfaction."""
        return self.distributions["satisfaction"]


def drugs_for_condition(*, condition: Condition) -> ConditionDrugs:
    """`drugs.condition_drugs.drugs_for_condition`, kept in the cache until content next
    changes (healthsite.cache): its query reads every link and product of the condition's
    drugs, the same for every reader."""
    return cached_fragment(
        name=f"drugs:for-condition:{condition.pk}",
        compute=lambda: drugs_for_condition_now(condition=condition),
    )


def review_summary(*, drug: Drug, condition_id: int | None = None) -> RatingSummary:
    """`review_summary_now`, kept in the cache until content next changes (a review saved,
    published or hidden changes it): it counts every published review of the drug, which
    grows with the drug's reviews, on the drug page and the reviews page alike."""
    return cached_fragment(
        name=f"drugs:review-summary:{drug.pk}:{condition_id or ''}",
        compute=lambda: review_summary_now(drug=drug, condition_id=condition_id),
    )


def review_summary_now(*, drug: Drug, condition_id: int | None = None) -> RatingSummary:
    """Averages and distributions of each rating, from published reviews only. One query."""
    reviews = Review.objects.published().filter(drug=drug)
    if condition_id is not None:
        reviews = reviews.filter(condition_id=condition_id)
    aggregates = {}
    for name in RATING_FIELDS:
        for stars in range(1, 6):
            aggregates[f"{name}_{stars}"] = Count("pk", filter=Q(**{name: stars}))
    row = reviews.aggregate(total=Count("pk"), **aggregates)
    total = row["total"]
    averages: dict[str, float | None] = {}
    distributions: dict[str, list[tuple[int, int, int]]] = {}
    for name in RATING_FIELDS:
        counts = {stars: row[f"{name}_{stars}"] for stars in range(1, 6)}
        averages[name] = round(sum(s * c for s, c in counts.items()) / total, 1) if total else None
        distributions[name] = [
            (stars, counts[stars], round(100 * counts[stars] / total) if total else 0)
            for stars in range(5, 0, -1)
        ]
    return RatingSummary(count=total, averages=averages, distributions=distributions)


def review_conditions(*, drug: Drug) -> list[tuple[Condition, int]]:
    """Conditions named in published reviews, with how many reviews each. One query."""
    rows = (
        Review.objects.published()
        .filter(drug=drug, condition__isnull=False)
        .values("condition_id", "condition__name", "condition__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "condition__name")
    )
    return [
        (
            Condition(pk=r["condition_id"], name=r["condition__name"], slug=r["condition__slug"]),
            r["n"],
        )
        for r in rows
    ]


def review_list(*, drug: Drug, sort: str = "newest", condition_id: int | None = None):
    reviews = (
        Review.objects.published()
        .filter(drug=drug)
        .select_related("author", "condition")
        .only(
            "pk",
            "drug_id",
            "effectiveness",
            "ease_of_use",
            "satisfaction",
            "age_band",
            "sex",
            "time_on",
            "role",
            "body_html",
            "status",
            "helpful_count",
            "created_at",
            "updated_at",
            "author__display_name",
            "condition__name",
            "condition__slug",
        )
    )
    if condition_id is not None:
        reviews = reviews.filter(condition_id=condition_id)
    if sort == "helpful":
        return reviews.order_by("-helpful_count", "-created_at", "-pk")
    return reviews.order_by("-created_at", "-pk")


def review_of_reader(*, drug: Drug, user) -> Review | None:
    if not user.is_authenticated:
        return None
    return Review.objects.filter(drug=drug, author=user).first()


def review_condition_choices(*, drug: Drug):
    """Conditions a reviewer may pick: those the drug is linked to."""
    return Condition.objects.filter(drug_links__drug=drug).distinct().order_by("name")


# --- related articles (drugs sits above articles in the layering) ------------------------

RELATED_ARTICLES = 5


def drug_related_articles(*, drug: Drug) -> list[Article]:
    """Published articles about the conditions this drug is used for, newest first.
    One query, whatever the number of conditions or articles."""
    return list(
        Article.objects.published()
        .filter(conditions__drug_links__drug=drug)
        .distinct()
        .only("title", "slug", "summary", "publish_at")[:RELATED_ARTICLES]
    )


def ingredient_ids_by_class(names: Iterable[str]) -> dict[str, set[int]]:
    """Member ingredient ids of each FDA class named (its full name, "... [EPC]"), in one
    query; a class we do not have maps to an empty set."""
    wanted = list(dict.fromkeys(names))
    members: dict[str, set[int]] = {name: set() for name in wanted}
    rows = DrugClass.ingredients.through.objects.filter(drugclass__name__in=wanted).values_list(
        "drugclass__name", "ingredient_id"
    )
    for name, ingredient_id in rows:
        members[name].add(ingredient_id)
    return members
