"""Importers on small fixture files we wrote in each format, and on the real public data."""

from __future__ import annotations

import datetime
import io
import shutil
import zipfile

import pytest
from django.core.management import call_command

from articles.models import Condition
from drugs.importers.drugsfda import import_drugsfda
from drugs.importers.indications import import_indications
from drugs.importers.spl import import_spl, parse_spl
from drugs.models import Drug, DrugCondition, DrugName, DrugSource, Product
from drugs.signals import spl_product_appearance
from drugs.text import normalize_ndc

pytestmark = pytest.mark.django_db


def names_of(drug: Drug) -> dict[str, str]:
    return dict(drug.names.values_list("normalized", "kind"))


def test_drugsfda_folder_makes_drugs_with_brand_synonyms(fixtures_dir):
    report = import_drugsfda(fixtures_dir / "drugs" / "drugsfda")
    atorvastatin = Drug.objects.get(name="Atorvastatin")
    assert atorvastatin.kind == Drug.Kind.PRESCRIPTION
    assert names_of(atorvastatin)["lipitor"] == DrugName.Kind.BRAND
    assert names_of(atorvastatin)["atorvastatin calcium"] == DrugName.Kind.GENERIC
    assert atorvastatin.products.count() == 3
    lipitor_10 = Product.objects.get(source_key="drugsfda:020702:001")
    assert lipitor_10.strength == "EQ 10MG BASE"
    assert lipitor_10.dosage_form == "tablet"
    assert lipitor_10.route == "oral"
    assert lipitor_10.application_number == "NDA020702"
    assert lipitor_10.labeler == "PFIZER"
    assert lipitor_10.marketing_status == "Prescription"
    ibuprofen = Drug.objects.get(name="Ibuprofen")
    # sold over the counter and on prescription: listed as prescription
    assert ibuprofen.kind == Drug.Kind.PRESCRIPTION
    assert {"advil", "motrin ib"} <= set(names_of(ibuprofen))
    assert Drug.objects.get(name="Acetaminophen").kind == Drug.Kind.OTC
    combination = Drug.objects.get(name="Amlodipine and atorvastatin")
    assert "caduet" in names_of(combination)
    assert [r.reason for r in report.rejected] == ["no active ingredient"]
    assert report.records == 9


def test_drugsfda_dates_each_application_with_its_original_approval(fixtures_dir, client):
    import_drugsfda(fixtures_dir / "drugs" / "drugsfda")
    dates = dict(
        DrugSource.objects.filter(kind=DrugSource.Kind.DRUGSFDA).values_list(
            "reference", "effective_date"
        )
    )
    # The original ("ORIG") approval, not a later supplement's.
    assert dates["NDA020702"] == datetime.date(1996, 12, 17)
    # Approved after a tentative approval: the approval's date.
    assert dates["ANDA076477"] == datetime.date(2004, 6, 2)
    # Drugs@FDA's placeholder 1900-01-01, a tentative approval only, no row: unknown.
    assert dates["NDA017463"] is None
    assert dates["ANDA019012"] is None
    assert dates["NDA018989"] is None
    page = client.get(Drug.objects.get(name="Atorvastatin").get_absolute_url()).content.decode()
    assert "First approved by the FDA: 17 December 1996 (NDA 020702)." in page


def test_drugsfda_second_run_changes_nothing_and_says_so(fixtures_dir):
    import_drugsfda(fixtures_dir / "drugs" / "drugsfda")
    counts = (Drug.objects.count(), DrugName.objects.count(), Product.objects.count())
    second = import_drugsfda(fixtures_dir / "drugs" / "drugsfda")
    assert second.changed == 0
    assert "No changes: everything was already up to date." in second.lines()
    assert counts == (Drug.objects.count(), DrugName.objects.count(), Product.objects.count())


def test_drugsfda_reads_the_zip_and_dry_run_saves_nothing(fixtures_dir, tmp_path):
    archive = tmp_path / "drugsatfda.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in (fixtures_dir / "drugs" / "drugsfda").iterdir():
            zipped.write(path, path.name)
    report = import_drugsfda(archive, dry_run=True)
    assert report.changed > 0
    assert Drug.objects.count() == 0
    import_drugsfda(archive)
    assert Drug.objects.filter(name="Metformin").exists()


def test_drugsfda_command_reports_summary(fixtures_dir):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_drugsfda", str(fixtures_dir / "drugs" / "drugsfda"), stdout=out, stderr=err
    )
    text = out.getvalue()
    assert "Drugs@FDA: 9 products read, " in text
    assert "1 rejected in " in text
    assert "no active ingredient" in err.getvalue()


def test_spl_products_names_sections_and_rejections(fixtures_dir):
    sent = []

    def receiver(sender, **kwargs):
        sent.append(kwargs)

    spl_product_appearance.connect(receiver)
    try:
        report = import_spl([fixtures_dir / "drugs" / "spl"])
    finally:
        spl_product_appearance.disconnect(receiver)
    drug = Drug.objects.get(name="Examplofen")
    assert drug.dea_schedule == "CIV"
    assert names_of(drug)["exampleprofen"] == DrugName.Kind.BRAND
    # the label is kept section by section (tests/drugs/test_labels.py), not as monograph
    assert drug.uses == drug.boxed_warning == drug.overdose == ""
    assert drug.monograph_origin == Drug.MonographOrigin.NONE
    ndcs = set(drug.products.values_list("ndc", flat=True))
    assert ndcs == {"12345067890", "12345067801"}
    product = drug.products.get(ndc="12345067890")
    assert product.ndc_printed == "12345-678-90"
    assert product.strength == "250 mg"
    assert product.application_number == "NDA099001"
    assert product.labeler == "Example Pharma Inc"
    assert drug.sources.get(kind="spl").reference == "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"
    assert len(sent) == 2
    assert sent[0]["imprint"] == "EX;250"
    assert sent[0]["color_codes"] == ["C48325"]
    assert sent[0]["shape_code"] == "C48348"
    assert sent[0]["size_mm"] == 11
    assert sent[0]["score"] == 2
    assert sent[0]["source_id"] == "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"
    assert isinstance(sent[0]["product"], Product)
    reasons = {r.reason for r in report.rejected}
    assert "no active ingredient" in reasons
    assert any("well-formed" in reason for reason in reasons)


def test_spl_second_run_changes_nothing(fixtures_dir):
    import_spl([fixtures_dir / "drugs" / "spl"])
    second = import_spl([fixtures_dir / "drugs" / "spl"])
    assert second.changed == 0


def test_spl_never_overwrites_an_editorial_monograph(fixtures_dir):
    from drugs import services

    drug = services.drug_create(
        name="Examplofen",
        kind=Drug.Kind.PRESCRIPTION,
        ingredient_names=["EXAMPLOFEN"],
        monograph_origin=Drug.MonographOrigin.EDITORIAL,
        uses="Our own words.",
    )
    import_spl([fixtures_dir / "drugs" / "spl" / "exampleprofen-tablets.xml"])
    drug.refresh_from_db()
    assert drug.uses == "Our own words."
    assert drug.products.count() == 2


def test_parse_spl_escapes_markup_in_label_text(tmp_path, fixtures_dir):
    text = (fixtures_dir / "drugs" / "spl" / "exampleprofen-tablets.xml").read_text()
    path = tmp_path / "label.xml"
    path.write_text(text.replace("for example pain.", "for *example* &lt;script&gt; pain."))
    document = parse_spl(path)
    uses = next(s for s in document.sections if s.loinc_code == "34067-9")
    assert "for *example* &lt;script&gt; pain." in uses.html
    assert "<script" not in uses.html


def test_indications_link_drugs_and_create_missing_conditions(fixtures_dir):
    import_drugsfda(fixtures_dir / "drugs" / "drugsfda")
    existing = Condition.objects.create(name="Osteoarthritis", slug="osteoarthritis")
    report = import_indications(fixtures_dir / "drugs" / "indications")
    ibuprofen = Drug.objects.get(name="Ibuprofen")
    link = DrugCondition.objects.get(drug=ibuprofen)
    assert link.condition == existing
    assert link.link_kind == DrugCondition.LinkKind.SYMPTOMATIC
    assert link.source == DrugCondition.Source.PHARMACOTHERAPYDB
    metformin = Drug.objects.get(name="Metformin")
    kinds = set(metformin.condition_links.values_list("link_kind", "source"))
    assert ("disease_modifying", "pharmacotherapydb") in kinds
    assert ("labelled", "labeledin") in kinds
    assert Condition.objects.filter(name__iexact="high cholesterol").exists()
    atorvastatin = Drug.objects.get(name="Atorvastatin")
    # "in adults with hypertension and other risk factors": a risk factor, not a use
    assert list(
        atorvastatin.condition_links.filter(source="labeledin").values_list(
            "condition__name", flat=True
        )
    ) == ["High cholesterol"]
    assert "names the patients or a risk factor" in " ".join(r.reason for r in report.rejected)
    # NOT rows are not indications
    assert not DrugCondition.objects.filter(
        drug=atorvastatin, condition__name__iexact="type 2 diabetes mellitus"
    ).exists()
    reasons = " ".join(r.reason for r in report.rejected)
    assert "Notadrugatall" in reasons
    assert "RxCUI 1111" in reasons
    # What stays on a data set's condition with no page of ours is said, most linked first
    apart = [note for note in report.notes if "without a page of ours" in note]
    uses = DrugCondition.objects.filter(
        condition__consumer__isnull=True, condition__kind=Condition.Kind.ICD10
    ).count()
    assert uses > 0
    assert apart and apart[0].startswith(f"{uses:,} drug uses on "), report.notes
    assert "most linked:" in apart[0]
    second = import_indications(fixtures_dir / "drugs" / "indications")
    assert second.changed == 0


def test_indications_dry_run_creates_no_condition(fixtures_dir):
    import_drugsfda(fixtures_dir / "drugs" / "drugsfda")
    before = Condition.objects.count()
    import_indications(fixtures_dir / "drugs" / "indications", dry_run=True)
    assert Condition.objects.count() == before
    assert not DrugCondition.objects.exists()


def test_indications_without_data_files_is_an_error(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("import_indications", str(tmp_path), stdout=io.StringIO())


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("0071-0155-23", "00071015523"),
        ("12345-678-90", "12345067890"),
        ("12345-6789-1", "12345678901"),
        ("12345678901", "12345678901"),
        ("0071-0155", "000710155"),
        ("not-an-ndc", ""),
    ],
)
def test_normalize_ndc(printed, expected):
    assert normalize_ndc(printed) == expected


@pytest.mark.shared_data
def test_shared_data_imports_twice_and_second_run_changes_nothing(shared_data, tmp_path):
    drugsfda = shared_data / "drugsfda" / "drugsatfda.zip"
    spl = shared_data / "dailymed-spl"
    indications = shared_data / "indications"
    first = [
        import_drugsfda(drugsfda),
        import_spl([spl]),
        import_indications(indications),
    ]
    assert first[0].records == 39473
    assert Drug.objects.count() > 2000
    assert all(report.changed > 0 for report in first)
    lipitor = DrugName.objects.get(normalized="lipitor")
    assert lipitor.drug.name == "Atorvastatin"
    assert lipitor.drug.products.filter(ndc="00071015523").exists()
    second = [
        import_drugsfda(drugsfda),
        import_spl([spl]),
        import_indications(indications),
    ]
    assert [report.changed for report in second] == [0, 0, 0]
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_second_run_leaves_the_search_index_alone(fixtures_dir):
    from search.models import SearchDocument

    import_drugsfda(fixtures_dir / "drugs" / "drugsfda")
    import_spl([fixtures_dir / "drugs" / "spl"])
    before = dict(SearchDocument.objects.filter(kind="drug").values_list("key", "updated_at"))
    assert len(before) == Drug.objects.count()
    import_drugsfda(fixtures_dir / "drugs" / "drugsfda")
    import_spl([fixtures_dir / "drugs" / "spl"])
    after = dict(SearchDocument.objects.filter(kind="drug").values_list("key", "updated_at"))
    assert before == after


def test_spl_reads_a_dailymed_release_zip_of_zips(fixtures_dir, tmp_path):
    label = (fixtures_dir / "drugs" / "spl" / "exampleprofen-tablets.xml").read_bytes()
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zipped:
        zipped.writestr("20240101_aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee.xml", label)
        zipped.writestr("exampleprofen-01.jpg", b"not read")
    release = tmp_path / "dm_spl_release_human_rx_part1.zip"
    with zipfile.ZipFile(release, "w") as zipped:
        zipped.writestr("prescription/20240101_aaaaaaaa.zip", inner.getvalue())
    out, err = io.StringIO(), io.StringIO()
    call_command("import_spl", str(release), stdout=out, stderr=err)
    assert "DailyMed SPL labels: 1 labels read, " in out.getvalue()
    drug = Drug.objects.get(name="Examplofen")
    assert drug.sources.get(kind="spl").reference == "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"
    assert drug.products.count() == 2


def test_drugsfda_rerun_moves_no_product_between_drugs_sharing_a_key(fixtures_dir):
    """Keys recomputed by the salt rule migration can make two drugs share a key: a re-run
    leaves each product with its current drug of that key."""
    from drugs import services

    import_drugsfda(fixtures_dir / "drugs" / "drugsfda")
    atorvastatin = Drug.objects.get(name="Atorvastatin")
    twin = services.drug_create(
        name="Atorvastatin calcium", kind=Drug.Kind.PRESCRIPTION, ingredient_names=["atorvastatin"]
    )
    assert twin.ingredient_key == atorvastatin.ingredient_key
    Product.objects.filter(source_key="drugsfda:020702:001").update(drug=twin)
    second = import_drugsfda(fixtures_dir / "drugs" / "drugsfda")
    assert second.counts[("product", "updated")] == 0  # (the twin gains the product's names)
    assert import_drugsfda(fixtures_dir / "drugs" / "drugsfda").changed == 0
    assert Product.objects.get(source_key="drugsfda:020702:001").drug == twin
    assert atorvastatin.products.count() == 2


def test_best_name_table():
    from collections import Counter

    from drugs.importers.indications import best_name

    cases = [
        (Counter({"acute, painful": 6, "Acute Pain": 2, "AP": 2}), "Acute Pain"),
        (Counter({"GONORRHEA": 2, "Gonorrhea": 3, "gonorrhea": 2}), "Gonorrhea"),
        (Counter({"PELVIC INFLAMMATORY DISEASE": 2}), "Pelvic inflammatory disease"),
        (Counter({"AIDS": 1}), "AIDS"),  # a short abbreviation stays as written
        (Counter({"acquired) testicular failure": 3}), None),
        (
            Counter({"leukemia, lymphoma and malignancies who are receiving cancer therapy": 1}),
            None,
        ),
    ]
    assert [best_name(mentions) for mentions, _ in cases] == [want for _, want in cases]


def test_drugsfda_sources_go_in_bulk_and_a_bad_one_is_rejected_alone(tmp_path):
    from drugs.importers.drugsfda import DrugsfdaImporter
    from healthsite.importing import ImportRun
    from tests.drugs.factories import make_drug

    first, second = make_drug(name="Examplofen"), make_drug(name="Samplomab")
    importer = DrugsfdaImporter(tmp_path)
    run = ImportRun(label="Drugs@FDA", unit="products")
    importer.start(run)
    good = {
        "title": "NDA012345 (Example Labs)",
        "url": "https://www.accessdata.fda.gov/x?ApplNo=012345",
    }
    importer.source_rows[(first.pk, "NDA012345")] = {
        **good,
        "effective_date": datetime.date(2001, 2, 3),
    }
    importer.source_rows[(second.pk, "NDA099999")] = {**good, "url": "not a web address"}
    importer.save_sources()
    assert [r.reference for r in run.rejected] == ["NDA099999 (source)"]
    assert "URL" in run.rejected[0].reason or "valid" in run.rejected[0].reason
    saved = DrugSource.objects.get(drug=first, kind=DrugSource.Kind.DRUGSFDA)
    assert (saved.reference, saved.effective_date) == ("NDA012345", datetime.date(2001, 2, 3))
    assert not DrugSource.objects.filter(drug=second).exists()
    assert run.counts[("source", "created")] == 1
    # the same again changes nothing
    importer.source_rows[(first.pk, "NDA012345")] = {
        **good,
        "effective_date": datetime.date(2001, 2, 3),
    }
    importer.save_sources()
    assert run.counts[("source", "unchanged")] == 1


def test_drugsfda_new_drugs_and_ingredients_get_free_slugs_and_bad_ones_are_rejected(
    fixtures_dir, tmp_path
):
    """New drugs and ingredients are created a batch at a time: their slugs avoid the ones
    already taken, and a product whose drug or ingredient cannot be made is reported while
    the rest of its batch is saved."""
    from tests.drugs.factories import make_drug

    make_drug(name="Ibuprofen", ingredients=("Ibuprofen",))  # the import's ibuprofen
    make_drug(name="Metformin", ingredients=("Glucophagin",))  # another medicine, same slug
    folder = tmp_path / "drugsfda"
    shutil.copytree(fixtures_dir / "drugs" / "drugsfda", folder)
    with (folder / "Products.txt").open("a", encoding="cp1252") as products:
        products.write("017463\t009\tTABLET;ORAL\t5MG\t0\tNOWHERE\t***\t0\n")
    report = import_drugsfda(folder)
    rejected = {r.reference: r.reason for r in report.rejected}
    assert "blank" in rejected["drugsfda:017463:009"], rejected
    assert Product.objects.filter(source_key="drugsfda:017463:001").exists()
    slugs_of_metformin = set(Drug.objects.filter(name="Metformin").values_list("slug", flat=True))
    assert slugs_of_metformin == {"metformin", "metformin-2"}
    assert Drug.objects.filter(name="Ibuprofen").count() == 1
    from drugs.models import Ingredient

    assert Ingredient.objects.filter(slug="ibuprofen").count() == 1
    slugs = list(Drug.objects.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs))
