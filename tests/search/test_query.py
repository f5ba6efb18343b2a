"""Parsing the reader's input into plain words."""

import pytest

from search.backends.postgres import tsquery_sql, websearch_text
from search.backends.sqlite import match_expression, near_expression
from search.query import MAX_CLAUSES, MAX_QUERY_CHARS, clean_text, parse_query


def test_plain_words_all_must_match_and_the_last_is_a_prefix():
    parsed = parse_query("Knee Pain")
    assert [c.words for group in parsed.groups for c in group] == [("knee",), ("pain",)]
    assert parsed.prefix_last
    assert match_expression(parsed) == '"knee" AND "pain"*'


def test_a_trailing_space_means_the_last_word_is_finished():
    assert not parse_query("knee pain ").prefix_last


def test_phrases_or_and_exclusions():
    parsed = parse_query('"heart attack" aspirin OR ibuprofen -warfarin')
    assert match_expression(parsed) == (
        '("heart attack" AND ("aspirin" OR "ibuprofen")) NOT "warfarin"'
    )
    assert websearch_text(parsed) == '"heart attack" "aspirin" or "ibuprofen" -"warfarin"'


def test_an_unclosed_quote_runs_to_the_end():
    parsed = parse_query('"knee pain')
    assert parsed.groups[0][0].phrase
    assert parsed.groups[0][0].words == ("knee", "pain")
    assert not parsed.prefix_last


def test_hyphenated_words_stay_together_as_a_phrase():
    parsed = parse_query("covid-19 vaccine")
    assert match_expression(parsed) == '"covid 19" AND "vaccine"*'


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "\x00", "***", "(((", '"', "😀😀", "- - -", ":^*", "OR", "\ue000\ue001"],
)
def test_input_without_words_is_an_empty_query(raw):
    assert parse_query(raw).is_empty


def test_operators_and_syntax_never_survive_as_syntax():
    parsed = parse_query('title:knee NEAR(pain, 2) ^x "a" AND b* {body}:c \x00 d')
    expression = match_expression(parsed)
    # Only our own quotes, stars and the words: no colon, caret, braces or parentheses.
    for char in ":^{}()\x00,":
        assert char not in expression
    assert '"near pain"' in expression and '"and"' in expression


def test_length_and_clause_count_are_capped():
    parsed = parse_query("pain " * 2000)
    assert len(parsed.text) <= MAX_QUERY_CHARS
    assert len(parsed.groups) <= MAX_CLAUSES
    assert clean_text("x" * 10_000) == "x" * MAX_QUERY_CHARS


def test_control_characters_become_spaces():
    assert clean_text("knee\x00pain\u200b\ufeffnow") == "knee pain now"


def test_near_expression_shortens_long_words_into_prefixes():
    assert near_expression(parse_query("diabetis tea")) == '"diabet"*'


def test_postgres_prefix_for_the_last_word_only():
    sql, params = tsquery_sql(parse_query("knee pai"))
    assert "to_tsquery('simple', %s)" in sql
    assert params == ['"knee"', '"pai"', "'pai':*"]
