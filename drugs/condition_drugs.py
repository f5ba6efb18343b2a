"""The drugs-by-condition page's read: a condition's drugs grouped by the kind of link
(first-line, FDA-labelled, other uses), each with who says so; drugs no longer sold apart."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from articles.models import Condition
from drugs.models import Drug, DrugCondition, Product

StrOrPromise = str | Promise

# Marketing statuses of a product no longer (or not yet) on the US market; a drug with
# products, none of them in another status, is listed apart ("No longer sold in the US").
NOT_MARKETED = ("Discontinued", "None (Tentative Approval)")

# The groups of the drugs-by-condition page, best evidence first; a drug is listed once, in
# the first group one of its links belongs to.
CONDITION_GROUPS: list[tuple[str, tuple[str, ...]]] = [
    ("first_line", (DrugCondition.LinkKind.FIRST_LINE,)),
    ("labelled", (DrugCondition.LinkKind.LABELLED,)),
    ("other", (DrugCondition.LinkKind.DISEASE_MODIFYING, DrugCondition.LinkKind.SYMPTOMATIC)),
]
CONDITION_GROUP_TITLES = {
    "first_line": _("First-line treatments"),
    "labelled": _("FDA-labelled uses"),
    "other": _("Other uses: off-label or for symptoms"),
}
# Where a data set's links come from, for readers (the first-line table cites its own pages).
SOURCE_PAGES: dict[str, tuple[StrOrPromise, str]] = {
    DrugCondition.Source.LABELEDIN: (_("LabeledIn (NLM): FDA label indications, 2012"), ""),
    DrugCondition.Source.PHARMACOTHERAPYDB: (
        _("PharmacotherapyDB (physician-curated, 2016)"),
        "https://doi.org/10.6084/m9.figshare.3103054",
    ),
    DrugCondition.Source.EDITORIAL: (_("Our editors"), ""),
}


@dataclass
class LinkSource:
    title: str
    url: str = ""


@dataclass
class ConditionDrug:
    """A drug on the drugs-by-condition page: how it is used for the condition (its kinds
    of link, labels) and who says so."""

    drug: Drug
    kinds: list[str] = field(default_factory=list)
    sources: list[LinkSource] = field(default_factory=list)


@dataclass
class ConditionDrugs:
    condition: Condition
    # (group key, title, drugs) in display order: first-line, FDA-labelled, other
    groups: list[tuple[str, str, list[ConditionDrug]]] = field(default_factory=list)
    # drugs whose products are all discontinued (or never approved for sale): apart
    not_sold: list[ConditionDrug] = field(default_factory=list)
    count: int = 0


def drugs_for_condition(*, condition: Condition) -> ConditionDrugs:
    """The condition's drugs grouped by the kind of link, each with its sources; drugs no
    longer sold in the US apart. One query."""
    products = Product.objects.filter(drug=OuterRef("drug_id"))
    links = (
        DrugCondition.objects.filter(condition=condition, drug__is_published=True)
        .select_related("drug")
        .only(
            "link_kind",
            "source",
            "source_title",
            "source_url",
            "drug__name",
            "drug__slug",
            "drug__kind",
            "drug__summary",
            "drug__ingredient_key",
        )
        .annotate(
            has_products=Exists(products),
            marketed=Exists(products.exclude(marketing_status__in=NOT_MARKETED)),
        )
        .order_by("drug__name", "pk")
    )
    entries: dict[int, ConditionDrug] = {}
    link_kinds: dict[int, set[str]] = {}
    not_sold: set[int] = set()
    kind_labels = dict(DrugCondition.LinkKind.choices)
    for link in links:
        entry = entries.setdefault(link.drug_id, ConditionDrug(drug=link.drug))
        link_kinds.setdefault(link.drug_id, set()).add(link.link_kind)
        label = str(kind_labels[link.link_kind])
        if label not in entry.kinds:
            entry.kinds.append(label)
        title, url = link.source_title, link.source_url
        if not title:
            default = SOURCE_PAGES.get(link.source)
            title, url = (str(default[0]), default[1]) if default else (link.source, "")
        if all(s.title != title or s.url != url for s in entry.sources):
            entry.sources.append(LinkSource(title=title, url=url))
        if link.has_products and not link.marketed:
            not_sold.add(link.drug_id)
    not_sold -= _sold_in_another_form({pk: entries[pk].drug for pk in not_sold})
    result = ConditionDrugs(condition=condition, count=len(entries))
    placed: set[int] = set(not_sold)
    for key, kinds in CONDITION_GROUPS:
        drugs = [
            entry
            for pk, entry in entries.items()
            if pk not in placed and link_kinds[pk] & set(kinds)
        ]
        placed.update(entry.drug.pk for entry in drugs)
        if drugs:
            result.groups.append((key, str(CONDITION_GROUP_TITLES[key]), drugs))
    result.not_sold = [entries[pk] for pk in entries if pk in not_sold]
    return result


def _sold_in_another_form(drugs: dict[int, Drug]) -> set[int]:
    """Of drugs with no product on the market, those whose substance is still sold in a
    form the FDA names with one more word ("triamcinolone" as "triamcinolone acetonide"):
    saying they are no longer sold would be wrong. One query, none when `drugs` is empty."""
    keys = {pk: drug.ingredient_key for pk, drug in drugs.items() if drug.ingredient_key}
    if not keys:
        return set()
    longer = Q()
    for key in set(keys.values()):
        longer |= Q(drug__ingredient_key__startswith=key + " ")
    sold = set(
        Product.objects.filter(longer)
        .exclude(marketing_status__in=NOT_MARKETED)
        .exclude(drug__ingredient_key__contains="+")
        .values_list("drug__ingredient_key", flat=True)
        .distinct()
    )
    return {pk for pk, key in keys.items() if any(s.startswith(key + " ") for s in sold)}
