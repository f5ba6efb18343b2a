"""A drug page without a guide or a label shows what we know: forms and strengths with
marketing status, FDA applications, conditions with their sources, pill photos, the
interaction checker; never a row of empty sections."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from drugs import services
from drugs.models import Drug, DrugCondition
from drugs.overview import drug_overview, split_strength
from pills.services import pill_image_attach
from tests.drugs.factories import make_drug
from tests.factories import make_condition
from tests.interactions.factories import make_interaction
from tests.pills.factories import make_pill

pytestmark = pytest.mark.django_db

NOT_AVAILABLE = re.compile(
    r"do not have this information|We have no plain-language guide|does not cover"
)


def _product(drug, key, *, strength, status, form="TABLET", route="ORAL", **values):
    services.product_upsert(
        drug=drug,
        source_key=f"drugsfda:{key}",
        strength=strength,
        dosage_form=form,
        route=route,
        marketing_status=status,
        **values,
    )


@pytest.fixture
def warfarin():
    drug = make_drug(name="Warfarin", brands=("Coumadin",), ingredients=("WARFARIN SODIUM",))
    _product(drug, "009218:1", strength="5MG", status="Prescription", name="COUMADIN",
             labeler="BRISTOL MYERS SQUIBB", application_number="NDA009218")  # fmt: skip
    _product(drug, "009218:2", strength="75MG/VIAL", status="Discontinued", name="COUMADIN",
             form="INJECTABLE", route="INJECTION", application_number="NDA009218",
             labeler="BRISTOL MYERS SQUIBB")  # fmt: skip
    _product(drug, "040416:1", strength="10MG", status="Prescription", name="JANTOVEN",
             labeler="USL PHARMA", application_number="ANDA040416")  # fmt: skip
    _product(drug, "040145:1", strength="2MG", status="Discontinued", name="WARFARIN SODIUM",
             labeler="BARR", application_number="ANDA040145")  # fmt: skip
    _product(drug, "040145:2", strength="10MG", status="Discontinued", name="WARFARIN SODIUM",
             labeler="BARR", application_number="ANDA040145")  # fmt: skip
    services.drug_source_upsert(
        drug=drug,
        kind="drugsfda",
        reference="NDA009218",
        url="https://www.accessdata.fda.gov/scripts/cder/daf/index.cfm?ApplNo=009218",
    )
    condition = make_condition(name="Atrial fibrillation", slug="atrial-fibrillation")
    services.drug_condition_link(
        drug=drug,
        condition=condition,
        link_kind=DrugCondition.LinkKind.LABELLED,
        source=DrugCondition.Source.LABELEDIN,
    )
    return drug


def test_strengths_read_plainly_with_the_fda_footnotes_in_words():
    assert split_strength("10MG") == ("10 mg", "")
    assert split_strength("75MG/VIAL") == ("75 mg/vial", "")
    text, note = split_strength(
        "100MG **Federal Register determination that product was not discontinued or "
        "withdrawn for safety or efficacy reasons**"
    )
    assert text == "100 mg" and "was not withdrawn for safety" in note
    text, note = split_strength(
        "5MG **Federal Register determination that product was discontinued or withdrawn "
        "for safety or efficacy reasons**"
    )
    assert text == "5 mg" and "was withdrawn for safety" in note


def test_products_grouped_by_form_and_strength_discontinued_last(warfarin):
    overview = drug_overview(drug=Drug.objects.get(pk=warfarin.pk))
    assert overview.product_count == 5
    tablet, injectable = overview.forms
    assert (tablet.dosage_form, tablet.route) == ("tablet", "oral") and not tablet.discontinued
    assert injectable.discontinued
    strengths = [(s.strength, s.statuses, s.discontinued) for s in tablet.strengths]
    # 10 mg is still sold (Jantoven) though Barr's 10 mg is discontinued; 2 mg is not sold.
    assert strengths == [
        ("5 mg", ["Prescription"], False),
        ("10 mg", ["Prescription"], False),
        ("2 mg", ["Discontinued"], True),
    ]
    assert tablet.strengths[1].names == ["Jantoven", "Warfarin Sodium"]
    assert tablet.strengths[1].makers == 2


def test_applications_brand_and_generic_with_their_status(warfarin):
    overview = drug_overview(drug=Drug.objects.get(pk=warfarin.pk))
    (brand,) = overview.brand_applications
    assert brand.display == "NDA 009218" and brand.names == ["Coumadin"]
    assert brand.products == 2 and brand.discontinued == 1 and not brand.all_discontinued
    assert brand.url.endswith("ApplNo=009218")
    generics = overview.generic_applications
    assert [a.display for a in generics] == ["ANDA 040416", "ANDA 040145"]  # on sale first
    assert generics[1].all_discontinued
    assert overview.generic_sponsors == 2 and overview.generic_marketed == 1


def test_the_page_without_guide_or_label_shows_what_we_know_and_one_line(client, warfarin):
    page = client.get(warfarin.get_absolute_url()).content.decode()
    assert len(NOT_AVAILABLE.findall(page)) == 1
    assert "We have no plain-language guide or FDA label for Warfarin yet." in page
    for anchor in ("side-effects", "precautions", "interactions", "overdose"):
        assert f'id="{anchor}"' not in page
    assert 'id="uses"' in page and "Atrial fibrillation" in page
    assert "Labelled use, source: LabeledIn" in page
    assert 'id="products"' in page and "75 mg/vial" in page
    assert page.index("5 mg") < page.index("2 mg")  # the discontinued strength last
    assert 'id="approval"' in page and "NDA 009218" in page and "ANDA 040416" in page
    assert "does not give the date this medicine was first approved" in page
    assert "Approval date not known." in page
    assert "Brand name:" in page and "Coumadin" in page
    assert 'href="/interactions/?drugs=warfarin"' in page


def test_pill_photos_with_alt_text_linked_to_the_identifier(client, warfarin):
    pill = make_pill(imprint="5;COUMADIN", colors=("C48328",), drug=warfarin, strength="5 MG")
    out = io.BytesIO()
    Image.new("RGB", (60, 40), "orange").save(out, "PNG")
    pill_image_attach(pill=pill, source_name="coumadin5.png", content=out.getvalue())
    page = client.get(warfarin.get_absolute_url()).content.decode()
    assert 'id="pill-pictures"' in page
    assert 'alt="pink round tablet, imprint 5 COUMADIN"' in page
    assert 'href="/pills/?imprint=5+COUMADIN&amp;shape=C48348&amp;color=C48328"' in page


def test_a_drug_without_photos_shows_no_picture_section(client, warfarin):
    make_pill(imprint="5;COUMADIN", drug=warfarin)  # a pill without a photo
    page = client.get(warfarin.get_absolute_url()).content.decode()
    assert 'id="pill-pictures"' not in page


def test_serious_editorial_interactions_are_named(client, warfarin):
    aspirin = make_drug(name="Aspirin", ingredients=("ASPIRIN",))
    quinidine = make_drug(name="Quinidine sulfate", ingredients=("QUINIDINE SULFATE",))
    minor = make_drug(name="Minorol", ingredients=("MINOROL",))
    make_interaction(warfarin, aspirin, class_b="antiplatelet medicines (such as aspirin)")
    make_interaction(warfarin, quinidine)
    make_interaction(warfarin, minor, severity=1)
    page = client.get(warfarin.get_absolute_url()).content.decode()
    assert "can interact seriously with" in page
    assert "<li>antiplatelet medicines (such as aspirin)</li>" in page
    assert "<li>quinidine</li>" in page  # the salt named once, by its base substance
    assert "minorol" not in page.lower().split("interaction-check")[1].split("</section>")[0]


def test_drug_page_queries_do_not_grow_with_pills_and_applications(
    client, warfarin, django_assert_max_num_queries
):
    def add(n):
        for _ in range(n):
            pill = make_pill(drug=warfarin)
            out = io.BytesIO()
            Image.new("RGB", (30, 20), "white").save(out, "PNG")
            pill_image_attach(pill=pill, source_name=f"p{pill.pk}.png", content=out.getvalue())
            _product(warfarin, f"9{pill.pk}:1", strength=f"{pill.pk}MG", status="Prescription",
                     application_number=f"ANDA9{pill.pk}", labeler=f"MAKER {pill.pk}")  # fmt: skip

    add(2)
    with django_assert_max_num_queries(12):
        assert client.get(warfarin.get_absolute_url()).status_code == 200
    add(12)
    with django_assert_max_num_queries(12):
        page = client.get(warfarin.get_absolute_url()).content.decode()
    assert page.count('class="drug-pills__item"') == 8
