"""Drugs' connections with articles: the health center section, related articles on a drug
page and the link to the drugs list on a condition page."""

import pytest
from django.urls import reverse

from articles.models import Article
from drugs.health_center import health_center_section
from drugs.selectors import drug_related_articles
from tests.articles.factories import make_article, make_health_center
from tests.drugs.factories import link_condition, make_drug
from tests.factories import make_condition

pytestmark = pytest.mark.django_db


def test_health_center_shows_drugs_for_its_conditions(client, django_assert_max_num_queries):
    asthma, eczema, gout = (make_condition(name=n) for n in ("Asthma", "Eczema", "Gout"))
    center = make_health_center(title="Lungs", conditions=[asthma, eczema])
    for n in range(8):
        link_condition(make_drug(name=f"Inhaler{n}"), asthma if n % 2 else eczema)
    link_condition(make_drug(name="Colchicine"), gout)
    hidden = make_drug(name="Withdrawnol", is_published=False)
    link_condition(hidden, asthma)

    with django_assert_max_num_queries(2):
        section = health_center_section(None, center)
    assert section is not None
    names = [drug.name for drug in section["context"]["drugs"]]
    assert len(names) == 6 and "Colchicine" not in names and "Withdrawnol" not in names
    assert [c.name for c in section["context"]["conditions"]] == ["Asthma", "Eczema"]

    html = client.get(center.get_absolute_url()).content.decode()
    assert "Related drugs" in html and "Inhaler0" in html
    assert f"{reverse('drugs:index')}?condition={asthma.slug}" in html


def test_health_center_without_linked_drugs_has_no_section():
    center = make_health_center(conditions=[make_condition()])
    assert health_center_section(None, center) is None


def test_drug_page_lists_published_articles_for_its_conditions(
    client, django_assert_max_num_queries
):
    asthma, eczema = make_condition(name="Asthma"), make_condition(name="Eczema")
    drug = make_drug(name="Salbutamol")
    link_condition(drug, asthma)
    link_condition(drug, eczema)
    about_both = make_article(title="Breathing and skin", conditions=[asthma, eczema])
    about_one = make_article(title="Living with asthma", conditions=[asthma])
    make_article(title="Draft about asthma", conditions=[asthma], status=Article.Status.DRAFT)
    make_article(title="About something else", conditions=[make_condition()])

    with django_assert_max_num_queries(1):
        related = drug_related_articles(drug=drug)
    assert sorted(a.title for a in related) == sorted([about_both.title, about_one.title])

    html = client.get(drug.get_absolute_url()).content.decode()
    assert "Related articles" in html and about_one.get_absolute_url() in html
    assert "Draft about asthma" not in html


def test_related_articles_query_count_does_not_grow(django_assert_max_num_queries):
    conditions = [make_condition() for _ in range(5)]
    drug = make_drug()
    for condition in conditions:
        link_condition(drug, condition)
        make_article(conditions=[condition])
    with django_assert_max_num_queries(1):
        assert len(drug_related_articles(drug=drug)) == 5


def test_condition_page_links_to_its_drugs(client):
    condition = make_condition(name="Migraine")
    html = client.get(condition.get_absolute_url()).content.decode()
    assert f"{reverse('drugs:index')}?condition={condition.slug}" in html
