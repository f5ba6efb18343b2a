"""What every search backend offers, and the pieces they share."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from search.models import SearchDocument
from search.query import ParsedQuery

# Backends wrap matched words in these two characters (from Unicode's private use area,
# which the index never stores: services strip them); `search.highlight` escapes the text
# and only then turns them into <mark> tags.
MARK_START = "\ue000"
MARK_END = "\ue001"

DOCUMENT_TABLE = SearchDocument._meta.db_table
PUBLIC = "public"
PLAIN_SNIPPET_CHARS = 240
# The documents a reader may find: public, and not scheduled for later. Its parameters come
# from `shown_params()`.
SHOWN = "d.visibility = %s AND (d.visible_from IS NULL OR d.visible_from <= %s)"


def kind_filter(kind: str | None, exclude: frozenset[str]) -> tuple[str, list[str]]:
    """SQL (starting with AND, or empty) and its parameters: one kind, or all but some."""
    if kind:
        return "AND d.kind = %s", [kind]
    if exclude:
        marks = ", ".join(["%s"] * len(exclude))
        return f"AND d.kind NOT IN ({marks})", sorted(exclude)
    return "", []


def shown_params(connection: BaseDatabaseWrapper) -> list:
    """Parameters for SHOWN: the public visibility and now, as the database stores dates."""
    return [PUBLIC, connection.ops.adapt_datetimefield_value(timezone.now())]


@dataclass(frozen=True)
class RawHit:
    """One result as the database gave it; `title` and `snippet` carry the markers."""

    id: int
    kind: str
    title: str
    snippet: str
    url: str
    date: datetime | None


@dataclass
class BackendResult:
    counts: dict[str, int] = field(default_factory=dict)  # public matches per kind
    approximate: bool = False  # nothing matched exactly: these are near matches


class SearchBackend:
    """Subclasses create their index structures and answer queries.

    Every query is built from the words of a `ParsedQuery` (quoted by the backend itself)
    and runs with parameters; raw reader input never reaches the database's query syntax.
    """

    vendor = ""

    def __init__(self, connection: BaseDatabaseWrapper):
        self.connection = connection

    # -- schema -------------------------------------------------------------------------
    def install(self) -> None:
        """Create whatever the backend needs next to the document table (idempotent)."""
        raise NotImplementedError

    def uninstall(self) -> None:
        raise NotImplementedError

    # -- queries ------------------------------------------------------------------------
    def counts(self, query: ParsedQuery, *, approximate: bool) -> dict[str, int]:
        """Public matching documents per kind."""
        raise NotImplementedError

    def hits(
        self,
        query: ParsedQuery,
        *,
        approximate: bool,
        kind: str | None,
        offset: int,
        limit: int,
        exclude: frozenset[str] = frozenset(),
    ) -> list[RawHit]:
        """One page of public matches, best first, with highlighted title and snippet;
        `exclude` leaves those kinds out (only when `kind` is None)."""
        raise NotImplementedError

    def supports_approximate(self, query: ParsedQuery) -> bool:
        return bool(query.near_words)

    def optimize(self) -> None:
        """Tidy the index after a bulk load (statistics, merged segments)."""

    def search_counts(self, query: ParsedQuery) -> BackendResult:
        """Exact matches per kind, or near matches when nothing matches exactly."""
        if query.is_empty:
            return BackendResult()
        counts = self.counts(query, approximate=False)
        if sum(counts.values()) == 0 and self.supports_approximate(query):
            near = self.counts(query, approximate=True)
            if sum(near.values()):
                return BackendResult(counts=near, approximate=True)
        return BackendResult(counts=counts)
