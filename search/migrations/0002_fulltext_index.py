"""Full-text index structures for the database in use.

SQLite: an FTS5 external-content table over search_searchdocument, kept in sync by triggers.
PostgreSQL: the pg_trgm extension, a generated weighted tsvector column with a GIN index and
a trigram GIN index on the title. The work lives in the backends (search/backends/) so the
migration and the post_migrate safety net run the very same statements.
"""

from django.db import migrations


def install(apps, schema_editor):
    if schema_editor.connection.vendor not in ("sqlite", "postgresql"):
        return
    from search.backends import backend_for

    backend_for(schema_editor.connection).install()


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor not in ("sqlite", "postgresql"):
        return
    from search.backends import backend_for

    backend_for(schema_editor.connection).uninstall()


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
