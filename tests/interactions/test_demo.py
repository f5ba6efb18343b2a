from io import StringIO

import pytest

from drugs import demo as drugs_demo
from interactions import demo
from interactions.models import Interaction
from interactions.services import EDITORIAL_RULES_VERSION

pytestmark = pytest.mark.django_db


def test_demo_loads_the_rules_and_demo_pairs_once_between_demo_drugs(client, monkeypatch, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "demo.toml").write_text(
        "[[rules]]\n"
        'id = "lisinopril-losartan"\n'
        'a = "lisinopril"\n'
        'b = "losartan"\n'
        'severity = "major"\n'
        'effect = "Rule wording: two blood pressure medicines that raise potassium."\n'
        'advice = "Rule advice: ask your doctor."\n'
        'source = "Losartan prescribing information, section 7"\n'
        'url = "https://dailymed.nlm.nih.gov/dailymed/search.cfm?labeltype=all&query=losartan"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr("interactions.importers.editorial.RULES_DIR", rules)
    drugs_demo.load(stdout=StringIO())
    out = StringIO()
    demo.load(stdout=out)
    assert "Rules: 1 read in 1 file(s)" in out.getvalue()
    count = Interaction.objects.count()
    # The rule takes the pair the demo would otherwise write; the other demo pairs stay.
    assert count == len(demo.DEMO_INTERACTIONS)
    ruled = Interaction.objects.get(source_version=EDITORIAL_RULES_VERSION)
    assert ruled.source_reference == "lisinopril-losartan"
    demo.load(stdout=StringIO())
    assert Interaction.objects.count() == count
    html = client.get("/interactions/?drugs=ibuprofen,diclofenac,lisinopril").content.decode()
    assert "Taking two at once adds up the risk" in html
    html = client.get("/interactions/?drugs=lisinopril,losartan").content.decode()
    assert "Rule wording: two blood pressure medicines" in html
    assert "Losartan prescribing information, section 7" in html


def test_demo_loads_the_repository_rules_without_problems():
    drugs_demo.load(stdout=StringIO())
    out = StringIO()
    demo.load(stdout=out)
    assert "  rejected " not in out.getvalue()
    assert "0 skipped" in out.getvalue()
