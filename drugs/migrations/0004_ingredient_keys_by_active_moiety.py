"""Recompute every drug's ingredient key with the one salt/ester/hydrate rule in drugs.text.

Keys written before this rule kept salts the old word list missed ("clopidogrel bisulfate",
"rizatriptan benzoate"), so importers that key drugs by the base substance made a second,
ingredient-less drug beside the real one. This applies the fixed rule to the rows already
imported: each "+"-joined part of the old key (already a base name under the old rule) is
passed through `drugs.text.base_name` again.

The rule is imported, not frozen here: it is a pure function of a name, and applying today's
rule is what every later import will do, so a database migrated later gets the same keys a
fresh import would. If the rule changes again, that change adds its own recompute migration.
Drugs that now share a key are not merged here (that moves reviews, products and saved
medicines): `manage.py link_drug_ingredients` merges ingredient-less stubs into their real drug.
"""

from django.db import migrations

from drugs.text import base_name


def recompute_keys(apps, schema_editor):
    Drug = apps.get_model("drugs", "Drug")
    changed = []
    for drug in Drug.objects.exclude(ingredient_key="").only("pk", "ingredient_key").iterator():
        parts = {base_name(part) for part in drug.ingredient_key.split("+")}
        key = "+".join(sorted(part for part in parts if part))
        if key != drug.ingredient_key:
            drug.ingredient_key = key
            changed.append(drug)
    Drug.objects.bulk_update(changed, ["ingredient_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("drugs", "0003_drug_classes")]

    operations = [migrations.RunPython(recompute_keys, migrations.RunPython.noop, elidable=True)]
