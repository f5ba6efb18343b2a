"""What the pill identifier puts into the site index: one document per pill with an
imprint, so site search finds pills by what is printed on them."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pills.models import Pill
from search.registry import Document


def document_for(pill: Pill) -> Document | None:
    if not pill.imprint_tokens:
        return None
    imprint = pill.imprint_display
    title = _("Pill imprint %(imprint)s") % {"imprint": imprint}
    if pill.name:
        title = f"{title}: {pill.name.title()}"
    body = " ".join(
        part
        for part in (
            imprint,
            " ".join(pill.imprint_tokens),
            "".join(pill.imprint_tokens),
            pill.shape_label,
            " ".join(pill.color_labels),
            pill.name,
            pill.labeler,
        )
        if part
    )
    url = reverse("pills:identify") + "?" + urlencode({"imprint": imprint})
    return Document(kind="pill", key=str(pill.pk), title=title, body=body, url=url, weight=0.8)


class PillProvider:
    kind = "pill"
    label = gettext_lazy("Pills by imprint")

    def documents(self) -> Iterator[Document]:
        for pill in Pill.objects.order_by("pk").iterator(chunk_size=2000):
            document = document_for(pill)
            if document is not None:
                yield document
