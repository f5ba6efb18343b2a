"""Turn whatever a reader typed into a safe, structured query.

Readers type anything: quotes, `AND`/`OR`/`NOT`/`NEAR`, `*`, `^`, `:`, unbalanced
parentheses, emoji, pasted pages, NUL bytes. Nothing they type is ever handed to a database
query language as it is. We keep only words (Unicode letters and digits) and a little of the
web-search syntax people expect, the same on both backends:

- `"heart attack"`      a phrase (an unclosed quote runs to the end of the input);
- `knee OR hip`         either word;
- `-surgery`            leave out results with this word;
- everything else       all words must match; the last word may be the start of a word
                        (`diabe` finds diabetes) while the reader is still typing.

Each backend turns the parsed query into its own syntax from these words alone, quoting
every word itself.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MAX_QUERY_CHARS = 200  # what we read of the input; a sentence or two is plenty for search
MAX_CLAUSES = 12  # words or phrases combined in one query
MAX_PHRASE_WORDS = 8
MIN_PREFIX_CHARS = 2  # "a*" would match half the index for no benefit
MIN_NEAR_CHARS = 4  # near matches for "and" or "of" would flood the page

_WORD = re.compile(r"[^\W_]+", re.UNICODE)  # letters and digits, any script
_PIECE = re.compile(r'"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Clause:
    """One word or phrase; `words` holds lower-cased words only (never any syntax)."""

    words: tuple[str, ...]
    phrase: bool = False  # the reader quoted it: match the words next to each other

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class ParsedQuery:
    """All `groups` must match (each group is one clause or several joined by OR);
    no clause in `excluded` may match."""

    text: str  # the cleaned input, safe to show back to the reader
    groups: tuple[tuple[Clause, ...], ...] = ()
    excluded: tuple[Clause, ...] = ()
    prefix_last: bool = False  # the last word of the last group may be a word's start
    words: tuple[str, ...] = field(default=())  # every positive word, for near-match search

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def near_words(self) -> tuple[str, ...]:
        """Words long enough to look for similar spellings when nothing matches exactly."""
        return tuple(word for word in self.words if len(word) >= MIN_NEAR_CHARS)

    @property
    def last_word(self) -> str | None:
        if not self.prefix_last or not self.groups:
            return None
        return self.groups[-1][-1].words[-1]


def clean_text(raw: str | None) -> str:
    """The input as we read it: normalised, without control characters, capped in length."""
    if not raw:
        return ""
    text = unicodedata.normalize("NFKC", raw[: MAX_QUERY_CHARS * 4])
    text = "".join(
        " " if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp") else char
        for char in text
    )
    return " ".join(text.split())[:MAX_QUERY_CHARS].strip()


def _words(text: str) -> tuple[str, ...]:
    return tuple(word.casefold() for word in _WORD.findall(text))


def parse_query(raw: str | None) -> ParsedQuery:
    """Parse the reader's input; never raises, whatever it contains."""
    text = clean_text(raw)
    groups: list[list[Clause]] = []
    excluded: list[Clause] = []
    join_next_with_or = False
    last_was_plain_word = False
    clause_count = 0

    for match in _PIECE.finditer(text):
        if clause_count >= MAX_CLAUSES:
            break
        quoted, bare = match.group(1), match.group(2)
        negate = False
        if quoted is not None:
            words = _words(quoted)[:MAX_PHRASE_WORDS]
            is_phrase = True
            is_plain = False
        else:
            if bare == "OR" or bare == "|":
                join_next_with_or = bool(groups)
                continue
            if bare.startswith("-") and len(bare) > 1 and _WORD.match(bare[1:]):
                negate = True
                bare = bare[1:]
            words = _words(bare)[:MAX_PHRASE_WORDS]
            # "covid-19" is one thing to the reader: keep its parts together as a phrase.
            is_phrase = len(words) > 1
            is_plain = len(words) == 1
        if not words:
            continue
        clause = Clause(words=words, phrase=is_phrase)
        clause_count += 1
        if negate:
            excluded.append(clause)
            join_next_with_or = False
            last_was_plain_word = False
            continue
        if join_next_with_or and groups:
            groups[-1].append(clause)
        else:
            groups.append([clause])
        join_next_with_or = False
        last_was_plain_word = is_plain

    # A prefix search only for the very last thing typed, when it is a bare word (not a
    # quoted phrase), the reader has not moved on (no trailing space) and it is long enough.
    raw_tail = (raw or "")[: MAX_QUERY_CHARS * 4]
    prefix_last = bool(
        groups
        and last_was_plain_word
        and len(groups[-1]) == 1
        and not raw_tail[-1:].isspace()
        and len(groups[-1][-1].words[-1]) >= MIN_PREFIX_CHARS
    )
    positive_words = tuple(dict.fromkeys(w for group in groups for c in group for w in c.words))
    return ParsedQuery(
        text=text,
        groups=tuple(tuple(group) for group in groups),
        excluded=tuple(excluded),
        prefix_last=prefix_last,
        words=positive_words,
    )
