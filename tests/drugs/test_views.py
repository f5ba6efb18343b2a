"""Drug pages over HTTP: A-Z, search, condition, drug page, reviews, suggest; query ceilings."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from drugs import services
from drugs.models import DrugCondition, Review
from drugs.services import reviews as review_services
from tests.drugs.factories import link_condition, make_drug, make_review
from tests.factories import make_condition, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def atorvastatin():
    drug = make_drug(
        name="Atorvastatin",
        brands=("Lipitor",),
        ingredients=("ATORVASTATIN CALCIUM",),
        summary="Lowers cholesterol.",
        uses="Lowers **LDL** cholesterol.",
        side_effects_common="Muscle aches.",
        boxed_warning="A made-up boxed warning for the test.",
    )
    condition = make_condition(name="High cholesterol", slug="high-cholesterol")
    link_condition(drug, condition)
    return drug


def test_a_to_z_letter_and_kind_filter(client):
    make_drug(name="Aspirin", kind="otc")
    make_drug(name="Atenolol", kind="prescription")
    make_drug(name="Biotin", kind="vitamin")
    page = client.get("/drugs/?letter=A").content.decode()
    assert "Aspirin" in page and "Atenolol" in page and "Biotin" not in page
    page = client.get("/drugs/?letter=A&kind=otc").content.decode()
    assert "Aspirin" in page and "Atenolol" not in page
    page = client.get("/drugs/?letter=B&kind=supplements").content.decode()
    assert "Biotin" in page
    assert client.get("/drugs/?letter=%3Cscript%3E").status_code == 200
    assert client.get("/drugs/?page=999").status_code == 404


def test_search_with_typo_lists_results_with_explanation(client, atorvastatin):
    response = client.get("/drugs/", {"q": "lipitr"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Atorvastatin" in page
    assert "Lipitor is a brand name of Atorvastatin" in page


def test_unambiguous_exact_brand_goes_to_the_drug_and_says_why(client, atorvastatin):
    response = client.get("/drugs/", {"q": "Lipitor"})
    assert response.status_code == 302
    assert response["Location"].startswith("/drugs/atorvastatin/")
    page = client.get(response["Location"]).content.decode()
    assert "Lipitor is a brand name of Atorvastatin" in page


def test_search_without_results_explains(client):
    response = client.get("/drugs/", {"q": "zzzzqqq"})
    assert response.status_code == 200
    assert "could not find" in response.content.decode()


def test_condition_search_groups_drugs(client, atorvastatin):
    response = client.get("/drugs/", {"condition": "high-cholesterol"})
    page = response.content.decode()
    assert "Drugs for High cholesterol" in page
    assert "FDA-labelled uses" in page and "Atorvastatin" in page
    assert "Source:" in page
    assert "Condition not found" in client.get("/drugs/?condition=nope").content.decode()


def test_drug_page_sections_json_ld_and_links(client, atorvastatin):
    response = client.get(atorvastatin.get_absolute_url())
    page = response.content.decode()
    for anchor in ("uses", "side-effects", "reviews"):
        assert f'id="{anchor}"' in page
        assert f'href="#{anchor}"' in page
    # Sections our guide does not have are not shown; one line says what is missing.
    for anchor in ("precautions", "interactions", "overdose"):
        assert f'id="{anchor}"' not in page
    assert "Our guide does not cover precautions, interactions, overdose yet." in page
    assert "We do not have this information yet" not in page
    assert "<strong>LDL</strong>" in page
    assert "made-up boxed warning" in page and "warning-callout" in page
    assert '"@type": "Drug"' in page
    assert 'href="/conditions/high-cholesterol/"' in page
    assert page.count("<h1") == 1
    assert "Last updated" in page


def test_unknown_drug_is_404(client):
    assert client.get("/drugs/nothing-here/").status_code == 404


def test_suggest_json(client, atorvastatin):
    data = json.loads(client.get("/api/drugs/suggest", {"q": "lipi"}).content)
    assert data["results"][0] == {
        "name": "Atorvastatin",
        "kind": "prescription",
        "kind_label": "Prescription",
        "matched": "Lipitor",
        "matched_kind": "brand",
        "url": "/drugs/atorvastatin/",
    }
    assert json.loads(client.get("/api/drugs/suggest", {"q": "a"}).content)["results"] == []


def test_write_review_requires_login(client, atorvastatin):
    url = reverse("drugs:review_write", args=[atorvastatin.slug])
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_write_then_edit_review_new_account_is_moderated(client, atorvastatin):
    user = make_user()
    client.force_login(user)
    url = reverse("drugs:review_write", args=[atorvastatin.slug])
    condition = atorvastatin.condition_links.first().condition
    data = {
        "condition": condition.pk,
        "effectiveness": 4,
        "ease_of_use": 5,
        "satisfaction": 4,
        "role": "patient",
        "age_band": "45-54",
        "sex": "",
        "time_on": "1-6m",
        "body": "My cholesterol came down and I had no problems.",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    review = Review.objects.get(author=user)
    assert review.status == Review.Status.PENDING
    page = client.get(reverse("drugs:reviews", args=[atorvastatin.slug])).content.decode()
    assert "waiting for a moderator" in page
    assert "My cholesterol came down" not in page
    data["body"] = "Edited: still fine after six months."
    client.post(url, data)
    assert Review.objects.filter(author=user).count() == 1
    assert Review.objects.get(author=user).body.startswith("Edited")


def test_invalid_review_shows_error_summary_not_500(client, atorvastatin):
    client.force_login(make_user())
    url = reverse("drugs:review_write", args=[atorvastatin.slug])
    response = client.post(url, {"effectiveness": 9, "body": "short http://spam.example"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page


def test_review_posting_is_rate_limited(client, atorvastatin, settings):
    settings.RATE_LIMITS_ENABLED = True
    client.force_login(make_user())
    url = reverse("drugs:review_write", args=[atorvastatin.slug])
    data = {
        "effectiveness": 4,
        "ease_of_use": 5,
        "satisfaction": 4,
        "role": "patient",
        "body": "A review long enough to be accepted by the form.",
    }
    statuses = [client.post(url, data).status_code for _ in range(12)]
    assert statuses[0] == 302
    assert statuses[-1] == 400


def test_helpful_report_and_staff_hide_over_http(client, atorvastatin):
    review = make_review(drug=atorvastatin, author=make_user())
    reader = make_user()
    client.force_login(reader)
    helpful = reverse("drugs:helpful", args=[atorvastatin.slug, review.pk])
    client.post(helpful)
    client.post(helpful)
    review.refresh_from_db()
    assert review.helpful_count == 1
    report = reverse("drugs:report", args=[atorvastatin.slug, review.pk])
    assert client.post(report, {"reason": ""}).status_code == 400
    assert client.post(report, {"reason": "Looks like an advert"}).status_code == 302
    hide = reverse("drugs:hide", args=[atorvastatin.slug, review.pk])
    assert client.post(hide).status_code == 404
    staff = make_user(is_staff=True)
    client.force_login(staff)
    client.post(hide, {"reason": "Advert"})
    review.refresh_from_db()
    assert review.status == Review.Status.HIDDEN


def _many_reviews(drug, n):
    condition = make_condition()
    for _ in range(n):
        make_review(drug=drug, author=make_user(), condition=condition)


def _many_products_and_conditions(drug, n):
    for i in range(n):
        services.product_upsert(
            drug=drug, source_key=f"test:{drug.pk}:{i}", name=f"Product {i}", strength="1 mg"
        )
        link_condition(drug, make_condition(), DrugCondition.LinkKind.SYMPTOMATIC)


def test_drug_page_query_ceiling(client, atorvastatin, django_assert_max_num_queries):
    _many_products_and_conditions(atorvastatin, 3)
    _many_reviews(atorvastatin, 2)
    with django_assert_max_num_queries(12):
        assert client.get(atorvastatin.get_absolute_url()).status_code == 200
    _many_products_and_conditions(atorvastatin, 30)
    _many_reviews(atorvastatin, 20)
    with django_assert_max_num_queries(12):
        assert client.get(atorvastatin.get_absolute_url()).status_code == 200


def test_reviews_page_query_ceiling(client, atorvastatin, django_assert_max_num_queries):
    _many_reviews(atorvastatin, 3)
    client.force_login(make_user(is_staff=True))
    url = reverse("drugs:reviews", args=[atorvastatin.slug])
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200
    _many_reviews(atorvastatin, 25)
    with django_assert_max_num_queries(16):
        assert client.get(url + "?sort=helpful&page=2").status_code == 200


def test_search_page_query_ceiling(client, atorvastatin, django_assert_max_num_queries):
    for n in range(5):
        make_drug(name=f"Atorvastatinoid {n}")
    with django_assert_max_num_queries(6):
        assert client.get("/drugs/", {"q": "atorvastatn"}).status_code == 200
    for n in range(40):
        make_drug(name=f"Atorvastatinish {n}")
    with django_assert_max_num_queries(6):
        assert client.get("/drugs/", {"q": "atorvastatn"}).status_code == 200


def test_review_trust_after_a_week(atorvastatin):
    user = make_user()
    user.email_confirmed_at = timezone.now()
    user.date_joined = timezone.now() - timedelta(days=8)
    user.save()
    review = make_review(drug=atorvastatin, author=user, status=Review.Status.PUBLISHED)
    assert review_services.review_author_is_trusted(user)
    assert review.status == Review.Status.PUBLISHED


def test_drug_page_lists_published_articles_about_its_conditions(client, atorvastatin):
    from articles.models import Article
    from tests.articles.factories import make_article

    condition = atorvastatin.condition_links.first().condition
    published = make_article(title="Living with high cholesterol")
    draft = make_article(title="Draft about cholesterol", status=Article.Status.DRAFT)
    for article in (published, draft):
        article.conditions.add(condition)
    page = client.get(atorvastatin.get_absolute_url()).content.decode()
    assert "Related articles" in page
    assert "Living with high cholesterol" in page
    assert "Draft about cholesterol" not in page


def _classed(ingredient_name: str, *class_names: str) -> None:
    from drugs.models import Ingredient
    from drugs.services.classes import drug_classes_upsert, ingredient_classes_sync

    ids, _counts = drug_classes_upsert(names=class_names)
    ingredient = Ingredient.objects.get(normalized=services.normalize_name(ingredient_name))
    ingredient_classes_sync(classes={ingredient.pk: set(ids.values())})


def test_drug_page_shows_the_fda_established_class_in_one_query(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from healthsite.cache import content_changed

    drug = make_drug(name="Clopidogrel bisulfate", ingredients=("CLOPIDOGREL BISULFATE",))
    content_changed()  # both measured requests compute what the cache keeps
    with CaptureQueriesContext(connection) as unclassed:
        assert "Drug class" not in client.get(drug.get_absolute_url()).content.decode()
    _classed(
        "clopidogrel bisulfate",
        "P2Y12 Platelet Inhibitor [EPC]",
        "P2Y12 Receptor Antagonists [MoA]",
        "Decreased Platelet Aggregation [PE]",
    )
    content_changed()
    with CaptureQueriesContext(connection) as classed:
        html = client.get(drug.get_absolute_url()).content.decode()
    link = '<a href="/drugs/classes/p2y12-platelet-inhibitor/">P2Y12 platelet inhibitor</a>'
    assert f"Drug class: {link}" in html
    assert "Receptor Antagonists" not in html  # mechanism and effect are not the class
    assert '"drugClass": {"@type": "DrugClass", "name": "P2Y12 platelet inhibitor"}' in html
    assert len(classed) == len(unclassed)  # the classes' query runs either way

    # Editors' plainer words win, still leading to the class page and its other drugs.
    services.drug_update(drug=drug, drug_class="Antiplatelet medicine")
    html = client.get(drug.get_absolute_url()).content.decode()
    link = '<a href="/drugs/classes/p2y12-platelet-inhibitor/">Antiplatelet medicine</a>'
    assert f"Drug class: {link}" in html and "P2Y12" not in html


def test_combination_drug_lists_each_class_once(client):
    drug = make_drug(
        name="Amlodipine and atorvastatin",
        ingredients=("AMLODIPINE BESYLATE", "ATORVASTATIN CALCIUM"),
    )
    _classed(
        "amlodipine besylate",
        "Calcium Channel Blocker [EPC]",
        "Dihydropyridines [Chemical/Ingredient]",
    )
    _classed("atorvastatin calcium", "HMG-CoA Reductase Inhibitor [EPC]")
    html = client.get(drug.get_absolute_url()).content.decode()
    assert (
        'Drug classes: <a href="/drugs/classes/calcium-channel-blocker/">Calcium channel blocker'
        '</a>, <a href="/drugs/classes/hmg-coa-reductase-inhibitor/">HMG-CoA reductase inhibitor'
    ) in html
    # Editors' words for a drug of two classes lead to neither: no page would be its class.
    services.drug_update(drug=drug, drug_class="Blood pressure and cholesterol medicine")
    html = client.get(drug.get_absolute_url()).content.decode()
    assert "Drug class: Blood pressure and cholesterol medicine</p>" in html


def test_reviews_page_shows_one_distribution_only_from_five_reviews(client, atorvastatin):
    url = reverse("drugs:reviews", args=[atorvastatin.slug])
    _many_reviews(atorvastatin, 1)
    html = client.get(url).content.decode()
    assert "Based on 1 published review." in html
    assert "rating-distribution" not in html and "<meter" not in html
    _many_reviews(atorvastatin, 4)
    html = client.get(url).content.decode()
    assert "Based on 5 published reviews." in html
    assert html.count('class="table rating-distribution"') == 1
    assert html.count("<meter") == 5  # one bar per star rating, 5 to 1
