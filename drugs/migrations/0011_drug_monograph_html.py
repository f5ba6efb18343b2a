"""Monograph Markdown rendered once, when saved (`Drug.monograph_html`), and filled here for
the drugs that already have monograph text."""

from django.db import migrations, models

# The Markdown fields of a monograph when this migration was written (Drug.RENDERED_FIELDS).
RENDERED_FIELDS = (
    "boxed_warning",
    "uses",
    "how_to_take",
    "side_effects_common",
    "side_effects_serious",
    "precautions_pregnancy",
    "precautions_breastfeeding",
    "precautions_alcohol",
    "precautions_other",
    "interactions",
    "overdose",
    "missed_dose",
    "storage",
)


def fill_monograph_html(apps, schema_editor):
    from drugs.text import render_monograph

    Drug = apps.get_model("drugs", "Drug")
    has_text = models.Q()
    for name in RENDERED_FIELDS:
        has_text |= ~models.Q(**{name: ""})
    changed = []
    for drug in Drug.objects.filter(has_text).only("pk", *RENDERED_FIELDS).iterator():
        drug.monograph_html = render_monograph({n: getattr(drug, n) for n in RENDERED_FIELDS})
        changed.append(drug)
    Drug.objects.bulk_update(changed, ["monograph_html"], batch_size=200)


class Migration(migrations.Migration):
    dependencies = [
        ("drugs", "0010_drugcondition_first_line_and_source_page"),
    ]

    operations = [
        migrations.AddField(
            model_name="drug",
            name="monograph_html",
            field=models.JSONField(
                blank=True, default=dict, editable=False, verbose_name="monograph HTML"
            ),
        ),
        migrations.RunPython(fill_monograph_html, migrations.RunPython.noop, elidable=True),
    ]
