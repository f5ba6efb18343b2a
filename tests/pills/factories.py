"""Builders for pill tests; pills are saved through pills.services like the importers do."""

from itertools import count

from drugs.models import Drug, Product
from drugs.services import drug_create, product_upsert
from pills.services import pill_upsert

_seq = count(1)


def make_drug(*, name: str = "", slug: str = "", **extra) -> Drug:
    n = next(_seq)
    name = name or f"Testdrug {n}"
    kind = extra.pop("kind", Drug.Kind.PRESCRIPTION)
    return drug_create(name=name, kind=kind, slug=slug or f"testdrug-{n}", **extra)


def make_product(*, drug: Drug, ndc: str, **extra) -> Product:
    product, _status = product_upsert(drug=drug, source_key=f"ndc:{ndc}", ndc=ndc, **extra)
    return product


def make_pill(
    *,
    imprint: str = "",
    shape: str = "C48348",
    colors: tuple[str, ...] = ("C48325",),
    name: str = "",
    drug: Drug | None = None,
    **extra,
):
    n = next(_seq)
    return pill_upsert(
        source="editorial",
        source_key=extra.pop("source_key", f"test:{n}"),
        imprint=imprint,
        shape=shape,
        colors=list(colors),
        name=name or f"TESTDRUG {n} 10 MG ORAL TABLET",
        strength=extra.pop("strength", "10 MG"),
        drug=drug,
        **extra,
    ).pill
