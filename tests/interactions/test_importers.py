"""Interaction list parsers: small fixture files we wrote in each real format (no database
needed)."""

import pytest

from healthsite.importing import Rejected, open_inputs
from interactions.importers.onc_csv import parse_onc_mapped
from interactions.importers.onc_xlsx import parse_onc_class_table
from interactions.importers.pddi_tsv import parse_pddi_tsv
from interactions.importers.records import InteractionRecord


@pytest.fixture
def here(fixtures_dir):
    return fixtures_dir / "mymedicine"


def parse(parser, path):
    """Everything `parser` reads from the file at `path`."""
    return [item for member in open_inputs(path) for item in parser(member)]


def split(items):
    records = [item for item in items if not isinstance(item, Rejected)]
    rejected = [item for item in items if isinstance(item, Rejected)]
    return records, rejected


def test_onc_high_priority_csv_strips_bom_and_reports_short_lines(here):
    records, rejected = split(parse(parse_onc_mapped, here / "ONC_High_Priority_Mapped.csv"))
    assert [(r.object_name, r.precipitant_name) for r in records] == [
        ("Warfarin", "Aspirin"),
        ("Simvastatin", "Clarithromycin"),
    ]
    assert {r.severity for r in records} == {"contraindicated"}
    assert {r.source for r in records} == {"onc-high-priority"}
    assert len(rejected) == 1 and "4" in rejected[0].reason and ":4" in rejected[0].reference


def test_onc_non_interruptive_csv_with_bare_cr_line_ends(here):
    records, rejected = split(parse(parse_onc_mapped, here / "ONC_Non_Interuptive_Mapped.csv"))
    assert [(r.object_name, r.precipitant_name, r.severity) for r in records] == [
        ("Omeprazole", "Clopidogrel", "minor"),
        ("Lisinopril", "Ibuprofen", "minor"),
    ]
    assert rejected == []


def test_onc_csv_with_unknown_name_is_rejected(tmp_path):
    path = tmp_path / "pairs.csv"
    path.write_text("A$1$B$2$\n")
    _records, rejected = split(parse(parse_onc_mapped, path))
    assert rejected and "ONC list" in rejected[0].reason


def test_pddi_tsv_maps_severity_by_source(here):
    records, rejected = split(parse(parse_pddi_tsv, here / "pddi_subset.tsv"))
    assert [(r.object_name, r.precipitant_name, r.severity, r.source) for r in records] == [
        ("WARFARIN", "Fluconazole", "major", "ndf-rt"),
        ("Lisinopril", "SPIRONOLACTONE", "moderate", "ndf-rt"),
        ("Warfarin", "Aspirin", "contraindicated", "onc-high-priority"),
    ]
    assert records[0].source_reference.endswith("N0000000001")
    reasons = [r.reason for r in rejected]
    assert any("DrugBank" in reason for reason in reasons)
    assert any("Mild" in reason for reason in reasons)


def test_class_table_expands_classes_to_member_ingredients(here):
    path = here / "ONC Non-interuptive List_Imported.xlsx"
    records, rejected = split(parse(parse_onc_class_table, path))
    group_one = {
        (r.object_name, r.precipitant_name) for r in records if r.object_class == "ACE inhibitors"
    }
    # 3 ACE inhibitors x 2 NSAIDs: every member of one class against every member of the other
    assert group_one == {
        (ace, nsaid)
        for ace in ("lisinopril", "enalapril", "ramipril")
        for nsaid in ("ibuprofen", "naproxen")
    }
    assert all(r.precipitant_class == "NSAIDs" for r in records if r.object_class)
    levo = [r for r in records if r.object_name == "Levothyroxine"]
    assert levo == [
        InteractionRecord(
            object_name="Levothyroxine",
            precipitant_name="calcium carbonate",
            severity="minor",
            source="onc-non-interruptive",
            source_version=levo[0].source_version,
            object_class="",
            precipitant_class="Calcium salts",
        )
    ]
    assert len(rejected) == 1 and "3" in rejected[0].reason


def test_class_table_rejects_a_file_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "list.xlsx"
    path.write_text("not a zip")
    _records, rejected = split(parse(parse_onc_class_table, path))
    assert rejected and "xlsx" in rejected[0].reason
