"""pill_identify against the database: ranking cases and the candidate index."""

import pytest

from pills.selectors import pill_identify
from tests.pills.factories import make_drug, make_pill

pytestmark = pytest.mark.django_db

WHITE, BLUE, ORANGE, BROWN = "C48325", "C48333", "C48331", "C48332"
ROUND, OVAL, CAPSULE = "C48348", "C48345", "C48336"


@pytest.fixture
def pills():
    return {
        "lipitor": make_pill(imprint="PD;155;10", shape=OVAL, colors=(WHITE,)),
        "pd155": make_pill(imprint="PD;155", shape=ROUND, colors=(WHITE,)),
        "m307": make_pill(imprint="M;307", shape=ROUND, colors=(BLUE,)),
        "loperamide": make_pill(imprint="93;311;93;311", shape=CAPSULE, colors=(BROWN, ORANGE)),
        "tenmg": make_pill(imprint="10", shape=ROUND, colors=(WHITE,)),
        "logo": make_pill(imprint="logo;20", shape=ROUND, colors=(BLUE,)),
    }


def ids(results):
    return [r.pill.pk for r in results]


@pytest.mark.parametrize("typed", ["PD 155 10", "pd15510", "10 pd 155", "PD-155/10", "pd;155;10"])
def test_exact_imprint_first_however_typed(pills, typed):
    assert ids(pill_identify(imprint=typed))[0] == pills["lipitor"].pk


def test_one_side_finds_the_pill_and_shape_raises_it(pills):
    found = ids(pill_identify(imprint="PD 155"))
    assert found[0] == pills["pd155"].pk and pills["lipitor"].pk in found
    assert ids(pill_identify(imprint="PD 155", shape=OVAL, color=WHITE))[0] == pills["lipitor"].pk


def test_look_alike_substitution(pills):
    assert ids(pill_identify(imprint="M 3O7"))[0] == pills["m307"].pk
    assert ids(pill_identify(imprint="PD I55 IO"))[0] == pills["lipitor"].pk


def test_partial_imprint_by_prefix(pills):
    assert pills["m307"].pk in ids(pill_identify(imprint="M 30"))


def test_capsule_printed_twice_and_run_together(pills):
    assert ids(pill_identify(imprint="9331193311"))[0] == pills["loperamide"].pk
    assert ids(pill_identify(imprint="93 311"))[0] == pills["loperamide"].pk


def test_shape_and_color_without_imprint_filter_and_multi_color_matches_any(pills):
    assert ids(pill_identify(color=ORANGE)) == [pills["loperamide"].pk]
    assert ids(pill_identify(color=BROWN, shape=CAPSULE)) == [pills["loperamide"].pk]
    assert set(ids(pill_identify(shape=ROUND, color=WHITE))) == {
        pills["pd155"].pk,
        pills["tenmg"].pk,
    }


def test_logo(pills):
    assert ids(pill_identify(imprint="logo 20"))[0] == pills["logo"].pk


def test_nothing_given_or_nothing_found(pills):
    assert pill_identify() == []
    assert pill_identify(imprint="QQQ 999") == []


def test_same_pill_under_other_ndcs_is_one_result_with_its_twins(pills):
    drug = make_drug(name="Celecoxib")
    sold = [
        make_pill(imprint="7767;200", shape=CAPSULE, colors=(WHITE, BLUE), drug=drug,
                  strength="200 MG", product_ndc=ndc)
        for ndc in ("000251525", "005912825", "681800598")
    ]  # fmt: skip
    other_strength = make_pill(
        imprint="7767;200", shape=CAPSULE, colors=(WHITE, BLUE), drug=drug, strength="100 MG"
    )
    results = pill_identify(imprint="7767 200")
    assert len(results) == 2
    first = results[0]
    assert {first.pill.pk, *(t.pk for t in first.twins)} == {p.pk for p in sold}
    assert results[1].pill.pk == other_strength.pk and results[1].twins == []


def test_run_together_in_another_order_is_found_among_many_similar(pills):
    for n in range(300):  # enough pills sharing "PD" that partial lookups alone give up
        make_pill(imprint=f"PD;{n}", shape=OVAL)
    assert ids(pill_identify(imprint="10PD155"))[0] == pills["lipitor"].pk
    assert ids(pill_identify(imprint="155 10pd"))[0] == pills["lipitor"].pk


def test_run_together_digits_in_another_order_are_split_by_the_pills_sides(pills):
    two_sides = make_pill(imprint="44;386", shape=ROUND, colors=(WHITE,))
    make_pill(imprint="386", shape=ROUND, colors=(WHITE,))
    assert ids(pill_identify(imprint="38644"))[0] == two_sides.pk
    assert ids(pill_identify(imprint="44386"))[0] == two_sides.pk
