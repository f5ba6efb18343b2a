"""Last step of moving the newsletter models to the `newsletter` app (see 0004): they leave this
app's state, and their content types follow, so permissions granted on them and admin history
stay attached."""

from django.db import migrations

MOVED = {"subscriber": "newsletter", "edition": "newsletter", "editiondelivery": "newsletter"}


def _relabel(apps, *, forward: bool) -> None:
    """Give each moved model's content type its new app label, keeping its id (and so the
    permissions and admin log entries that point at it). When a content type already exists
    under the other label, both are left alone: `remove_stale_contenttypes` tidies up."""
    content_type = apps.get_model("contenttypes", "ContentType")
    for model, new_app in MOVED.items():
        old_label, new_label = ("mymedicine", new_app) if forward else (new_app, "mymedicine")
        if content_type.objects.filter(app_label=new_label, model=model).exists():
            continue
        content_type.objects.filter(app_label=old_label, model=model).update(app_label=new_label)


def forward(apps, schema_editor):
    _relabel(apps, forward=True)


def backward(apps, schema_editor):
    _relabel(apps, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("mymedicine", "0004_move_newsletter_tables"),
        ("newsletter", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="EditionDelivery"),
                migrations.DeleteModel(name="Edition"),
                migrations.DeleteModel(name="Subscriber"),
            ],
        ),
        migrations.RunPython(forward, backward),
    ]
