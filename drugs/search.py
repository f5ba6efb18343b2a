"""What the drugs app puts into the site search: each published drug with its names and uses."""

from __future__ import annotations

import functools
from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from drugs.models import Drug, SupplementProduct
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


class DrugSearchProvider:
    kind = "drug"
    label = _("Drugs & supplements")

    def documents(self) -> Iterator[Document]:
        names: dict[int, list[str]] = {}
        for drug_id, name in Drug.objects.published().values_list("pk", "names__name"):
            if name:
                names.setdefault(drug_id, []).append(name)
        for drug in Drug.objects.published().iterator(chunk_size=500):
            yield drug_document(drug, names.get(drug.pk, []))


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

    def documents(self) -> Iterator[Document]:
        products = SupplementProduct.objects.select_related("drug").order_by("pk")
        for product in products.iterator(chunk_size=2000):
            yield supplement_product_document(product)
