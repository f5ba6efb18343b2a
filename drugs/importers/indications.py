"""Drug ↔ condition links from LabeledIn and PharmacotherapyDB.

PATH is a folder holding either or both data sets (found by file name, in any sub-folder),
or one of their files:

- LabeledIn (`LabeledIn_Structured_Results.txt` with `LabeledIn_annotated_XML.txt` for the
  disease names; `Crowdsourced_Results.txt` rows answered "yes"): pipe-separated, diseases
  as UMLS CUIs, drugs as RxNorm ingredient RxCUIs and DailyMed set ids. A label's drug is
  found by its set id (an imported label), its RxCUI, or the drug name the indication text
  starts with. Links are "labelled use".
- PharmacotherapyDB (`indications.tsv`): tab-separated with a header; category DM
  (disease-modifying) or SYM (symptomatic); NOT rows (non-indications) are skipped.
  Drugs are found by name.

Conditions that do not exist yet are created (in articles, through drugs.services).
Drugs are never created here: a link to an unknown drug is rejected with the reason.
"""

from __future__ import annotations

import csv
import html
import re
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from articles.models import Condition
from drugs import services
from drugs.models import Drug, DrugCondition, DrugName, DrugSource
from drugs.text import normalize_name
from healthsite.importing import (
    Importer,
    ImportRun,
    InputError,
    InputFile,
    Rejected,
    open_inputs,
    run_import,
)

LABELEDIN_STRUCTURED = "labeledin_structured_results.txt"
LABELEDIN_ANNOTATED = "labeledin_annotated_xml.txt"
LABELEDIN_CROWD = "crowdsourced_results.txt"
PHARMACOTHERAPYDB = "indications.tsv"

_ANNOTATION = re.compile(r'<annotation cui="(C\d+)">(.*?)</annotation>', re.IGNORECASE | re.S)
_TAG = re.compile(r"<[^>]+>")


class IndicationsFormatError(InputError):
    """No LabeledIn or PharmacotherapyDB file was found, or a file has the wrong shape."""


@dataclass(frozen=True)
class IndicationRecord:
    reference: str  # where it came from, for the report and the link's source reference
    source: str  # DrugCondition.Source
    link_kind: str  # DrugCondition.LinkKind
    condition_name: str
    drug_name: str = ""  # PharmacotherapyDB; or the start of a LabeledIn indication text
    rxcui: str = ""
    set_id: str = ""
    indication_text: str = ""


def _member(root: Path, name: str) -> Iterator[InputFile]:
    """The data set file `name` (lower case) under `root` (a file, folder or archive)."""
    with closing(open_inputs(root)) as members:
        for member in members:
            if member.basename.lower() == name:
                yield member
                return


def _lines(member: InputFile) -> Iterator[str]:
    for line in member.text(errors="replace"):
        line = line.rstrip("\r\n")
        if line.strip():
            yield line


def _split_ids(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _labeledin_texts(root: Path | None) -> tuple[dict[str, str], dict[str, str]]:
    """From the annotated file: CUI → disease name (first mention), label id → plain text."""
    names: dict[str, str] = {}
    texts: dict[str, str] = {}
    lines = (line for m in _member(root, LABELEDIN_ANNOTATED) for line in _lines(m)) if root else ()
    for line in lines:
        parts = line.split("|")
        if len(parts) < 3:
            continue
        label_id, markup = parts[0].strip(), parts[2]
        for cui, mention in _ANNOTATION.findall(markup):
            mention = re.sub(r"\s+", " ", html.unescape(_TAG.sub(" ", mention))).strip()
            if mention and cui not in names:
                names[cui] = mention
        texts[label_id] = re.sub(r"\s+", " ", html.unescape(_TAG.sub(" ", markup))).strip()
    return names, texts


def read_labeledin(
    structured: Path | None, annotated: Path | None, crowd: Path | None
) -> Iterator[IndicationRecord | Rejected]:
    """LabeledIn rows; each argument is the file, folder or archive holding that file."""
    cui_names, texts = _labeledin_texts(annotated)
    files = [(structured, LABELEDIN_STRUCTURED, False), (crowd, LABELEDIN_CROWD, True)]
    for root, file_name, crowdsourced in files:
        for member in _member(root, file_name) if root else ():
            yield from _labeledin_rows(member, crowdsourced, cui_names, texts)


def _labeledin_rows(
    member: InputFile, crowdsourced: bool, cui_names: dict[str, str], texts: dict[str, str]
) -> Iterator[IndicationRecord | Rejected]:
    for number, line in enumerate(_lines(member), start=1):
        parts = line.split("|")
        reference = f"{member.basename} line {number}"
        if len(parts) < 4:
            yield Rejected(reference, "fewer than 4 fields")
            continue
        if crowdsourced and (len(parts) < 9 or parts[8].strip().lower() != "yes"):
            continue  # only crowd answers confirming the indication
        label_id, set_id, cuis, rxcui = (p.strip() for p in parts[:4])
        for cui in _split_ids(cuis):
            name = cui_names.get(cui)
            if not name:
                yield Rejected(f"{reference} {cui}", "disease has no name in the annotated file")
                continue
            yield IndicationRecord(
                reference=f"labeledin:{label_id}:{cui}",
                source=DrugCondition.Source.LABELEDIN,
                link_kind=DrugCondition.LinkKind.LABELLED,
                condition_name=name,
                rxcui=rxcui,
                set_id=set_id,
                indication_text=texts.get(label_id, ""),
            )


@dataclass(frozen=True)
class NonIndication:
    """A PharmacotherapyDB NOT row: the drug is known not to treat the disease; skipped."""

    reference: str


def read_pharmacotherapydb(root: Path) -> Iterator[IndicationRecord | NonIndication | Rejected]:
    kinds = {
        "DM": DrugCondition.LinkKind.DISEASE_MODIFYING,
        "SYM": DrugCondition.LinkKind.SYMPTOMATIC,
    }
    for member in _member(root, PHARMACOTHERAPYDB):
        path = Path(member.basename)
        reader = csv.DictReader(member.text(errors="replace"), delimiter="\t")
        missing = {"doid_id", "drugbank_id", "disease", "drug", "category"} - set(
            reader.fieldnames or []
        )
        if missing:
            raise IndicationsFormatError(f"{path.name} lacks columns: {', '.join(sorted(missing))}")
        for number, row in enumerate(reader, start=2):
            category = (row.get("category") or "").strip().upper()
            reference = f"{path.name} line {number}"
            if category == "NOT":
                yield NonIndication(reference)
                continue
            if category not in kinds:
                yield Rejected(reference, f"unknown category {category!r}")
                continue
            disease, drug = (row.get("disease") or "").strip(), (row.get("drug") or "").strip()
            if not disease or not drug:
                yield Rejected(reference, "disease or drug is empty")
                continue
            yield IndicationRecord(
                reference=f"pharmacotherapydb:{row['doid_id'].strip()}:{row['drugbank_id'].strip()}",
                source=DrugCondition.Source.PHARMACOTHERAPYDB,
                link_kind=kinds[category],
                condition_name=disease,
                drug_name=drug,
            )


class IndicationsImporter(Importer[IndicationRecord]):
    """Finds drugs and conditions once per run (indexes in memory), writes via services."""

    label = "Indications"
    unit = "links"
    batch_size = 500

    def __init__(self, path: Path) -> None:
        path = Path(path)
        names = {member.basename.lower() for member in open_inputs(path)}
        self.structured = path if LABELEDIN_STRUCTURED in names else None
        self.crowd = path if LABELEDIN_CROWD in names else None
        self.pharmacotherapy = path if PHARMACOTHERAPYDB in names else None
        self.annotated = path if LABELEDIN_ANNOTATED in names else None
        if self.annotated is None and self.structured is not None and path.is_file():
            # The structured file named alone: its annotated file lies next to it.
            beside = {m.basename.lower() for m in open_inputs(path.parent)}
            self.annotated = path.parent if LABELEDIN_ANNOTATED in beside else None
        if not (self.structured or self.crowd or self.pharmacotherapy):
            raise IndicationsFormatError(f"no LabeledIn or PharmacotherapyDB files in {path}")
        self.non_indications = 0

    def read(self) -> Iterator[IndicationRecord | Rejected]:
        if self.structured or self.crowd:
            yield from read_labeledin(self.structured, self.annotated, self.crowd)
        if self.pharmacotherapy:
            for item in read_pharmacotherapydb(self.pharmacotherapy):
                if isinstance(item, NonIndication):
                    self.non_indications += 1
                else:
                    yield item

    def save(self, records: list[IndicationRecord], run: ImportRun) -> None:
        for record in records:
            self.apply(record)

    def finish(self, run: ImportRun) -> None:
        run.add("non-indication row", "skipped", self.non_indications)

    def start(self, run: ImportRun) -> None:
        self.report = run
        self.by_name: dict[str, set[int]] = {}
        for drug_id, normalized in DrugName.objects.values_list("drug_id", "normalized"):
            self.by_name.setdefault(normalized, set()).add(drug_id)
        self.by_set_id: dict[str, set[int]] = {}
        for drug_id, set_id in DrugSource.objects.filter(kind=DrugSource.Kind.SPL).values_list(
            "drug_id", "reference"
        ):
            self.by_set_id.setdefault(set_id, set()).add(drug_id)
        self.keys = dict(
            Drug.objects.exclude(ingredient_key="").values_list("pk", "ingredient_key")
        )
        self.by_rxcui: dict[str, set[int]] = {}
        for drug_id, rxcui in Drug.objects.exclude(rxcui="").values_list("pk", "rxcui"):
            self.by_rxcui.setdefault(rxcui, set()).add(drug_id)
        self.conditions: dict[str, Condition] = {}
        for condition in Condition.objects.only("pk", "name", "slug", "synonyms"):
            for name in [condition.name, *condition.synonyms]:
                self.conditions.setdefault(normalize_name(name), condition)
        self.drugs: dict[int, Drug] = {}

    def _drug(self, drug_id: int) -> Drug:
        if drug_id not in self.drugs:
            self.drugs[drug_id] = Drug.objects.get(pk=drug_id)
        return self.drugs[drug_id]

    def _by_text(self, text: str) -> set[int]:
        """The first drug name in an indication text ("... Metoprolol tartrate tablets are
        indicated ..."): longest run of up to 4 words that is a known name, scanning the
        first 60 words."""
        words = normalize_name(text).split()[:60]
        for start in range(len(words)):
            for length in (4, 3, 2, 1):
                phrase = " ".join(words[start : start + length])
                found = self.by_name.get(phrase)
                if found and len(words[start]) > 3:
                    return self._single(phrase, found)
        return set()

    def _single(self, name: str, found: set[int]) -> set[int]:
        """When several drugs carry a name ("atorvastatin calcium" is also in Caduet), the
        drug made of that substance alone is the one meant."""
        if len(found) <= 1:
            return found
        alone = {pk for pk in found if self.keys.get(pk) == services.ingredient_key([name])}
        return alone if len(alone) == 1 else found

    def find_drugs(self, record: IndicationRecord) -> set[int]:
        if record.drug_name:
            name = normalize_name(record.drug_name)
            return self._single(name, self.by_name.get(name, set()))
        found = self.by_set_id.get(record.set_id) or self.by_rxcui.get(record.rxcui)
        if not found and record.indication_text:
            # Not saved as the drug's RxCUI: a later run would then find drugs by RxCUI
            # instead of by name and could link differently.
            found = self._by_text(record.indication_text)
        return found or set()

    def find_condition(self, name: str) -> Condition:
        key = normalize_name(name)
        condition = self.conditions.get(key)
        if condition is None:
            # self.conditions indexes every condition's name and synonyms already.
            condition, created = services.condition_find_or_create(name=name, names_checked=True)
            self.report.add("condition", services.CREATED if created else services.UNCHANGED)
            self.conditions[key] = condition
        return condition

    def apply(self, record: IndicationRecord) -> None:
        drug_ids = self.find_drugs(record)
        if not drug_ids:
            what = record.drug_name or f"RxCUI {record.rxcui}, label {record.set_id}"
            self.report.reject(record.reference, f"no drug found for {what}")
            return
        if len(drug_ids) > 1:
            self.report.reject(record.reference, "more than one drug has this name")
            return
        condition = self.find_condition(record.condition_name)
        drug = self._drug(next(iter(drug_ids)))
        outcome = services.drug_condition_link(
            drug=drug,
            condition=condition,
            link_kind=record.link_kind,
            source=record.source,
            source_reference=record.reference,
        )
        self.report.add("drug use", outcome)


def import_indications(path: Path, *, dry_run: bool = False) -> ImportRun:
    """Link drugs to conditions from the data sets under `path` (or only report)."""
    return run_import(IndicationsImporter(path), dry_run=dry_run)
