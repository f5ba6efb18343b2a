"""The server-side page cache: anonymous GET pages answered from the shared cache.

A page is looked up only for a visitor without a session or messages cookie, for a GET with
a bounded query string; it is stored only when the rest of the site marked it shareable
(`Cache-Control: public`, set by `CacheHeadersMiddleware` for anonymous 200s that set no
cookie), it is a complete 200, and it varies on nothing but cookies, language and encoding.
Signed-in members, messages, forms with CSRF tokens (they set the CSRF cookie), errors and
redirects always go to the views.

The key holds the content generation (`healthsite.cache`), so an edit shows at once; the
scheme, host, path and query; the language the visitor would get; the text size (the only
cookie an anonymous page depends on); and whether the response is gzipped (the middleware
sits outside GZipMiddleware, so a hit costs no compression). When a page has been stored
longer than PAGE_CACHE_SECONDS, one request renders it again while the others get the
previous copy; a page missing from the cache is rendered by one request while the others
wait for it (`single_flight`).

Any form a signed-in member submits successfully (POST and friends answered below 400)
starts a new content generation as well: some services change content with
`QuerySet.update()`, which sends no model signal. Visitors' forms (login, sign-up) change no
public content, and must not let anyone empty the cache at will.
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language_from_request

from healthsite.cache import NOT_STORABLE, content_changed, content_generation, single_flight
from healthsite.preferences import font_size_from_request

GZIP = re.compile(r"\bgzip\b")
MAX_QUERY_LENGTH = 200
MAX_QUERY_FIELDS = 6
VARY_ALLOWED = {"cookie", "accept-language", "accept-encoding"}
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
HEADER = "X-Page-Cache"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in UNSAFE_METHODS:
            response = self.get_response(request)
            user = getattr(request, "user", None)
            if response.status_code < 400 and user is not None and user.is_authenticated:
                content_changed()
            return response
        key = self._key(request) if settings.PAGE_CACHE_SECONDS else None
        if key is None:
            return self.get_response(request)
        response = single_flight(
            key=key,
            compute=lambda: self._render(request),
            fresh_for=settings.PAGE_CACHE_SECONDS,
            stale_for=settings.PAGE_CACHE_STALE_SECONDS,
            on_cached=_response_from,
        )
        return _conditional(request, response)

    def _key(self, request) -> str | None:
        if request.method != "GET" or request.path.startswith(settings.STATIC_URL):
            return None
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
            return None
        query = request.META.get("QUERY_STRING", "")
        if len(query) > MAX_QUERY_LENGTH or query.count("&") >= MAX_QUERY_FIELDS:
            return None
        try:
            host = request.get_host()
        except Exception:
            return None
        gzip = bool(GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
        parts = (
            request.scheme,
            host,
            request.path,
            query,
            get_language_from_request(request),
            font_size_from_request(request),
            "gzip" if gzip else "identity",
        )
        digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
        return f"page:{content_generation()}:{digest}"

    def _render(self, request) -> tuple[HttpResponse, object]:
        response = self.get_response(request)
        if not _storable(response):
            return response, NOT_STORABLE
        response.headers[HEADER] = "miss"
        stored = (response.content, [(k, v) for k, v in response.items() if k != HEADER])
        return response, stored


def _storable(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    directives = response.get("Cache-Control", "").split(",")
    control = {part.strip().split("=")[0].lower() for part in directives}
    if "public" not in control or control & {"private", "no-store", "no-cache"}:
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= VARY_ALLOWED


def _response_from(stored, state: str) -> HttpResponse:
    content, headers = stored
    response = HttpResponse(content)
    for name, value in headers:
        response.headers[name] = value
    response.headers[HEADER] = state
    return response


def _conditional(request, response):
    """A 304 when the visitor's copy is current (a rendered page went through Django's
    ConditionalGetMiddleware already; a cached one is checked here)."""
    if response.status_code != 200 or HEADER not in response.headers:
        return response
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )
