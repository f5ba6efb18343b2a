"""Writes for supplement products (NIH Dietary Supplement Label Database, DSLD).

Products are written in batches by `import_supplement_products`: each batch reads the rows
it already has by DSLD id, creates the new ones, updates only those whose values changed
(so a second run of the same file changes nothing) and refreshes their entries in the site
search.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from drugs.supplement_products import SupplementProduct
from healthsite.upsert import CREATED, UNCHANGED, UPDATED, assign_changed


def _max_length(field: str) -> int | None:
    return getattr(SupplementProduct._meta.get_field(field), "max_length", None)


@transaction.atomic
def supplement_products_bulk_upsert(
    *, rows: Iterable[tuple[int, Mapping[str, Any]]]
) -> dict[str, int]:
    """Create or update products given as (DSLD id, {field: value}) with the fields of
    `SupplementProduct.IMPORTED_FIELDS`. Returns counts by outcome ("created"...).
    Text longer than its field is cut to fit."""
    wanted: dict[int, dict[str, Any]] = {}
    for dsld_id, values in rows:
        clean = dict(values)
        for field, value in clean.items():
            limit = _max_length(field)
            if isinstance(value, str) and limit:
                clean[field] = value[:limit]
        wanted[dsld_id] = clean
    existing = {
        product.dsld_id: product
        for product in SupplementProduct.objects.filter(dsld_id__in=list(wanted))
    }
    counts = {CREATED: 0, UPDATED: 0, UNCHANGED: 0}
    to_create: list[SupplementProduct] = []
    to_update: list[SupplementProduct] = []
    changed_fields: set[str] = set()
    for dsld_id, values in wanted.items():
        product = existing.get(dsld_id)
        if product is None:
            product = SupplementProduct(dsld_id=dsld_id, **values)
            product.full_clean(exclude=["drug"], validate_unique=False)
            to_create.append(product)
            counts[CREATED] += 1
            continue
        changed = assign_changed(product, values)
        if not changed:
            counts[UNCHANGED] += 1
            continue
        product.full_clean(exclude=["drug"], validate_unique=False)
        product.updated_at = timezone.now()
        changed_fields.update(changed)
        to_update.append(product)
        counts[UPDATED] += 1
    SupplementProduct.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        SupplementProduct.objects.bulk_update(
            to_update, [*changed_fields, "updated_at"], batch_size=500
        )
    changed_ids = [p.dsld_id for p in (*to_create, *to_update)]
    if changed_ids:
        supplement_products_reindex(dsld_ids=changed_ids)
    return counts


def supplement_products_reindex(*, dsld_ids: Iterable[int]) -> int:
    """Refresh these products' entries in the site search. Returns how many."""
    from drugs.search import supplement_product_document
    from search.services import index_documents

    products = SupplementProduct.objects.filter(dsld_id__in=list(dsld_ids)).select_related("drug")
    return index_documents(supplement_product_document(p) for p in products)
