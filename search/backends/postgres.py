"""PostgreSQL full-text search: a weighted tsvector column with a GIN index, plus pg_trgm.

`search_vector` is a stored generated column (title weighted A, body B, English
configuration) kept current by PostgreSQL itself on every write. Queries go through
`websearch_to_tsquery`, the last word also matches as a prefix, and results rank by
`ts_rank * weight`. When nothing matches exactly, a trigram index on the title finds near
matches, so typos such as "diabetis" still lead somewhere.
"""

# S608 below: SQL text is assembled only from this module's constants and fixed fragments;
# every value that comes from a reader or a document is passed as a query parameter.

from __future__ import annotations

from contextlib import contextmanager

from django.db import transaction

from search.backends.base import (
    DOCUMENT_TABLE,
    MARK_END,
    MARK_START,
    PLAIN_SNIPPET_CHARS,
    SHOWN,
    RawHit,
    SearchBackend,
    kind_filter,
    shown_params,
)
from search.query import ParsedQuery

CONFIG = "english"
VECTOR_COLUMN = "search_vector"
VECTOR_INDEX = "search_document_vector_gin"
TITLE_TRGM_INDEX = "search_document_title_trgm"
# pg_trgm's default (0.6) misses transposed letters such as "metfromin"; 0.4 finds them
# without flooding the page, and only applies when nothing matched exactly.
NEAR_THRESHOLD = 0.4
HEADLINE_SOURCE_CHARS = 20_000  # ts_headline reads at most this much of a body
TITLE_HEADLINE = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"
BODY_HEADLINE = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)


def _phrase(words: tuple[str, ...]) -> str:
    # Words hold only letters and digits, so quoting them is enough for websearch syntax.
    return '"' + " ".join(words) + '"'


def websearch_text(query: ParsedQuery, *, groups=None) -> str:
    """The parsed query in `websearch_to_tsquery` syntax, every clause quoted by us."""
    groups = query.groups if groups is None else groups
    parts = [" or ".join(_phrase(clause.words) for clause in group) for group in groups]
    parts += ["-" + _phrase(clause.words) for clause in query.excluded]
    return " ".join(parts)


def tsquery_sql(query: ParsedQuery) -> tuple[str, list]:
    """SQL for the tsquery and its parameters."""
    last = query.last_word
    if last is None:
        return f"websearch_to_tsquery('{CONFIG}', %s)", [websearch_text(query)]
    # The last word matches as typed (stemmed) or as the start of a longer word.
    prefix = f"(websearch_to_tsquery('{CONFIG}', %s) || to_tsquery('simple', %s))"
    params = [_phrase((last,)), f"'{last}':*"]
    head = websearch_text(query, groups=query.groups[:-1])
    if not head:
        return prefix, params
    return f"(websearch_to_tsquery('{CONFIG}', %s) && {prefix})", [head, *params]


class PostgresBackend(SearchBackend):
    vendor = "postgresql"

    def install(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            if cursor.fetchone() is None:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            # Check first: ALTER TABLE takes an exclusive lock even when there is nothing to do,
            # and this runs after every `migrate`.
            cursor.execute(
                "SELECT 1 FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = %s AND column_name = %s",
                [DOCUMENT_TABLE, VECTOR_COLUMN],
            )
            if cursor.fetchone() is None:
                cursor.execute(
                    f"""ALTER TABLE {DOCUMENT_TABLE} ADD COLUMN IF NOT EXISTS {VECTOR_COLUMN}
                tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('{CONFIG}'::regconfig, coalesce(title, '')), 'A')
                    || setweight(to_tsvector('{CONFIG}'::regconfig, coalesce(body, '')), 'B')
                ) STORED"""
                )
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {VECTOR_INDEX} ON {DOCUMENT_TABLE} "
                f"USING gin ({VECTOR_COLUMN})"
            )
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {TITLE_TRGM_INDEX} ON {DOCUMENT_TABLE} "
                "USING gin (title gin_trgm_ops)"
            )

    def uninstall(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {TITLE_TRGM_INDEX}")
            cursor.execute(f"DROP INDEX IF EXISTS {VECTOR_INDEX}")
            cursor.execute(f"ALTER TABLE {DOCUMENT_TABLE} DROP COLUMN IF EXISTS {VECTOR_COLUMN}")
            # pg_trgm stays: other tables may use it.

    def optimize(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {DOCUMENT_TABLE}")

    # Near matches come in two steps: first any word that starts like one of the reader's
    # (fast, through the tsvector index: "high blood pressure" finds "blood" or "pressure"),
    # and only when that finds nothing, trigram similarity on titles (typos: "metfromin").
    def _near_mode(self, query: ParsedQuery) -> str:
        cache = self.__dict__.setdefault("_near_modes", {})
        if query not in cache:
            with self._cursor("prefix") as cursor:
                condition, params = self._match(query, "prefix")[:2]
                cursor.execute(
                    f"SELECT EXISTS (SELECT 1 FROM {DOCUMENT_TABLE} d "  # noqa: S608
                    f"WHERE {SHOWN} AND {condition})",
                    [*shown_params(self.connection), *params],
                )
                cache[query] = "prefix" if cursor.fetchone()[0] else "trigram"
        return cache[query]

    def _tsquery(self, query: ParsedQuery, mode: str) -> tuple[str, list]:
        if mode == "prefix":
            stems = [word[: max(4, len(word) - 2)] for word in query.near_words]
            return "to_tsquery('simple', %s)", [" | ".join(f"'{stem}':*" for stem in stems)]
        return tsquery_sql(query)

    def _match(self, query: ParsedQuery, mode: str) -> tuple[str, list, str, list]:
        """(WHERE condition, params, score expression, params) for a kind of match."""
        if mode == "trigram":
            text = " ".join(query.near_words)
            return (
                "%s <%% d.title",
                [text],
                "word_similarity(%s, d.title) * d.weight",
                [text],
            )
        tsquery, params = self._tsquery(query, mode)
        return (
            f"d.{VECTOR_COLUMN} @@ {tsquery}",
            params,
            f"ts_rank(d.{VECTOR_COLUMN}, {tsquery}, 1) * d.weight",
            params,
        )

    def _mode(self, query: ParsedQuery, approximate: bool) -> str:
        return self._near_mode(query) if approximate else "exact"

    @contextmanager
    def _cursor(self, mode: str):
        """A cursor; for trigram matches inside a transaction with our threshold."""
        if mode != "trigram":
            with self.connection.cursor() as cursor:
                yield cursor
            return
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)",
                [str(NEAR_THRESHOLD)],
            )
            yield cursor

    def counts(self, query: ParsedQuery, *, approximate: bool) -> dict[str, int]:
        mode = self._mode(query, approximate)
        condition, params = self._match(query, mode)[:2]
        with self._cursor(mode) as cursor:
            cursor.execute(
                f"""SELECT d.kind, COUNT(*) FROM {DOCUMENT_TABLE} d
                    WHERE {SHOWN} AND {condition} GROUP BY d.kind""",  # noqa: S608
                [*shown_params(self.connection), *params],
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
        mode = self._mode(query, approximate)
        condition, condition_params, score, score_params = self._match(query, mode)
        kinds_sql, kinds_params = kind_filter(kind, exclude)
        ranked = f"""
            SELECT d.id, {score} AS score FROM {DOCUMENT_TABLE} d
            WHERE {SHOWN} AND {condition} {kinds_sql}
            ORDER BY score DESC, d.id LIMIT %s OFFSET %s"""  # noqa: S608
        ranked_params = [
            *score_params,
            *shown_params(self.connection),
            *condition_params,
            *kinds_params,
        ]
        ranked_params += [limit, offset]
        if mode == "trigram":
            # Nothing matched the words themselves: show the title and the opening text.
            columns = f"d.title, left(d.body, {PLAIN_SNIPPET_CHARS})"
            column_params: list = []
        else:
            tsquery, tsquery_params = self._tsquery(query, mode)
            columns = (
                f"ts_headline('{CONFIG}', d.title, {tsquery}, %s), "
                f"ts_headline('{CONFIG}', left(d.body, {HEADLINE_SOURCE_CHARS}), {tsquery}, %s)"
            )
            column_params = [*tsquery_params, TITLE_HEADLINE, *tsquery_params, BODY_HEADLINE]
        sql = f"""
            SELECT d.id, d.kind, d.url, d.date, {columns}
            FROM ({ranked}) AS ranked JOIN {DOCUMENT_TABLE} d ON d.id = ranked.id
            ORDER BY ranked.score DESC, ranked.id"""  # noqa: S608
        with self._cursor(mode) as cursor:
            cursor.execute(sql, [*column_params, *ranked_params])
            rows = cursor.fetchall()
        return [
            RawHit(
                id=row[0],
                kind=row[1],
                url=row[2],
                date=row[3],
                title=row[4] or "",
                snippet=row[5] or "",
            )
            for row in rows
        ]
