"""`make import-shared`: every app's import commands, in an order where each importer finds
what it links to (conditions, then drugs, interactions, pills, recalls, drugs' uses)."""

import pytest

from healthsite import import_shared, registry

ORDER = [
    "import_icd10cm",  # articles: conditions
    "import_conditions",  # articles: our consumer conditions, linking the ICD-10-CM codes
    "import_drugsfda",  # drugs
    "import_spl",  # drugs: labels (sends pill appearances to pills)
    "import_drug_classes",  # drugs: classes of the ingredients the drug importers added
    "import_interactions",  # interactions: between drugs' ingredients (only drugs add those)
    "import_pills",  # pills link to drugs and products, and create missing drugs
    "import_recalls",  # mymedicine: matched to drugs
    "link_drug_ingredients",  # drugs: stubs merged into their real drug, before indications
    "import_indications",  # drugs <-> conditions: needs every drug, pills' ones too
    "import_first_line",  # our first-line table: needs every drug and the conditions
    "import_interaction_rules",  # our rules: expand to drug classes, after every list
]


def test_commands_run_in_dependency_order(shared_data):
    commands = [command for _app, (command, _args) in registry.import_commands(shared_data)]
    assert set(ORDER) <= set(commands)
    positions = [commands.index(command) for command in ORDER]
    assert positions == sorted(positions)


def test_editorial_rules_are_imported_without_public_data(tmp_path):
    """The rules live in the repository: they run whatever the data folder holds, last."""
    commands = [command for _app, (command, _args) in registry.import_commands(tmp_path)]
    assert "import_interaction_rules" in commands


@pytest.mark.django_db
def test_empty_data_folder_runs_only_the_repository_rules_and_succeeds(
    settings, tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv("DJANGO_DEBUG", "1")  # main() sets it by default; undone afterwards
    settings.SHARED_DATA_DIR = tmp_path
    assert import_shared.main() == 0
    out = capsys.readouterr().out
    assert "manage.py import_interaction_rules" in out
    assert "All imports done" in out


def test_missing_data_folder_is_reported(settings, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "1")
    settings.SHARED_DATA_DIR = tmp_path / "absent"
    assert import_shared.main() == 1
    assert "HEALTHSITE_SHARED_DATA" in capsys.readouterr().out


@pytest.mark.django_db
def test_imports_end_with_one_summary_table(settings, tmp_path, capsys, monkeypatch, fixtures_dir):
    monkeypatch.setenv("DJANGO_DEBUG", "1")
    # The repository's own supplement files always load; an empty folder keeps the table
    # to the one data set here (tests/drugs/test_supplements.py covers them).
    (tmp_path / "no-supplements").mkdir()
    monkeypatch.setattr(
        "drugs.management.commands.import_supplements.SUPPLEMENTS_DIR", tmp_path / "no-supplements"
    )
    folder = tmp_path / "conditions" / "icd10cm"
    folder.mkdir(parents=True)
    (folder / "icd10cm-sample.xml").write_bytes(
        (fixtures_dir / "articles" / "icd10cm-sample.xml").read_bytes()
    )
    settings.SHARED_DATA_DIR = tmp_path
    assert import_shared.main() == 0
    out = capsys.readouterr().out
    assert "Conditions (ICD-10-CM): 8 codes read, 7 created, 0 updated, 0 unchanged" in out
    table = out[out.index("importer ") :].splitlines()
    assert table[0].split() == [
        "importer", "records", "created", "updated", "unchanged", "rejected", "seconds"
    ]  # fmt: skip
    assert table[2].split()[:-1] == ["Conditions", "(ICD-10-CM)", "8", "7", "0", "0", "2"]
    # Then our interaction rules (no drugs here, so no pairs), and the total.
    assert any(line.startswith("Interaction rules (editorial)") for line in table)
    assert any(line.split()[:1] == ["total"] for line in table)

    assert import_shared.main() == 0  # idempotent: the second run changes nothing
    out = capsys.readouterr().out
    assert "No changes: everything was already up to date." in out
    table = out[out.index("importer ") :].splitlines()
    assert table[2].split()[:-1] == ["Conditions", "(ICD-10-CM)", "8", "0", "0", "7", "2"]
    rules = next(line for line in table if line.startswith("Interaction rules (editorial)"))
    assert rules.split()[4:6] == ["0", "0"]  # the rules: nothing created or updated
