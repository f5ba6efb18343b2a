"""Recompute ingredient keys after two changes to `drugs.text.base_name`: one spelling for
"vitamin B 12" / "B-12" / "B12" (a lone letter and its number are one word; RxNorm's "vitamin
B 12" is cyanocobalamin) and `DISTINCT_MEDICINES`, medicines that keep their salt in their key
(Ca-DTPA and Zn-DTPA are no longer both "pentetate").

A drug with ingredient links gets the key of its ingredients' names (the old key lost the
salts the new rule keeps) when they name as many substances as its key; otherwise (no links,
or several salts the old rule put in one drug) its key parts pass through the rule again.
As in 0004, the rule is imported, not frozen: a database migrated later gets the keys a fresh
import would. Drugs that now share a key are merged by the late import step
`merge_drug_twins`, not here.
"""

from django.db import migrations

from drugs.text import identity_name


def _key(names):
    return "+".join(sorted({identity_name(name) for name in names} - {""}))


def recompute_keys(apps, schema_editor):
    Drug = apps.get_model("drugs", "Drug")
    DrugIngredient = apps.get_model("drugs", "DrugIngredient")
    names: dict[int, list[str]] = {}
    for drug_id, name in DrugIngredient.objects.values_list("drug_id", "ingredient__name"):
        names.setdefault(drug_id, []).append(name)
    changed = []
    for drug in Drug.objects.exclude(ingredient_key="").only("pk", "ingredient_key").iterator():
        parts = drug.ingredient_key.split("+")
        key = _key(names.get(drug.pk, []))
        if key.count("+") != len(parts) - 1:
            # The old rule merged several salts into one drug ("zinc": zinc chloride, zinc
            # sulfate...): their names would make a false combination, so keep the parts.
            key = _key(parts)
        if key and key != drug.ingredient_key:
            drug.ingredient_key = key
            changed.append(drug)
    Drug.objects.bulk_update(changed, ["ingredient_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("drugs", "0007_drugsource_reference_kind")]

    operations = [migrations.RunPython(recompute_keys, migrations.RunPython.noop, elidable=True)]
