"""Writes to the site index. Apps call these when their content changes."""

from __future__ import annotations

from django.db import transaction

from search.models import SearchDocument
from search.registry import Document


def index_document(document: Document) -> None:
    """Add or replace one document (by kind and key)."""
    SearchDocument.objects.update_or_create(
        kind=document.kind,
        key=document.key,
        defaults={
            "title": document.title[:500],
            "body": document.body,
            "url": document.url,
            "weight": document.weight,
            "date": document.date,
            "visibility": document.visibility,
        },
    )


def remove_document(*, kind: str, key: str) -> None:
    """Remove one document; nothing happens when it was not indexed."""
    SearchDocument.objects.filter(kind=kind, key=key).delete()


@transaction.atomic
def replace_kind(*, kind: str, documents) -> int:
    """Replace every document of a kind (used by rebuild_search_index). Returns the count."""
    SearchDocument.objects.filter(kind=kind).delete()
    count = 0
    batch: list[SearchDocument] = []
    for document in documents:
        batch.append(
            SearchDocument(
                kind=document.kind,
                key=document.key,
                title=document.title[:500],
                body=document.body,
                url=document.url,
                weight=document.weight,
                date=document.date,
                visibility=document.visibility,
            )
        )
        if len(batch) >= 1000:
            SearchDocument.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    SearchDocument.objects.bulk_create(batch)
    return count + len(batch)
