"""Reads for the site search page."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import overload

from django.core.paginator import Page, Paginator
from django.db import DatabaseError
from django.utils import timezone
from django.utils.safestring import SafeString

from search.backends import get_backend
from search.backends.base import BackendResult, RawHit, SearchBackend
from search.highlight import marked_html
from search.models import SearchDocument
from search.query import ParsedQuery, parse_query
from search.registry import best_matches, label_for, listed_apart, providers

DEFAULT_PER_PAGE = 10
MAX_PER_PAGE = 50
logger = logging.getLogger(__name__)
_KIND = re.compile(r"^[a-z0-9_-]{1,40}$")


@dataclass(frozen=True)
class SearchHit:
    kind: str
    label: str
    title: SafeString  # escaped, matched words in <mark>
    snippet: SafeString
    url: str
    date: datetime | None


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count: int
    selected: bool


@dataclass
class KindGroup:
    """The hits of one kind on the current page, under a heading with the kind's total."""

    kind: str
    label: str
    count: int
    hits: list[SearchHit] = field(default_factory=list)


@dataclass
class SearchResults:
    query: str  # the cleaned query, to show back
    parsed: ParsedQuery
    kind: str | None
    kinds: list[KindCount]  # every kind with matches, for the filter links
    groups: list[KindGroup]  # this page's hits grouped by kind
    total: int  # matches in the selected kind (or all kinds)
    approximate: bool  # nothing matched exactly; these are near matches
    page_obj: Page
    page_range: list
    # What the query means outright (registry.best_matches), first on the first page
    best: list[SearchHit] = field(default_factory=list)
    # Kinds listed apart that also match, not among the results shown ("also 9,332 products")
    also: list[KindCount] = field(default_factory=list)

    @property
    def has_results(self) -> bool:
        return self.total > 0 or bool(self.best)


class _LazyHits(Sequence[RawHit]):
    """What the Paginator pages over: a known count, one database query per page."""

    def __init__(
        self,
        backend: SearchBackend,
        query: ParsedQuery,
        result: BackendResult,
        kind: str | None,
        total: int,
        exclude: frozenset[str] = frozenset(),
    ):
        self.backend, self.query, self.result, self.kind, self.total = (
            backend,
            query,
            result,
            kind,
            total,
        )
        self.exclude = exclude

    def count(self) -> int:  # type: ignore[override]  # Paginator asks for count()
        return self.total

    def __len__(self) -> int:
        return self.total

    @overload
    def __getitem__(self, index: int) -> RawHit: ...

    @overload
    def __getitem__(self, index: slice) -> list[RawHit]: ...

    def __getitem__(self, index: int | slice) -> RawHit | list[RawHit]:
        if not isinstance(index, slice):
            raise TypeError("search results are read a page at a time")
        start, stop = index.start or 0, index.stop or self.total
        if stop <= start:
            return []
        return self.backend.hits(
            self.query,
            approximate=self.result.approximate,
            kind=self.kind,
            offset=start,
            limit=stop - start,
            exclude=self.exclude,
        )


def _kind_order() -> dict[str, int]:
    return {kind: position for position, kind in enumerate(providers())}


def site_search(
    *,
    query: str | None,
    kind: str | None = None,
    page: int | str | None = 1,
    per_page: int = DEFAULT_PER_PAGE,
    backend: SearchBackend | None = None,
) -> SearchResults:
    """Public documents matching the reader's query, best first, a page at a time.

    Any input gives results or an empty result set, never an error: the query is parsed
    into plain words (search.query) and the backends quote every word themselves.
    """
    parsed = parse_query(query)
    kind = kind if kind and _KIND.match(kind) else None
    per_page = max(1, min(int(per_page), MAX_PER_PAGE))
    backend = backend or get_backend()
    try:
        result = backend.search_counts(parsed)
    except DatabaseError:
        logger.exception("search query failed: %r", parsed.text)
        # The parser should make this impossible; if a database still refuses a query,
        # the reader gets "no results" rather than an error page.
        result = BackendResult()
    order = _kind_order()
    kinds = sorted(
        (
            KindCount(kind=k, label=label_for(k), count=n, selected=(k == kind))
            for k, n in result.counts.items()
            if n
        ),
        key=lambda item: (order.get(item.kind, len(order)), item.label),
    )
    total = result.counts.get(kind, 0) if kind else sum(result.counts.values())
    # Kinds listed apart (supplement products) rank among the rest only when nothing else
    # matches; otherwise the reader sees how many also match and a link to them.
    apart = [k for k in kinds if k.kind in listed_apart()] if not kind else []
    exclude = frozenset(k.kind for k in apart)
    if apart and total > sum(k.count for k in apart):
        total -= sum(k.count for k in apart)
    else:
        apart, exclude = [], frozenset()
    paginator = Paginator(_LazyHits(backend, parsed, result, kind, total, exclude), per_page)
    page_obj = paginator.get_page(page)
    try:
        raw_hits = list(page_obj.object_list)
    except DatabaseError:
        logger.exception("search page failed: %r", parsed.text)
        raw_hits = []
    best = _best(parsed.text, kind, near=result.approximate) if page_obj.number == 1 else []
    best_urls = {hit.url for hit in best}
    groups: dict[str, KindGroup] = {}
    for raw in raw_hits:
        if raw.url in best_urls:
            continue  # shown once, as the best match
        group = groups.get(raw.kind)
        if group is None:
            group = groups[raw.kind] = KindGroup(
                kind=raw.kind, label=label_for(raw.kind), count=result.counts.get(raw.kind, 0)
            )
        group.hits.append(
            SearchHit(
                kind=raw.kind,
                label=group.label,
                title=marked_html(raw.title),
                snippet=marked_html(raw.snippet),
                url=raw.url,
                date=raw.date,
            )
        )
    return SearchResults(
        query=parsed.text,
        parsed=parsed,
        kind=kind,
        kinds=kinds,
        groups=list(groups.values()),
        total=total,
        approximate=result.approximate,
        page_obj=page_obj,
        page_range=list(paginator.get_elided_page_range(page_obj.number)),
        best=best,
        also=apart,
    )


BEST_SNIPPET_CHARS = 240


def _best(text: str, kind: str | None, *, near: bool = False) -> list[SearchHit]:
    """The documents registered best-match functions name for the query, as hits (the
    near-match functions too when nothing matched the words exactly)."""
    if not text:
        return []
    wanted: list[tuple[str, str]] = []
    for function in best_matches(near=near):
        for item in function(text):
            if item not in wanted and (kind is None or item[0] == kind):
                wanted.append(item)
    if not wanted:
        return []
    rows = {
        (row.kind, row.key): row
        for row in SearchDocument.objects.filter(
            kind__in={k for k, _key in wanted},
            key__in={key for _k, key in wanted},
            visibility="public",
        ).only("kind", "key", "title", "body", "url", "date", "visible_from")
    }
    hits = []
    for item in wanted:
        row = rows.get(item)
        if row is None or (row.visible_from and row.visible_from > timezone.now()):
            continue
        snippet = row.body[:BEST_SNIPPET_CHARS]
        if len(row.body) > BEST_SNIPPET_CHARS:
            snippet = snippet.rsplit(" ", 1)[0] + "…"
        hits.append(
            SearchHit(
                kind=row.kind,
                label=label_for(row.kind),
                title=marked_html(row.title),
                snippet=marked_html(snippet),
                url=row.url,
                date=row.date,
            )
        )
    return hits
