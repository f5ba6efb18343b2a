"""manage.py rebuild_search_index"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from search.models import SearchDocument
from search.registry import Document
from tests.search.conftest import add, doc

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("rebuild_search_index", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_rebuild_indexes_every_provider_and_reports_rejects(register_provider):
    register_provider(
        "guide",
        "Guides",
        [
            doc("1", "Back pain", "Keep moving.", kind="guide"),
            doc("2", "Neck pain", "Check your posture.", kind="guide"),
            doc("2", "Neck pain again", kind="guide"),
            Document(kind="guide", key="3", title=" ", body="", url="/guides/3/"),
            Document(kind="guide", key="4", title="No link", body="", url=""),
            doc("5", "Wrong kind", kind="drug"),
        ],
    )
    add(doc("old", "Stale back pain article", kind="guide"))
    add(doc("gone", "Back pain from a removed app", kind="retired"))

    run()
    assert SearchDocument.objects.filter(kind="retired").exists()  # kept without --prune

    out, err = run("--prune")

    assert set(SearchDocument.objects.values_list("kind", "key")) == {
        ("guide", "1"),
        ("guide", "2"),
    }
    assert "Indexed 2 documents (guide 2" in out
    assert "4 rejected" in out
    assert "removed 1 documents" in out
    assert "guide 2: key seen twice" in err
    assert "guide 3: no title" in err
    assert "guide 4: no URL" in err
    assert "guide 5: has kind 'drug'" in err


def test_rebuild_one_kind_leaves_the_others(register_provider):
    register_provider("guide", "Guides", [doc("1", "Back pain", kind="guide")])
    register_provider("drug", "Drugs", [doc("9", "Naproxen", kind="drug")])
    add(doc("7", "Ibuprofen", kind="drug"))

    run("--kind", "guide")

    assert set(SearchDocument.objects.values_list("kind", "key")) == {
        ("guide", "1"),
        ("drug", "7"),
    }


def test_dry_run_writes_nothing(register_provider):
    register_provider("guide", "Guides", [doc("1", "Back pain", kind="guide")])
    out, _ = run("--dry-run")
    assert "Would index 1 documents" in out
    assert not SearchDocument.objects.exists()


def test_an_unknown_kind_is_an_error(register_provider):
    register_provider("guide", "Guides")
    with pytest.raises(CommandError, match="No search provider for nope"):
        run("--kind", "nope")
