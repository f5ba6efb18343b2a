"""Monograph text is rendered once, when saved (`Drug.monograph_html`), never per request."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from drugs import services
from drugs.models import Drug
from drugs.services.labels import drug_label_monograph_clear
from tests.drugs.factories import make_drug
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_writing_the_markdown_through_the_service_stores_its_html():
    drug = make_drug(name="Warfarin", uses="Thins the **blood**.", storage="")
    assert drug.monograph_html == {"uses": "<p>Thins the <strong>blood</strong>.</p>"}
    services.drug_update(drug=drug, uses="Stops clots <script>x</script>forming.")
    stored = Drug.objects.get(pk=drug.pk).monograph_html
    assert stored["uses"].startswith("<p>Stops clots ") and "<script" not in stored["uses"]
    services.drug_update(drug=drug, uses="", overdose="Call **911**.")
    assert Drug.objects.get(pk=drug.pk).monograph_html == {
        "overdose": "<p>Call <strong>911</strong>.</p>"
    }


def test_a_save_of_other_fields_keeps_the_stored_html():
    drug = make_drug(name="Warfarin", uses="Thins the blood.")
    Drug.objects.filter(pk=drug.pk).update(monograph_html={"uses": "<p>kept</p>"})
    drug.refresh_from_db()
    services.drug_update(drug=drug, kind=Drug.Kind.OTC)
    assert Drug.objects.get(pk=drug.pk).monograph_html == {"uses": "<p>kept</p>"}


def test_the_page_shows_the_stored_html_and_renders_no_markdown(client):
    drug = make_drug(
        name="Warfarin", uses="Thins the **blood**.", boxed_warning="Can cause *bleeding*."
    )
    page = client.get(drug.get_absolute_url()).content.decode()
    assert "<p>Thins the <strong>blood</strong>.</p>" in page
    assert "<em>bleeding</em>" in page
    # Whatever was stored when saved is what the page shows: the Markdown fields are not read.
    Drug.objects.filter(pk=drug.pk).update(
        monograph_html={
            "uses": "<p>Stored when saved.</p>",
            "boxed_warning": "<p>Stored warning.</p>",
        }
    )
    page = client.get(drug.get_absolute_url()).content.decode()
    assert "<p>Stored when saved.</p>" in page and "<p>Stored warning.</p>" in page
    assert "<strong>blood</strong>" not in page and "<em>bleeding</em>" not in page


def test_clearing_a_label_monograph_clears_its_html():
    drug = make_drug(
        name="Warfarin", uses="From the label.", monograph_origin=Drug.MonographOrigin.LABEL
    )
    assert drug.monograph_html
    drug_label_monograph_clear(drug=drug)
    assert Drug.objects.get(pk=drug.pk).monograph_html == {}


class _FormValues(HTMLParser):
    """The values a browser would submit from the admin's change form."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "input" and name and attributes.get("type") not in {"submit", "checkbox"}:
            self.values[name] = attributes.get("value") or ""
        elif tag == "input" and name and "checked" in attributes:
            self.values[name] = attributes.get("value") or "on"
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""
        elif tag == "select" and name:
            self._select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attributes:
            self.values[self._select] = attributes.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def test_an_admin_save_renders_the_new_text(client):
    drug = make_drug(name="Warfarin", uses="Old text.")
    client.force_login(make_user(is_staff=True, is_superuser=True))
    url = reverse("admin:drugs_drug_change", args=[drug.pk])
    form = _FormValues()
    form.feed(client.get(url).content.decode())
    form.values["uses"] = "New **admin** text."
    form.values.pop("_addanother", None)
    response = client.post(url, form.values)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Drug.objects.get(pk=drug.pk).monograph_html["uses"] == (
        "<p>New <strong>admin</strong> text.</p>"
    )
