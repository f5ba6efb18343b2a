"""Layouts and site-wide template rules that the Content Security Policy depends on."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.test import RequestFactory

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def render_page(source: str) -> str:
    request = RequestFactory().get("/example/")
    request.user = AnonymousUser()
    return engines["django"].from_string(source).render({}, request)


@pytest.mark.django_db
def test_sidebar_layout_has_main_column_and_labelled_aside():
    html = render_page(
        '{% extends "layouts/sidebar.html" %}'
        "{% block main_column %}<h1>Runner's knee</h1>{% endblock %}"
        "{% block sidebar_label %}Pages in this guide{% endblock %}"
        "{% block sidebar %}<p>Contents</p>{% endblock %}"
    )
    assert '<div class="layout-sidebar__main"><h1>Runner' in html
    assert (
        '<aside class="layout-sidebar__aside" aria-label="Pages in this guide"><p>Contents' in html
    )
    assert html.count("<h1") == 1


@pytest.mark.django_db
def test_narrow_layout_wraps_content():
    html = render_page(
        '{% extends "layouts/narrow.html" %}{% block narrow_content %}<h1>Log in</h1>{% endblock %}'
    )
    assert '<div class="layout-narrow"><h1>Log in</h1></div>' in html


def test_no_template_has_inline_styles_or_scripts():
    """The CSP allows no inline style or script; only JSON-LD via {% json_ld %}."""
    style_attr = re.compile(r"<[a-zA-Z][^>]*\sstyle\s*=", re.S)
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.S)
    event_handler = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.S)
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        for pattern in (style_attr, inline_script, event_handler):
            if pattern.search(text):
                offenders.append(f"{path.relative_to(TEMPLATES)}: {pattern.pattern}")
    assert offenders == []
