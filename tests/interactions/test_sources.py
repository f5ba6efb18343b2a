"""What a pair shows: the strongest finding's effect and advice, severity never weakened by a
weaker source, every source named and linked, on the page, the printable list and the JSON."""

import html as html_lib

import pytest
from django.urls import reverse

from interactions import selectors
from interactions.models import Severity
from interactions.references import LIST_REFERENCES
from interactions.wording import EFFECT

from .factories import make_drug, make_interaction

pytestmark = pytest.mark.django_db

RULE_CITATION = "Warfarin sodium prescribing information, section 7 Drug Interactions"
RULE_URL = "https://dailymed.nlm.nih.gov/dailymed/search.cfm?labeltype=all&query=warfarin"
ONC_2013 = "https://doi.org/10.1136/amiajnl-2012-001089"


def editorial(first, second, severity=Severity.MAJOR):
    return make_interaction(
        first,
        second,
        severity=severity,
        source="editorial",
        source_version="Healthsite editorial rules",
        source_reference="warfarin-nsaids",
        effect="Both thin the blood, so serious bleeding is more likely.",
        advice="Ask your doctor before taking ibuprofen; watch for black stools.",
        citation=RULE_CITATION,
        citation_url=RULE_URL,
        class_b="NSAID pain relievers",
    )


@pytest.fixture
def warfarin_ibuprofen():
    warfarin, ibuprofen = make_drug("Warfarin"), make_drug("Ibuprofen")
    # The ONC non-interruptive list calls it minor; our rule says major.
    make_interaction(warfarin, ibuprofen, severity=Severity.MINOR, source="onc-non-interruptive")
    editorial(warfarin, ibuprofen)
    return warfarin, ibuprofen


def check(*drugs):
    found, _missing = selectors.drugs_for_check([d.slug for d in drugs])
    return selectors.interaction_check(drugs=found)


def test_a_weaker_source_never_lowers_the_pair(warfarin_ibuprofen):
    result = check(*warfarin_ibuprofen)
    [group] = result.groups
    [pair] = group.pairs
    assert pair.severity == Severity.MAJOR
    assert pair.effect == "Both thin the blood, so serious bleeding is more likely."
    assert pair.advice.startswith("Ask your doctor before taking ibuprofen")
    assert [(s.name, s.citation, s.url, s.severity) for s in pair.sources] == [
        ("Healthsite editorial rules", RULE_CITATION, RULE_URL, Severity.MAJOR),
        (
            "ONC non-interruptive interaction list",
            LIST_REFERENCES["onc-non-interruptive"].citation,
            ONC_2013,
            Severity.MINOR,
        ),
    ]


def test_at_equal_severity_the_finding_with_its_own_words_leads():
    warfarin, ibuprofen = make_drug("Warfarin"), make_drug("Ibuprofen")
    make_interaction(warfarin, ibuprofen, severity=Severity.MAJOR, source="ndf-rt")
    editorial(warfarin, ibuprofen)
    [pair] = check(warfarin, ibuprofen).groups[0].pairs
    assert pair.effect == "Both thin the blood, so serious bleeding is more likely."
    assert pair.sources[0].citation == RULE_CITATION
    # A stronger imported finding still sets the severity and leads with its wording.
    make_interaction(
        warfarin, ibuprofen, severity=Severity.CONTRAINDICATED, source="onc-high-priority"
    )
    [pair] = check(warfarin, ibuprofen).groups[0].pairs
    assert pair.severity == Severity.CONTRAINDICATED
    assert pair.effect == str(EFFECT[Severity.CONTRAINDICATED])
    assert [s.severity for s in pair.sources] == [
        Severity.CONTRAINDICATED,
        Severity.MAJOR,
        Severity.MAJOR,
    ]


def test_every_imported_list_links_its_published_reference():
    assert {key: ref.url for key, ref in LIST_REFERENCES.items()} == {
        "onc-high-priority": "https://doi.org/10.1136/amiajnl-2011-000612",
        "onc-non-interruptive": ONC_2013,
        "ndf-rt": "https://doi.org/10.1016/j.jbi.2015.04.006",
    }


def test_checker_page_shows_effect_advice_and_linked_sources(client, warfarin_ibuprofen):
    url = reverse("interactions:checker") + "?drugs=warfarin,ibuprofen"
    page = html_lib.unescape(client.get(url).content.decode())
    assert "severity-major" in page and "severity-minor" not in page
    assert "Both thin the blood, so serious bleeding is more likely." in page
    assert "Ask your doctor before taking ibuprofen" in page
    assert f'<a href="{RULE_URL}" rel="external">{RULE_CITATION}</a>' in page
    assert f'<a href="{ONC_2013}" rel="external">' in page
    assert "(ONC non-interruptive interaction list): Minor" in page
    assert "listed by Healthsite editorial rules as NSAID pain relievers" in page


def test_checker_print_shows_the_same_sources(client, warfarin_ibuprofen):
    url = reverse("interactions:checker_print") + "?drugs=warfarin,ibuprofen"
    page = html_lib.unescape(client.get(url).content.decode())
    assert "Both thin the blood" in page
    assert f'<a href="{RULE_URL}" rel="external">{RULE_CITATION}</a>' in page


def test_my_medicine_printable_list_names_effect_and_sources(client, warfarin_ibuprofen):
    from mymedicine import services
    from tests.factories import make_user
    from tests.mymedicine.factories import make_profile

    user = make_user()
    client.force_login(user)
    profile = make_profile(user, name="Mum")
    for drug in warfarin_ibuprofen:
        services.saved_medicine_add(profile=profile, drug=drug)
    page = client.get(reverse("mymedicine:profile_print", args=[profile.pk])).content.decode()
    page = html_lib.unescape(page)
    assert "Both thin the blood, so serious bleeding is more likely." in page
    assert "Ask your doctor before taking ibuprofen" in page
    assert f'<a href="{RULE_URL}" rel="external">{RULE_CITATION}</a>' in page
    assert f'<a href="{ONC_2013}" rel="external">' in page


# --- JSON ---------------------------------------------------------------------------------


def test_json_has_pairs_with_effect_advice_and_linked_sources(client, warfarin_ibuprofen):
    response = client.get(reverse("interactions:checker_json"), {"drugs": "warfarin,ibuprofen"})
    assert response.status_code == 200
    data = response.json()
    assert data["checked"] is True
    assert data["worst"] == "major"
    assert data["summary"] == "We found 1 interaction. We checked 1 pair of medicines."
    [group] = data["groups"]
    assert group["severity"] == "major"
    [pair] = group["pairs"]
    assert [d["slug"] for d in pair["drugs"]] == ["warfarin", "ibuprofen"]
    assert pair["drugs"][0]["url"] == "http://testserver/drugs/warfarin/"
    assert pair["severity"] == "major"
    assert pair["effect"] == "Both thin the blood, so serious bleeding is more likely."
    assert pair["advice"].startswith("Ask your doctor before taking ibuprofen")
    assert pair["sources"] == [
        {
            "name": "Healthsite editorial rules",
            "citation": RULE_CITATION,
            "url": RULE_URL,
            "severity": "major",
        },
        {
            "name": "ONC non-interruptive interaction list",
            "citation": LIST_REFERENCES["onc-non-interruptive"].citation,
            "url": ONC_2013,
            "severity": "minor",
        },
    ]
    assert [f["source"] for f in pair["findings"]] == [
        "Healthsite editorial rules",
        "ONC non-interruptive interaction list",
    ]
    assert data["coverage"]["covered"] == ["warfarin", "ibuprofen"]
    assert data["coverage"]["is_partial"] is False


def test_json_says_what_was_not_covered_as_the_page_does(client):
    alpha, beta = make_drug("Alpha"), make_drug("Beta")
    make_interaction(alpha, make_drug("Other A"))
    make_interaction(beta, make_drug("Other B"))
    make_drug("Sildenafil")
    make_drug("Mystery", ingredients=[])
    response = client.get(
        reverse("interactions:checker_json"),
        {"drug": ["alpha", "beta", "sildenafil", "mystery", "no-such-drug"]},
    )
    data = response.json()
    assert data["groups"] == []
    assert data["summary"].startswith(
        "No interactions found between Alpha and Beta in our sources. This is not proof"
    )
    assert data["coverage"]["covered"] == ["alpha", "beta"]
    assert data["coverage"]["not_covered"] == ["sildenafil"]
    assert data["coverage"]["no_ingredients"] == ["mystery"]
    assert data["unknown"] == ["no-such-drug"]
    notice = data["coverage"]["notice"]
    assert "We have no interaction information for Sildenafil" in notice
    assert "We do not have the ingredients of Mystery on record" in notice
    assert "<" not in notice


def test_json_with_too_few_medicines_says_so(client):
    make_drug("Alpha")
    response = client.get(reverse("interactions:checker_json"), {"drugs": "alpha"})
    assert response.status_code == 400
    data = response.json()
    assert data["checked"] is False
    assert data["message"] == "Add at least 2 medicines to check them."


def test_json_query_count_is_constant(client, django_assert_max_num_queries):
    drugs = [make_drug(f"Q {n}") for n in range(30)]
    for i in range(29):
        make_interaction(drugs[i], drugs[i + 1])
    for size in (2, 30):
        slugs = ",".join(d.slug for d in drugs[:size])
        with django_assert_max_num_queries(4):
            response = client.get(reverse("interactions:checker_json"), {"drugs": slugs})
        assert response.status_code == 200


def test_why_a_pair_is_listed_is_said_once_per_source_and_group(client):
    from interactions import services

    cipro = make_drug("Cipro", ingredients=["Ciprofloxacin", "Ciprofloxacin Hydrochloride"])
    tizanidine = make_drug("Tizanidine")
    for link in cipro.drug_ingredients.all():
        services.interaction_upsert(
            ingredient_a_id=link.ingredient_id,
            ingredient_b_id=tizanidine.drug_ingredients.get().ingredient_id,
            severity=Severity.CONTRAINDICATED,
            source="editorial",
            class_a="strong CYP1A2 blockers",
            class_b="strong CYP1A2 blockers",
            effect="Tizanidine builds up.",
            citation="Tizanidine prescribing information, section 4",
            citation_url="https://example.org/tizanidine",
        )
    [pair] = check(cipro, tizanidine).groups[0].pairs
    assert len(pair.findings) == 2
    assert len(pair.listings) == 1
    assert len(pair.sources) == 1
    page = client.get(reverse("interactions:checker"), {"drugs": "cipro,tizanidine"})
    assert page.content.decode().count("as strong CYP1A2 blockers") == 1
