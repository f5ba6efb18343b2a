"""Writing to the index keeps the full-text structures in step."""

import pytest

from search.models import SearchDocument
from search.selectors import site_search
from search.services import index_document, remove_document, replace_kind
from tests.search.conftest import add, doc

pytestmark = pytest.mark.django_db


def titles(query: str, **kwargs) -> list[str]:
    results = site_search(query=query, **kwargs)
    return [str(hit.title) for group in results.groups for hit in group.hits]


def test_indexed_documents_are_found_by_title_and_body():
    add(doc("1", "Runner's knee", "Pain around the kneecap after running."))
    assert titles("kneecap ") == ["Runner&#x27;s knee"]
    assert titles("knee ") == ["Runner&#x27;s <mark>knee</mark>"]


def test_reindexing_replaces_the_old_text():
    add(doc("1", "Gout", "Sudden joint pain."))
    index_document(doc("1", "Gout attack", "Swollen big toe."))
    assert SearchDocument.objects.count() == 1
    assert titles("joint ") == []
    assert len(titles("toe ")) == 1


def test_removed_documents_are_no_longer_found():
    add(doc("1", "Gout", "Sudden joint pain."), doc("2", "Bunion", "Joint at the big toe."))
    remove_document(kind="article", key="1")
    remove_document(kind="article", key="missing")  # nothing to remove: no error
    assert titles("joint ") == ["Bunion"]


def test_replace_kind_swaps_every_document_of_that_kind_only():
    add(doc("1", "Old asthma guide", "Inhalers."), doc("9", "Asthma inhaler", kind="drug"))
    count = replace_kind(
        kind="article",
        documents=[doc("2", "New asthma guide", "Inhalers"), doc("2", "Duplicate key")],
    )
    assert count == 1
    assert sorted(titles("asthma ")) == [
        "<mark>Asthma</mark> inhaler",
        "New <mark>asthma</mark> guide",
    ]


def test_replace_kind_refuses_documents_of_another_kind():
    add(doc("1", "Asthma guide"))
    with pytest.raises(ValueError, match="kind"):
        replace_kind(kind="article", documents=[doc("2", "Asthma", kind="drug")])
    assert titles("asthma ") == ["<mark>Asthma</mark> guide"]  # rolled back


def test_nul_bytes_and_highlight_markers_are_stripped_on_the_way_in():
    add(doc("1", "Knee\x00 brace \ue000x\ue001", "Support\x00 for the knee"))
    stored = SearchDocument.objects.get()
    assert "\x00" not in stored.title + stored.body
    assert "\ue000" not in stored.title
    assert titles("brace ") == ["Knee  <mark>brace</mark>  x "]


def test_only_public_documents_are_found():
    add(doc("1", "Migraine diary", visibility="public"))
    add(doc("2", "Migraine staff notes", visibility="staff"))
    assert titles("migraine ") == ["<mark>Migraine</mark> diary"]
