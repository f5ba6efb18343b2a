"""The relevance table (relevance.toml) and how a case is checked: shared by the demo and the
shared-data runs."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from search.selectors import site_search

TABLE = Path(__file__).with_name("relevance.toml")


@dataclass(frozen=True)
class Case:
    query: str
    demo: tuple[str, ...]
    shared: tuple[str, ...]


def _answers(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def cases() -> list[Case]:
    with TABLE.open("rb") as stream:
        rows = tomllib.load(stream)["case"]
    return [
        Case(
            query=row["query"],
            demo=_answers(row.get("demo", row.get("first"))),
            shared=_answers(row.get("shared", row.get("first"))),
        )
        for row in rows
    ]


def result_id(kind: str, url: str) -> str:
    """ "kind:slug" for a result: the last part of its path, or a pill's imprint."""
    parts = urlsplit(url)
    imprint = parse_qs(parts.query).get("imprint")
    slug = imprint[0] if imprint else parts.path.rstrip("/").rsplit("/", 1)[-1]
    return f"{kind}:{slug}"


def first_results(query: str, count: int = 3) -> list[str]:
    """The first results a reader sees for the query, best match first."""
    results = site_search(query=query)
    hits = [*results.best, *(hit for group in results.groups for hit in group.hits)]
    return [result_id(hit.kind, hit.url) for hit in hits[:count]]


def misses(table: list[tuple[str, tuple[str, ...]]]) -> list[str]:
    """Every case whose first result is not one of its answers, with what came first."""
    wrong = []
    for query, answers in table:
        found = first_results(query)
        if not found or found[0] not in answers:
            wrong.append(f"{query!r}: expected {' or '.join(answers)}, found {found}")
    return wrong
