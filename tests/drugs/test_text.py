"""The one salt/ester/hydrate rule (`drugs.text.base_name`) that drug identity, interaction
name matching and drug classes share."""

import pytest

from drugs.services import display_name, ingredient_key
from drugs.text import base_name
from interactions.matching import name_keys

BASE_NAMES = [
    # salts seen in the real Drugs@FDA, RxImage and interaction data
    ("SERTRALINE HYDROCHLORIDE", "sertraline"),
    ("Clopidogrel Bisulfate", "clopidogrel"),
    ("WARFARIN SODIUM", "warfarin"),
    ("SILDENAFIL CITRATE", "sildenafil"),
    ("rizatriptan benzoate", "rizatriptan"),
    ("amlodipine besilate", "amlodipine"),
    ("amlodipine besylate", "amlodipine"),
    ("doxycycline hyclate", "doxycycline"),
    ("imatinib mesilate", "imatinib"),
    ("pyrantel pamoate", "pyrantel"),
    ("methscopolamine bromide", "methscopolamine"),
    ("miconazole nitrate", "miconazole"),
    ("almotriptan malate", "almotriptan"),
    ("esomeprazole magnesium trihydrate", "esomeprazole"),
    ("sertraline hydrochloride anhydrous", "sertraline"),
    ("hydrocortisone sodium succinate", "hydrocortisone"),
    ("dexamethasone sodium phosphate", "dexamethasone"),
    ("bacitracin zinc", "bacitracin"),
    # esters: the same active moiety (21 CFR 314.3), decided in drugs/text.py
    ("estradiol valerate", "estradiol"),
    ("testosterone cypionate", "testosterone"),
    ("fluticasone propionate", "fluticasone"),
    ("betamethasone dipropionate", "betamethasone"),
    ("mometasone furoate", "mometasone"),
    ("haloperidol decanoate", "haloperidol"),
    ("cefpodoxime proxetil", "cefpodoxime"),
    ("olmesartan medoxomil", "olmesartan"),
    # a pharmacopoeia grade is not part of the substance
    ("thyroid usp", "thyroid"),
    ("omega-3-acid ethyl esters USP", "omega 3 acid ethyl esters"),
    # the drug itself: nothing is stripped
    ("isosorbide mononitrate", "isosorbide mononitrate"),
    ("isosorbide dinitrate", "isosorbide dinitrate"),
    ("nitroglycerin", "nitroglycerin"),
    ("silver nitrate", "silver nitrate"),
    ("gallium nitrate", "gallium nitrate"),
    ("lithium carbonate", "lithium"),  # the drug is lithium, as interaction rules name it
    ("lithium citrate", "lithium"),
    ("ferrous sulfate", "ferrous sulfate"),
    ("manganese chloride tetrahydrate", "manganese"),
    ("sodium chloride", "sodium chloride"),
    ("potassium chloride", "potassium chloride"),
    ("magnesium sulfate heptahydrate", "magnesium sulfate"),
    ("calcium carbonate", "calcium carbonate"),
    ("riboflavin 5'-phosphate sodium", "riboflavin 5 phosphate sodium"),
    ("microencapsulated potassium chloride", "microencapsulated potassium chloride"),
    ("monobasic potassium phosphate", "monobasic potassium phosphate"),
    ("sodium", "sodium"),
    ("", ""),
]


@pytest.mark.parametrize(("name", "expected"), BASE_NAMES)
def test_base_name(name, expected):
    assert base_name(name) == expected
    assert base_name(expected) == expected  # applying the rule twice changes nothing


def test_drug_identity_and_interaction_matching_use_the_same_rule():
    assert ingredient_key(["CLOPIDOGREL BISULFATE"]) == ingredient_key(["clopidogrel"])
    assert ingredient_key(["AMLODIPINE BESYLATE", "ATORVASTATIN CALCIUM"]) == (
        "amlodipine+atorvastatin"
    )
    assert display_name(["RIZATRIPTAN BENZOATE"]) == "Rizatriptan"
    assert name_keys("Clopidogrel Bisulfate") == ["clopidogrel bisulfate", "clopidogrel"]
    assert name_keys("isosorbide mononitrate") == ["isosorbide mononitrate"]
    assert name_keys("miconazole nitrate") == ["miconazole nitrate", "miconazole"]


@pytest.mark.django_db
def test_rules_naming_a_base_substance_reach_its_salt_forms():
    from drugs.services import ingredient_get_or_create
    from interactions.matching import IngredientIndex

    ids = {
        name: ingredient_get_or_create(name=name)[0].pk
        for name in ("LITHIUM CARBONATE", "clopidogrel bisulfate", "isosorbide", "silver nitrate")
    }
    index = IngredientIndex()
    assert index.forms_of("lithium") == {ids["LITHIUM CARBONATE"]}
    assert index.forms_of("clopidogrel") == {ids["clopidogrel bisulfate"]}
    assert index.forms_of("isosorbide mononitrate") == set()
    assert index.forms_of("silver") == set()
