"""Consumer conditions: the loader, ICD-10-CM links, the forgiving lookup and the pages."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.condition_services import covering_code
from articles.importers.conditions import DEFAULT_FOLDER, read_conditions
from articles.lookup import condition_lookup_best
from articles.models import Condition, ConditionTerm
from articles.selectors import condition_lookup
from healthsite.importing import Rejected
from search.models import SearchDocument
from tests.articles.factories import make_article
from tests.factories import make_condition

pytestmark = pytest.mark.django_db


@pytest.fixture
def folder(fixtures_dir) -> Path:
    return fixtures_dir / "articles" / "conditions"


def _run(*args) -> str:
    out = StringIO()
    call_command("import_conditions", *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def loaded(folder, fixtures_dir):
    call_command(
        "import_icd10cm",
        str(fixtures_dir / "articles" / "icd10cm-sample.xml"),
        stdout=StringIO(),
        stderr=StringIO(),
    )
    return _run(folder)


def test_loader_creates_links_and_reports_then_changes_nothing(loaded, folder):
    assert "10 created" in loaded
    assert "gerd: related condition 'hiatal-hernia' does not exist" in loaded
    assert "gerd: ICD-10-CM code K21 is not in the database" in loaded
    gerd = Condition.objects.get(slug="gerd")
    assert gerd.kind == Condition.Kind.CONSUMER and gerd.area == "Digestive health"
    assert "GERD" in gerd.synonyms and gerd.icd10_codes == ["K21"]
    knee = Condition.objects.get(slug="runners-knee")
    assert list(knee.related.values_list("slug", flat=True)) == ["knee-pain"]
    # A code covers its children: M22.2 covers M22.2X and M22.2X1; I11 is nobody's.
    covered = dict(Condition.objects.filter(kind="icd10").values_list("icd10_code", "consumer"))
    assert covered["M22.2X1"] == covered["M22.2X"] == covered["M22.2"] == knee.pk
    assert covered["I10"] == Condition.objects.get(slug="high-blood-pressure").pk
    assert covered["I11"] is None
    again = _run(folder)
    assert "0 created, 0 updated, 10 unchanged, 0 rejected" in again
    assert "No changes" in again


def test_most_specific_listed_code_wins():
    listed = {"K21": 1, "K21.0": 2}
    assert covering_code("K21.0", listed) == 2
    assert covering_code("K21.9", listed) == 1
    assert covering_code("K21", listed) == 1
    assert covering_code("K22", listed) is None


def test_bad_entries_are_rejected_and_the_rest_load(tmp_path):
    (tmp_path / "a.toml").write_text(
        """
[[conditions]]
slug = "good-one"
name = "Good one"
summary = "A plain summary."
area = "Test"

[[conditions]]
slug = "Bad Slug"
name = "Bad"
summary = "x"
area = "Test"

[[conditions]]
slug = "no-summary"
name = "No summary"
summary = " "
area = "Test"

[[conditions]]
slug = "typo-field"
name = "Typo"
summary = "x"
area = "Test"
also_know_as = ["oops"]

[[conditions]]
slug = "bad-code"
name = "Bad code"
summary = "x"
area = "Test"
icd10 = ["hello"]
"""
    )
    (tmp_path / "b.toml").write_text(
        '[[conditions]]\nslug = "good-one"\nname = "Again"\nsummary = "x"\narea = "T"\n'
    )
    (tmp_path / "c.toml").write_text("this is [not toml")
    items = list(read_conditions(tmp_path))
    reasons = {i.reference: i.reason for i in items if isinstance(i, Rejected)}
    assert "kebab-case" in reasons["a.toml: Bad Slug"]
    assert "summary" in reasons["a.toml: no-summary"]
    assert "also_know_as" in reasons["a.toml: typo-field"]
    assert "hello" in reasons["a.toml: bad-code"]
    assert "already used in a.toml" in reasons["b.toml: good-one"]
    assert "not valid TOML" in reasons["c.toml"]
    out = _run(tmp_path)
    assert "1 created" in out and "6 rejected" in out
    assert Condition.objects.consumer().count() == 1


def test_repository_folder_loads_even_when_it_holds_no_entries_yet():
    assert DEFAULT_FOLDER.is_dir() and (DEFAULT_FOLDER / "README.md").is_file()
    out = _run()
    assert "rejected" in out and "0 rejected" in out


def test_dry_run_saves_nothing(folder):
    out = _run(folder, "--dry-run")
    assert "10 created" in out and "Dry run" in out
    assert not Condition.objects.exists()


# --- lookup --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("acid reflux", "gerd"),
        ("GERD", "gerd"),
        ("Acid Reflux (GERD)", "gerd"),
        ("gastro-oesophageal reflux disease", "gerd"),
        ("alzheimers", "alzheimers-disease"),
        ("Alzheimer\u2019s", "alzheimers-disease"),  # typographic apostrophe
        ("alzheimer", "alzheimers-disease"),  # partial name
        ("diabetes", "diabetes"),
        ("diabetis", "diabetes"),  # a typo nobody listed
        ("UTI", "urinary-tract-infection"),
        ("bladder infections", "urinary-tract-infection"),  # plural
        ("heart attacks", "heart-attack"),
        ("pain knee", "knee-pain"),  # word order
        ("high blood sugar", "type-2-diabetes"),
        ("Essential (primary) hypertension", "high-blood-pressure"),  # ICD name -> consumer
        ("I10", "high-blood-pressure"),  # code -> consumer
        ("m22.2x1", "runners-knee"),  # a child of a listed code
        ("knee-pain", "knee-pain"),  # a link's slug
    ],
)
def test_lookup_forgives(loaded, text, slug):
    found = condition_lookup(text=text)
    assert found and found[0].condition.slug == slug, [c.condition.slug for c in found]
    best = condition_lookup_best(found)
    if found[0].how == "fuzzy":
        assert best is None  # a close spelling is offered as a question, never the answer
    else:
        assert best is not None and best.slug == slug


def test_lookup_offers_a_choice_when_several_are_plausible(loaded):
    found = condition_lookup(text="knee")
    assert {"knee-pain", "runners-knee"} <= {c.condition.slug for c in found}
    assert condition_lookup_best(found) is None
    found = condition_lookup(text="type diabetes")
    assert {"type-1-diabetes", "type-2-diabetes"} <= {c.condition.slug for c in found}
    assert condition_lookup_best(found) is None


def test_lookup_finds_nothing_for_nonsense(loaded):
    assert condition_lookup(text="xyzzy plugh") == []
    assert condition_lookup(text="  ") == []
    # "sugar" is not diabetes: "high blood sugar" is at most offered, never the answer.
    assert condition_lookup_best(condition_lookup(text="sugar")) is None


def test_lookup_probes_the_term_index_never_the_conditions_table(loaded):
    for n in range(200):
        make_condition(name=f"Filler vocabulary entry {n}", icd10_code=f"Z99.{n}")
    condition_lookup(text="warm")  # trigram frequencies: counted once, then cached
    for text in ("acid reflux", "diabeties", "alzheimer", "knee", "hypertenson"):
        with CaptureQueriesContext(connection) as queries:
            condition_lookup(text=text)
        assert len(queries) <= 5, [q["sql"] for q in queries]
        for query in queries:
            sql = query["sql"]
            assert 'FROM "articles_conditionterm' in sql, sql
            # equality or range on the indexed columns, or the trigram equality probe
            assert any(
                probe in sql
                for probe in (
                    '"articles_conditionterm"."normalized" =',
                    '"articles_conditionterm"."normalized" >=',
                    '"articles_conditionterm"."normalized"::text LIKE',
                    '"articles_conditiontermtrigram"."gram" IN',
                    '"articles_conditionterm"."id" IN',
                )
            ), sql


def test_terms_follow_saves_and_bulk_imports(loaded):
    gerd = Condition.objects.get(slug="gerd")
    gerd.synonyms = [*gerd.synonyms, "indigestion from reflux"]
    gerd.save()
    assert condition_lookup(text="indigestion from reflux")[0].condition == gerd
    assert ConditionTerm.objects.filter(origin=gerd, normalized="gerd").count() == 1


# --- pages ---------------------------------------------------------------------------------


def test_icd_entry_page_redirects_to_its_consumer_condition(client, loaded):
    entry = Condition.objects.get(icd10_code="M22.2X1")
    response = client.get(entry.get_absolute_url())
    assert response.status_code == 301
    assert response["Location"] == "/conditions/runners-knee/"


def test_uncovered_icd_entry_keeps_an_honest_page(client, loaded):
    entry = Condition.objects.get(icd10_code="I11")
    response = client.get(entry.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "billing and record-keeping term" in html and "I11" in html


def test_consumer_condition_page_shows_what_it_has(client, loaded, django_assert_max_num_queries):
    gerd = Condition.objects.get(slug="gerd")
    guide = make_article(title="Living with reflux", conditions=[gerd])
    with django_assert_max_num_queries(20):
        response = client.get("/conditions/runners-knee/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Also known as" in html and "patellofemoral pain syndrome" in html
    assert "Related conditions" in html and "/conditions/knee-pain/" in html
    assert "<details" in html and "M22.2" in html and "Patellofemoral disorders" in html
    html = client.get("/conditions/gerd/").content.decode()
    assert guide.title in html


def test_a_to_z_and_sitemap_list_consumer_conditions_only(client, loaded):
    html = client.get("/conditions/?letter=E").content.decode()
    assert "Essential (primary) hypertension" not in html
    html = client.get("/conditions/?letter=A").content.decode()
    assert "Acid reflux (GERD)" in html and "Alzheimer" in html
    html = client.get("/conditions/?q=reflux").content.decode()
    assert "Acid reflux (GERD)" in html
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/conditions/gerd/" in sitemap
    entry = Condition.objects.get(icd10_code="I11")
    assert entry.get_absolute_url() not in sitemap


def test_search_index_holds_one_document_per_thing(loaded):
    titles = set(SearchDocument.objects.filter(kind="condition").values_list("title", flat=True))
    assert "Acid reflux (GERD)" in titles
    assert "Essential (primary) hypertension" not in titles  # covered by High blood pressure
    assert "Hypertensive heart disease" in titles or any("Hypertensive" in t for t in titles)


# How the drug-use data sets (LabeledIn, PharmacotherapyDB) name conditions that have a page
# of ours: each must lead to that page, or the drug's use lands on a bare data-set page.
DATA_SET_NAMES = [
    ("Essential hypertension", "high-blood-pressure"),
    ("seasonal allergic rhinitis", "hay-fever"),
    ("perennial allergic rhinitis", "hay-fever"),
    ("epilepsy syndrome", "epilepsy"),
    ("partial onset seizures", "epilepsy"),
    ("Partial seizures", "epilepsy"),
    ("Idiopathic Parkinson's disease", "parkinsons-disease"),
    ("systemic scleroderma", "scleroderma"),
    ("Bipolar I Disorder", "bipolar-disorder"),
    ("manic depressive disorders", "bipolar-disorder"),
    ("endogenous depression", "depression"),
    ("Minimal Brain Dysfunction", "adhd"),
    ("Gilles de la Tourette syndrome", "tourette-syndrome"),
    ("primary hypercholesterolemia", "high-cholesterol"),
    ("chronic kidney failure", "chronic-kidney-disease"),
    ("urinary bladder cancer", "bladder-cancer"),
    ("Acute bacterial otitis media", "ear-infection"),
    ("Chronic Stable Angina", "angina"),
    ("pain", "pain"),
    ("Acute Pain", "pain"),
    ("severe acute pain", "pain"),
    ("postoperative pain", "pain"),
    ("dementia of the Alzheimer's type", "alzheimers-disease"),
    ("recurrent herpes labialis", "cold-sores"),
    ("actinic keratoses", "actinic-keratosis"),
]


def test_data_set_names_of_a_condition_lead_to_its_page():
    from articles.condition_services import consumer_condition_meant

    _run()  # the repository's consumer conditions
    wrong = []
    for name, slug in DATA_SET_NAMES:
        found = consumer_condition_meant(name=name)
        if found is None or found.slug != slug:
            wrong.append(f"{name!r} → {found.slug if found else None}, not {slug}")
    assert not wrong, "\n".join(wrong)
