"""import_pills and import_pill_images on small fixtures we wrote, and on the real files."""

import gzip
import io
import re

import pytest
from django.core.management import call_command
from PIL import Image

from drugs.models import Drug
from healthsite.importing import Rejected
from pills.importers.rximage import PillRecord, read_pills
from pills.models import Pill, PillImage
from tests.pills.factories import make_drug, make_product

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def small_csv(fixtures_dir):
    return fixtures_dir / "pills" / "rximage_small.csv"


def test_reader_groups_repeated_rows_and_rejects_bad_ones(small_csv):
    records = list(read_pills(small_csv))
    pills = [r for r in records if isinstance(r, PillRecord)]
    rejected = [r for r in records if isinstance(r, Rejected)]
    assert len(pills) == 6
    reasons = " | ".join(r.reason for r in rejected)
    assert "no NDC" in reasons and "unknown shape" in reasons and "unknown color" in reasons
    assert "different values" in reasons
    loperamide = next(p for p in pills if p.product_ndc == "000930311")
    assert loperamide.colors == ["C48332", "C48331"]
    assert loperamide.package_ndc == "00093031101"
    lipitor = next(p for p in pills if p.product_ndc == "000710155")
    assert (lipitor.ingredients, lipitor.strength, lipitor.brand) == (
        ["ATORVASTATIN CALCIUM"],
        "10 MG",
        "LIPITOR",
    )


def test_import_pills_links_creates_and_is_idempotent(small_csv):
    lipitor = make_drug(name="Atorvastatin calcium", slug="atorvastatin")
    product = make_product(drug=lipitor, ndc="00071015523", labeler="Parke-Davis")
    haloperidol = make_drug(name="Haloperidol", slug="haloperidol")
    out, err = run("import_pills", str(small_csv))
    assert "6 pills read, 6 created" in out and "4 rejected" in out
    assert "unknown shape 'STARBURST'" in err
    pill = Pill.objects.get(product_ndc="000710155")
    assert pill.product == product and pill.drug == lipitor and pill.labeler == "Parke-Davis"
    assert pill.imprint == "PD;155;10" and pill.shape == "C48345" and pill.colors == ["C48325"]
    assert Pill.objects.get(product_ndc="003780327").drug == haloperidol  # by ingredient
    created = Pill.objects.get(product_ndc="000930311").drug
    assert created is not None
    assert created.name == "Loperamide" and created.kind == "prescription"
    assert created.ingredient_key == "loperamide"
    viagra = Pill.objects.get(product_ndc="000694200").drug
    assert viagra is not None
    assert set(viagra.names.values_list("name", flat=True)) >= {"Sildenafil", "Viagra"}
    assert Pill.objects.get(product_ndc="005915440").drug is None  # no name at all
    assert Pill.objects.get(product_ndc="293000126").imprint_tokens == ["UL", "5"]
    drugs_before = Drug.objects.count()
    out, _ = run("import_pills", str(small_csv))
    assert "0 created, 0 updated, 6 unchanged" in out
    assert Drug.objects.count() == drugs_before and Pill.objects.count() == 6


def test_import_pills_reads_gzip_and_dry_run_saves_nothing(small_csv, tmp_path):
    gz = tmp_path / "pills.csv.gz"
    gz.write_bytes(gzip.compress(small_csv.read_bytes()))
    out, _ = run("import_pills", str(gz), "--dry-run")
    assert "Dry run" in out and "6 created" in out
    assert Pill.objects.count() == 0 and Drug.objects.count() == 0
    run("import_pills", str(gz))
    assert Pill.objects.count() == 6


def _jpeg(color="orange") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 263), color).save(out, "JPEG")
    return out.getvalue()


def test_import_pill_images_matches_by_name_and_ndc_and_refuses_non_images(small_csv, tmp_path):
    run("import_pills", str(small_csv))
    folder = tmp_path / "images"
    folder.mkdir()
    (folder / "00071-0155-23_RXNAVIMAGE10_AAAA0001.jpg").write_bytes(_jpeg())
    (folder / "00378-0327-55_RXNAVIMAGE10_FFFF9999.jpg").write_bytes(_jpeg("white"))  # by NDC
    (folder / "00093-0311-01_RXNAVIMAGE10_AAAA0002.jpg").write_bytes(b"<html>not a picture")
    (folder / "99999-9999-99_RXNAVIMAGE10_00000000.jpg").write_bytes(_jpeg())
    (folder / "notes.txt").write_text("hello")
    (folder / "MAPPING.csv").write_text("a,b\n")
    out, err = run("import_pill_images", str(folder))
    assert "2 created" in out and "3 rejected" in out
    assert "not a readable image" in err and "no pill" in err and "not an image file name" in err
    picture = PillImage.objects.get(source_name="00071-0155-23_RXNAVIMAGE10_AAAA0001.jpg")
    assert picture.pill.product_ndc == "000710155"
    assert (picture.width, picture.height) == (300, 263)
    with picture.rendition.open("rb") as handle, Image.open(handle) as rendition:
        assert rendition.width == 240
    assert PillImage.objects.get(source_name__startswith="00378").pill.product_ndc == "003780327"
    out, _ = run("import_pill_images", str(folder))
    assert "0 created, 0 updated, 2 unchanged" in out


def test_import_pill_images_dry_run_checks_and_stores_nothing(small_csv, tmp_path, settings):
    run("import_pills", str(small_csv))
    folder = tmp_path / "images"
    folder.mkdir()
    (folder / "00071-0155-23_RXNAVIMAGE10_AAAA0001.jpg").write_bytes(_jpeg())
    (folder / "00093-0311-01_RXNAVIMAGE10_AAAA0002.jpg").write_bytes(b"<html>not a picture")
    out, err = run("import_pill_images", str(folder), "--dry-run")
    assert "would have 1 created, 0 updated, 0 unchanged, 1 rejected" in out
    assert "Dry run: nothing was saved" in out and "not a readable image" in err
    assert PillImage.objects.count() == 0
    assert not (settings.MEDIA_ROOT / "pills").exists()


def indexed_pills() -> set[tuple]:
    from search.models import SearchDocument

    return set(
        SearchDocument.objects.filter(kind="pill").values_list("key", "title", "body", "url")
    )


def documents_built_afresh() -> set[tuple]:
    from pills.search import PillProvider

    return {(d.key, d.title, d.body, d.url) for d in PillProvider().documents()}


def test_an_import_indexes_each_batch_as_a_rebuild_would(small_csv, tmp_path):
    """The importer indexes a batch's imprints at once; the index must hold exactly what a
    rebuild from the pills gives, after a first import and after one that moves a pill to
    another imprint (its old imprint's document goes when no pill carries it any more)."""
    run("import_pills", str(small_csv))
    assert indexed_pills() == documents_built_afresh() != set()
    lines = small_csv.read_text().splitlines()
    moved = [line.replace(",PD;155;10", ",PD;999;10") for line in lines]
    assert moved != lines
    changed = tmp_path / "rximage.csv"
    changed.write_text("\n".join(moved) + "\n")
    run("import_pills", str(changed))
    keys = {key for key, *_rest in indexed_pills()}
    assert "10 155 PD" not in keys and "10 999 PD" in keys
    assert indexed_pills() == documents_built_afresh()


@pytest.mark.shared_data
def test_real_shared_files(shared_data):
    pillbox = shared_data / "pillbox"
    out, err = run("import_pills", str(pillbox / "extract" / "pill_color_imprint_dataset.csv.gz"))
    assert "4,390 pills read, 4,390 created" in out and " 0 rejected" in out
    assert Pill.objects.count() == 4390
    total = 0
    for folder in (pillbox / "images", pillbox / "extract" / "images"):
        out, err = run("import_pill_images", str(folder))
        read = re.search(r"([\d,]+) pictures read", out)
        assert read, out
        total += int(read.group(1).replace(",", ""))
        assert " 0 rejected" in out, err
    assert total == 345 and PillImage.objects.count() == 345
    # Pictures make a pill more common, which reorders its imprint's document.
    assert indexed_pills() == documents_built_afresh()
    from pills.selectors import pill_identify

    top = pill_identify(imprint="pd 155 10", shape="C48345", color="C48325")[0].pill
    assert top.imprint == "PD;155;10" and "ATORVASTATIN" in top.name


def test_shared_data_commands(tmp_path):
    from pills.shared_data import import_commands

    assert import_commands(tmp_path) == []
    (tmp_path / "pillbox" / "extract" / "images").mkdir(parents=True)
    (tmp_path / "pillbox" / "extract" / "pill_color_imprint_dataset.csv.gz").write_bytes(b"")
    names = [name for name, _args in import_commands(tmp_path)]
    assert names == ["import_pills", "import_pill_images"]
