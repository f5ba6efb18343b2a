"""First-line treatments: our editors' table (`drugs/first_line.toml`) → drug ↔ condition
links of kind "first-line treatment", each citing the public page it can be checked against.

A row names its condition by the consumer slug and by ICD-10-CM codes: the link goes to the
condition with that slug when it exists, else to the condition holding the first of the codes
that exists (an ICD-10-CM entry). Drugs are found by their active substances (the
ingredient key, `drugs.services.ingredient_key` of the parts of "a + b"), else by a generic
name, else by the one single-substance drug whose substance is the name plus a word
("liraglutide" → "liraglutide recombinant"); never created. The table is the whole truth
for its links: a link it no longer states is removed.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote_plus

from articles.models import Condition
from drugs import services
from drugs.models import Drug, DrugCondition, DrugName
from drugs.text import normalize_name
from healthsite.importing import Importer, ImportRun, InputError, Rejected, run_import

FIRST_LINE_TABLE = Path(__file__).resolve().parent.parent / "first_line.toml"
DAILYMED_SEARCH = "https://dailymed.nlm.nih.gov/dailymed/search.cfm?labeltype=all&query="
LABEL_SOURCE = "FDA label, Indications and Usage (DailyMed)"
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_ICD10 = re.compile(r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")


class FirstLineFormatError(InputError):
    """The table is not TOML or has no [[treatment]] rows."""


@dataclass(frozen=True)
class FirstLineRecord:
    reference: str  # "high-blood-pressure: lisinopril"
    condition_slug: str
    icd10: tuple[str, ...]
    drug: str  # ingredient base names, a combination as "a + b"
    source_title: str
    source_url: str


def drug_key(name: str) -> str:
    """The ingredient key of a table name: "sacubitril + valsartan" → "sacubitril+valsartan"
    (the importers' identity rule, so "valproic acid" is the valproate drug)."""
    return services.ingredient_key(part.strip() for part in name.split("+") if part.strip())


def dailymed_url(name: str) -> str:
    return DAILYMED_SEARCH + quote_plus(" ".join(part.strip() for part in name.split("+")))


def read_first_line(path: Path = FIRST_LINE_TABLE) -> Iterator[FirstLineRecord | Rejected]:
    try:
        with Path(path).open("rb") as stream:
            rows = tomllib.load(stream).get("treatment", [])
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise FirstLineFormatError(f"{path}: {error}") from error
    if not rows:
        raise FirstLineFormatError(f"{path} has no [[treatment]] rows")
    for number, row in enumerate(rows, start=1):
        slug = str(row.get("condition", ""))
        reference = f"treatment {number} ({slug or 'no condition'})"
        codes = tuple(str(code) for code in row.get("icd10", []))
        drugs = [str(d) for d in row.get("drugs", [])]
        title, url = str(row.get("source", "")), str(row.get("url", ""))
        if not _SLUG.match(slug):
            yield Rejected(reference, "condition is not a kebab-case slug")
        elif not codes or not all(_ICD10.match(code) for code in codes):
            yield Rejected(reference, "icd10 must list ICD-10-CM codes")
        elif not drugs:
            yield Rejected(reference, "no drugs")
        elif bool(title) != bool(url) or (url and not url.startswith("https://")):
            yield Rejected(reference, "a source needs both its name and an https URL")
        else:
            for drug in drugs:
                yield FirstLineRecord(
                    reference=f"{slug}: {drug}",
                    condition_slug=slug,
                    icd10=codes,
                    drug=drug,
                    source_title=title or LABEL_SOURCE,
                    source_url=url or dailymed_url(drug),
                )


class FirstLineImporter(Importer[FirstLineRecord]):
    label = "First-line treatments"
    unit = "links"
    batch_size = 200

    def __init__(self, path: Path = FIRST_LINE_TABLE) -> None:
        self.path = Path(path)

    def read(self) -> Iterator[FirstLineRecord | Rejected]:
        yield from read_first_line(self.path)

    def start(self, run: ImportRun) -> None:
        self.report = run
        self.kept: set[tuple[int, int, str]] = set()
        self.by_key: dict[str, set[int]] = {}
        for pk, key in Drug.objects.exclude(ingredient_key="").values_list("pk", "ingredient_key"):
            self.by_key.setdefault(key, set()).add(pk)
        self.conditions: dict[str, Condition | None] = {}

    def find_drug(self, name: str) -> Drug | None:
        key = drug_key(name)
        found = self.by_key.get(key, set())
        if not found:
            names = DrugName.objects.filter(
                normalized=normalize_name(name), kind=DrugName.Kind.GENERIC
            ).exclude(drug__ingredient_key__contains="+")  # a part of a combination is not it
            found = set(names.values_list("drug_id", flat=True))
        if not found and "+" not in key:
            # The substance under a longer FDA name ("patiromer sorbitex").
            found = {
                pk
                for longer, pks in self.by_key.items()
                if "+" not in longer and longer.startswith(key + " ")
                for pk in pks
            }
        return Drug.objects.get(pk=next(iter(found))) if len(found) == 1 else None

    def find_condition(self, record: FirstLineRecord) -> Condition | None:
        if record.condition_slug not in self.conditions:
            found = Condition.objects.filter(slug=record.condition_slug).first()
            for code in () if found else record.icd10:
                found = Condition.objects.filter(icd10_code=code).first()
                if found:
                    self.report.add("condition found by ICD-10-CM code", "found")
                    break
            self.conditions[record.condition_slug] = found
        return self.conditions[record.condition_slug]

    def save(self, records: list[FirstLineRecord], run: ImportRun) -> None:
        for record in records:
            condition = self.find_condition(record)
            if condition is None:
                codes = ", ".join(record.icd10)
                run.reject(record.reference, f"no condition {record.condition_slug} or {codes}")
                continue
            drug = self.find_drug(record.drug)
            if drug is None:
                run.reject(record.reference, f"no single drug of {record.drug!r}")
                continue
            outcome = services.drug_condition_link(
                drug=drug,
                condition=condition,
                link_kind=DrugCondition.LinkKind.FIRST_LINE,
                source=DrugCondition.Source.FIRST_LINE,
                source_reference=record.condition_slug,
                source_title=record.source_title,
                source_url=record.source_url,
            )
            self.kept.add((drug.pk, condition.pk, DrugCondition.LinkKind.FIRST_LINE))
            run.add("first-line link", outcome)

    def finish(self, run: ImportRun) -> None:
        removed = services.drug_condition_links_prune(
            source=DrugCondition.Source.FIRST_LINE, keep=self.kept
        )
        run.add("first-line link", "removed", removed)


def import_first_line(path: Path = FIRST_LINE_TABLE, *, dry_run: bool = False) -> ImportRun:
    """Link drugs to conditions from our first-line table (or only report)."""
    return run_import(FirstLineImporter(path), dry_run=dry_run)
