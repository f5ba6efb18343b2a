"""What we know about a drug besides its monograph and label, for its page: the forms and
strengths it is sold in, with marketing status, and its FDA applications (Drugs@FDA).

Read from the drug's products in one query, whatever their number (`drug_overview`).
Drugs@FDA's own vocabulary (statuses, application types, the footnotes it appends to
strengths) is mapped here, once, to what a reader understands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

from drugs.models import Drug

# Drugs@FDA marketing statuses (and "active" from DailyMed labels) → (label, rank), a lower
# rank shown first. Anything else is shown as the source wrote it, after these.
STATUSES = {
    "prescription": (_("Prescription"), 0),
    "over-the-counter": (_("Over the counter"), 1),
    "active": (_("On the market"), 2),
    "none (tentative approval)": (_("Tentatively approved, not yet on sale"), 3),
    "discontinued": (_("Discontinued"), 9),
}
DISCONTINUED = "discontinued"
DISCONTINUED_RANK = STATUSES[DISCONTINUED][1]

# Drugs@FDA appends footnotes to strengths: "100MG **Federal Register determination that
# product was not discontinued or withdrawn for safety or efficacy reasons**".
_FOOTNOTE = re.compile(r"\*+(.*?)\**\s*$", re.DOTALL)
_NOT_WITHDRAWN = re.compile(r"\bnot (discontinued or )?withdrawn\b", re.IGNORECASE)
_WITHDRAWN = re.compile(r"\bdiscontinued or withdrawn for (safety|s or e)\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")

APPLICATION_TYPES = {
    "NDA": _("New drug application (brand or original)"),
    "BLA": _("Biologics licence application"),
    "ANDA": _("Abbreviated new drug application (generic)"),
}
_APPLICATION = re.compile(r"^(NDA|ANDA|BLA)0*(\d+)$", re.IGNORECASE)
_OTC_MONOGRAPH = re.compile(r"^part\s*(\w+)$", re.IGNORECASE)
APPLICATIONS_LISTED = 12  # applications named on the page; the rest are counted


def split_strength(raw: str) -> tuple[str, str]:
    """ "100MG **Federal Register ... not ... withdrawn ...**" → ("100 mg", note)."""
    note = ""
    match = _FOOTNOTE.search(raw or "")
    text = raw or ""
    if match:
        text = text[: match.start()]
        footnote = match.group(1).strip(" *")
        if _NOT_WITHDRAWN.search(footnote):
            note = str(_("The FDA found it was not withdrawn for safety or effectiveness reasons."))
        elif _WITHDRAWN.search(footnote):
            note = str(_("The FDA found it was withdrawn for safety or effectiveness reasons."))
        elif footnote:
            note = footnote
    text = re.sub(r"\s+", " ", text).strip()
    # "10MG" → "10 mg", "75MG/VIAL" → "75 mg/vial"; words the source spelt out stay.
    text = re.sub(r"(\d)\s*([A-Z]+)\b", lambda m: f"{m.group(1)} {m.group(2).lower()}", text)
    text = re.sub(r"/([A-Z]+)\b", lambda m: "/" + m.group(1).lower(), text)
    return text, note


def _strength_order(text: str) -> tuple:
    numbers = [float(n) for n in _NUMBER.findall(text)]
    return (numbers or [float("inf")], text)


def status_label(raw: str) -> tuple[str, int]:
    known = STATUSES.get((raw or "").strip().lower())
    if known:
        return str(known[0]), known[1]
    return (raw or str(_("Status not known"))), 5


@dataclass
class Strength:
    strength: str
    statuses: list[str]  # reader labels, most available first
    discontinued: bool  # every product of this strength is discontinued
    names: list[str]  # product (brand) names
    makers: int  # distinct labelers
    notes: list[str]  # Drugs@FDA footnotes, in plain words


@dataclass
class Form:
    dosage_form: str
    route: str
    strengths: list[Strength]

    @property
    def discontinued(self) -> bool:
        return all(s.discontinued for s in self.strengths)


@dataclass
class Application:
    number: str  # as stored, "NDA009218"
    display: str  # "NDA 009218", "OTC monograph part 343"
    kind: str  # "NDA", "ANDA", "BLA", "OTC", ""
    kind_label: str
    sponsors: list[str]
    names: list[str]
    products: int
    discontinued: int
    url: str = ""
    approved_on: date | None = None  # original approval (Drugs@FDA Submissions.txt)

    @property
    def all_discontinued(self) -> bool:
        return self.products == self.discontinued


@dataclass
class DrugOverview:
    forms: list[Form] = field(default_factory=list)
    product_count: int = 0
    brand_applications: list[Application] = field(default_factory=list)
    generic_applications: list[Application] = field(default_factory=list)
    other_applications: list[Application] = field(default_factory=list)
    generic_sponsors: int = 0
    generic_marketed: int = 0

    @property
    def applications(self) -> list[Application]:
        return [*self.brand_applications, *self.generic_applications, *self.other_applications]

    @property
    def first_approval(self) -> Application | None:
        """The brand or original application (NDA, BLA) approved first, when a date is
        known for any of them."""
        dated = [a for a in self.brand_applications if a.approved_on]
        return min(dated, key=lambda a: (a.approved_on, a.number)) if dated else None

    @property
    def generics_listed(self) -> list[Application]:
        room = max(0, APPLICATIONS_LISTED - len(self.brand_applications))
        return self.generic_applications[:room]

    @property
    def generics_not_listed(self) -> int:
        return len(self.generic_applications) - len(self.generics_listed)


def _application(number: str) -> tuple[str, str, str]:
    """(display, kind, kind label) of a stored application number."""
    match = _APPLICATION.match(number)
    if match:
        kind = match.group(1).upper()
        return f"{kind} {match.group(2).zfill(6)}", kind, str(APPLICATION_TYPES[kind])
    match = _OTC_MONOGRAPH.match(number)
    if match:
        return (
            str(_("21 CFR part %(part)s") % {"part": match.group(1)}),
            "OTC",
            str(_("Sold under an FDA over-the-counter monograph")),
        )
    return number, "", str(_("FDA application"))


def _title(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip()
    return name.title() if name.isupper() else name


def drug_overview(*, drug: Drug) -> DrugOverview:
    """The drug's products grouped by dosage form, route and strength (discontinued ones
    last), and its FDA applications, from one query. `drug.sources` is prefetched by
    `selectors.drug_detail` (the Drugs@FDA page of each application)."""
    rows = list(
        drug.products.order_by().values_list(
            "name", "labeler", "strength", "dosage_form", "route", "marketing_status",
            "application_number",
        )
    )  # fmt: skip
    overview = DrugOverview(product_count=len(rows))
    forms: dict[tuple[str, str], dict[str, dict]] = {}
    applications: dict[str, dict] = {}
    for name, labeler, raw_strength, dosage_form, route, status, number in rows:
        strength, note = split_strength(raw_strength)
        label, rank = status_label(status)
        entry = forms.setdefault(((dosage_form or "").lower(), (route or "").lower()), {})
        row = entry.setdefault(
            strength, {"statuses": {}, "names": {}, "makers": set(), "notes": {}, "live": False}
        )
        row["statuses"][label] = min(rank, row["statuses"].get(label, rank))
        row["live"] |= (status or "").strip().lower() != DISCONTINUED
        if name:
            row["names"][_title(name)] = None
        if labeler:
            row["makers"].add(labeler.strip().upper())
        if note:
            row["notes"][note] = None
        if number:
            application = applications.setdefault(
                number, {"sponsors": {}, "names": {}, "products": 0, "discontinued": 0}
            )
            application["products"] += 1
            application["discontinued"] += (status or "").strip().lower() == DISCONTINUED
            if labeler:
                application["sponsors"][_title(labeler)] = None
            if name:
                application["names"][_title(name)] = None
    for (dosage_form, route), strengths in forms.items():
        items = [
            Strength(
                strength=strength,
                # A strength still sold shows how it is sold; "discontinued" only when all are.
                statuses=sorted(
                    [k for k, rank in row["statuses"].items() if rank < DISCONTINUED_RANK]
                    or row["statuses"],
                    key=row["statuses"].get,
                ),
                discontinued=not row["live"],
                names=list(row["names"]),
                makers=len(row["makers"]),
                notes=list(row["notes"]),
            )
            for strength, row in strengths.items()
        ]
        items.sort(key=lambda s: (s.discontinued, _strength_order(s.strength)))
        overview.forms.append(Form(dosage_form=dosage_form, route=route, strengths=items))
    overview.forms.sort(key=lambda f: (f.discontinued, f.dosage_form, f.route))

    fda_sources = [s for s in drug.sources.all() if s.kind == "drugsfda"]
    urls = {s.reference: s.url for s in fda_sources}
    approvals = {s.reference: s.effective_date for s in fda_sources}
    for number, data in sorted(applications.items()):
        display, kind, kind_label = _application(number)
        found = Application(
            number=number,
            display=display,
            kind=kind,
            kind_label=kind_label,
            sponsors=list(data["sponsors"]),
            names=list(data["names"]),
            products=data["products"],
            discontinued=data["discontinued"],
            url=urls.get(number, ""),
            approved_on=approvals.get(number),
        )
        if kind in {"NDA", "BLA"}:
            overview.brand_applications.append(found)
        elif kind == "ANDA":
            overview.generic_applications.append(found)
        else:
            overview.other_applications.append(found)
    # Applications still on the market first.
    for group in (overview.brand_applications, overview.generic_applications):
        group.sort(key=lambda a: (a.all_discontinued, a.number))
    overview.generic_sponsors = len({s for a in overview.generic_applications for s in a.sponsors})
    overview.generic_marketed = sum(not a.all_discontinued for a in overview.generic_applications)
    return overview
