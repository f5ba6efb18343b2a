"""What a pharmacist would expect of the checker, on the real public data.

Two tables: well-known interacting pairs with the least severity any pharmacist reference
gives them, and everyday pairs with no clinically relevant interaction. The test imports the
real Drugs@FDA products of these substances (the published file, cut to their rows), the real
FDA class file, the real ONC and NDF-RT lists and the project's editorial rules, then checks
every pair the way a reader does: two drugs in the checker.

A serious pair passes when it is flagged at or above its expected severity and the reader is
told what actually happens (a named effect, not the generic sentence for the severity). A calm
pair passes when nothing is shown as major or worse.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command

from drugs.models import Drug
from drugs.services import ingredient_key
from interactions.models import Severity
from interactions.selectors import drugs_for_check, interaction_check
from interactions.wording import EFFECT

pytestmark = [pytest.mark.shared_data, pytest.mark.slow, pytest.mark.django_db]

CI = Severity.CONTRAINDICATED
MAJOR = Severity.MAJOR
MODERATE = Severity.MODERATE
MINOR = Severity.MINOR

# (first medicine, second medicine, least severity expected). A medicine is named by its
# active substances as Drugs@FDA lists them ("+" joins a combination); salt words are
# dropped by the importers' own rule, so "aliskiren hemifumarate" is aliskiren.
SERIOUS: list[tuple[str, str, Severity]] = [
    # Bleeding: anticoagulants with NSAIDs, antiplatelets, azoles, amiodarone, antibiotics.
    ("warfarin", "aspirin", MAJOR),
    ("warfarin", "ibuprofen", MAJOR),
    ("warfarin", "naproxen", MAJOR),
    ("warfarin", "fluconazole", MAJOR),
    ("warfarin", "amiodarone", MAJOR),
    ("warfarin", "metronidazole", MAJOR),
    ("warfarin", "sulfamethoxazole+trimethoprim", MAJOR),
    ("warfarin", "clopidogrel", MAJOR),
    ("warfarin", "rifampin", MAJOR),
    ("apixaban", "ibuprofen", MODERATE),
    ("apixaban", "clopidogrel", MODERATE),
    ("rivaroxaban", "naproxen", MODERATE),
    ("rivaroxaban", "ketoconazole", MAJOR),
    ("dabigatran etexilate", "aspirin", MODERATE),
    ("ticagrelor", "ketoconazole", MAJOR),
    # PDE5 inhibitors with nitrates and riociguat.
    ("sildenafil", "nitroglycerin", CI),
    ("sildenafil", "isosorbide mononitrate", CI),
    ("tadalafil", "isosorbide dinitrate", CI),
    ("vardenafil", "nitroglycerin", CI),
    ("sildenafil", "riociguat", CI),
    # Serotonin syndrome and MAO inhibitors.
    ("tramadol", "sertraline", MAJOR),
    ("tramadol", "fluoxetine", MAJOR),
    ("fluoxetine", "phenelzine", CI),
    ("sertraline", "phenelzine", CI),
    ("venlafaxine", "tranylcypromine", CI),
    ("meperidine", "selegiline", CI),
    ("sumatriptan", "phenelzine", CI),
    ("linezolid", "sertraline", MAJOR),
    # Strong CYP3A4 inhibitors with statins, colchicine, pimozide, ergots, sedatives.
    ("simvastatin", "clarithromycin", CI),
    ("simvastatin", "itraconazole", CI),
    ("lovastatin", "ketoconazole", CI),
    ("simvastatin", "gemfibrozil", MAJOR),
    ("simvastatin", "cyclosporine", MAJOR),
    ("atorvastatin", "clarithromycin", MODERATE),
    ("colchicine", "clarithromycin", MAJOR),
    ("pimozide", "clarithromycin", CI),
    ("ergotamine+caffeine", "clarithromycin", CI),
    ("triazolam", "ketoconazole", CI),
    ("tacrolimus", "ketoconazole", MAJOR),
    ("fentanyl", "ketoconazole", MAJOR),
    # CYP1A2 inhibitors.
    ("tizanidine", "ciprofloxacin", CI),
    ("tizanidine", "fluvoxamine", CI),
    ("theophylline", "ciprofloxacin", MAJOR),
    ("clozapine", "fluvoxamine", MAJOR),
    # Potassium.
    ("spironolactone", "potassium chloride", MAJOR),
    ("lisinopril", "spironolactone", MODERATE),
    ("lisinopril", "potassium chloride", MODERATE),
    ("sacubitril+valsartan", "lisinopril", CI),
    ("aliskiren hemifumarate", "lisinopril", MODERATE),
    # Digoxin.
    ("digoxin", "amiodarone", MAJOR),
    ("digoxin", "verapamil", MODERATE),
    ("digoxin", "clarithromycin", MODERATE),
    # Opioids with benzodiazepines and other sedatives (FDA boxed warning).
    ("oxycodone", "alprazolam", MAJOR),
    ("hydrocodone+acetaminophen", "diazepam", MAJOR),
    ("morphine", "lorazepam", MAJOR),
    ("methadone", "clonazepam", MAJOR),
    ("oxycodone", "zolpidem", MAJOR),
    ("oxycodone", "gabapentin", MODERATE),
    # Methotrexate, lithium.
    ("methotrexate", "sulfamethoxazole+trimethoprim", MAJOR),
    ("methotrexate", "ibuprofen", MODERATE),
    ("lithium", "hydrochlorothiazide", MAJOR),
    ("lithium", "lisinopril", MODERATE),
    ("lithium", "ibuprofen", MODERATE),
    # Clopidogrel with omeprazole; thiopurines with xanthine oxidase inhibitors.
    ("clopidogrel", "omeprazole", MODERATE),
    ("clopidogrel", "esomeprazole", MODERATE),
    ("allopurinol", "azathioprine", MAJOR),
    ("allopurinol", "mercaptopurine", MAJOR),
    ("febuxostat", "azathioprine", CI),
    # Heart rhythm (QT) and dofetilide.
    ("citalopram", "pimozide", MAJOR),
    ("dofetilide", "verapamil", MAJOR),
    ("dofetilide", "hydrochlorothiazide", MAJOR),
    # Enzyme inducers and inhibitors elsewhere.
    ("tamoxifen", "paroxetine", MODERATE),
    ("glipizide", "fluconazole", MODERATE),
    ("phenytoin", "fluconazole", MODERATE),
    ("carbamazepine", "clarithromycin", MODERATE),
    ("carbamazepine", "ethinyl estradiol+levonorgestrel", MODERATE),
    ("rifampin", "ethinyl estradiol+levonorgestrel", MODERATE),
    ("valproic acid", "lamotrigine", MODERATE),
    ("valproic acid", "meropenem", MAJOR),
    # Absorption: minerals binding antibiotics and thyroid hormone.
    ("ciprofloxacin", "calcium carbonate+famotidine+magnesium hydroxide", MODERATE),
    ("doxycycline", "ferrous fumarate", MODERATE),
    ("levothyroxine", "calcium carbonate+famotidine+magnesium hydroxide", MODERATE),
    # Supplements (our monograph pages, named "page:<slug>") with medicines.
    ("page:st-johns-wort", "sertraline", MAJOR),
    ("page:st-johns-wort", "cyclosporine", MAJOR),
    ("page:st-johns-wort", "warfarin", MAJOR),
    ("page:st-johns-wort", "ethinyl estradiol+levonorgestrel", MODERATE),
    ("page:vitamin-k", "warfarin", MAJOR),
    ("page:ginkgo", "warfarin", MODERATE),
    ("page:fish-oil", "warfarin", MINOR),
]

# Everyday pairs with no clinically relevant interaction (several are sold together).
CALM: list[tuple[str, str]] = [
    ("acetaminophen", "amoxicillin"),
    ("amlodipine", "atorvastatin"),
    ("metformin", "lisinopril"),
    ("levothyroxine", "atorvastatin"),
    ("omeprazole", "amoxicillin"),
    ("loratadine", "acetaminophen"),
    ("cetirizine", "ibuprofen"),
    ("metformin", "atorvastatin"),
    ("lisinopril", "amlodipine"),
    ("losartan", "hydrochlorothiazide"),
    ("sertraline", "acetaminophen"),
    ("famotidine", "acetaminophen"),
    ("montelukast", "fluticasone propionate"),
    ("albuterol", "budesonide"),
    ("metoprolol", "atorvastatin"),
    ("escitalopram", "levothyroxine"),
    ("amoxicillin", "ibuprofen"),
    ("pantoprazole", "metformin"),
    ("simvastatin", "ezetimibe"),
    ("gabapentin", "acetaminophen"),
    ("valacyclovir", "acetaminophen"),
    ("allopurinol", "colchicine"),
    ("tamsulosin", "finasteride"),
    ("metformin", "glipizide"),
    ("page:vitamin-d", "atorvastatin"),
    ("page:melatonin", "acetaminophen"),
]

PAGE = "page:"
GENERIC_EFFECTS = {str(text) for text in EFFECT.values()}


def _substances(medicine: str) -> list[str]:
    return medicine.split("+")


def _wanted() -> set[str]:
    names = {a for pair in SERIOUS for a in pair[:2]} | {a for pair in CALM for a in pair}
    names = {name for name in names if not name.startswith(PAGE)}
    return {substance for name in names for substance in _substances(name)}


def _products_of(substances: set[str], source: Path, target: Path) -> None:
    """The real Drugs@FDA zip with Products.txt cut to rows containing these substances
    (as a whole word at the start of an active ingredient, salts included)."""
    with zipfile.ZipFile(source) as real, zipfile.ZipFile(target, "w") as cut:
        for info in real.infolist():
            data = real.read(info)
            if info.filename == "Products.txt":
                lines = data.decode("latin-1").splitlines(keepends=True)
                kept = [lines[0]]
                for line in lines[1:]:
                    columns = line.split("\t")
                    # "ESTROGENS, CONJUGATED" is the substance "estrogens conjugated"
                    ingredients = [
                        i.strip().lower().replace(",", "") for i in columns[6].split(";")
                    ]
                    if any(
                        i == s or i.startswith(s + " ") for i in ingredients for s in substances
                    ):
                        kept.append(line)
                data = "".join(kept).encode("latin-1")
            cut.writestr(info, data)


def _drug(medicine: str) -> Drug:
    """The published drug whose active substances are exactly these (salts aside): the
    importers' own identity rule, `ingredient_key`; or one of our pages by its address."""
    if medicine.startswith(PAGE):
        return Drug.objects.published().get(slug=medicine.removeprefix(PAGE))
    key = ingredient_key(_substances(medicine))
    drug = Drug.objects.published().filter(ingredient_key=key).order_by("pk").first()
    assert drug is not None, f"no drug for {medicine} (key {key!r}) in the imported data"
    return drug


@pytest.fixture
def imported(shared_data, tmp_path):
    out = io.StringIO()
    cut = tmp_path / "drugsatfda.zip"
    _products_of(_wanted(), shared_data / "drugsfda" / "drugsatfda.zip", cut)
    call_command("import_drugsfda", str(cut), stdout=out, stderr=out)
    call_command(
        "import_drug_classes",
        str(shared_data / "drug-classes" / "drug-class-mapping.tsv.gz"),
        stdout=out,
        stderr=out,
    )
    call_command("import_interactions", str(shared_data / "interactions"), stdout=out, stderr=out)
    call_command("import_supplements", stdout=out, stderr=out)
    call_command("import_interaction_rules", stdout=out, stderr=out)
    return out.getvalue()


def _check(first: str, second: str):
    a, b = _drug(first), _drug(second)
    drugs, unknown = drugs_for_check([a.slug, b.slug])
    assert not unknown
    return interaction_check(drugs=drugs)


def test_tables_are_big_enough_to_mean_something():
    assert len(SERIOUS) >= 60
    assert len(CALM) >= 20
    assert len({frozenset(p[:2]) for p in SERIOUS}) == len(SERIOUS)
    assert len({frozenset(p) for p in CALM}) == len(CALM)


def test_the_checker_answers_as_a_pharmacist_would(imported):
    """Both tables in one pass over one import (the import is most of the cost)."""
    misses = []
    for first, second, expected in SERIOUS:
        result = _check(first, second)
        worst = result.worst
        if worst is None or worst < expected:
            found = worst.label if worst is not None else "nothing"
            misses.append(f"{first} + {second}: expected {expected.label}, found {found}")
            continue
        pair = result.groups[0].pairs[0]
        if pair.effect in GENERIC_EFFECTS:
            misses.append(f"{first} + {second}: no named effect ({pair.effect!r})")
    for first, second in CALM:
        result = _check(first, second)
        if result.worst is not None and result.worst >= MAJOR:
            pair = result.groups[0].pairs[0]
            misses.append(f"calm {first} + {second}: {result.worst.label} from {pair.sources}")
    assert not misses, f"{len(misses)} wrong:\n" + "\n".join(misses)
