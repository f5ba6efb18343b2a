"""Group pills by imprint (`imprint_key`) and re-index site search with one document per
imprint instead of one per pill."""

from django.db import migrations, models

BATCH = 2000


def fill_keys(apps, schema_editor):
    Pill = apps.get_model("pills", "Pill")
    batch = []
    for pill in Pill.objects.exclude(imprint_tokens=[]).only("pk", "imprint_tokens").iterator():
        pill.imprint_key = " ".join(sorted(pill.imprint_tokens or []))[:255]
        batch.append(pill)
        if len(batch) >= BATCH:
            Pill.objects.bulk_update(batch, ["imprint_key"])
            batch = []
    Pill.objects.bulk_update(batch, ["imprint_key"])


def reindex(apps, schema_editor):
    # The documents are built by today's code (pills.search), as rebuild_search_index does:
    # the per-pill ones this replaces would otherwise stay next to the new per-imprint ones.
    from pills.search import PillProvider
    from search.services import replace_kind

    replace_kind(kind=PillProvider.kind, documents=PillProvider().documents())


class Migration(migrations.Migration):
    dependencies = [
        ("pills", "0001_initial"),
        ("search", "0003_search_document_visible_from"),
    ]

    operations = [
        migrations.AddField(
            model_name="pill",
            name="imprint_key",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=255),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(reindex, migrations.RunPython.noop, elidable=True),
    ]
