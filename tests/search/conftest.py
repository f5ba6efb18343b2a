"""Search test helpers: registered test providers and quick document builders."""

from __future__ import annotations

import pytest

from search import registry
from search.registry import Document
from search.services import index_document


class ListProvider:
    """A provider over a fixed list, registered only for the test that uses it."""

    def __init__(self, kind: str, label: str, documents: list[Document] | None = None):
        self.kind = kind
        self.label = label
        self.items = documents or []

    def documents(self):
        yield from self.items


@pytest.fixture
def register_provider():
    """Register providers for one test, alone: the apps' own providers are set aside and
    the registry is restored afterwards."""
    saved = dict(registry._providers)
    saved_best = list(registry._best_matches)
    saved_near = list(registry._near_best_matches)
    registry._providers.clear()
    registry._best_matches.clear()
    registry._near_best_matches.clear()

    def register(kind: str, label: str, documents: list[Document] | None = None):
        provider = ListProvider(kind, label, documents)
        registry.register(provider)
        return provider

    yield register
    registry._providers.clear()
    registry._providers.update(saved)
    registry._best_matches[:] = saved_best
    registry._near_best_matches[:] = saved_near


def doc(key: str, title: str, body: str = "", *, kind: str = "article", **extra) -> Document:
    return Document(kind=kind, key=key, title=title, body=body, url=f"/{kind}s/{key}/", **extra)


def add(*documents: Document) -> None:
    for document in documents:
        index_document(document)
