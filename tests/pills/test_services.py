"""pill_upsert, pill_image_attach, the SPL receiver and the search documents."""

import io

import pytest
from PIL import Image

from drugs.signals import spl_product_appearance
from pills.models import Pill, PillToken
from pills.services import PillImageError, PillResult, pill_image_attach, pill_upsert
from search.models import SearchDocument
from tests.pills.factories import make_drug, make_pill, make_product

pytestmark = pytest.mark.django_db


def test_upsert_is_idempotent_and_keeps_tokens_in_step():
    def upsert(imprint: str) -> PillResult:
        return pill_upsert(
            source="editorial",
            source_key="k1",
            imprint=imprint,
            shape="C48348",
            colors=["C48325"],
            name="X 5 MG ORAL TABLET",
        )

    assert upsert("M;367").status == "created"
    assert upsert("M;367").status == "unchanged"
    pill = upsert("M;368").pill
    forms = set(PillToken.objects.filter(pill=pill).values_list("form", flat=True))
    assert {"M", "368", "M368"} <= forms and "367" not in forms
    assert Pill.objects.count() == 1


def test_upsert_refuses_unknown_codes():
    with pytest.raises(ValueError, match="shape"):
        make_pill(imprint="A", shape="ROUNDISH")
    with pytest.raises(ValueError, match="color"):
        make_pill(imprint="A", colors=("C99999",))


def test_pills_with_an_imprint_are_indexed_for_site_search():
    make_pill(imprint="AB;12", name="ZOLPIDEM 10 MG ORAL TABLET")
    document = SearchDocument.objects.get(kind="pill", key="12 AB")
    assert document.title == "Pill imprint AB 12: Zolpidem 10 mg"
    assert "AB12" in document.body and document.url == "/pills/?imprint=AB+12"


def test_an_imprint_is_one_search_document_however_many_pills_carry_it():
    pills = [
        make_pill(imprint="AB;12", name=name, strength="10 MG", product_ndc=ndc)
        for name, ndc in (
            ("ZOLPIDEM TARTRATE 10 MG ORAL TABLET [AMBIEN]", "000240421"),
            ("ZOLPIDEM TARTRATE 10 MG ORAL TABLET", "123450001"),
            ("ZOLPIDEM TARTRATE 10 MG ORAL TABLET", "543210002"),
        )
    ]
    make_pill(imprint="12 ab", name="OTHERDRUG 5 MG ORAL TABLET", strength="5 MG")
    [document] = SearchDocument.objects.filter(kind="pill")
    assert document.title == (
        "Pill imprint AB 12: Ambien (zolpidem tartrate) 10 mg; Zolpidem tartrate 10 mg; "
        "Otherdrug 5 mg"
    )
    # A pill that moves to another imprint, or goes, leaves the document up to date.
    pill_upsert_imprint(pills[0], "AB;13")
    assert set(SearchDocument.objects.filter(kind="pill").values_list("key", flat=True)) == {
        "12 AB",
        "13 AB",
    }
    assert "Ambien" not in SearchDocument.objects.get(key="12 AB").title
    pills[0].refresh_from_db()
    pills[0].delete()
    assert not SearchDocument.objects.filter(kind="pill", key="13 AB").exists()
    for pill in Pill.objects.filter(imprint_key="12 AB"):
        pill.delete()
    assert not SearchDocument.objects.filter(kind="pill").exists()


def pill_upsert_imprint(pill, imprint):
    pill_upsert(
        source=pill.source, source_key=pill.source_key, imprint=imprint, shape=pill.shape,
        colors=pill.colors, name=pill.name, strength=pill.strength, drug=pill.drug,
    )  # fmt: skip


def _png(size=(50, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "pink").save(out, "PNG")
    return out.getvalue()


def test_image_attach_makes_renditions_and_refuses_non_images():
    pill = make_pill(imprint="Z1")
    picture, status = pill_image_attach(pill=pill, source_name="z1.png", content=_png())
    assert status == "created" and (picture.width, picture.height) == (50, 40)
    assert picture.original.name and picture.original.name.endswith(".jpg") and picture.rendition
    assert pill_image_attach(pill=pill, source_name="z1.png", content=_png())[1] == "unchanged"
    pill.refresh_from_db()
    assert pill.commonness == 1
    with pytest.raises(PillImageError):
        pill_image_attach(pill=pill, source_name="bad.jpg", content=b"GIF89a nope")


def test_spl_appearance_signal_creates_a_pill_linked_to_the_product():
    drug = make_drug(name="Sildenafil")
    product = make_product(
        drug=drug,
        ndc="00069420030",
        name="Viagra",
        strength="25 mg",
        labeler="Pfizer Laboratories",
        spl_set_id="set-1",
    )
    kwargs = {
        "product": product,
        "ndc": "00069420030",
        "imprint": "VGR25;PFIZER",
        "color_codes": ["C48333"],
        "shape_code": "C48338",
        "size_mm": 9,
        "score": 1,
        "source_id": "set-1",
    }
    spl_product_appearance.send(sender=None, **kwargs)
    spl_product_appearance.send(sender=None, **kwargs)
    pill = Pill.objects.get()
    assert (pill.drug, pill.product, pill.size_mm, pill.score) == (drug, product, 9, 1)
    assert pill.labeler == "Pfizer Laboratories" and pill.package_ndcs == ["00069420030"]
    spl_product_appearance.send(sender=None, **{**kwargs, "product": None})  # dry run
    assert Pill.objects.count() == 1


def test_index_rows_follow_appearance_and_commonness():
    from pills.models import PillColor

    pill = make_pill(imprint="Q7", shape="C48348", colors=("C48325", "C48333"))
    assert set(PillColor.objects.filter(pill=pill).values_list("color", flat=True)) == {
        "C48325",
        "C48333",
    }
    pill = pill_upsert(
        source="editorial",
        source_key=pill.source_key,
        imprint="Q7",
        shape="C48345",
        colors=["C48326"],
        name=pill.name,
        strength=pill.strength,
    ).pill
    assert list(PillColor.objects.filter(pill=pill).values_list("color", "shape")) == [
        ("C48326", "C48345")
    ]
    assert set(PillToken.objects.filter(pill=pill).values_list("shape", flat=True)) == {"C48345"}
    pill_image_attach(pill=pill, source_name="q7.png", content=_png())
    assert set(PillToken.objects.filter(pill=pill).values_list("commonness", flat=True)) == {1}
    assert set(PillColor.objects.filter(pill=pill).values_list("commonness", flat=True)) == {1}
