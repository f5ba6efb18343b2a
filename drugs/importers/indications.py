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
import tomllib
from collections import Counter
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Count

from articles.condition_services import consumer_condition_meant
from articles.models import Condition
from drugs import services
from drugs.models import Drug, DrugCondition, DrugIngredient, DrugName, DrugSource, Product
from drugs.services.condition_fold import condition_duplicates_fold
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
    rxcui: str = ""  # LabeledIn: the ingredient's RxCUI
    form_rxcuis: tuple[str, ...] = ()  # LabeledIn: its clinical drug forms (RxNorm SCDF)
    set_ids: tuple[str, ...] = ()  # LabeledIn: the label's set id, then labels like it
    subjects: tuple[str, ...] = ()  # LabeledIn: the words naming the drug ("Fluconazole ...")


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


# Where a label's text names its drug: the words just before "is indicated" (or "are
# effective", "is a ...") in the same sentence.
_INDICATIONS_FOR = re.compile(r"\bindications? for ([^.;:]{1,60}?) (?:are|is|include)\b", re.I)
_SUBJECT_END = re.compile(
    r"\b(?:is|are|(?:has|have) been found)\s+"
    r"(?:indicated|effective|recommended|intended|used|an?)\b",
    re.I,
)
# A disease mention that describes who the patients are, not what the drug treats:
# "before prescribing fluconazole for AIDS patients with cryptococcal meningitis".
_PEOPLE_AFTER = re.compile(r"\s*(patients?|population)\b", re.I)
# A disease named as one of several risk factors ("in adults with hypertension and other
# risk factors", "risk factors such as age, smoking, hypertension").
_RISK_AFTER = re.compile(r"\s*,?\s*(and|or)\s+(other|additional)\s+([a-z]+\s+)?risk factors?", re.I)
_RISK_BEFORE = re.compile(r"risk factors?,?\s+such as\b[^.;]*$", re.I)


@dataclass
class LabelText:
    """What the annotated file says about one label."""

    text: str = ""  # the indications section as plain text
    subjects: tuple[str, ...] = ()  # the words before each "... is indicated"
    similar_set_ids: tuple[str, ...] = ()  # other labels with the same text
    # CUIs mentioned only as the patients' condition or a risk factor, never as a use.
    not_uses: frozenset[str] = frozenset()


def _plain(markup: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(_TAG.sub(" ", markup))).strip()


def _subjects(text: str) -> tuple[str, ...]:
    """The words of the sentence just before each "is indicated": where a label names its
    drug ("PLAVIX (clopidogrel bisulfate) is indicated"), not the uses listed before it
    ("... including cisplatin")."""
    fragments = []
    for end in _SUBJECT_END.finditer(text):
        # A sentence ends at ". " after a word, not inside "I.V." or "U.S.P.".
        sentence = re.split(r"(?<=[a-z]{2})\.\s|[;:]", text[: end.start()])[-1]
        fragments.append(" ".join(sentence.split()[-8:]))
    fragments += _INDICATIONS_FOR.findall(text)  # "Major indications for griseofulvin are"
    return tuple(f for f in fragments if f)


_MAX_NAME_WORDS = 8


def _is_name(mention: str) -> bool:
    """Whether a label's words for a disease can stand as its name: not a cut fragment
    ("acquired) testicular failure", "acute, painful"), not a clause ("leukemia, lymphoma
    and malignancies who are receiving cancer therapy which causes ...")."""
    return (
        len(mention) >= 3
        and len(mention.split()) <= _MAX_NAME_WORDS
        and mention.count("(") == mention.count(")")
        and mention.find(")") >= mention.find("(")
        and not mention.endswith((",", "-"))
    )


def best_name(mentions: Counter[str]) -> str | None:
    """The name to show for a disease the labels mention in these words (with counts):
    a whole name before a comma fragment, words in normal case before capitals and
    abbreviations ("Acute Pain", not "acute, painful" or "AP"), then the most said;
    capitals made sentence case. None when no mention can stand as a name."""
    names = [m for m in mentions if _is_name(m)]
    if not names:
        return None
    best = max(names, key=lambda m: (not m.isupper(), "," not in m, mentions[m]))
    return best.capitalize() if best.isupper() and len(best) > 5 else best


def _labeledin_texts(root: Path | None) -> tuple[dict[str, str | None], dict[str, LabelText]]:
    """From the annotated file: CUI → disease name (`best_name` of its mentions; None when
    none can stand as a name), label id → its text."""
    mentions: dict[str, Counter[str]] = {}
    labels: dict[str, LabelText] = {}
    lines = (line for m in _member(root, LABELEDIN_ANNOTATED) for line in _lines(m)) if root else ()
    for line in lines:
        parts = line.split("|")
        if len(parts) < 3:
            continue
        label_id, markup = parts[0].strip(), parts[2]
        uses: set[str] = set()
        others: set[str] = set()
        for match in _ANNOTATION.finditer(markup):
            cui, mention = match.group(1), _plain(match.group(2))
            if mention:
                mentions.setdefault(cui, Counter())[mention] += 1
            after = _plain(markup[match.end() : match.end() + 200])
            before = _plain(markup[max(0, match.start() - 200) : match.start()])
            qualifier = _PEOPLE_AFTER.match(after) or _RISK_AFTER.match(after)
            if qualifier or _RISK_BEFORE.search(before):
                others.add(cui)
            else:
                uses.add(cui)
        text = _plain(markup)
        labels[label_id] = LabelText(
            text=text,
            subjects=_subjects(text),
            similar_set_ids=tuple(_split_ids(parts[3])) if len(parts) > 3 else (),
            not_uses=frozenset(others - uses),
        )
    return {cui: best_name(said) for cui, said in mentions.items()}, labels


def read_labeledin(
    structured: Path | None, annotated: Path | None, crowd: Path | None
) -> Iterator[IndicationRecord | Rejected]:
    """LabeledIn rows; each argument is the file, folder or archive holding that file."""
    cui_names, labels = _labeledin_texts(annotated)
    files = [(structured, LABELEDIN_STRUCTURED, False), (crowd, LABELEDIN_CROWD, True)]
    for root, file_name, crowdsourced in files:
        for member in _member(root, file_name) if root else ():
            yield from _labeledin_rows(member, crowdsourced, cui_names, labels)


def _labeledin_rows(
    member: InputFile,
    crowdsourced: bool,
    cui_names: dict[str, str | None],
    labels: dict[str, LabelText],
) -> Iterator[IndicationRecord | Rejected]:
    not_conditions = reviewed_non_conditions()
    for number, line in enumerate(_lines(member), start=1):
        parts = line.split("|")
        reference = f"{member.basename} line {number}"
        if len(parts) < 4:
            yield Rejected(reference, "fewer than 4 fields")
            continue
        if crowdsourced and (len(parts) < 9 or parts[8].strip().lower() != "yes"):
            continue  # only crowd answers confirming the indication
        label_id, set_id, cuis, rxcui = (p.strip() for p in parts[:4])
        label = labels.get(label_id, LabelText())
        for cui in dict.fromkeys(_split_ids(cuis)):
            if cui not in cui_names:
                yield Rejected(f"{reference} {cui}", "disease has no name in the annotated file")
                continue
            name = cui_names[cui]
            if name is None:
                yield Rejected(
                    f"{reference} {cui}",
                    "the labels name the disease only by a fragment or a clause",
                )
                continue
            if name.lower() in not_conditions:
                yield Rejected(f"{reference} {cui}", f"{name!r} {not_conditions[name.lower()]}")
                continue
            if cui in label.not_uses:
                yield Rejected(
                    f"{reference} {cui}",
                    f"{name!r} names the patients or a risk factor, not a use",
                )
                continue
            yield IndicationRecord(
                reference=f"labeledin:{label_id}:{cui}",
                source=DrugCondition.Source.LABELEDIN,
                link_kind=DrugCondition.LinkKind.LABELLED,
                condition_name=name,
                rxcui=rxcui,
                form_rxcuis=tuple(_split_ids(parts[4])) if len(parts) > 4 else (),
                set_ids=(set_id, *label.similar_set_ids),
                subjects=label.subjects,
            )


@dataclass(frozen=True)
class NonIndication:
    """A PharmacotherapyDB NOT row: the drug is known not to treat the disease; skipped.
    Also a row our pharmacist reviewed as no treatment (`reviewed`)."""

    reference: str
    reviewed: bool = False


EXCLUSIONS = Path(__file__).resolve().parent.parent / "indication_exclusions.toml"


def reviewed_exclusions(path: Path = EXCLUSIONS) -> dict[tuple[str, str], str]:
    """(disease, drug) in lower case → why the pair is not shown as a treatment."""
    with path.open("rb") as stream:
        entries = tomllib.load(stream).get("exclude", [])
    return {(e["disease"].lower(), e["drug"].lower()): e["reason"] for e in entries}


def reviewed_non_conditions(path: Path = EXCLUSIONS) -> dict[str, str]:
    """Disease names (lower case) the data sets use that name no condition a reader could
    look up → why ("aura": a warning sign before a migraine, not a condition of its own)."""
    with path.open("rb") as stream:
        entries = tomllib.load(stream).get("not_a_condition", [])
    return {e["name"].lower(): e["reason"] for e in entries}


def _supportive_cancer_care(disease: str, category: str) -> bool:
    """A symptomatic pair for a cancer: nausea, pain or reflux relief during cancer care,
    not a treatment of the cancer (omeprazole → prostate cancer, fentanyl → lung cancer)."""
    return category == "SYM" and bool(re.search(r"\b(cancer|carcinoma|neoplasm)", disease, re.I))


def read_pharmacotherapydb(root: Path) -> Iterator[IndicationRecord | NonIndication | Rejected]:
    excluded = reviewed_exclusions()
    not_conditions = reviewed_non_conditions()
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
            if disease.lower() in not_conditions:
                yield Rejected(reference, f"{disease!r} {not_conditions[disease.lower()]}")
                continue
            if (disease.lower(), drug.lower()) in excluded or _supportive_cancer_care(
                disease, category
            ):
                yield NonIndication(reference, reviewed=True)
                continue
            yield IndicationRecord(
                reference=f"pharmacotherapydb:{row['doid_id'].strip()}:{row['drugbank_id'].strip()}",
                source=DrugCondition.Source.PHARMACOTHERAPYDB,
                link_kind=kinds[category],
                condition_name=disease,
                drug_name=drug,
            )


# Names of drugs that in a label's opening words are a vehicle, a salt or a use instead.
NOT_THE_SUBJECT = frozenset({"alcohol", "dextrose", "tromethamine", "sodium chloride", "water"})


class IndicationsImporter(Importer[IndicationRecord]):
    """Finds drugs and conditions once per run (indexes in memory), writes via services."""

    label = "Indications"
    unit = "links"
    batch_size = 500

    def __init__(self, path: Path, *, spl_ingredients: Path | None = None) -> None:
        path = Path(path)
        # Pillbox's table of each SPL label's active substances (`spl_ingredients.csv.gz`):
        # LabeledIn's labels found there lead to the drug made of those substances.
        self.spl_ingredients = Path(spl_ingredients) if spl_ingredients else None
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
        self.reviewed = 0

    def read(self) -> Iterator[IndicationRecord | Rejected]:
        if self.structured or self.crowd:
            yield from read_labeledin(self.structured, self.annotated, self.crowd)
        if self.pharmacotherapy:
            for item in read_pharmacotherapydb(self.pharmacotherapy):
                if isinstance(item, NonIndication):
                    if item.reviewed:
                        self.reviewed += 1
                    else:
                        self.non_indications += 1
                else:
                    yield item

    def save(self, records: list[IndicationRecord], run: ImportRun) -> None:
        for record in records:
            self.apply(record)

    def finish(self, run: ImportRun) -> None:
        by_reason = Counter(_reason_kind(rejected.reason) for rejected in run.rejected)
        for reason, count in by_reason.most_common():
            run.note(f"not linked, {count:,}: {reason}")
        run.add("non-indication row", "skipped", self.non_indications)
        run.add("row reviewed as no treatment", "skipped", self.reviewed)
        # Links an earlier run made from rows now skipped (a reviewed exclusion, a patients'
        # condition, a drug found by a word of the text) go; only for data sets read whole.
        complete = []
        if self.structured and self.crowd:
            complete.append(DrugCondition.Source.LABELEDIN)
        if self.pharmacotherapy:
            complete.append(DrugCondition.Source.PHARMACOTHERAPYDB)
        for source in complete:
            removed = services.drug_condition_links_prune(
                source=source, keep=self.kept.get(source, set())
            )
            run.add("drug use", "removed", removed)
        # Conditions data sets created beside our pages lead to them, with their drug uses.
        fold = condition_duplicates_fold()
        run.add("condition folded into our page", "updated", fold.folded)
        run.add("drug use moved to our page", "updated", fold.links_moved)
        run.add("drug use already on our page", "removed", fold.links_merged)
        run.add("review moved to our page", "updated", fold.reviews_moved)
        for old, new in fold.examples:
            run.note(f"/conditions/{old}/ now leads to /conditions/{new}/")
        self._note_uses_without_page(run)

    @staticmethod
    def _note_uses_without_page(run: ImportRun) -> None:
        """Say how many drug uses stay on a data set's condition with no page of ours (it
        keeps a short page of its code, names and drugs), and the most linked ones: the
        list to give a consumer page or another name next."""
        apart = list(
            Condition.objects.exclude(kind=Condition.Kind.CONSUMER)
            .filter(consumer__isnull=True)
            .annotate(uses=Count("drug_links"))
            .filter(uses__gt=0)
            .order_by("-uses", "name")
            .values_list("name", "uses")
        )
        if apart:
            top = ", ".join(f"{name} ({uses})" for name, uses in apart[:8])
            run.note(
                f"{sum(uses for _name, uses in apart):,} drug uses on {len(apart):,} conditions "
                f"without a page of ours; most linked: {top}"
            )

    def start(self, run: ImportRun) -> None:
        self.report = run
        self.kept: dict[str, set[tuple[int, int, str]]] = {}
        self.by_name: dict[str, set[int]] = {}
        for drug_id, normalized in DrugName.objects.values_list("drug_id", "normalized"):
            self.by_name.setdefault(normalized, set()).add(drug_id)
        # A label is found by its set id among imported labels and products.
        self.by_set_id: dict[str, set[int]] = {}
        spl_sources = DrugSource.objects.filter(kind=DrugSource.Kind.SPL)
        for drug_id, set_id in [
            *spl_sources.values_list("drug_id", "reference"),
            *Product.objects.exclude(spl_set_id="").values_list("drug_id", "spl_set_id"),
        ]:
            self.by_set_id.setdefault(set_id.lower(), set()).add(drug_id)
        self.keys = dict(
            Drug.objects.exclude(ingredient_key="").values_list("pk", "ingredient_key")
        )
        self.by_rxcui: dict[str, set[int]] = {}
        for drug_id, rxcui in Drug.objects.exclude(rxcui="").values_list("pk", "rxcui"):
            self.by_rxcui.setdefault(rxcui, set()).add(drug_id)
        for drug_id, rxcui in DrugIngredient.objects.exclude(ingredient__rxcui="").values_list(
            "drug_id", "ingredient__rxcui"
        ):
            if self.keys.get(drug_id) and "+" not in self.keys[drug_id]:
                self.by_rxcui.setdefault(rxcui, set()).add(drug_id)
        self.by_key: dict[str, set[int]] = {}
        for drug_id, key in self.keys.items():
            self.by_key.setdefault(key, set()).add(drug_id)
        self.label_substances = self._label_substances()
        self.by_form: dict[str, int] = {}
        if self.structured or self.crowd:
            self._learn_rxcuis()
        self.conditions: dict[str, Condition] = {}
        self.conditions_meant: dict[str, Condition] = {}
        for condition in Condition.objects.only("pk", "name", "slug", "synonyms", "consumer"):
            for name in [condition.name, *condition.synonyms]:
                self.conditions.setdefault(normalize_name(name), condition)
        self.drugs: dict[int, Drug] = {}

    def _learn_rxcuis(self) -> None:
        """LabeledIn names a label's drug by RxCUIs only, and we hold no RxNorm table. A
        clinical drug form (SCDF: "ondansetron oral tablet") means the drug that the labels
        of that form found by set id or by the name their text opens with agree on, for
        labels of the form found neither way ("Prevention of nausea and vomiting ...
        including cisplatin"). Forms, not ingredient RxCUIs: LabeledIn gives isosorbide
        mononitrate tablets and isosorbide oral solution (for glaucoma) the same one."""
        votes: dict[str, Counter[int]] = {}
        seen: set[str] = set()
        for record in read_labeledin(self.structured, self.annotated, self.crowd):
            if not isinstance(record, IndicationRecord) or not record.set_ids:
                continue
            if record.set_ids[0] in seen:
                continue
            seen.add(record.set_ids[0])
            found = self._direct(record)
            if len(found) == 1:
                for form in record.form_rxcuis:
                    votes.setdefault(form, Counter())[next(iter(found))] += 1
        for form, counter in votes.items():
            if len(counter) == 1:  # every label of the form agrees
                self.by_form[form] = next(iter(counter))

    def _label_substances(self) -> dict[str, frozenset[str]]:
        """SPL set id (lower case) -> the label's active substances, from Pillbox."""
        table: dict[str, set[str]] = {}
        if self.spl_ingredients is None:
            return {}
        with closing(open_inputs(self.spl_ingredients, suffixes=[".csv"])) as members:
            for member in members:
                for row in csv.DictReader(member.text(errors="replace")):
                    set_id = (row.get("setid") or "").strip().lower()
                    substance = (row.get("base_of_strength") or "").strip()
                    if set_id and substance:
                        table.setdefault(set_id, set()).add(substance)
        return {set_id: frozenset(names) for set_id, names in table.items()}

    def _by_substances(self, record: IndicationRecord) -> set[int]:
        """The drug made of exactly the substances Pillbox lists for the label (or a label
        like it): the importers' own identity rule, `ingredient_key`."""
        for set_id in record.set_ids:
            substances = self.label_substances.get(set_id.lower())
            if substances:
                found = self.by_key.get(services.ingredient_key(substances), set())
                if found:
                    return found
        return set()

    def _drug(self, drug_id: int) -> Drug:
        if drug_id not in self.drugs:
            self.drugs[drug_id] = Drug.objects.get(pk=drug_id)
        return self.drugs[drug_id]

    def _by_text(self, text: str) -> set[int]:
        """The drug a label's opening words name ("Metoprolol tartrate tablets" before "are
        indicated"): the first run of up to 4 words that is a known name, leaving out words
        that name a vehicle or salt as well as a drug ("theophylline in dextrose",
        "ketorolac tromethamine", "Alcohol Dependence VIVITROL is indicated")."""
        words = normalize_name(text).split()[-12:]
        for start in range(len(words)):
            for length in (4, 3, 2, 1):
                phrase = " ".join(words[start : start + length])
                found = self.by_name.get(phrase)
                if found and len(words[start]) > 3 and phrase not in NOT_THE_SUBJECT:
                    return self._single(phrase, found)
        return set()

    def _single(self, name: str, found: set[int]) -> set[int]:
        """When several drugs carry a name ("atorvastatin calcium" is also in Caduet), the
        drug made of that substance alone is the one meant."""
        if len(found) <= 1:
            return found
        alone = {pk for pk in found if self.keys.get(pk) == services.ingredient_key([name])}
        return alone if len(alone) == 1 else found

    def _direct(self, record: IndicationRecord) -> set[int]:
        """A LabeledIn label's drug from its own set id (or a label like it), else from the
        words naming the drug before "is indicated"; never from a drug the uses mention."""
        for set_id in record.set_ids:
            found = self.by_set_id.get(set_id.lower())
            if found:
                return found
        found = self._by_substances(record)
        if found:
            return found
        for subject in record.subjects:
            found = self._by_text(subject)
            if found:
                return found
        return set()

    def find_drugs(self, record: IndicationRecord) -> set[int]:
        if record.drug_name:
            name = normalize_name(record.drug_name)
            return self._single(name, self.by_name.get(name, set()))
        found = self._direct(record) or self.by_rxcui.get(record.rxcui, set())
        for form in () if found else record.form_rxcuis:
            if form in self.by_form:
                return {self.by_form[form]}
        return found

    def find_condition(self, name: str) -> Condition:
        """The condition a data set's disease name means: our consumer condition when one
        answers to the name (its names, or an ICD-10-CM name it covers), else a condition
        of that name (leading to its consumer condition when it has one), else a new one."""
        key = normalize_name(name)
        condition = self.conditions_meant.get(key)
        if condition is not None:
            return condition
        condition = consumer_condition_meant(name=name)
        if condition is None:
            known = self.conditions.get(key)
            if known is not None and known.consumer_id:
                condition = Condition.objects.get(pk=known.consumer_id)
            elif known is not None:
                condition = known
        if condition is None:
            # self.conditions indexes every condition's name and synonyms already.
            # Data sets write names in lower case ("hematologic cancer"): shown as a name.
            condition, created = services.condition_find_or_create(
                name=name[:1].upper() + name[1:], names_checked=True
            )
            self.report.add("condition", services.CREATED if created else services.UNCHANGED)
        self.conditions_meant[key] = condition
        return condition

    def _why_no_drug(self, record: IndicationRecord) -> str:
        if record.drug_name:
            return f"no drug found for {record.drug_name}"
        for set_id in record.set_ids:
            substances = self.label_substances.get(set_id.lower())
            if substances:
                return (
                    "no drug found: the label's substances are no imported drug ("
                    + " + ".join(sorted(substances)).lower()
                    + ")"
                )
        return (
            f"no drug found: label {record.set_ids[:1]} is not imported nor in Pillbox's label "
            f"table, and nothing maps RxCUI {record.rxcui}"
        )

    def apply(self, record: IndicationRecord) -> None:
        drug_ids = self.find_drugs(record)
        if not drug_ids:
            self.report.reject(record.reference, self._why_no_drug(record))
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
        self.kept.setdefault(record.source, set()).add(
            (drug.pk, condition.pk, str(record.link_kind))
        )
        self.report.add("drug use", outcome)


_DETAILS = re.compile(r"\([^)]*\)|'[^']*'|\bRxCUI [\d;]+|\blabel \[[^\]]*\]|for [^:]+$")


def _reason_kind(reason: str) -> str:
    """A rejection's reason without the row's own details, to count rows by reason."""
    return " ".join(_DETAILS.sub("…", reason).split())


def import_indications(
    path: Path, *, dry_run: bool = False, spl_ingredients: Path | None = None
) -> ImportRun:
    """Link drugs to conditions from the data sets under `path` (or only report)."""
    return run_import(IndicationsImporter(path, spl_ingredients=spl_ingredients), dry_run=dry_run)
