"""The fuzz pass (issue 16, item 3): every URL of the site, every GET parameter its views
read and every field of every form it accepts, given hostile values: oversized strings, NUL
bytes, invalid UTF-8 (raw, in the body and the query string), huge and negative numbers,
malformed dates, lists where one value is expected, a missing CSRF token. Each answer is a
refusal (400, 403, 404, 405) or the page with a form error (200, or a redirect), never a
500, and nothing is logged as a server error.

The parameters are collected, not listed by hand, so a new view cannot be missed: for each
URL, the names its view module reads from `request.GET`/`request.POST`, the fields of the
form classes it builds, and the fields of the forms its page renders (filled with the
page's own values, so the one-time submission token and the CSRF token are real and the
view body runs). Requests are made as the owner (as staff for staff-only URLs), in the
rolled-back world of `hostile_world`.
"""

from __future__ import annotations

import inspect
import logging
import re
import sys
from html.parser import HTMLParser
from urllib.parse import quote_plus, urlencode

import pytest
from django import forms
from django.test import Client
from django.urls import resolve

from tests.site.access_table import ACCESS, MODERATOR, STAFF
from tests.site.hostile_world import World, request_as, site_patterns, url_for

pytestmark = pytest.mark.django_db

REFUSED_OR_ANSWERED = {200, 301, 302, 303, 400, 403, 404, 405}
# Hostile values for one field: each stands for a kind of bad input.
VALUES = {
    "oversized": "x" * 20_000,
    "nul": "a\x00b",
    "huge number": "9" * 30,
    "huge negative": "-" + "9" * 30,
    "negative id": "-1",
    "zero": "0",
    "not a number": "abc",
    "float": "1e309",
    "nan": "NaN",
    "malformed date": "2026-13-45",
    "zero date": "0000-00-00",
    "malformed datetime": "2026-02-30T25:61",
    "markup": "<script>window.__xss=1</script>",
    "path": "../../../etc/passwd",
    "format string": "%s%n%x{0}",
    "sql": "' OR 1=1 --",
    "unicode tricks": "\u202e\ufeff\U0001d55c\ud7ff",
    "whitespace": " \t\r\n ",
    "empty": "",
}
# For one field at a time (the others keep the page's values), the kinds that reach code
# past the form's own checks; every kind is also tried in every field at once.
PER_FIELD = ("oversized", "nul", "huge number", "negative id", "not a number", "malformed date")
# Raw bytes no form sends: invalid UTF-8 and a NUL, in a body and in a query string.
RAW_BODIES = [b"\xff\xfe", b"a=\xc3&b=\xed\xa0\x80", b"a=%ff%fe", b"a=1%00"]
RAW_QUERIES = ["x=%ff%fe", "x=%C3", "x=%ED%A0%80"]
FORM_CONTENT = "application/x-www-form-urlencoded"


class FormCollector(HTMLParser):
    """The forms of a page: action, method and fields with their first value."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {
                "action": a.get("action") or "",
                "method": (a.get("method") or "get").lower(),
                "fields": {},
            }
            self.forms.append(self._form)
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and a["name"] in self._form["fields"]:
                return
            if kind not in ("submit", "button", "image", "file"):
                self._form["fields"][a["name"]] = a.get("value") or (
                    "on" if kind == "checkbox" else ""
                )
        elif tag == "textarea":
            self._form["fields"][a["name"]] = "Some words about it."
        elif tag == "select":
            self._select = a["name"]
            self._form["fields"][a["name"]] = ""
        elif tag == "option" and self._select and self._form["fields"][self._select] == "":
            self._form["fields"][self._select] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _role_for(key: str) -> str:
    return "staff" if ACCESS[key].level in (STAFF, MODERATOR) else "owner"


def _view_source(url: str) -> tuple[str, list[type[forms.BaseForm]]]:
    """The source of `url`'s view (its class for a class-based view), and the form classes
    it builds."""
    callback = inspect.unwrap(resolve(url).func)
    target = getattr(callback, "view_class", None) or callback
    module = sys.modules[target.__module__]
    try:
        source = inspect.getsource(target if inspect.isfunction(target) else type(target))
    except (OSError, TypeError):
        source = ""
    if inspect.isclass(target):
        source = inspect.getsource(target)
    form_classes = [getattr(target, "form_class", None)]
    form_classes += [getattr(module, name, None) for name in re.findall(r"\b(\w+Form)\(", source)]
    return source, [
        f for f in form_classes if isinstance(f, type) and issubclass(f, forms.BaseForm)
    ]


def parameters(w: World, key: str) -> tuple[list[str], dict[str, str]]:
    """GET parameter names and POST fields (name -> a valid value where the page has one)
    for the URL of `key`: what its view reads, its forms' fields, its page's forms."""
    url = url_for(key, w)
    source, form_classes = _view_source(url)
    read = r"request\.{}(?:\.get|\.getlist)?\(?\[?[\"'](\w+)"
    get_names = set(re.findall(read.format("GET"), source))
    if "paginate" in source or "page_number" in source:
        get_names.add("page")
    if "_safe_next" in source:
        get_names.add("next")
    post = dict.fromkeys(re.findall(read.format("POST"), source), "")
    for form_class in form_classes:
        fields = dict.fromkeys(getattr(form_class, "base_fields", {}), "")
        if "request.GET" in source and "request.POST" not in source:
            get_names |= set(fields)
        else:
            post.update(fields)
    page = request_as(w, _role_for(key), "get", url)
    collector = FormCollector()
    if page.status_code == 200 and page["Content-Type"].startswith("text/html"):
        collector.feed(page.content.decode(errors="replace"))
    for form in collector.forms:
        if (form["action"].split("?")[0] or url) != url:
            continue
        if form["method"] == "get":
            get_names |= set(form["fields"])
        else:
            post.update(form["fields"])
    return sorted(get_names), post


def _check(response, label: str, problems: list[str]) -> None:
    if response.status_code not in REFUSED_OR_ANSWERED:
        problems.append(f"{label}: {response.status_code}")


@pytest.fixture(autouse=True)
def _limits_off(settings):
    """Every hostile value must reach the view, not a rate limit: after a few dozen posts
    the newsletter form would answer 429. Limits have their own tests."""
    settings.RATE_LIMITS_ENABLED = False


@pytest.fixture
def server_errors(caplog):
    """Server errors logged by Django while the test runs."""
    caplog.set_level(logging.ERROR, logger="django.request")
    return lambda: [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("key", sorted(k for k in site_patterns() if k != "media"))
def test_fuzz_every_parameter(hostile_world, key, server_errors):
    w = hostile_world
    role = _role_for(key)
    url = url_for(key, w)
    get_names, post_fields = parameters(w, key)
    problems: list[str] = []
    cases = 0

    def send(method, label, *args, **kwargs):
        nonlocal cases
        cases += 1
        _check(request_as(w, role, method, url, *args, **kwargs), label, problems)

    for name in get_names:
        for kind in PER_FIELD:
            send("get", f"GET {name}={kind}", {name: VALUES[kind]})
        send("get", f"GET {name} twice", QUERY_STRING=f"{quote_plus(name)}=1&{quote_plus(name)}=2")
        send("get", f"GET {name}[]", {f"{name}[]": "1"})
    for kind, value in VALUES.items() if get_names else ():
        send("get", f"GET every parameter={kind}", dict.fromkeys(get_names, value))
    for query in RAW_QUERIES:
        send("get", f"GET raw {query}", QUERY_STRING=query)

    if post_fields or "request.POST" in _view_source(url)[0]:
        for name in sorted(set(post_fields) - {"csrfmiddlewaretoken"}):
            for kind in PER_FIELD:
                send("post", f"POST {name}={kind}", {**post_fields, name: VALUES[kind]})
            twice = urlencode({**post_fields, name: ["1", "2"]}, doseq=True)
            send("post", f"POST {name} twice", twice, content_type=FORM_CONTENT)
        for kind, value in VALUES.items():
            send("post", f"POST every field={kind}", dict.fromkeys(post_fields, value))
        for body in RAW_BODIES:
            send("post", f"POST raw {body!r}", body, content_type=FORM_CONTENT)
        # Multipart bodies are not checked by the middleware: a NUL must still not reach
        # the database (PostgreSQL refuses it with an error).
        send("post", "POST multipart NUL", dict.fromkeys(post_fields or ["x"], "a\x00b"))
        # No CSRF token: refused, unless the view is a one-click unsubscribe link.
        strict = Client(enforce_csrf_checks=True, raise_request_exception=False)
        user = w.users[role]
        strict.force_login(user)
        response = request_as(w, role, "post", url, post_fields, client=strict)
        cases += 1
        _check(response, "POST without CSRF", problems)
        if response.status_code != 403 and "unsubscribe" not in key:
            problems.append(f"POST without CSRF: {response.status_code}, not refused")
    assert not problems, f"{key} {url} ({cases} cases):\n" + "\n".join(problems[:40])
    assert not server_errors(), server_errors()[:5]


def test_a_choice_of_rows_by_an_id_too_large_for_the_database_is_a_form_error(hostile_world):
    """Found by the fuzz pass: the group proposal form's conditions and health centers
    (several rows by id) gave a 500 for an id beyond 64 bits."""
    w = hostile_world
    url = url_for("community:group_propose", w)
    for huge in ("9" * 30, str(2**63), str(-(2**63) - 1)):
        data = {"name": "A group", "description": "About it", "visibility": "public"}
        response = request_as(w, "owner", "post", url, {**data, "conditions": huge})
        assert response.status_code == 200
        assert "is not one of the available choices" in response.content.decode()
        response = request_as(w, "owner", "post", url, {**data, "health_centers": [huge, "1"]})
        assert response.status_code == 200
