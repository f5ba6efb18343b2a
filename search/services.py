"""Writes to the site index. Apps call these when their content changes.

The full-text structures follow the document table by themselves (SQLite triggers, a
PostgreSQL generated column), so these functions only write `SearchDocument` rows.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from search.backends.base import MARK_END, MARK_START
from search.models import SearchDocument
from search.registry import Document

MAX_TITLE_CHARS = 500
# PostgreSQL's tsvector holds at most 1 MB; a search snippet never needs more than this.
MAX_BODY_CHARS = 200_000
BATCH_SIZE = 1000
_STRIP = str.maketrans({"\x00": " ", MARK_START: " ", MARK_END: " "})


def _clean(text: str, limit: int) -> str:
    """No NUL bytes (PostgreSQL refuses them) and no highlight markers (ours alone)."""
    return (text or "").translate(_STRIP)[:limit]


def _fields(document: Document) -> dict:
    return {
        "title": _clean(document.title, MAX_TITLE_CHARS),
        "body": _clean(document.body, MAX_BODY_CHARS),
        "url": document.url[:500],
        "weight": document.weight,
        "date": document.date,
        "visibility": document.visibility,
        "visible_from": document.visible_from,
    }


@transaction.atomic
def index_document(document: Document) -> bool:
    """Add or replace one document (by kind and key). Nothing is written when the indexed
    copy is already the same, so re-imports leave the index untouched. Returns whether
    anything changed."""
    fields = _fields(document)
    rows = SearchDocument.objects.filter(kind=document.kind, key=document.key)
    current = rows.values(*fields).first()
    if current == fields:
        return False
    if current is None:
        SearchDocument.objects.create(kind=document.kind, key=document.key, **fields)
    else:
        rows.update(updated_at=timezone.now(), **fields)
    return True


@transaction.atomic
def remove_document(*, kind: str, key: str) -> None:
    """Remove one document; nothing happens when it was not indexed."""
    remove_documents(kind=kind, keys=[key])


@transaction.atomic
def remove_documents(*, kind: str, keys: Iterable[str]) -> None:
    """Remove the documents of a kind with these keys; those not indexed are skipped."""
    keys = list(keys)
    if keys:
        SearchDocument.objects.filter(kind=kind, key__in=keys).delete()


@transaction.atomic
def replace_kind(*, kind: str, documents: Iterable[Document]) -> int:
    """Replace every document of a kind (used by rebuild_search_index). Returns the count.

    Documents of another kind raise ValueError (the whole replacement is rolled back);
    a key seen twice keeps its first document.
    """
    SearchDocument.objects.filter(kind=kind).delete()
    count = 0
    seen: set[str] = set()
    batch: list[SearchDocument] = []
    for document in documents:
        if document.kind != kind:
            raise ValueError(f"document {document.key!r} has kind {document.kind!r}, not {kind!r}")
        if document.key in seen:
            continue
        seen.add(document.key)
        batch.append(SearchDocument(kind=kind, key=document.key, **_fields(document)))
        if len(batch) >= BATCH_SIZE:
            SearchDocument.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    SearchDocument.objects.bulk_create(batch)
    return count + len(batch)


@transaction.atomic
def remove_kinds_except(*, kinds: Iterable[str]) -> int:
    """Remove documents of kinds no provider offers any more. Returns how many."""
    deleted, _ = SearchDocument.objects.exclude(kind__in=list(kinds)).delete()
    return deleted


@transaction.atomic
def index_documents(documents: Iterable[Document]) -> int:
    """Add or replace many documents at once (bulk imports). Returns the count.

    The same cleaning as `index_document`, in batches: each batch's existing rows (by kind
    and key) are deleted and the new ones inserted.
    """
    count = 0
    batch: dict[tuple[str, str], Document] = {}

    def flush() -> None:
        by_kind: dict[str, list[str]] = {}
        for kind, key in batch:
            by_kind.setdefault(kind, []).append(key)
        for kind, keys in by_kind.items():
            SearchDocument.objects.filter(kind=kind, key__in=keys).delete()
        SearchDocument.objects.bulk_create(
            SearchDocument(kind=d.kind, key=d.key, **_fields(d)) for d in batch.values()
        )

    for document in documents:
        batch[(document.kind, document.key)] = document
        if len(batch) >= BATCH_SIZE:
            flush()
            count += len(batch)
            batch = {}
    flush()
    return count + len(batch)


@transaction.atomic
def remove_documents_with_prefix(*, kind: str, prefix: str) -> int:
    """Remove every document of a kind whose key starts with `prefix` (e.g. "12/" for the
    pages of article 12). Returns how many."""
    deleted, _ = SearchDocument.objects.filter(kind=kind, key__startswith=prefix).delete()
    return deleted
