"""DailyMed labels kept section by section: rendering, cross-references, versions, the page."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from defusedxml.ElementTree import fromstring
from defusedxml.ElementTree import parse as parse_xml
from django.urls import reverse

from drugs import services
from drugs.importers.spl import import_spl
from drugs.importers.spl_sections import NS, label_sections, split_number
from drugs.labels import SAMPLE_MONOGRAPH_REFERENCE, SHOWN_SECTIONS, LabelSection
from drugs.models import Drug, DrugSource
from drugs.shared_data import import_commands
from tests.drugs.factories import make_drug

pytestmark = pytest.mark.django_db

SET_ID = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"


def label_copy(fixtures_dir, tmp_path, *, version: str, effective: str, uses: str):
    text = (fixtures_dir / "drugs" / "spl" / "exampleprofen-tablets.xml").read_text()
    text = text.replace('<versionNumber value="3"/>', f'<versionNumber value="{version}"/>')
    text = text.replace(
        '<effectiveTime value="20240115"/>', f'<effectiveTime value="{effective}"/>'
    )
    text = text.replace("used in tests for example pain.", uses)
    path = tmp_path / f"exampleprofen-v{version}.xml"
    path.write_text(text)
    return path


def uses_html() -> str:
    return LabelSection.objects.get(loinc_code="34067-9", source__reference=SET_ID).html


def test_label_sections_are_kept_with_their_structure(fixtures_dir):
    import_spl([fixtures_dir / "drugs" / "spl"])
    source = DrugSource.objects.get(kind="spl", reference=SET_ID)
    sections = list(source.label_sections.all())
    assert [s.loinc_code for s in sections] == ["34066-1", "34067-9", "34088-5"]
    assert [s.anchor for s in sections] == [
        "label-boxed-warning",
        "label-indications-and-usage",
        "label-overdosage",
    ]
    uses = sections[1]
    # section numbers are dropped from headings; the sub-section has an anchor
    assert "<h4>Example pain</h4>" in uses.html or ">Example pain</h4>" in uses.html
    assert "1.1" not in uses.html
    assert "<ul><li>Short-term relief of example pain.</li></ul>" in uses.html
    assert source.url == f"https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid={SET_ID}"


def test_a_later_version_replaces_the_label_and_an_older_one_never_does(fixtures_dir, tmp_path):
    import_spl([fixtures_dir / "drugs" / "spl" / "exampleprofen-tablets.xml"])
    newer = label_copy(fixtures_dir, tmp_path, version="4", effective="20250101", uses="New.")
    older = label_copy(fixtures_dir, tmp_path, version="2", effective="20230101", uses="Old.")
    report = import_spl([newer])
    assert report.updated > 0
    assert "New." in uses_html()
    source = DrugSource.objects.get(kind="spl", reference=SET_ID)
    assert (source.version, str(source.effective_date)) == ("4", "2025-01-01")
    report = import_spl([older])
    assert [r.reason for r in report.rejected] == ["version 2 is older than the stored version 4"]
    assert "New." in uses_html()
    source.refresh_from_db()
    assert source.version == "4"
    # the same version again changes nothing
    assert import_spl([newer]).changed == 0


def test_a_label_no_longer_fills_the_monograph_and_clears_old_label_text(fixtures_dir):
    drug = services.drug_create(
        name="Examplofen",
        kind=Drug.Kind.PRESCRIPTION,
        ingredient_names=["EXAMPLOFEN"],
        monograph_origin=Drug.MonographOrigin.LABEL,
        uses="### 2.1 Dosage Information [see Warnings and Precautions (5.1)]",
    )
    import_spl([fixtures_dir / "drugs" / "spl" / "exampleprofen-tablets.xml"])
    drug.refresh_from_db()
    assert drug.uses == ""
    assert drug.monograph_origin == Drug.MonographOrigin.NONE


def _section(xml: str) -> ET.Element:
    return fromstring(
        f'<document xmlns="urn:hl7-org:v3"><component><structuredBody>{xml}'
        "</structuredBody></component></document>"
    )


CROSS_REFERENCES = """
<component><section ID="S1"><code code="34067-9"/><title>1 INDICATIONS AND USAGE</title>
  <excerpt><highlight><text><paragraph>Pain in adults (1.1) and (12.3)</paragraph></text>
  </highlight></excerpt>
  <text><paragraph>Use it [see <content styleCode="italics">Warnings and Precautions
    (<linkHtml href="#S5.1">5.1</linkHtml>)</content>].
    Not shown [see Clinical Pharmacology (<linkHtml href="#S12.3">12.3</linkHtml>)].
    Both [see Warnings and Precautions (<linkHtml href="#S5.1">5.1</linkHtml>) and Clinical
    Pharmacology (<linkHtml href="#S12.3">12.3</linkHtml>)]. Store at 25 C [see USP].</paragraph>
  <table><tbody><tr><th>Rate</th><td>12 (5.1)</td></tr></tbody></table></text>
  <component><section ID="S1.1"><code code="42229-5"/><title>1.1 Pain</title>
    <text><paragraph>Pain <linkHtml href="https://example.org/">elsewhere</linkHtml>.
    </paragraph></text></section></component>
</section></component>
<component><section ID="S5"><code code="43685-7"/><title>5 WARNINGS AND PRECAUTIONS</title>
  <component><section ID="S5.1"><code code="42229-5"/><title>5.1 Liver</title>
    <text><paragraph>Liver text.</paragraph></text></section></component>
</section></component>
<component><section ID="S12"><code code="34090-1"/><title>12 CLINICAL PHARMACOLOGY</title>
  <component><section ID="S12.3"><code code="42229-5"/><title>12.3 Pharmacokinetics</title>
    <text><paragraph>PK.</paragraph></text></section></component>
</section></component>
"""


def test_cross_references_become_links_to_shown_sections_or_go():
    sections = label_sections(_section(CROSS_REFERENCES))
    uses = sections[0]
    assert (
        'Use it (see Warnings and Precautions: <a href="#label-warnings-and-precautions-s5-1">'
        "Liver</a>)." in uses.html
    )
    assert "Not shown." in uses.html  # a reference to a section we do not show is removed
    assert 'Both (see Warnings and Precautions: <a href="#label-warnings-and-precautions' in (
        uses.html
    )
    assert "Clinical Pharmacology" not in uses.html
    assert "(see USP)" in uses.html
    assert "[see" not in uses.html
    assert "<td>12 (5.1)</td>" in uses.html  # numbers in tables are data
    assert '<th scope="row">Rate</th>' in uses.html
    assert "example.org" not in uses.html and "elsewhere" in uses.html
    assert 'id="label-warnings-and-precautions-s5-1"' in sections[1].html
    assert uses.highlight_html == (
        '<p>Pain in adults (see <a href="#label-indications-and-usage-s1-1">Pain</a>) and</p>'
    )


@pytest.mark.parametrize(
    ("title", "expected"),
    [("5.1  Skeletal Muscle", ("5.1", "Skeletal Muscle")), ("WARNINGS", ("", "WARNINGS"))],
)
def test_split_number(title, expected):
    assert split_number(title) == expected


def _root(path) -> ET.Element:
    root = parse_xml(path).getroot()
    assert root is not None
    return root


def _section_numbers(path) -> set[str]:
    root = _root(path)
    titles = ("".join(t.itertext()) for t in root.iter(f"{NS}title"))
    return {split_number(t.strip())[0] for t in titles} - {""}


@pytest.mark.shared_data
@pytest.mark.parametrize(
    "name",
    ["lipitor-orig.xml", "64f8040f-938d-4236-8e22-c838c9b5f8da.xml", "no-title.xml", "humira.xml"],
)
def test_real_labels_have_no_raw_cross_references(shared_data, name):
    path = shared_data / "dailymed-spl" / name
    numbers = _section_numbers(path)
    assert numbers or name == "no-title.xml"  # the old haloperidol label is not numbered
    sections = label_sections(_root(path))
    assert sum(s.loinc_code in SHOWN_SECTIONS for s in sections) >= 5
    for section in sections:
        for text in (section.html, section.highlight_html):
            assert "[see " not in text.lower()
            outside_tables = re.sub(r"<table>.*?</table>", "", text, flags=re.S)
            for group in re.findall(r"\(([\d., ]+)\)", outside_tables):
                parts = {p.strip() for p in group.split(",")}
                assert not (parts <= numbers and "." in group), (section.title, group)


@pytest.mark.shared_data
def test_make_import_shared_reads_the_2014_archive(shared_data):
    commands = import_commands(shared_data)
    archive = str(shared_data / "dailymed-spl-2014" / "spl_xml_2014-01.tar.gz")
    assert ("import_spl", [archive]) in commands
    report = import_spl([shared_data / "dailymed-spl-2014" / "spl_xml_2014-01.tar.gz"])
    assert report.records == 89
    assert not report.rejected
    assert import_spl([shared_data / "dailymed-spl-2014"]).changed == 0


@pytest.mark.shared_data
def test_lipitor_page_shows_the_readable_label(client, shared_data, django_assert_max_num_queries):
    import_spl([shared_data / "dailymed-spl" / "lipitor-orig.xml"])
    drug = Drug.objects.get(names__normalized="lipitor")
    # The no-label page's 12 (tests/drugs/test_views.py) and the label's sections.
    with django_assert_max_num_queries(13):
        body = client.get(drug.get_absolute_url()).content.decode()
    assert "Full prescribing information" in body
    assert "drugInfo.cfm?setid=c6e131fe-e7df-4876-83f7-9156fc4e8228" in body
    assert "Version 11" in body
    # the label's title without the notice every PLR title starts with
    assert "LIPITOR® (atorvastatin calcium) Tablets for oral administration" in body
    assert "These highlights do not include" not in body
    for title in ("Highlights of prescribing information", "Warnings and precautions",
                  "Drug interactions", "Patient information"):  # fmt: skip
        assert f'<h3 class="details__summary-text">{title}</h3>' in body
    assert "[see " not in body
    assert "2.1 Dosage" not in body
    assert "We do not have this information yet" not in body


def _label_for(drug: Drug) -> None:
    source = DrugSource.objects.create(
        drug=drug, kind="spl", reference=SET_ID, version="3", title="EXAMPLOFEN tablets"
    )
    LabelSection.objects.create(
        source=source, loinc_code="34066-1", title="Boxed warning", anchor="label-boxed-warning",
        position=0, html="<p>Real boxed warning.</p>",
    )  # fmt: skip
    LabelSection.objects.create(
        source=source, loinc_code="34067-9", title="Indications and usage",
        anchor="label-indications-and-usage", position=1, html="<p>Real indications.</p>",
    )  # fmt: skip


def test_a_real_label_wins_over_sample_text(client):
    drug = make_drug(name="Examplofen", uses="Sample uses.", summary="Sample summary.")
    drug.monograph_origin = Drug.MonographOrigin.EDITORIAL
    drug.save()
    DrugSource.objects.create(drug=drug, kind="editorial", reference=SAMPLE_MONOGRAPH_REFERENCE)
    _label_for(drug)
    body = client.get(drug.get_absolute_url()).content.decode()
    assert "Real indications." in body and "Real boxed warning." in body
    assert "Sample uses." not in body and "Sample summary." not in body
    assert 'class="warning-callout"' in body


def test_our_own_monograph_comes_first_then_the_label(client):
    drug = make_drug(name="Examplofen", uses="Our uses.", summary="Our summary.")
    drug.monograph_origin = Drug.MonographOrigin.EDITORIAL
    drug.save()
    _label_for(drug)
    body = client.get(reverse("drugs:detail", args=[drug.slug])).content.decode()
    assert body.index("Our summary.") < body.index("Our uses.") < body.index("Real indications.")


def test_without_a_monograph_the_label_replaces_the_empty_sections(client):
    drug = make_drug(name="Examplofen")
    _label_for(drug)
    body = client.get(drug.get_absolute_url()).content.decode()
    assert "We do not have this information yet" not in body
    assert 'href="#label-indications-and-usage"' in body
