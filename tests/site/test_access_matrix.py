"""The access matrix (issue 16, item 3): every URL in the URLconf, requested by GET and POST
as anonymous, member B, member A (the owner of everything in `hostile_world`), a group
moderator and staff, must answer as `access_table.ACCESS` declares; private text never
reaches anyone it is not for, and nothing answers 500.

Each request runs in a savepoint rolled back afterwards, so every visitor meets the same
world (a POST by A that deletes a profile does not hide it from the next visitor).
"""

from __future__ import annotations

import pytest
from django.urls import URLResolver, reverse

from tests.site.access_table import ACCESS, LOGIN, MARKERS_SEEN_BY, Access
from tests.site.hostile_world import (
    PRIVATE_MARKERS,
    ROLES,
    World,
    request_as,
    site_patterns,
    url_for,
    url_kwargs,
)

pytestmark = pytest.mark.django_db
METHODS = ("get", "post")


def _expected(access: Access, role: str, method: str) -> int | str | set[int]:
    if access.admits(role):
        if role in access.per_role:
            return access.per_role[role][METHODS.index(method)]
        return access.get if method == "get" else access.post
    if role == "anonymous":
        return access.anonymous
    # A refused member: 403 or 404; a GET of a POST-only action may be a 405 first.
    declared = access.get if method == "get" else access.post
    return {403, 404, 405} if declared == 405 else {403, 404}


def _outcome(response) -> int | str:
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    return response.status_code


def _leaks(w: World, role: str, response) -> list[str]:
    body = response.content.decode(errors="replace")
    leaks = [
        marker
        for kind, markers in PRIVATE_MARKERS.items()
        if role not in MARKERS_SEEN_BY[kind]
        for marker in markers
        if marker in body
    ]
    if role != "owner" and w.users["owner"].email in body:
        leaks.append("the owner's email address")
    return leaks


def test_every_url_is_declared_and_has_arguments(hostile_world):
    world = hostile_world
    patterns = site_patterns()
    undeclared = sorted(set(patterns) - set(ACCESS))
    assert not undeclared, (
        f"URLs without an access declaration in tests/site/access_table.py: {undeclared}"
    )
    stale = sorted(set(ACCESS) - set(patterns))
    assert not stale, f"declarations for URLs that no longer exist: {stale}"
    for key, route in patterns.items():
        if "<" in route and key != "media":
            assert key in url_kwargs(world), f"{key} ({route}) needs arguments in hostile_world"


@pytest.mark.parametrize("key", sorted(site_patterns()))
def test_access_matrix(hostile_world, key):
    world = hostile_world
    access = ACCESS.get(key)
    assert access is not None, f"{key} has no access declaration in tests/site/access_table.py"
    url = url_for(key, world)
    wrong, leaks = [], []
    for method in METHODS:
        for role in ROLES:
            response = request_as(world, role, method, url)
            expected, got = _expected(access, role, method), _outcome(response)
            ok = got in expected if isinstance(expected, set) else got == expected
            if not ok:
                wrong.append(f"{method.upper()} as {role}: {got}, declared {expected}")
            leaks += [
                f"{method.upper()} as {role}: {leak}" for leak in _leaks(world, role, response)
            ]
    assert not wrong, f"{key} {url} ({access.level}):\n" + "\n".join(wrong)
    assert not leaks, f"{key} {url} shows private text:\n" + "\n".join(leaks)


def admin_urls(w: World) -> list[str]:
    """A concrete URL for every pattern of the admin, naming real objects where it can."""
    from django.contrib import admin

    urls = [reverse("admin:index"), "/admin/no-such-page/"]
    for name in ("password_change", "password_change_done", "jsi18n"):
        urls.append(reverse(f"admin:{name}"))
    urls.append(reverse("admin:autocomplete"))
    for model, _model_admin in admin.site._registry.items():
        meta = model._meta
        prefix = f"admin:{meta.app_label}_{meta.model_name}"
        obj = model._default_manager.order_by("pk").first()
        pk = obj.pk if obj is not None else 1
        urls.append(reverse(f"{prefix}_changelist"))
        urls.append(reverse(f"{prefix}_add"))
        for view in ("history", "delete", "change"):
            urls.append(reverse(f"{prefix}_{view}", args=[pk]))
        urls.append(reverse("admin:app_list", args=[meta.app_label]))
    return sorted(set(urls))


def test_every_admin_url_is_for_staff_only(hostile_world):
    world = hostile_world
    from django.contrib import admin

    patterns = 0

    def count(entries):
        nonlocal patterns
        for entry in entries:
            if isinstance(entry, URLResolver):
                count(entry.url_patterns)
            else:
                patterns += 1

    count(admin.site.urls[0])
    urls = admin_urls(world)
    # Each model adds six patterns and we request five of them (the sixth redirects to
    # change); the site-wide ones are all requested except the login and logout pages,
    # which serve anyone.
    assert len(urls) >= patterns - len(admin.site._registry) - 4
    wrong = []
    for url in urls:
        for role in ("anonymous", "owner"):
            for method in METHODS:
                response = request_as(world, role, method, url)
                if response.status_code == 200 and url.endswith(("/logout/", "/jsi18n/")):
                    continue  # the admin's logout page and its translations catalogue
                if response.status_code != 302 or "/admin/login/" not in response["Location"]:
                    wrong.append(f"{method.upper()} {url} as {role}: {response.status_code}")
        response = request_as(world, "staff", "get", url)
        if response.status_code >= 500:
            wrong.append(f"GET {url} as staff: {response.status_code}")
    assert not wrong, "\n".join(wrong)
