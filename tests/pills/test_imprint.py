"""Imprint normalisation, look-alike folding and ranking (pure functions)."""

import json

import pytest

from pills import codes
from pills.imprint import (
    ALL_TOKENS,
    EXACT,
    Candidate,
    Query,
    display,
    fold,
    index_forms,
    rank,
    score_imprint,
    tokens,
)

LIPITOR = ["PD", "155", "10"]


@pytest.mark.parametrize(
    "typed",
    [
        "PD 155 10",
        "pd 155 10",
        "PD-155-10",
        "PD/155/10",
        "PD;155;10",
        "pd15510",
        "10 PD 155",
        "155 pd 10",
        " PD  155\t10 ",
    ],
)
def test_case_separators_and_side_order_do_not_matter(typed):
    assert score_imprint(Query.parse(typed), LIPITOR) == EXACT


def test_one_side_matches_all_tokens_tier():
    assert ALL_TOKENS <= score_imprint(Query.parse("PD 155"), LIPITOR) < EXACT
    assert ALL_TOKENS <= score_imprint(Query.parse("10"), LIPITOR) < EXACT


def test_run_together_side_counts_as_all_tokens():
    assert score_imprint(Query.parse("pd155"), LIPITOR) == ALL_TOKENS


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("M 3O7", ["M", "307"]),
        ("IO", ["10"]),
        ("L0", ["10"]),
        ("5B2", ["SB2"]),
        ("ZS", ["25"]),
        ("APO OB4", ["APO", "084"]),
    ],
)
def test_look_alikes_are_forgiven_below_exact(typed, printed):
    score = score_imprint(Query.parse(typed), printed)
    assert 0 < score < EXACT


def test_partial_imprint_scores_below_full_matches():
    partial = score_imprint(Query.parse("M36"), ["M", "367"])
    assert 0 < partial < score_imprint(Query.parse("M 367"), ["M", "367"])


def test_unrelated_imprint_does_not_match():
    assert score_imprint(Query.parse("XYZ 999"), LIPITOR) == 0


def test_tokens_and_display():
    assert tokens("93;311;93;311") == ["93", "311"]
    assert tokens("MUTUAL;105; MUTUAL;105") == ["MUTUAL", "105"]
    assert display("PD;155;10") == "PD 155 10"
    assert fold("BOIS2L") == "801521"


def test_index_forms_hold_tokens_parts_and_compact():
    forms = index_forms(["E615", "G"])
    assert ("t", "E615") in forms and ("p", "615") in forms and ("c", "E615G") in forms


def test_logo_query_matches_pills_with_a_symbol():
    assert score_imprint(Query.parse("logo"), [], has_logo=True) == EXACT
    assert score_imprint(Query.parse("logo"), [], has_logo=False) == 0
    assert score_imprint(Query.parse("logo 20"), ["20"], has_logo=True) == EXACT


def _cand(pk, toks, shape="C48348", colors=("C48325",), commonness=0):
    return Candidate(
        pill_id=pk, tokens=toks, shape=shape, colors=list(colors), commonness=commonness
    )


def test_rank_orders_exact_then_all_tokens_then_partial():
    ranked = rank(
        [
            _cand(1, ["PD", "155", "10", "X"]),
            _cand(2, ["PD", "155"]),
            _cand(3, ["PD", "15"]),
            _cand(4, ["AB"]),
        ],
        query=Query.parse("PD 155"),
    )
    assert [c.pill_id for c in ranked] == [2, 1, 3]


def test_shape_and_color_agreement_raise_a_result():
    ranked = rank(
        [
            _cand(1, ["93", "311"], shape="C48348"),
            _cand(2, ["93", "311"], shape="C48336", colors=["C48332", "C48331"]),
        ],
        query=Query.parse("93 311"),
        shape="C48336",
        color="C48331",
    )
    assert ranked[0].pill_id == 2


def test_multi_color_pill_matches_any_of_its_colors():
    pill = _cand(1, [], colors=["C48325", "C48333"])
    assert rank([pill], query=Query.parse(""), color="C48333")
    assert rank([pill], query=Query.parse(""), color="C48325")
    assert not rank([pill], query=Query.parse(""), color="C48326")


def test_ties_broken_by_commonness():
    ranked = rank(
        [_cand(1, ["A1"], commonness=1), _cand(2, ["A1"], commonness=9)], query=Query.parse("A1")
    )
    assert [c.pill_id for c in ranked] == [2, 1]


def test_code_tables_match_the_pillbox_fixture(shared_data):
    rows = json.loads((shared_data / "pillbox" / "color_shape.json").read_text())
    colors = {r["fields"]["code"]: r["fields"] for r in rows if r["model"] == "pillbox.color"}
    shapes = {r["fields"]["code"]: r["fields"] for r in rows if r["model"] == "pillbox.shape"}
    assert {c: f["display_name"] for c, f in colors.items()} == {
        c: v.spl_name for c, v in codes.COLORS.items()
    }
    assert {c: f["hex_value"] for c, f in colors.items()} == {
        c: v.hex_value for c, v in codes.COLORS.items()
    }
    assert {c: f["display_name"] for c, f in shapes.items()} == {
        c: v.spl_name for c, v in codes.SHAPES.items()
    }


def test_code_lookup_by_name():
    assert codes.shape_code("pentagon") == "C48346"
    assert codes.shape_code("C48348") == "C48348"
    assert codes.color_code("White") == "C48325"
    assert codes.color_code("chartreuse") is None


def test_rank_shows_a_pill_sold_under_several_ndcs_once_and_ranks_it_as_more_common():
    same = ("ATORVASTATIN", "10MG")
    ranked = rank(
        [
            Candidate(pill_id=1, tokens=["PD", "155"], shape="C48345", colors=["C48325"]),
            Candidate(1 + 1, ["PD", "155"], "C48345", ["C48325"], look=same),
            Candidate(3, ["PD", "155"], "C48345", ["C48325"], commonness=5, look=same),
            Candidate(4, ["PD", "155"], "C48345", ["C48325"], look=same),
            Candidate(5, ["PD", "155"], "C48345", ["C48325"], look=("OTHER", "10MG")),
        ],
        query=Query.parse("PD 155"),
    )
    assert [c.pill_id for c in ranked] == [3, 1, 5]
    assert sorted(ranked[0].twins) == [2, 4] and ranked[1].twins == []
