"""Our editorial interaction rules: validation, expansion to ingredient pairs, the merge rule,
and `import_interaction_rules` (idempotent, deletes what a rule no longer gives)."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from drugs.models import DrugClass, Ingredient
from interactions import rules
from interactions.matching import IngredientIndex
from interactions.models import Interaction, Severity
from interactions.services import EDITORIAL_RULES_VERSION

from .factories import make_ingredient

NSAID_CLASS = "Nonsteroidal Anti-inflammatory Drug [EPC]"


@pytest.fixture
def rules_dir(fixtures_dir) -> Path:
    return fixtures_dir / "interactions" / "rules"


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def rule(rule_id: str, a: str, b: str, severity: str = "major", **extra) -> str:
    fields = {
        "id": rule_id,
        "a": a,
        "b": b,
        "severity": severity,
        "effect": f"Effect of {rule_id}.",
        "advice": f"Advice of {rule_id}.",
        "source": f"Source of {rule_id}",
        "url": f"https://example.org/{rule_id}",
        **extra,
    }
    return "[[rules]]\n" + "".join(f'{k} = "{v}"\n' for k, v in fields.items()) + "\n"


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


# --- validation (no database) -------------------------------------------------------------

EXPECTED_PROBLEMS = [
    ("broken.toml", "(file)", "not valid TOML"),
    ("problems.toml", "group:no-label", "label is missing or empty"),
    ("problems.toml", "group:no-members", "a group needs classes or ingredients"),
    ("problems.toml", "group:twice", "defined more than once (other.toml, problems.toml)"),
    ("other.toml", "group:twice", "defined more than once (other.toml, problems.toml)"),
    ("problems.toml", "missing-b", "b is missing or empty"),
    ("problems.toml", "bad-severity", "severity 'severe' is not one of contraindicated, major"),
    ("problems.toml", "empty-effect", "effect is missing or empty"),
    ("problems.toml", "no-advice", "advice is missing or empty"),
    ("problems.toml", "no-source", "source is missing or empty"),
    ("problems.toml", "plain-http", "url must start with https://"),
    ("problems.toml", "undefined-group", "b uses group 'nowhere', which no file defines"),
    ("problems.toml", "broken-group", "b uses group 'no-members', which has errors"),
    ("problems.toml", "same-ingredient", "a and b are the same ingredient"),
    ("problems.toml", "duplicate-id", "id is used more than once (other.toml, problems.toml)"),
    ("other.toml", "duplicate-id", "id is used more than once (other.toml, problems.toml)"),
    ("problems.toml", "typo-key", "unknown key 'exlude'"),
    ("problems.toml", "Not_Kebab", "id must be kebab-case"),
    ("other.toml", "uses-twice", "b uses group 'twice', which has errors"),
]


@pytest.mark.parametrize(("file", "item", "reason"), EXPECTED_PROBLEMS)
def test_each_problem_is_reported_with_file_item_and_reason(rules_dir, file, item, reason):
    problems = rules.load_rules(rules_dir / "bad").problems
    assert any(
        p.file == file and p.item == item and p.reason.startswith(reason) for p in problems
    ), [str(p) for p in problems]


def test_bad_rules_are_skipped_and_the_rest_load(rules_dir):
    rule_set = rules.load_rules(rules_dir / "bad")
    assert [r.id for r in rule_set.rules] == ["good-rule"]
    assert rule_set.rules_read == 15
    assert rule_set.rules_skipped == 14
    # Nothing is reported that the table above does not expect.
    assert len(rule_set.problems) == len(EXPECTED_PROBLEMS)


def test_valid_files_load_with_groups_shared_across_files(rules_dir):
    rule_set = rules.load_rules(rules_dir / "good")
    assert rule_set.problems == []
    assert rule_set.files == ["blood.toml", "stomach.toml"]
    assert sorted(r.id for r in rule_set.rules) == [
        "anticoagulant-ibuprofen-minor",
        "clopidogrel-nsaids",
        "nsaids-nsaids",
        "warfarin-aspirin",
        "warfarin-nsaids",
    ]
    nsaids = rule_set.groups["nsaids"]
    assert nsaids.classes == (NSAID_CLASS,)
    assert nsaids.exclude == ("aspirin",)


def test_a_rule_must_be_a_table_with_an_id(tmp_path):
    folder = write(tmp_path, "x.toml", 'rules = [{ a = "warfarin" }]\ngroups = 3\n')
    reasons = {str(p) for p in rules.load_rules(folder).problems}
    assert reasons == {
        "x.toml: rule 1: id is missing or empty",
        "x.toml: (file): groups must be tables",
    }


def test_every_rule_file_in_the_repository_is_valid():
    """The real validator over the real folder: content files are added by editors."""
    assert rules.RULES_DIR.is_dir()
    assert (rules.RULES_DIR / "README.md").is_file()
    rule_set = rules.load_rules()
    assert [str(p) for p in rule_set.problems] == []
    assert rule_set.rules_skipped == 0


def test_the_core_set_covers_what_every_pharmacist_reference_flags():
    """Issue 12: at least 300 rules, every one cited, over the tiers a pharmacist expects."""
    rule_set = rules.load_rules()
    assert len(rule_set.rules) >= 300
    ids = " ".join(rule.id for rule in rule_set.rules)
    for topic in [
        "warfarin-nsaids", "apixaban", "rivaroxaban", "pde5", "nitrate", "riociguat",
        "tramadol", "maoi", "simvastatin", "lovastatin", "colchicine", "pimozide",
        "tizanidine", "theophylline", "potassium", "digoxin", "benzodiazepines",
        "methotrexate", "lithium", "omeprazole", "azathioprine", "mercaptopurine",
    ]:  # fmt: skip
        assert topic in ids, topic
    assert all(rule.url.startswith("https://") and rule.source for rule in rule_set.rules)


# --- expansion (database) -----------------------------------------------------------------


@pytest.fixture
def ingredients(db):
    names = [
        "Warfarin", "Warfarin Sodium", "Ibuprofen", "Naproxen Sodium", "Diclofenac Potassium",
        "Diclofenac Sodium", "Aspirin", "Clopidogrel Besylate", "Omeprazole",
    ]  # fmt: skip
    made = {name: make_ingredient(name) for name in names}
    nsaid = DrugClass.objects.create(name=NSAID_CLASS, label="NSAID", kind="epc")
    # The class lists one diclofenac salt and aspirin (which the group excludes).
    nsaid.ingredients.add(made["Diclofenac Potassium"], made["Aspirin"])
    return made


def pairs_by_name(expansion) -> dict[tuple[str, ...], str]:
    names = dict(Ingredient.objects.values_list("pk", "name"))
    return {
        tuple(sorted((names[a], names[b]))): pair.rule.id
        for (a, b), pair in expansion.pairs.items()
    }


def test_expansion_reaches_classes_ingredients_and_salt_forms_minus_exclusions(
    rules_dir, ingredients
):
    rule_set = rules.load_rules(rules_dir / "good")
    expansion = rules.expand_rules(rule_set, index=IngredientIndex())
    pairs = pairs_by_name(expansion)
    nsaids = ["Diclofenac Potassium", "Diclofenac Sodium", "Ibuprofen", "Naproxen Sodium"]
    for warfarin in ("Warfarin", "Warfarin Sodium"):
        for nsaid in nsaids:
            # The major rule wins over the minor one for warfarin + ibuprofen.
            assert pairs[tuple(sorted((warfarin, nsaid)))] == "warfarin-nsaids"
        assert pairs[tuple(sorted((warfarin, "Aspirin")))] == "warfarin-aspirin"
    for nsaid in nsaids:
        assert pairs[tuple(sorted(("Clopidogrel Besylate", nsaid)))] == "clopidogrel-nsaids"
        # Aspirin is excluded from the group, though its class lists it.
        assert tuple(sorted(("Clopidogrel Besylate", "Aspirin"))) not in pairs
    # Two NSAIDs, but never two salt forms of one substance, nor an ingredient with itself.
    assert pairs[("Ibuprofen", "Naproxen Sodium")] == "nsaids-nsaids"
    assert ("Diclofenac Potassium", "Diclofenac Sodium") not in pairs
    assert ("Warfarin", "Warfarin Sodium") not in pairs
    assert not any("Omeprazole" in pair for pair in pairs)
    assert len(pairs) == 2 * 4 + 2 + 4 + 5  # warfarin x NSAIDs, x aspirin, clopidogrel, NSAIDs
    assert expansion.unmatched_sides == []


def test_the_most_severe_rule_wins_and_ties_go_to_the_first_id(tmp_path, ingredients):
    folder = write(
        tmp_path,
        "a.toml",
        rule("zz-moderate", "warfarin", "ibuprofen", "moderate")
        + rule("mm-major", "ibuprofen", "warfarin", "major")
        + rule("bb-major", "warfarin", "ibuprofen", "major"),
    )
    expansion = rules.expand_rules(rules.load_rules(folder), index=IngredientIndex())
    winners = {pair.rule.id for pair in expansion.pairs.values()}
    assert winners == {"bb-major"}


def test_sides_and_names_matching_nothing_are_listed(tmp_path, ingredients):
    folder = write(
        tmp_path,
        "a.toml",
        '[groups.gone]\nlabel = "Nothing we have"\ningredients = ["unobtainium"]\n'
        'classes = ["Imaginary Class [EPC]"]\n\n'
        + rule("warfarin-gone", "warfarin", "group:gone")
        + rule("nothing-ibuprofen", "zzzzine", "ibuprofen"),
    )
    expansion = rules.expand_rules(rules.load_rules(folder), index=IngredientIndex())
    assert expansion.pairs == {}
    assert expansion.unmatched_sides == [
        "nothing-ibuprofen (a = zzzzine)",
        "warfarin-gone (b = group:gone)",
    ]
    assert expansion.unmatched_names == ["Imaginary Class [EPC]", "unobtainium", "zzzzine"]
    out, _err = run("import_interaction_rules", str(folder))
    assert (
        "Rule sides matching no ingredient in our database: 2: "
        "nothing-ibuprofen (a = zzzzine), warfarin-gone (b = group:gone)"
    ) in out
    assert "Names and classes matching nothing in our database: 3: Imaginary Class" in out


# --- the import command -------------------------------------------------------------------


def editorial_rows() -> dict[tuple[str, ...], Interaction]:
    rows = Interaction.objects.filter(source="editorial").select_related(
        "ingredient_a", "ingredient_b"
    )
    return {tuple(sorted((r.ingredient_a.name, r.ingredient_b.name))): r for r in rows}


def test_import_stores_cited_rows_reports_and_a_rerun_changes_nothing(rules_dir, ingredients):
    out, _err = run("import_interaction_rules", str(rules_dir / "good"))
    assert "Rules: 5 read in 2 file(s)" in out and "5 loaded, 0 skipped" in out
    assert "Pairs: 19 ingredient pairs from 4 rule(s)" in out
    rows = editorial_rows()
    assert len(rows) == 19
    row = rows[("Ibuprofen", "Warfarin Sodium")]
    assert row.severity == Severity.MAJOR
    assert row.source_reference == "warfarin-nsaids"
    assert row.source_version == EDITORIAL_RULES_VERSION
    assert row.effect.startswith("Both thin the blood")
    assert row.advice.startswith("Avoid NSAIDs")
    assert row.citation == "Warfarin sodium prescribing information, section 7 Drug Interactions"
    assert row.citation_url.startswith("https://dailymed.nlm.nih.gov/")
    # The group's label is kept with the ingredient it came from; a single ingredient has none.
    label = "NSAID pain relievers (such as ibuprofen and naproxen)"
    mine = {row.ingredient_a.name: row.class_a, row.ingredient_b.name: row.class_b}
    assert mine == {"Ibuprofen": label, "Warfarin Sodium": ""}

    out, _err = run("import_interaction_rules", str(rules_dir / "good"))
    assert "0 created, 0 updated, 19 unchanged" in out
    assert "No changes: everything was already up to date." in out


def test_import_reports_skipped_rules_and_loads_the_rest(rules_dir, ingredients):
    out, err = run("import_interaction_rules", str(rules_dir / "bad"))
    assert "rejected problems.toml: missing-b: b is missing or empty" in err
    assert "rejected problems.toml: plain-http: url must start with https://" in err
    assert "Rules: 15 read in 3 file(s)" in out and "1 loaded, 14 skipped" in out
    assert [r.source_reference for r in editorial_rows().values()] == ["good-rule"] * 2


def test_dry_run_saves_nothing(rules_dir, ingredients):
    out, _err = run("import_interaction_rules", str(rules_dir / "good"), "--dry-run")
    assert "would have 19 created" in out
    assert not Interaction.objects.exists()


def test_rows_a_rule_no_longer_gives_are_deleted_and_other_sources_are_kept(tmp_path, ingredients):
    from interactions import services

    warfarin, ibuprofen = ingredients["Warfarin"], ingredients["Ibuprofen"]
    omeprazole = ingredients["Omeprazole"]
    services.interaction_upsert(
        ingredient_a_id=warfarin.pk,
        ingredient_b_id=ibuprofen.pk,
        severity=Severity.MINOR,
        source="onc-non-interruptive",
    )
    # An editorial row not written by the rules (demo content) is not the rules' to delete.
    services.interaction_upsert(
        ingredient_a_id=omeprazole.pk,
        ingredient_b_id=ibuprofen.pk,
        severity=Severity.MINOR,
        source="editorial",
        source_version="Healthsite demo content",
    )
    folder = write(
        tmp_path / "rules",
        "a.toml",
        rule("warfarin-ibuprofen", "warfarin", "ibuprofen")
        + rule("warfarin-aspirin", "warfarin", "aspirin"),
    )
    run("import_interaction_rules", str(folder))
    assert set(editorial_rows()) == {
        ("Ibuprofen", "Warfarin"),
        ("Ibuprofen", "Warfarin Sodium"),
        ("Aspirin", "Warfarin"),
        ("Aspirin", "Warfarin Sodium"),
        ("Ibuprofen", "Omeprazole"),
    }
    # The aspirin rule is deleted and the ibuprofen rule reworded.
    write(folder, "a.toml", rule("warfarin-ibuprofen", "warfarin", "ibuprofen", "moderate"))
    out, _err = run("import_interaction_rules", str(folder))
    assert "interaction: 2 deleted, 2 updated" in out
    rows = editorial_rows()
    assert set(rows) == {
        ("Ibuprofen", "Warfarin"),
        ("Ibuprofen", "Warfarin Sodium"),
        ("Ibuprofen", "Omeprazole"),
    }
    assert rows[("Ibuprofen", "Warfarin Sodium")].severity == Severity.MODERATE
    assert Interaction.objects.filter(source="onc-non-interruptive").count() == 1


def test_a_narrowed_group_loses_its_pairs(tmp_path, ingredients):
    group = '[groups.pain]\nlabel = "Pain relievers"\ningredients = [{}]\n\n'
    folder = write(
        tmp_path,
        "a.toml",
        group.format('"ibuprofen", "naproxen"') + rule("warfarin-pain", "warfarin", "group:pain"),
    )
    run("import_interaction_rules", str(folder))
    assert len(editorial_rows()) == 4
    write(
        folder,
        "a.toml",
        group.format('"ibuprofen"') + rule("warfarin-pain", "warfarin", "group:pain"),
    )
    run("import_interaction_rules", str(folder))
    assert set(editorial_rows()) == {("Ibuprofen", "Warfarin"), ("Ibuprofen", "Warfarin Sodium")}
