"""What the pill identifier puts into the site index: one document per imprint, so site
search finds pills by what is printed on them and lists an imprint once, however many
pills (makers, repackagers, strengths) carry it. Its link opens the identifier's results
for that imprint."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from more_itertools import batched

from pills.models import Pill
from pills.names import pill_title, readable_strength
from search.registry import Document
from search.services import index_document, index_documents, remove_document, remove_documents

KIND = "pill"
TITLE_NAMES = 3
# Imprint documents are vocabulary: they answer what is printed on a pill, and rank below our
# pages for a medicine's name ("lipitor" is the drug first, then the pills carrying it).
WEIGHT = 0.3
INDEX_BATCH = 500


def _medicine(pill: Pill) -> str:
    if not pill.name:
        return pill.drug.name if pill.drug_id and pill.drug else ""
    return f"{pill_title(pill.name)} {readable_strength(pill.strength)}".strip()


def imprint_document(key: str, pills: Iterable[Pill]) -> Document | None:
    """The document for the pills that carry the imprint `key` (most common first)."""
    pills = list(pills)
    if not key or not pills:
        return None
    imprint = pills[0].imprint_display
    medicines = list(dict.fromkeys(m for m in map(_medicine, pills) if m))
    title = _("Pill imprint %(imprint)s") % {"imprint": imprint}
    if medicines:
        shown = "; ".join(medicines[:TITLE_NAMES])
        more = len(medicines) - TITLE_NAMES
        if more > 0:
            shown = _("%(names)s and %(count)s more") % {"names": shown, "count": more}
        title = f"{title}: {shown}"
    words = [imprint, key]
    for pill in pills:  # the run as printed ("AB12") for readers who type it so
        words.append("".join(pill.imprint_tokens))
    for pill in pills:
        words += [pill.shape_label, *pill.color_labels, pill.name, pill.labeler]
    body = " ".join(dict.fromkeys(w for w in words if w))
    url = reverse("pills:identify") + "?" + urlencode({"imprint": imprint})
    return Document(kind=KIND, key=key, title=title[:500], body=body, url=url, weight=WEIGHT)


def _grouped(pills: Iterable[Pill]) -> Iterator[Document]:
    """One document per imprint of `pills`, given in imprint key order."""
    for key, group in groupby(pills, key=lambda pill: pill.imprint_key):
        document = imprint_document(key, group)
        if document is not None:
            yield document


def _pills_by_imprint():
    return Pill.objects.select_related("drug").order_by("imprint_key", "-commonness", "pk")


def index_imprints(keys: Iterable[str]) -> None:
    """Bring the documents of these imprints up to date, a few hundred at a time (one query
    for their pills, one delete and one insert): imports index a whole batch this way. With a
    single imprint this is `index_imprint`, which writes nothing when the document is unchanged."""
    keys = sorted({key for key in keys if key})
    if len(keys) == 1:
        index_imprint(keys[0])
        return
    for chunk in batched(keys, INDEX_BATCH):
        documents = list(_grouped(_pills_by_imprint().filter(imprint_key__in=chunk)))
        found = {document.key for document in documents}
        remove_documents(kind=KIND, keys=[key for key in chunk if key not in found])
        index_documents(documents)


def index_imprint(key: str) -> None:
    """Bring the document of one imprint up to date (removed when no pill carries it)."""
    if not key:
        return
    pills = (
        Pill.objects.filter(imprint_key=key).select_related("drug").order_by("-commonness", "pk")
    )
    document = imprint_document(key, pills)
    if document is None:
        remove_document(kind=KIND, key=key)
    else:
        index_document(document)


class PillProvider:
    kind = KIND
    label = gettext_lazy("Pills by imprint")

    def documents(self) -> Iterator[Document]:
        yield from _grouped(_pills_by_imprint().exclude(imprint_key="").iterator(chunk_size=2000))
