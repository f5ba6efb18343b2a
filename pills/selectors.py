"""Reads for the pill identifier pages and API.

`pill_identify()` works in two steps so it stays fast at 100,000+ pills:

1. candidate narrowing in the database through `PillToken` (indexed folded imprint forms):
   exact lookups of the query's folded tokens, their letter/digit runs and compact form,
   grouped by pill and ordered by how many matched and by shape/color agreement; prefix
   lookups only when a token finds little; without an imprint, an indexed shape/color filter
   ordered by commonness;
2. scoring of those few hundred candidates in Python (`pills.imprint.rank`).

When no candidate has every typed character, an imprint typed as one run is looked up once
more by its pieces, for sides typed in another order than printed ("38644" for 44;386).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.db.models import Case, Count, Expression, F, IntegerField, Q, QuerySet, Value, When

from pills.imprint import (
    FOLDED_ALL,
    TIER_PARTIAL,
    TIERS,
    Candidate,
    Query,
    fold,
    parts,
    rank,
    tier,
)
from pills.models import COLOR_BITS, Pill, PillColor, PillToken

CANDIDATES = 200
PREFIX_CANDIDATES = 60
# A form on more pills than this ("M", "93", "10" at 100,000 pills) is left out of the
# narrowing when the query has rarer forms: a pill with every typed token has those too.
FREQUENT = 800
RESULTS = 30
# Longest run typed without separators that is searched piece by piece (120 pieces at most).
SPLIT_MAX = 16


@dataclass
class PillMatch:
    pill: Pill
    score: float
    # The same pill under other NDCs (repackagers, authorized generics, label and photo).
    twins: list[Pill] = field(default_factory=list)
    # pills.imprint.tier() of an imprint search ("exact", "close", "partial"), else "".
    tier: str = ""


def _prefix_filter(prefix: str) -> Q:
    """`form` starts with prefix, in a form each database answers from its index."""
    if connection.vendor == "postgresql":
        return Q(form__startswith=prefix)
    # SQLite's LIKE ignores the index; a range over the binary-ordered column uses it.
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return Q(form__gte=prefix, form__lt=upper)


def _agreement(shape: str, color: str) -> Expression:
    """An SQL expression: 2 for shape agreement plus 1 for color agreement (the color bit
    is annotated as `_bit` by the caller)."""
    expression: Expression = Value(0)
    if shape:
        expression = Case(
            When(shape=shape, then=Value(2)), default=Value(0), output_field=IntegerField()
        )
    if color:
        expression = expression + Case(
            When(_bit__gt=0, then=Value(1)), default=Value(0), output_field=IntegerField()
        )
    return expression


FREQUENCY_TTL = 60 * 60


def _form_frequency(forms: set[str]) -> dict[str, int]:
    """How many index rows each form has; cached for an hour (it only steers narrowing)."""
    keys = {f"pills:freq:{form}": form for form in forms}
    cached = cache.get_many(list(keys))
    frequency = {keys[key]: n for key, n in cached.items()}
    missing = forms - set(frequency)
    if missing:
        counted = dict(
            PillToken.objects.filter(form__in=missing)
            .values("form")
            .annotate(n=Count("pill_id"))
            .values_list("form", "n")
        )
        counted.update(dict.fromkeys(missing - set(counted), 0))
        cache.set_many({f"pills:freq:{f}": n for f, n in counted.items()}, FREQUENCY_TTL)
        frequency.update(counted)
    return frequency


def _narrowing_forms(query: Query) -> set[str]:
    forms = set(query.folded)
    if query.folded_compact:
        forms.add(query.folded_compact)
    # A run typed without separators in another order than printed ("10PD155" for
    # PD;155;10) matches no stored form whole; its letter and digit runs do.
    for token in query.tokens:
        forms.update(fold(part) for part in parts(token))
    if len(forms) > 1:
        frequency = _form_frequency(forms)
        rare = {form for form in forms if frequency.get(form, 0) <= FREQUENT}
        if rare and rare != forms:
            forms = rare
    return forms


def _exact_candidates(forms: set[str], *, shape: str, color: str) -> QuerySet[PillToken, int]:
    """A subquery of pill ids: most forms matched first, then shape/color agreement, then
    commonness (PillToken alone, no join)."""
    rows = PillToken.objects.filter(form__in=forms)
    if color in COLOR_BITS:
        rows = rows.annotate(_bit=F("colors_mask").bitand(COLOR_BITS[color]))
    return (
        rows.values("pill_id")
        .annotate(
            matched=Count("form", distinct=True),
            agreement=_agreement(shape, color if color in COLOR_BITS else ""),
        )
        .order_by("-matched", "-agreement", "-commonness")
        .values_list("pill_id", flat=True)[:CANDIDATES]
    )


def _prefix_candidates(forms: set[str], *, exclude: set[int]) -> list[int]:
    """Partial imprints: pills with a form starting with a typed token or compact form."""
    ids: dict[int, None] = {}
    for prefix in sorted(forms, key=len, reverse=True):
        if len(prefix) < 2:
            continue
        rows = (
            PillToken.objects.filter(_prefix_filter(prefix))
            .values_list("pill_id", flat=True)
            .distinct()[:PREFIX_CANDIDATES]
        )
        ids.update((pk, None) for pk in rows if pk not in exclude)
    return list(ids)


CANDIDATE_FIELDS = (
    "pk", "imprint_tokens", "shape", "colors", "commonness", "has_logo", "drug_id", "strength",
    "name",
)  # fmt: skip


Look = tuple[frozenset[str], str, frozenset[str], int | str, str]


def _look(
    tokens: Sequence[str],
    shape: str,
    colors: Sequence[str],
    drug_id: int | None,
    strength: str,
    name: str,
) -> Look | None:
    """What makes two pills the same to a reader: imprint, shape, colors, drug, strength."""
    if not tokens or not (drug_id or name):
        return None
    medicine = drug_id or name.upper()
    dose = "".join(strength.upper().split())
    return (frozenset(tokens), shape, frozenset(colors), medicine, dose)


def _split_forms(query: Query) -> set[str]:
    """Every run of two or more characters inside an imprint typed as one run, for a run
    whose sides were typed in another order than printed with no letter/digit boundary
    between them ("38644" for 44;386): its pieces are stored forms, the whole is not."""
    text = query.folded_compact
    if len(query.tokens) != 1 or not 4 <= len(text) <= SPLIT_MAX:
        return set()
    pieces = {text[i:j] for i in range(len(text)) for j in range(i + 2, len(text) + 1)}
    pieces.discard(text)
    frequency = _form_frequency(pieces)
    rare = {piece for piece in pieces if 0 < frequency.get(piece, 0) <= FREQUENT}
    return rare


def _imprint_rows(query: Query, *, shape: str, color: str) -> tuple[list[tuple], bool]:
    """Candidate rows, and whether the exact lookup was cut at CANDIDATES (more pills may
    carry every typed group than were looked at)."""
    forms = _narrowing_forms(query)
    exact = _exact_candidates(forms, shape=shape, color=color)
    rows = list(Pill.objects.filter(pk__in=exact).values_list(*CANDIDATE_FIELDS))
    capped = len(rows) >= CANDIDATES
    if len(rows) < CANDIDATES // 2:
        extra = _prefix_candidates(forms, exclude={row[0] for row in rows})
        if extra:
            rows += Pill.objects.filter(pk__in=extra).values_list(*CANDIDATE_FIELDS)
    return rows, capped


def _plain_rows(query: Query, *, shape: str, color: str, limit: int) -> list[tuple]:
    """Candidates without imprint text: pills with a symbol, or a shape/color filter."""
    if query.logo:
        base = Pill.objects.filter(has_logo=True)
        if shape:
            base = base.filter(shape=shape)
        base = base.order_by("-commonness")[:CANDIDATES]
    elif color:
        rows = PillColor.objects.filter(color=color)
        if shape:
            rows = rows.filter(shape=shape)
        ids = list(
            rows.order_by("-commonness", "pill_id").values_list("pill_id", flat=True)[:limit]
        )
        base = Pill.objects.filter(pk__in=ids)
    else:
        base = Pill.objects.filter(shape=shape).order_by("-commonness", "pk")[:limit]
    return list(base.values_list(*CANDIDATE_FIELDS))


def _rank_rows(
    rows: list[tuple], *, query: Query, shape: str, color: str, limit: int | None
) -> list[Candidate]:
    candidates = [
        Candidate(
            pill_id=pk,
            tokens=tokens,
            shape=pill_shape,
            colors=colors,
            commonness=common,
            has_logo=logo,
            look=_look(tokens, pill_shape, colors, drug_id, strength, name),
        )
        for pk, tokens, pill_shape, colors, common, logo, drug_id, strength, name in rows
    ]
    return rank(candidates, query=query, shape=shape, color=color, limit=limit)


def _ranked(
    query: Query, *, shape: str, color: str, limit: int | None
) -> tuple[list[Candidate], bool]:
    """Ranked candidates (twins folded), and whether the candidate lookup was cut short."""
    if query.tokens:
        rows, capped = _imprint_rows(query, shape=shape, color=color)
    else:
        rows = _plain_rows(query, shape=shape, color=color, limit=limit or CANDIDATES)
        capped = len(rows) >= (limit or CANDIDATES)
    ranked = _rank_rows(rows, query=query, shape=shape, color=color, limit=limit)
    if not ranked or ranked[0].imprint_score < FOLDED_ALL:
        # Nothing had every typed character: the run may hold the sides in another order.
        pieces = _split_forms(query)
        if pieces:
            seen = {row[0] for row in rows}
            split = _exact_candidates(pieces, shape=shape, color=color)
            rows += (
                Pill.objects.filter(pk__in=split)
                .exclude(pk__in=seen)
                .values_list(*CANDIDATE_FIELDS)
            )
            ranked = _rank_rows(rows, query=query, shape=shape, color=color, limit=limit)
    return ranked, capped


def _load(ranked: Sequence[Candidate], *, tiered: bool = False) -> list[PillMatch]:
    """The pills (with drug, product and pictures) of ranked candidates, in one query."""
    pills = Pill.objects.for_cards().in_bulk(
        [c.pill_id for c in ranked] + [pk for c in ranked for pk in c.twins]
    )
    return [
        PillMatch(
            pill=pills[c.pill_id],
            score=c.score,
            twins=[pills[pk] for pk in c.twins if pk in pills],
            tier=tier(c.imprint_score) if tiered else "",
        )
        for c in ranked
        if c.pill_id in pills
    ]


def pill_identify(
    *, imprint: str = "", shape: str = "", color: str = "", limit: int = RESULTS
) -> list[PillMatch]:
    """Pills that may be the one described, best first (empty when nothing is given)."""
    query = Query.parse(imprint or "")
    if not (query or shape or color):
        return []
    ranked, _capped = _ranked(query, shape=shape, color=color, limit=limit)
    return _load(ranked)


PER_PAGE = 20


class PillResults:
    """Every match of one search, for a Paginator: `count()` and a slice load only what a
    page needs.

    An imprint (or a logo) search ranks its few hundred candidates once, in tiers (exact,
    close, partial; see `pills.imprint.tier`), and a slice loads only those pills. A shape or
    color search pages in the database: one COUNT over the shape/color index, then one page
    of pills in commonness order, the same pill under several NDCs folded within the page.
    """

    def __init__(self, *, imprint: str = "", shape: str = "", color: str = "") -> None:
        self.query = Query.parse(imprint or "")
        self.shape = shape
        self.color = color
        self.tiered = bool(self.query.tokens)
        self._candidates: list[Candidate] | None = None
        self._capped = False
        self._count: int | None = None

    def _plain_pages(self) -> bool:
        return not self.query and bool(self.shape or self.color)

    def _plain_ids(self) -> QuerySet:
        if self.color:
            rows = PillColor.objects.filter(color=self.color)
            if self.shape:
                rows = rows.filter(shape=self.shape)
            return rows.order_by("-commonness", "pill_id").values_list("pill_id", flat=True)
        return (
            Pill.objects.filter(shape=self.shape)
            .order_by("-commonness", "pk")
            .values_list("pk", flat=True)
        )

    @property
    def candidates(self) -> list[Candidate]:
        """Ranked candidates of an imprint or logo search, tier by tier."""
        if self._candidates is None:
            if not self.query:
                self._candidates = []
            else:
                ranked, self._capped = _ranked(
                    self.query, shape=self.shape, color=self.color, limit=None
                )
                if self.tiered:  # stable: each tier keeps the ranking's order
                    ranked.sort(key=lambda c: TIERS.index(tier(c.imprint_score)))
                self._candidates = ranked
        return self._candidates

    def count(self) -> int:
        """How many results there are to page through (one COUNT for shape/color)."""
        if self._count is None:
            if self._plain_pages():
                self._count = self._plain_ids().count()
            else:
                self._count = len(self.candidates)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[PillMatch]:
        if not isinstance(index, slice):
            raise TypeError("PillResults supports slices only")
        if self._plain_pages():
            ids = list(self._plain_ids()[index])
            rows = list(Pill.objects.filter(pk__in=ids).values_list(*CANDIDATE_FIELDS))
            ranked = _rank_rows(
                rows, query=self.query, shape=self.shape, color=self.color, limit=None
            )
            return _load(ranked)
        return _load(self.candidates[index], tiered=self.tiered)

    def full_matches(self) -> int:
        """How many pills match in full: every typed group (exact and close tiers) for an
        imprint, a symbol for "logo", the shape and color otherwise.

        When the candidate lookup was cut short, a COUNT over an index gives the true
        number, of which only the most common are ranked and listed."""
        if self._plain_pages():
            return self.count()
        found = self.full_matches_shown()
        if not self._capped:
            return found
        if not self.tiered:  # "logo": pills with a symbol, of the shape when one is given
            with_logo = Pill.objects.filter(has_logo=True)
            if self.shape:
                with_logo = with_logo.filter(shape=self.shape)
            return max(found, with_logo.count())
        forms = set(self.query.folded)
        carrying = (
            PillToken.objects.filter(kind="t", form__in=forms)
            .values("pill_id")
            .annotate(n=Count("form", distinct=True))
            .filter(n=len(forms))
            .count()
        )
        return max(found, carrying)

    def full_matches_shown(self) -> int:
        """How many of the full matches are listed (ranked candidates, twins folded)."""
        if self._plain_pages():
            return self.count()
        return sum(1 for c in self.candidates if tier(c.imprint_score) != TIER_PARTIAL)


def pill_results(*, imprint: str = "", shape: str = "", color: str = "") -> PillResults:
    """All matches of a search, to page through (see `PillResults`)."""
    return PillResults(imprint=imprint, shape=shape, color=color)
