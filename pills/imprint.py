"""Imprint normalisation, look-alike folding and ranking: pure functions, no database.

An imprint as printed is kept as the source writes it (SPL style: segments joined with ";",
e.g. "PD;155;10"). For matching we turn it, and whatever a reader types, into
**tokens**: upper-case runs of letters and digits, so case, spaces, dashes, slashes, dots and
the side separator no longer matter, and the order of sides does not either. The
**compact** form joins the tokens ("PD15510") so "pd15510" typed without any separator still
matches. **Folding** maps characters that look alike on a small, worn pill onto one
(O→0, I/L→1, S→5, B→8, Z→2) so "M 3O7" finds "M 307" and "IO" finds "10"; the
partial rules forgive a missing or extra character.

`score_imprint()` gives the ranking tier of one pill for one query; `rank()` orders candidates
with shape/color agreement and how common the product is, showing a pill sold under several
NDCs (the maker, repackagers, a brand and its authorized generic, a pill known from both its
label and a photo) once.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

_TOKEN = re.compile(r"[0-9A-Z]+")
_FOLD = str.maketrans({"O": "0", "I": "1", "L": "1", "S": "5", "B": "8", "Z": "2"})
# "logo" (and the way SPL files write a symbol) means the pill carries a picture, not text.
LOGO_WORDS = frozenset({"LOGO", "SYMBOL"})

# Ranking tiers for the imprint part of a match (higher is better).
EXACT = 100  # same tokens (any order) or same compact form
ALL_TOKENS = 80  # every query token is on the pill, which has more
FOLDED_EXACT = 70  # exact once look-alikes are folded
FOLDED_ALL = 60  # every query token, look-alikes folded
PARTIAL = 50  # the best partial tier; scaled by the share of the query matched
SHAPE_BONUS = 20
COLOR_BONUS = 20

# What a reader is told about a match, from its imprint score: every typed group printed
# on the pill and nothing else ("exact"); every typed group found, with look-alikes
# folded or more printed than typed ("close"); only part of what was typed ("partial").
TIER_EXACT = "exact"
TIER_CLOSE = "close"
TIER_PARTIAL = "partial"
TIERS = (TIER_EXACT, TIER_CLOSE, TIER_PARTIAL)


def tier(imprint_score: float) -> str:
    """The tier of a match with this imprint score.

    >>> tier(EXACT), tier(FOLDED_ALL), tier(PARTIAL)
    ('exact', 'close', 'partial')
    """
    if imprint_score >= EXACT:
        return TIER_EXACT
    if imprint_score >= FOLDED_ALL:
        return TIER_CLOSE
    return TIER_PARTIAL


def tokens(imprint: str) -> list[str]:
    """Upper-case letter/digit runs, first occurrence order, duplicates dropped.

    >>> tokens("93;311;93;311")
    ['93', '311']
    >>> tokens(" pd-155 / 10 ")
    ['PD', '155', '10']
    """
    seen: dict[str, None] = {}
    for token in _TOKEN.findall((imprint or "").upper()):
        seen.setdefault(token, None)
    return list(seen)


def sides(imprint: str) -> list[str]:
    """The printed segments of an SPL-style imprint ("PD;155;10" -> ["PD", "155", "10"])."""
    return [part.strip() for part in (imprint or "").split(";") if part.strip()]


def display(imprint: str) -> str:
    """The imprint for people: segments joined with spaces ("PD 155 10")."""
    return " ".join(sides(imprint))


def fold(token: str) -> str:
    """Fold look-alike characters: "PO1O" -> "P0100", "SB2" -> "582"."""
    return token.translate(_FOLD)


def compact(token_list: Sequence[str]) -> str:
    return "".join(token_list)


def parts(token: str) -> list[str]:
    """Letter and digit runs inside a token ("E615" -> ["E", "615"]); [] when it is one run."""
    runs = re.findall(r"[A-Z]+|[0-9]+", token)
    return runs if len(runs) > 1 else []


def index_forms(token_list: Sequence[str]) -> set[tuple[str, str]]:
    """(kind, folded form) rows to store for a pill so candidates can be found by index.

    kinds: "t" a token, "p" a letter/digit run inside a token, "c" the compact form.
    """
    forms: set[tuple[str, str]] = set()
    for token in token_list:
        forms.add(("t", fold(token)))
        for part in parts(token):
            forms.add(("p", fold(part)))
    if len(token_list) > 1:
        forms.add(("c", fold(compact(token_list))))
    return forms


@dataclass(frozen=True)
class Query:
    """A reader's imprint, prepared once."""

    raw: str
    tokens: tuple[str, ...]
    folded: tuple[str, ...]
    compact: str
    folded_compact: str
    logo: bool

    @classmethod
    def parse(cls, raw: str) -> Query:
        token_list = tokens(raw)
        logo = any(token in LOGO_WORDS for token in token_list)
        token_list = [token for token in token_list if token not in LOGO_WORDS]
        folded = tuple(dict.fromkeys(fold(token) for token in token_list))
        return cls(
            raw=raw,
            tokens=tuple(token_list),
            folded=folded,
            compact=compact(token_list),
            folded_compact=fold(compact(token_list)),
            logo=logo,
        )

    def __bool__(self) -> bool:
        return bool(self.tokens) or self.logo


def _token_matches(
    query_token: str, pill_tokens: Sequence[str], folded_tokens: Sequence[str], pill_compact: str
) -> float:
    """How well one query token is found on a pill: 1 exact, .8 folded, else part/prefix."""
    if query_token in pill_tokens:
        return 1.0
    folded = fold(query_token)
    if folded in folded_tokens:
        return 0.8
    for token in folded_tokens:
        if folded in parts(token):
            return 0.7
    if len(folded) >= 2:
        if any(t.startswith(folded) for t in folded_tokens):
            return 0.6
        if folded in fold(pill_compact):
            return 0.5
    return 0.0


def segment(text: str, vocabulary: Sequence[str]) -> set[str] | None:
    """The tokens that spell `text` when joined (repeats and any order allowed), choosing
    the spelling that uses the most distinct tokens; None when no spelling exists.

    >>> sorted(segment("9331193311", ["93", "311"]))
    ['311', '93']
    """
    words = [w for w in set(vocabulary) if w]
    best: list[set[str] | None] = [None] * (len(text) + 1)
    best[0] = set()
    for end in range(1, len(text) + 1):
        for word in words:
            start = end - len(word)
            if start < 0 or text[start:end] != word:
                continue
            before = best[start]
            if before is None:
                continue
            used = before | {word}
            current = best[end]
            if current is None or len(used) > len(current):
                best[end] = used
    return best[len(text)]


def _spell(typed: Sequence[str], vocabulary: Sequence[str]) -> set[str] | None:
    """The tokens used when every typed run is spelled from the vocabulary, else None."""
    used: set[str] = set()
    for run in typed:
        spelled = segment(run, vocabulary)
        if spelled is None:
            return None
        used |= spelled
    return used


def score_imprint(query: Query, pill_tokens: Sequence[str], *, has_logo: bool = False) -> float:
    """The imprint tier of one pill for a query (0 = no match at all).

    >>> score_imprint(Query.parse("pd 155 10"), ["PD", "155", "10"])
    100
    >>> score_imprint(Query.parse("10 PD155"), ["PD", "155", "10"])
    100
    """
    if not query.tokens:
        return EXACT if query.logo and has_logo else 0
    pill_compact = compact(pill_tokens)
    query_set, pill_set = set(query.tokens), set(pill_tokens)
    if query_set == pill_set or query.compact == pill_compact:
        return EXACT
    if query_set <= pill_set:
        return ALL_TOKENS + min(len(query_set) / max(len(pill_set), 1), 1) * 5
    folded_tokens = [fold(t) for t in pill_tokens]
    folded_pill = set(folded_tokens)
    folded_query = set(query.folded)
    if folded_query == folded_pill or query.folded_compact == fold(pill_compact):
        return FOLDED_EXACT
    if folded_query <= folded_pill:
        return FOLDED_ALL + len(folded_query) / max(len(folded_pill), 1) * 5
    # Typed without separators: "9331193311", "10PD155", "155 10pd" spelled from the
    # pill's tokens.
    if len(pill_tokens) > 1:
        used = _spell(query.tokens, pill_tokens)
        if used is not None:
            return EXACT if used == pill_set else ALL_TOKENS
        used = _spell(query.folded, folded_tokens)
        if used is not None:
            return FOLDED_EXACT if len(used) == len(folded_pill) else FOLDED_ALL
    # A single typed run may start several pill tokens ("PD15" for PD;155;10).
    if len(query.tokens) == 1 and len(query.compact) >= 3:
        if pill_compact.startswith(query.compact) or any(
            compact(pill_tokens[i:]).startswith(query.compact) for i in range(len(pill_tokens))
        ):
            return ALL_TOKENS
        folded_compact = fold(pill_compact)
        if query.folded_compact in folded_compact:
            return FOLDED_ALL
    matched = [
        _token_matches(token, pill_tokens, folded_tokens, pill_compact) for token in query.tokens
    ]
    if not any(matched):
        return 0
    share = sum(matched) / len(query.tokens)
    coverage = sum(1 for m in matched if m) / max(len(pill_set), 1)
    return PARTIAL * share * (0.8 + 0.2 * min(coverage, 1.0))


@dataclass
class Candidate:
    """What ranking needs to know about a pill."""

    pill_id: int
    tokens: Sequence[str]
    shape: str
    colors: Sequence[str]
    commonness: int = 0
    has_logo: bool = False
    # Candidates with the same `look` are one pill to a reader (same imprint, shape, colors,
    # drug and strength, different NDCs); None: always shown on its own.
    look: Hashable | None = None
    score: float = field(default=0.0)
    imprint_score: float = field(default=0.0)
    # The other candidates with this look, folded into this one by rank().
    twins: list[int] = field(default_factory=list)


def rank(
    candidates: Iterable[Candidate],
    *,
    query: Query,
    shape: str = "",
    color: str = "",
    limit: int | None = None,
) -> list[Candidate]:
    """Score and order candidates: imprint tier, then shape/color agreement, then how common
    the pill is (how many NDCs sell it, then the candidate's own commonness).

    With an imprint, shape and color only raise matching pills (readers misjudge colors).
    Without one, they are filters: pills of another shape or color are left out.
    Candidates with the same look are folded into the most common of them (`twins`).
    """
    ranked: list[Candidate] = []
    for candidate in candidates:
        shape_ok = bool(shape) and candidate.shape == shape
        color_ok = bool(color) and color in candidate.colors
        if query:
            imprint_score = score_imprint(query, candidate.tokens, has_logo=candidate.has_logo)
            if imprint_score <= 0:
                continue
        else:
            if (shape and not shape_ok) or (color and not color_ok):
                continue
            imprint_score = 0.0
        candidate.imprint_score = imprint_score
        candidate.score = imprint_score + SHAPE_BONUS * shape_ok + COLOR_BONUS * color_ok
        ranked.append(candidate)
    ranked.sort(key=lambda c: (-c.score, -c.commonness, c.pill_id))
    shown: dict[Hashable, Candidate] = {}
    folded: list[Candidate] = []
    for candidate in ranked:
        if candidate.look is None:
            folded.append(candidate)
        elif candidate.look in shown:
            shown[candidate.look].twins.append(candidate.pill_id)
        else:
            shown[candidate.look] = candidate
            folded.append(candidate)
    folded.sort(key=lambda c: (-c.score, -len(c.twins), -c.commonness, c.pill_id))
    return folded[:limit] if limit else folded
