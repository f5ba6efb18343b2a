"""What the drugs app puts into the site search: each published drug with its names and uses."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from drugs.models import Drug
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
