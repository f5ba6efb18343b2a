from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _install_search_backend(sender, using="default", **kwargs) -> None:
    """Make sure the backend's index structures exist (idempotent).

    Migration 0002 creates them; this also covers databases built without migrations
    (the test suite runs with --no-migrations) and re-creates SQLite's triggers if a later
    migration ever rebuilds the document table.
    """
    from django.db import connections

    from search.backends import backend_for

    connection = connections[using]
    if connection.vendor in ("sqlite", "postgresql"):
        backend_for(connection).install()


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Site search"

    def ready(self) -> None:
        post_migrate.connect(
            _install_search_backend, sender=self, dispatch_uid="search_install_backend"
        )
