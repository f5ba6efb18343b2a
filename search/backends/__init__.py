"""The search backends: SQLite FTS5 and PostgreSQL full-text search, behind one interface.

The backend follows the database in use (`connection.vendor`), so the same code runs on a
laptop's SQLite file and on a production PostgreSQL cluster.
"""

from __future__ import annotations

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

from search.backends.base import BackendResult, RawHit, SearchBackend

__all__ = ["BackendResult", "RawHit", "SearchBackend", "backend_for", "get_backend"]


def backend_for(connection: BaseDatabaseWrapper) -> SearchBackend:
    if connection.vendor == "postgresql":
        from search.backends.postgres import PostgresBackend

        return PostgresBackend(connection)
    if connection.vendor == "sqlite":
        from search.backends.sqlite import SqliteBackend

        return SqliteBackend(connection)
    raise NotImplementedError(
        f"Site search supports SQLite and PostgreSQL, not {connection.vendor!r}."
    )


def get_backend(using: str = "default") -> SearchBackend:
    return backend_for(connections[using])
