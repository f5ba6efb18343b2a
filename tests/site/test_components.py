"""Every component renders its documented example, with the accessibility hooks it promises."""

import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils.safestring import mark_safe

from healthsite.paginate import paginate

TEMPLATES = Path(settings.BASE_DIR) / "templates"
COMPONENTS = sorted((TEMPLATES / "components").glob("*.html"))


def render(component: str, **context) -> str:
    return render_to_string(f"components/{component}.html", context)


class ExampleForm(forms.Form):
    email = forms.EmailField(label="Email address", help_text="We send a confirmation link.")
    name = forms.CharField(label="Full name")
    colour = forms.ChoiceField(
        label="Colour",
        choices=[("white", "White"), ("blue", "Blue")],
        widget=forms.RadioSelect,
        help_text="Pick one.",
    )
    agree = forms.BooleanField(label="I agree")
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea)
    next = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        raise forms.ValidationError("Something is wrong with the whole form.")


def invalid_form() -> ExampleForm:
    form = ExampleForm(data={"email": "nope", "name": "", "notes": "fine"})
    assert not form.is_valid()
    return form


# --- Conventions -----------------------------------------------------------------------


def test_every_component_opens_with_a_comment_listing_parameters_and_an_example():
    assert len(COMPONENTS) >= 12
    for path in COMPONENTS:
        text = path.read_text()
        assert text.startswith("{#"), path.name
        header = text.split("{% endcomment %}", 1)[0]
        assert "Parameters:" in header, path.name
        assert "Example" in header, path.name
        assert f'components/{path.name}" with' in header, path.name
        assert " only %}" in header, path.name


def test_every_include_of_a_component_uses_only():
    include = re.compile(r"{%\s*include\s+\"components/[^\"]+\"(?P<rest>[^%]*)%}")
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        # Examples inside the documentation comments count too: they are copied.
        for match in include.finditer(text):
            if not match.group("rest").rstrip().endswith("only"):
                offenders.append(f"{path.relative_to(TEMPLATES)}: {match.group(0)}")
    assert offenders == []


def test_styleguide_renders_every_component(client, db):
    source = (TEMPLATES / "styleguide.html").read_text()
    html = client.get("/styleguide/").content.decode()
    for path in COMPONENTS:
        assert f'"components/{path.name}"' in source or path.stem == "field", path.name
    for css_class in [
        "breadcrumbs",
        "pagination",
        "contents-list",
        "error-summary",
        "form-group",
        "warning-callout",
        "inset-text",
        "card",
        "tag-list",
        "details",
        "button button--primary",
        "button button--secondary",
        "button button--warning",
    ]:
        assert f'class="{css_class}' in html, css_class


# --- Breadcrumbs -----------------------------------------------------------------------


def test_breadcrumbs_link_ancestors_and_mark_the_current_page():
    html = render(
        "breadcrumbs",
        items=[
            {"text": "Home", "href": "/"},
            {"text": "Health centers", "href": "/health-centers/"},
            {"text": "Knee <pain>", "href": ""},
        ],
    )
    assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in html
    assert '<a class="breadcrumbs__link" href="/health-centers/">Health centers</a>' in html
    assert '<li class="breadcrumbs__item" aria-current="page">Knee &lt;pain&gt;</li>' in html
    assert html.count("<a ") == 2


def test_breadcrumbs_without_items_render_nothing():
    assert render("breadcrumbs", items=[]).strip() == ""


# --- Pagination ------------------------------------------------------------------------


def pagination_context(number: int, count: int = 300, per_page: int = 10) -> dict:
    paginator = Paginator(range(count), per_page)
    page_obj = paginator.page(number)
    return {
        "page_obj": page_obj,
        "page_range": list(paginator.get_elided_page_range(number, on_each_side=2, on_ends=1)),
    }


def test_pagination_marks_current_page_and_keeps_the_query():
    html = render("pagination", query="q=knee+pain&kind=drug", **pagination_context(8))
    current = re.findall(r"<a [^>]*aria-current=\"page\"[^>]*>(\d+)</a>", html)
    assert current == ["8"]
    assert 'href="?q=knee+pain&amp;kind=drug&amp;page=7" rel="prev"' in html
    assert 'href="?q=knee+pain&amp;kind=drug&amp;page=9" rel="next"' in html
    assert 'aria-label="Page 30"' in html
    assert html.count("&ctdot;") == 2  # pages left out on both sides


def test_pagination_first_page_has_no_previous_link_and_plain_query():
    html = render("pagination", query="", **pagination_context(1))
    assert 'rel="prev"' not in html
    assert 'href="?page=2" rel="next"' in html
    assert 'href="?page=1" aria-label="Page 1" aria-current="page"' in html


def test_pagination_with_one_page_renders_nothing():
    assert render("pagination", query="", **pagination_context(1, count=5)).strip() == ""


def test_paginate_helper_returns_page_range_and_query_without_page():
    request = RequestFactory().get("/drugs/", {"q": "ibu", "page": "3"})
    page_obj, page_range, query = paginate(request, list(range(95)), 10)
    assert page_obj.number == 3
    assert list(page_obj.object_list) == list(range(20, 30))
    assert page_range[:5] == [1, 2, 3, 4, 5]
    assert query == "q=ibu"


def test_paginate_helper_defaults_to_the_first_page_of_an_empty_list():
    page_obj, page_range, query = paginate(RequestFactory().get("/"), [], 10)
    assert page_obj.number == 1
    assert page_range == [1]
    assert query == ""


@pytest.mark.parametrize("page", ["0", "11", "-1", "abc", "2.5", " 2", "²", "9" * 50, "01"])
def test_paginate_helper_404s_for_pages_that_are_not_there(page):
    request = RequestFactory().get("/", {"page": page})
    with pytest.raises(Http404):
        paginate(request, list(range(95)), 10)


# --- Contents list ---------------------------------------------------------------------


def test_contents_list_marks_current_page_without_linking_it():
    html = render(
        "contents_list",
        title="Pages in this guide",
        items=[
            {"text": "Overview", "href": "/articles/knee/", "current": False},
            {"text": "Treatment", "href": "/articles/knee/2/", "current": True},
        ],
    )
    assert 'aria-label="Pages in this guide"' in html
    assert '<a class="contents-list__link" href="/articles/knee/">Overview</a>' in html
    assert re.search(r'<li [^>]*aria-current="page"><span[^>]*>Treatment</span></li>', html)
    assert "/articles/knee/2/" not in html


def test_contents_list_default_title():
    html = render("contents_list", items=[{"text": "A", "href": "/a/", "current": True}])
    assert 'aria-label="Contents"' in html


# --- Error summary and fields ----------------------------------------------------------


def test_error_summary_links_each_error_to_its_field_id():
    form = invalid_form()
    html = render("error_summary", form=form)
    assert 'data-module="error-summary"' in html
    assert 'tabindex="-1"' in html
    assert "There is a problem" in html
    assert '<a href="#id_email">Enter a valid email address.</a>' in html
    assert '<a href="#id_name">This field is required.</a>' in html
    # A radio group links to its first option, which has the field's label.
    assert '<a href="#id_colour_0">' in html
    assert "<li>Something is wrong with the whole form.</li>" in html
    # Every linked id exists in the rendered fields.
    fields_html = render("form_fields", form=form)
    for target in re.findall(r'href="#([^"]+)"', html):
        assert f'id="{target}"' in fields_html, target


def test_error_summary_is_empty_for_unbound_and_valid_forms():
    assert render("error_summary", form=ExampleForm()).strip() == ""

    class Valid(forms.Form):
        name = forms.CharField()

    form = Valid(data={"name": "Ana"})
    assert form.is_valid()
    assert render("error_summary", form=form).strip() == ""


def test_field_has_label_hint_error_and_describedby():
    form = invalid_form()
    html = render("field", field=form["email"])
    assert '<label class="label" for="id_email">Email address</label>' in html
    assert '<div class="hint" id="id_email_helptext">We send a confirmation link.</div>' in html
    assert 'id="id_email_error"' in html
    assert "Enter a valid email address." in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert 'aria-invalid="true"' in html
    assert "form-group--error" in html


def test_field_without_errors_is_not_invalid():
    html = render("field", field=ExampleForm()["email"])
    assert "aria-invalid" not in html
    assert 'aria-describedby="id_email_helptext"' in html
    assert "form-group--error" not in html


def test_optional_field_says_so():
    html = render("field", field=ExampleForm()["notes"])
    assert "(optional)" in html
    assert "<textarea" in html


def test_radio_group_is_a_fieldset_described_by_hint_and_error():
    html = render("field", field=invalid_form()["colour"])
    assert (
        '<fieldset class="fieldset" aria-describedby="id_colour_helptext id_colour_error">' in html
    )
    assert '<legend class="fieldset__legend">Colour</legend>' in html
    assert 'id="id_colour_0"' in html


def test_checkbox_label_follows_the_box():
    html = render("field", field=invalid_form()["agree"])
    box = html.index('type="checkbox"')
    label = html.index('<label class="checkbox__label" for="id_agree">I agree</label>')
    assert box < label
    assert 'aria-describedby="id_agree_error"' in html


def test_form_fields_and_django_form_rendering_use_the_components():
    form = invalid_form()
    html = render("form_fields", form=form)
    assert html.count('class="form-group') == 5
    assert '<input type="hidden" name="next"' in html
    # {{ form }} and field.as_field_group go through FORM_RENDERER to the same templates.
    assert str(form).count('class="form-group') == 5
    assert 'id="id_email_error"' in str(form)
    assert 'class="form-group form-group--error"' in form["email"].as_field_group()


# --- Content components ----------------------------------------------------------------


def test_warning_callout_text_is_escaped_and_html_is_kept():
    html = render("warning_callout", heading="Call 999 if", text="<b>chest pain</b>")
    assert "Call 999 if" in html
    assert "&lt;b&gt;chest pain&lt;/b&gt;" in html
    html = render("warning_callout", html=mark_safe("<ul><li>swelling</li></ul>"))
    assert "<ul><li>swelling</li></ul>" in html
    assert "Important" in html


def test_inset_text_renders_text_or_html():
    assert "<p>Most people get better.</p>" in render("inset_text", text="Most people get better.")
    assert "<p><em>x</em></p>" in render("inset_text", html=mark_safe("<p><em>x</em></p>"))
    assert "&lt;script&gt;" in render("inset_text", text="<script>")


def test_card_with_link_image_and_meta():
    html = render(
        "card",
        title="Knee pain",
        href="/health-centers/knee-pain/",
        description="Causes and treatment.",
        image="/static/img/pill-example.svg",
        image_alt="A knee",
        meta="8 articles",
    )
    assert "card--clickable" in html
    assert '<a class="card__link" href="/health-centers/knee-pain/">Knee pain</a>' in html
    assert 'alt="A knee"' in html
    assert "8 articles" in html


def test_card_without_link_or_alt():
    html = render("card", title="Plain", image="/x.png")
    assert "card--clickable" not in html
    assert "<a " not in html
    assert 'alt=""' in html


def test_tag_list_links_and_plain_tags():
    html = render(
        "tag_list", tags=[{"text": "Arthritis", "href": "/tags/arthritis/"}, {"text": "Expert"}]
    )
    assert '<a class="tag tag--link" href="/tags/arthritis/">Arthritis</a>' in html
    assert '<strong class="tag">Expert</strong>' in html
    assert render("tag_list", tags=[]).strip() == ""


def test_details_summary_and_text():
    html = render("details", summary="What is a generic?", text="Same active ingredient.")
    assert '<details class="details">' in html
    assert "What is a generic?</span></summary>" in html
    assert "<p>Same active ingredient.</p>" in html


def test_details_items_are_an_escaped_list():
    html = render("details", summary="Also sold as", items=["NDC 1", "<b>NDC 2</b>"])
    assert (
        '<ul class="list list--bullet"><li>NDC 1</li><li>&lt;b&gt;NDC 2&lt;/b&gt;</li></ul>' in html
    )


def test_button_variants():
    html = render("button", text="Save")
    assert '<button class="button button--primary" type="submit">Save</button>' in html
    html = render(
        "button", text="Delete", variant="warning", name="action", value="delete", type="submit"
    )
    assert 'class="button button--warning"' in html
    assert 'name="action" value="delete"' in html
    html = render("button", text="Cancel", variant="secondary", type="button")
    assert 'class="button button--secondary" type="button"' in html
    html = render("button", text="Start now", href="/pills/")
    assert '<a class="button button--primary" href="/pills/"' in html
    assert "<button" not in html
