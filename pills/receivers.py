"""Pill characteristics from DailyMed labels: `import_spl` (drugs) sends
`spl_product_appearance`; we save them through the same service as the RxImage importer."""

from __future__ import annotations

import logging

from pills import codes
from pills.services import pill_upsert

logger = logging.getLogger(__name__)


def on_pill_deleted(sender, *, instance, **kwargs) -> None:
    """A deleted pill leaves its imprint's search document (or the document goes)."""
    from pills.search import index_imprint

    index_imprint(instance.imprint_key)


def on_spl_product_appearance(
    sender,
    *,
    product=None,
    ndc: str = "",
    imprint: str = "",
    color_codes=(),
    shape_code: str = "",
    size_mm=None,
    score=None,
    source_id: str = "",
    **kwargs,
) -> None:
    if product is None:  # import_spl --dry-run
        return
    colors = [c for c in color_codes if c in codes.COLORS]
    shape = shape_code if shape_code in codes.SHAPES else ""
    if not (imprint or shape or colors):
        return
    ndc = ndc or product.ndc or ""
    key = f"spl:{source_id or product.spl_set_id}:{ndc or product.pk}"
    try:
        pill_upsert(
            source="spl",
            source_key=key[:120],
            product_ndc=ndc[:9],
            package_ndcs=[ndc] if len(ndc) == 11 else [],
            name=product.name.upper() if product.name else product.drug.name.upper(),
            strength=product.strength,
            dosage_form=product.dosage_form,
            labeler=product.labeler,
            imprint=imprint,
            shape=shape,
            colors=colors,
            size_mm=size_mm,
            score=score,
            drug=product.drug,
            product=product,
        )
    except ValueError as error:  # a label with values we cannot store: log, never stop
        logger.warning("pill appearance of %s not saved: %s", key, error)
