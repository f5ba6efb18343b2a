"""SQLite FTS5: an external-content full-text table kept in sync by triggers.

The FTS table reads the text from `search_searchdocument` (no second copy of the text);
three triggers keep its index in step with every insert, update and delete, including bulk
inserts and queryset deletes. Ranking is bm25 with the title weighing ten times the body,
multiplied by the document's own weight.
"""

# S608 below: SQL text is assembled only from this module's constants and fixed fragments;
# every value that comes from a reader or a document is passed as a query parameter.

from __future__ import annotations

import difflib
from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from search.backends.base import (
    DOCUMENT_TABLE,
    MARK_END,
    MARK_START,
    SHOWN,
    RawHit,
    SearchBackend,
    kind_filter,
    shown_params,
)
from search.query import ParsedQuery

FTS_TABLE = "search_document_fts"
VOCABULARY_TABLE = "search_document_fts_vocabulary"  # fts5vocab: every indexed word
SIMILAR_PER_WORD = 3
SIMILARITY_CUTOFF = 0.75  # difflib ratio: "metfromin" ~ "metformin" is 0.89
TITLE_WEIGHT = 10.0
BODY_WEIGHT = 1.0
SNIPPET_TOKENS = 32
MIN_NEAR_STEM = 3

_TRIGGERS = {
    "search_document_fts_insert": f"""
        CREATE TRIGGER IF NOT EXISTS search_document_fts_insert
        AFTER INSERT ON {DOCUMENT_TABLE} BEGIN
            INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (new.id, new.title, new.body);
        END""",  # noqa: S608
    "search_document_fts_delete": f"""
        CREATE TRIGGER IF NOT EXISTS search_document_fts_delete
        AFTER DELETE ON {DOCUMENT_TABLE} BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body)
            VALUES ('delete', old.id, old.title, old.body);
        END""",  # noqa: S608
    "search_document_fts_update": f"""
        CREATE TRIGGER IF NOT EXISTS search_document_fts_update
        AFTER UPDATE ON {DOCUMENT_TABLE} BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body)
            VALUES ('delete', old.id, old.title, old.body);
            INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (new.id, new.title, new.body);
        END""",  # noqa: S608
}


def _quoted(words: tuple[str, ...]) -> str:
    # Words hold only letters and digits (see search.query), so they never contain a quote;
    # inside double quotes FTS5 reads operators such as AND, NEAR, * and ^ as plain text.
    return '"' + " ".join(word.replace('"', "") for word in words) + '"'


def match_expression(query: ParsedQuery) -> str:
    """The FTS5 MATCH expression for a parsed query: every word quoted by us."""
    parts = []
    last_group = len(query.groups) - 1
    for index, group in enumerate(query.groups):
        alternatives = []
        for clause in group:
            term = _quoted(clause.words)
            if index == last_group and query.prefix_last and len(group) == 1:
                term += "*"
            alternatives.append(term)
        parts.append(
            alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"
        )
    expression = " AND ".join(parts)
    if query.excluded:
        expression = f"({expression})" + "".join(
            f" NOT {_quoted(clause.words)}" for clause in query.excluded
        )
    return expression


def near_expression(query: ParsedQuery, similar: dict[str, list[str]] | None = None) -> str:
    """A forgiving expression for typos: any word that starts like one of the reader's
    (its last two letters dropped), or an indexed word spelt much like it (`similar`)."""
    terms = []
    for word in query.near_words:
        stem = word if len(word) <= MIN_NEAR_STEM else word[: max(MIN_NEAR_STEM, len(word) - 2)]
        terms.append(_quoted((stem,)) + "*")
        terms += [_quoted((term,)) for term in (similar or {}).get(word, [])]
    return " OR ".join(dict.fromkeys(terms))


class SqliteBackend(SearchBackend):
    vendor = "sqlite"

    def install(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [FTS_TABLE]
            )
            created = cursor.fetchone() is None
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
                f"title, body, content='{DOCUMENT_TABLE}', content_rowid='id', "
                "tokenize='porter unicode61 remove_diacritics 2', prefix='2 3')"
            )
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCABULARY_TABLE} "
                f"USING fts5vocab({FTS_TABLE}, 'row')"
            )
            for sql in _TRIGGERS.values():
                cursor.execute(sql)
            if created:
                # Index documents that were stored before the FTS table existed.
                cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")  # noqa: S608

    def uninstall(self) -> None:
        with self.connection.cursor() as cursor:
            for name in _TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {VOCABULARY_TABLE}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")

    def rebuild(self) -> None:
        """Re-read every document into the FTS index (after a repair or a bulk load)."""
        with self.connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")  # noqa: S608

    def optimize(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")  # noqa: S608
            cursor.execute("PRAGMA optimize")

    def _expression(self, query: ParsedQuery, approximate: bool) -> str:
        if not approximate:
            return match_expression(query)
        cache = self.__dict__.setdefault("_near_cache", {})
        if query not in cache:
            cache[query] = near_expression(query, self._similar_terms(query.near_words))
        return cache[query]

    def _similar_terms(self, words: tuple[str, ...]) -> dict[str, list[str]]:
        """Indexed words spelt like each of `words` (same first two letters, similar length).

        The vocabulary holds stemmed words ("diabet"), which is what a MATCH looks up.
        """
        similar: dict[str, list[str]] = {}
        with self.connection.cursor() as cursor:
            for word in words:
                start = word[:2]
                end = start[:-1] + chr(ord(start[-1]) + 1)
                sql = (
                    f"SELECT term FROM {VOCABULARY_TABLE} WHERE term >= %s AND term < %s "  # noqa: S608
                    "AND length(term) BETWEEN %s AND %s"
                )
                cursor.execute(sql, [start, end, len(word) - 3, len(word) + 2])
                candidates = [row[0] for row in cursor.fetchall()]
                similar[word] = difflib.get_close_matches(
                    word, candidates, n=SIMILAR_PER_WORD, cutoff=SIMILARITY_CUTOFF
                )
        return similar

    def counts(self, query: ParsedQuery, *, approximate: bool) -> dict[str, int]:
        expression = self._expression(query, approximate)
        if not expression:
            return {}
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"""SELECT d.kind, COUNT(*) FROM {FTS_TABLE}
                    CROSS JOIN {DOCUMENT_TABLE} d ON d.id = {FTS_TABLE}.rowid
                    WHERE {FTS_TABLE} MATCH %s AND {SHOWN}
                    GROUP BY d.kind""",  # noqa: S608
                [expression, *shown_params(self.connection)],
            )
            return dict(cursor.fetchall())

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
        expression = self._expression(query, approximate)
        if not expression:
            return []
        kinds_sql, kinds_params = kind_filter(kind, exclude)
        rank = f"bm25({FTS_TABLE}, {TITLE_WEIGHT}, {BODY_WEIGHT}) * d.weight"
        # CROSS JOIN keeps the full-text match as the outer loop: otherwise SQLite may walk
        # the document table by its (visibility, kind) index and run the match per row.
        # The first step ranks every match but keeps only the page's ids; the second makes
        # highlights and snippets for those rows alone (a rowid lookup in the FTS index).
        sql = f"""
            WITH page AS (
                SELECT d.id, {rank} AS score FROM {FTS_TABLE}
                CROSS JOIN {DOCUMENT_TABLE} d ON d.id = {FTS_TABLE}.rowid
                WHERE {FTS_TABLE} MATCH %s AND {SHOWN} {kinds_sql}
                ORDER BY score, d.id
                LIMIT %s OFFSET %s
            )
            SELECT d.id, d.kind, d.url, d.date,
                   highlight({FTS_TABLE}, 0, %s, %s),
                   snippet({FTS_TABLE}, 1, %s, %s, '…', {SNIPPET_TOKENS})
            FROM page
            CROSS JOIN {FTS_TABLE} ON {FTS_TABLE}.rowid = page.id
            CROSS JOIN {DOCUMENT_TABLE} d ON d.id = page.id
            WHERE {FTS_TABLE} MATCH %s
            ORDER BY page.score, page.id"""  # noqa: S608
        params: list = [expression, *shown_params(self.connection), *kinds_params]
        params += [limit, offset, MARK_START, MARK_END, MARK_START, MARK_END, expression]
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return [
            RawHit(
                id=row[0],
                kind=row[1],
                url=row[2],
                date=_as_datetime(row[3]),
                title=row[4] or "",
                snippet=row[5] or "",
            )
            for row in rows
        ]


def _as_datetime(value) -> datetime | None:
    """SQLite hands back the stored text; Django stores UTC when USE_TZ is on."""
    if value is None or isinstance(value, datetime):
        return value
    parsed = parse_datetime(str(value))
    if parsed is not None and settings.USE_TZ and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, UTC)
    return parsed
