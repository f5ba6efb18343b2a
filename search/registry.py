"""What each app puts into the site index.

`search/` imports no other app. Each app describes its documents with a provider and
registers it in its AppConfig.ready():

    from search.registry import Document, register

    class DrugProvider:
        kind = "drug"                    # stable key stored in the index
        label = _("Drugs & supplements") # heading on the results page
        def documents(self):             # every document, for a rebuild
            for drug in Drug.objects.all():
                yield Document(kind="drug", key=str(drug.pk), ...)

    register(DrugProvider())

and keeps the index fresh on change with `search.services.index_document(doc)` /
`search.services.remove_document(kind=..., key=...)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Document:
    kind: str  # which provider it came from, e.g. "article", "drug"
    key: str  # unique within the kind, e.g. the primary key or "slug/2"
    title: str
    body: str  # plain text, no HTML
    url: str
    weight: float = 1.0  # multiplies the relevance, e.g. 2.0 for health centers
    date: datetime | None = None
    # Only "public" documents are ever shown by the site search. Content that is not public
    # (drafts, private groups) is simply never indexed; the field lets staff-only kinds exist.
    visibility: str = "public"
    # Scheduled content is indexed when saved and shown from this moment on, so it needs no
    # background job at its publish date.
    visible_from: datetime | None = None


class SearchProvider(Protocol):
    kind: str

    @property
    def label(self) -> StrOrPromise:  # usually a lazy translation, read when shown
        ...

    def documents(self) -> Iterable[Document]: ...


_providers: dict[str, SearchProvider] = {}


def register(provider: SearchProvider) -> None:
    _providers[provider.kind] = provider


# Best match: functions `(query text) -> [(kind, key)]` naming the documents a query means
# outright ("GERD" -> the acid reflux condition page). Site search shows them first, on the
# first page, once; an app registers one when it can tell (its own lookup of names,
# abbreviations and lay terms), which full-text ranking alone cannot.
# A function registered with `near=True` is asked only when nothing matched the words exactly
# (a typo: "hydrochlorthiazide"), so searches that do match pay nothing for it.
BestMatch = Callable[[str], list[tuple[str, str]]]
_best_matches: list[BestMatch] = []
_near_best_matches: list[BestMatch] = []


def register_best_match(function: BestMatch, *, near: bool = False) -> None:
    functions = _near_best_matches if near else _best_matches
    if function not in functions:
        functions.append(function)


def best_matches(*, near: bool = False) -> list[BestMatch]:
    """The functions to ask, in the order they registered; with `near`, the near-match ones
    too (after the others)."""
    return [*_best_matches, *(_near_best_matches if near else [])]


def providers() -> dict[str, SearchProvider]:
    return dict(_providers)


def listed_apart() -> frozenset[str]:
    """Kinds too numerous to rank among everything else (`listed_apart = True` on the
    provider: ~90,000 supplement products). The site search lists them only when the reader
    picks that kind, or when nothing else matches; otherwise it shows how many also match."""
    return frozenset(kind for kind, p in _providers.items() if getattr(p, "listed_apart", False))


def label_for(kind: str) -> str:
    provider = _providers.get(kind)
    return str(provider.label) if provider else kind
