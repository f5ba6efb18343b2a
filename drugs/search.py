"""What the drugs app puts into the site search: each published drug with its names and uses."""

from __future__ import annotations

import functools
from collections.abc import Iterator

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from drugs.class_pages import class_synonyms, drug_classes_for_query
from drugs.models import Drug, DrugClass, DrugName, SupplementProduct
from drugs.text import normalize_name
from healthsite.text import plain_text, render_editorial
from search.registry import Document


def drug_document(drug: Drug, names: list[str] | None = None) -> Document:
    if names is None:
        names = list(drug.names.values_list("name", flat=True))
    others = sorted({n for n in names if n.lower() != drug.name.lower()})
    body_parts = [
        drug.get_kind_display(),
        drug.drug_class,
        " ".join(others),
        plain_text(render_editorial(drug.summary)),
        plain_text(render_editorial(drug.uses))[:2000],
    ]
    return Document(
        kind="drug",
        key=str(drug.pk),
        title=drug.name,
        body=" ".join(p for p in body_parts if p),
        url=drug.get_absolute_url(),
        weight=1.5 if drug.monograph_origin == Drug.MonographOrigin.EDITORIAL else 1.0,
        date=drug.updated_at,
    )


def drug_documents(drugs: QuerySet[Drug], batch: int = 500) -> Iterator[Document]:
    """`drug_document` of each of `drugs`, their names read in one query per `batch` drugs
    (the whole index, or an import's changed drugs)."""
    drugs = drugs.order_by("pk")
    last = 0
    while chunk := list(drugs.filter(pk__gt=last)[:batch]):
        names: dict[int, list[str]] = {}
        rows = DrugName.objects.filter(drug__in=[d.pk for d in chunk]).values_list(
            "drug_id", "name"
        )
        for drug_id, name in rows:
            names.setdefault(drug_id, []).append(name)
        for drug in chunk:
            yield drug_document(drug, names.get(drug.pk, []))
        last = chunk[-1].pk


class DrugSearchProvider:
    kind = "drug"
    label = _("Drugs & supplements")

    def documents(self) -> Iterator[Document]:
        return drug_documents(Drug.objects.published())


# A product's entry weighs far less than a page of ours: "fish oil" finds the fish oil page
# first, then (much lower) the products that carry the name.
PRODUCT_WEIGHT = 0.05


@functools.cache
def _product_url_pattern() -> str:
    # reverse() once, not for each of the ~100,000 products of an import or a rebuild.
    return reverse("drugs:supplement_product", args=[123456789]).replace("123456789", "{}")


def supplement_product_document(product: SupplementProduct) -> Document:
    # Short on purpose: the name is the title; the body adds only the brand and the
    # supplement, so a broad word ("capsule", "natural") does not match ~100,000 products.
    body_parts = [
        product.brand,
        product.drug.name if product.drug_id and product.drug else "",
        "" if product.on_market else str(_("No longer sold")),
    ]
    return Document(
        kind=SupplementProductSearchProvider.kind,
        key=str(product.dsld_id),
        title=product.name,
        body=" · ".join(p for p in body_parts if p),
        url=_product_url_pattern().format(product.dsld_id),
        weight=PRODUCT_WEIGHT,
        date=None,
    )


class SupplementProductSearchProvider:
    kind = "supplement_product"
    label = _("Supplement products")
    # ~90,000 products: listed when chosen (or when nothing else matches), never ranked
    # among our pages, so a broad word ("vitamin") stays quick and shows our pages.
    listed_apart = True

    def documents(self) -> Iterator[Document]:
        products = SupplementProduct.objects.select_related("drug").order_by("pk")
        for product in products.iterator(chunk_size=2000):
            yield supplement_product_document(product)


# --- drug classes ---------------------------------------------------------------------------

CLASS_KIND = "drug_class"
CLASS_MEMBERS_IN_BODY = 40


def class_documents() -> Iterator[Document]:
    """One document per established class with a published drug: its label, the words our
    synonym table gives for it ("statin", "blood thinner") and its members' names."""
    words: dict[str, list[str]] = {}
    for word, names in class_synonyms().items():
        for name in names:
            words.setdefault(name, []).append(word)
    members: dict[int, list[str]] = {}
    rows = (
        DrugClass.objects.filter(
            kind=DrugClass.Kind.ESTABLISHED, ingredients__drugs__is_published=True
        )
        .values_list("pk", "ingredients__drugs__name")
        .distinct()
        .order_by("pk", "ingredients__drugs__name")
    )
    for pk, name in rows:
        members.setdefault(pk, []).append(name)
    for drug_class in DrugClass.objects.filter(pk__in=members).order_by("pk"):
        member_names = members[drug_class.pk]
        body = [*words.get(drug_class.name, []), *member_names[:CLASS_MEMBERS_IN_BODY]]
        yield Document(
            kind=CLASS_KIND,
            key=str(drug_class.pk),
            title=drug_class.label,
            body=", ".join(body),
            url=drug_class.get_absolute_url(),
            weight=1.5,
        )


def index_drug_classes() -> int:
    """Replace the class pages in the site index (after the class import)."""
    from search.services import replace_kind

    return replace_kind(kind=CLASS_KIND, documents=class_documents())


class DrugClassSearchProvider:
    kind = CLASS_KIND
    label = _("Drug classes")

    def documents(self) -> Iterator[Document]:
        return class_documents()


# --- best matches: what a typed name means outright ---------------------------------------

FUZZY_BEST = 0.85  # a close spelling of one drug's own name ("hydrochlorthiazide")


def _best_of(matches) -> list[tuple[str, str]]:
    """The one drug exact name matches mean: the drug of that name, else the only drug
    with it as another name (a brand)."""
    exact = [m for m in matches if m.how == "exact"]
    own = [m for m in exact if not m.via_synonym]
    if len(own) == 1:
        return [("drug", str(own[0].drug.pk))]
    if len(exact) == 1:
        return [("drug", str(exact[0].drug.pk))]
    return []


def drug_best_match(query: str) -> list[tuple[str, str]]:
    """The drug a typed name means, brand or generic ("lipitor" -> atorvastatin, "fish oil"
    -> our fish oil page, not the medicines that contain it; "metformin extended release"
    -> metformin). One indexed query."""
    from drugs.models import DrugName
    from drugs.selectors import DrugMatch, release_form

    full = normalize_name(query)[:100]
    if not full:
        return []
    names = {full, release_form(full)[0]}
    matches = [
        DrugMatch(
            drug=name.drug,
            matched_name=name.name,
            matched_kind=name.kind,
            how="exact",
            score=3.0,
        )
        for name in DrugName.objects.filter(normalized__in=names, drug__is_published=True)
        .select_related("drug")
        .only("name", "kind", "normalized", "drug__name", "drug__slug")
    ]
    # One drug listed under a name twice (brand and generic) is still one drug.
    unique = {m.drug.pk: m for m in sorted(matches, key=lambda m: m.via_synonym, reverse=True)}
    return _best_of(unique.values())


def drug_near_best_match(query: str) -> list[tuple[str, str]]:
    """Asked when no word matched exactly: a close spelling of one drug's own name
    ("hydrochlorthiazide" -> hydrochlorothiazide, not the combinations that contain it)."""
    from drugs.selectors import drug_search

    matches = drug_search(query=query[:100], limit=10)
    if not matches or matches[0].how == "exact":
        return _best_of(matches)
    first = matches[0]
    if first.how != "fuzzy" or first.via_synonym or first.score < FUZZY_BEST:
        return []
    rivals = [m for m in matches[1:] if not m.via_synonym and m.score >= first.score]
    return [] if rivals else [("drug", str(first.drug.pk))]


def class_best_match(query: str) -> list[tuple[str, str]]:
    """The class pages a kind of medicine means ("statin", "blood thinners", "beta
    blocker"): our synonym table or the class's own label."""
    return [(CLASS_KIND, str(c.pk)) for c in drug_classes_for_query(query=query[:100])]
