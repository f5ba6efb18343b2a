"""ICD-10-CM importer: parsing, bulk sync, idempotency, dry run, rejected records."""

import gzip
import time
from io import StringIO

import pytest
from django.core.management import call_command

from articles.importers.icd10cm import ConditionRecord, read_icd10cm
from articles.models import Condition
from articles.selectors import condition_lookup
from articles.services import conditions_sync
from healthsite.importing import Rejected
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(fixtures_dir):
    return fixtures_dir / "articles" / "icd10cm-sample.xml"


def test_reader_yields_codes_titles_and_other_names(sample):
    records = list(read_icd10cm(sample))
    codes = [r.code for r in records if isinstance(r, ConditionRecord)]
    assert codes == ["I10", "I11.0", "I11.9", "I11", "M22.2X1", "M22.2X", "M22.2", "not-a-code"]
    by_code = {r.code: r for r in records if isinstance(r, ConditionRecord)}
    assert by_code["I10"].name == "Essential (primary) hypertension"
    assert "high blood pressure" in by_code["I10"].synonyms
    # Instructions pointing at other codes are not names.
    assert by_code["I11"].synonyms == ()
    assert by_code["I11.0"].synonyms == ("Hypertensive heart failure",)
    rejected = [r for r in records if isinstance(r, Rejected)]
    assert rejected == [Rejected(reference="M25.56", reason="no <desc> title")]


def test_reader_reads_gzip_the_same(sample, tmp_path):
    packed = tmp_path / "sample.xml.gz"
    packed.write_bytes(gzip.compress(sample.read_bytes()))
    assert list(read_icd10cm(packed)) == list(read_icd10cm(sample))


def test_command_imports_then_changes_nothing_on_second_run(sample):
    out, err = StringIO(), StringIO()
    call_command("import_icd10cm", str(sample), stdout=out, stderr=err)
    assert "7 created, 0 updated, 0 unchanged, 2 rejected" in out.getvalue()
    assert "rejected not-a-code: code 'not-a-code' is not an ICD-10-CM code" in err.getvalue()
    assert "rejected M25.56: no <desc> title" in err.getvalue()
    assert Condition.objects.count() == 7
    hypertension = Condition.objects.get(icd10_code="I10")
    assert hypertension.slug == "essential-primary-hypertension-i10"
    assert hypertension.sort_letter == "E"
    assert SearchDocument.objects.filter(kind="condition").count() == 7

    out = StringIO()
    call_command("import_icd10cm", str(sample), stdout=out, stderr=StringIO())
    assert "0 created, 0 updated, 7 unchanged" in out.getvalue()
    assert "No changes: everything was already up to date." in out.getvalue()


def test_dry_run_writes_nothing(sample):
    out = StringIO()
    call_command("import_icd10cm", str(sample), "--dry-run", stdout=out, stderr=StringIO())
    assert "would have 7 created" in out.getvalue()
    assert "Dry run: nothing was saved" in out.getvalue()
    assert Condition.objects.count() == 0
    assert SearchDocument.objects.filter(kind="condition").count() == 0


def test_rejected_report_writes_every_rejected_code_as_csv(sample, tmp_path):
    report = tmp_path / "rejected.csv"
    out = StringIO()
    call_command(
        "import_icd10cm",
        str(sample),
        "--rejected-report",
        str(report),
        stdout=out,
        stderr=StringIO(),
    )
    assert f"2 rejected records written to {report}" in out.getvalue()
    assert report.read_text(encoding="utf-8").splitlines() == [
        "reference,reason",
        "M25.56,no <desc> title",
        "not-a-code,code 'not-a-code' is not an ICD-10-CM code",
    ]


def test_changed_title_updates_the_row_and_keeps_its_url(sample):
    call_command("import_icd10cm", str(sample), stdout=StringIO(), stderr=StringIO())
    slug = Condition.objects.get(icd10_code="I10").slug
    summary = conditions_sync(
        records=[ConditionRecord(code="I10", name="Primary hypertension", synonyms=("HBP",))]
    )
    assert (summary.created, summary.updated) == (0, 1)
    condition = Condition.objects.get(icd10_code="I10")
    assert condition.name == "Primary hypertension"
    assert condition.slug == slug
    assert condition.synonyms == ["HBP"]
    assert SearchDocument.objects.get(kind="condition", key=str(condition.pk)).title == (
        "Primary hypertension"
    )


def test_high_blood_pressure_finds_essential_hypertension(sample):
    call_command("import_icd10cm", str(sample), stdout=StringIO(), stderr=StringIO())
    # No consumer condition covers the codes here: the lookup leads to the entries themselves.
    results = condition_lookup(text="High Blood Pressure")
    assert results[0].condition.icd10_code == "I10"
    for query in ("i11.0", "I110"):
        found = condition_lookup(text=query)
        assert found and found[0].condition.icd10_code == "I11.0"


def test_missing_file_is_a_clear_error(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No such file"):
        call_command("import_icd10cm", str(tmp_path / "nope.xml"))


@pytest.mark.shared_data
def test_shared_icd10cm_file_loads_every_code_twice_idempotently(shared_data):
    path = next((shared_data / "conditions" / "icd10cm").glob("*.xml*"))
    started = time.monotonic()
    out = StringIO()
    call_command("import_icd10cm", str(path), stdout=out, stderr=StringIO())
    elapsed = time.monotonic() - started
    assert "46,881 created" in out.getvalue(), out.getvalue()
    assert Condition.objects.count() == 46881
    assert elapsed < 120
    out = StringIO()
    call_command("import_icd10cm", str(path), stdout=out, stderr=StringIO())
    assert "0 created, 0 updated, 46,881 unchanged, 0 rejected" in out.getvalue()
    assert "No changes: everything was already up to date." in out.getvalue()
    found = condition_lookup(text="high blood pressure")
    assert found and found[0].condition.icd10_code == "I10"


def test_shared_data_offers_the_import_command(shared_data):
    from articles.shared_data import import_commands

    commands = import_commands(shared_data)
    assert commands and commands[0][0] == "import_icd10cm"
