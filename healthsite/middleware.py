"""Site-wide middleware: malformed requests refused, security policy and HTTP caching rules,
and the request in hand for links in emails."""

from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import QueryDict
from django.utils.cache import patch_cache_control, patch_vary_headers

from healthsite.email import current_request


class SecurityHeadersMiddleware:
    """Adds the Content Security Policy and Permissions-Policy to every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class CacheHeadersMiddleware:
    """Lets shared caches keep anonymous pages briefly; never caches anything personal.

    A page is shareable only when the visitor is anonymous, the request is a GET, the
    response is a 200 that set no cookie, and the view did not set its own Cache-Control.
    Everything else is marked private so a CDN never stores health data. Shareable pages
    get max-age (browsers), s-maxage (shared caches, shorter: they never hear of edits) and
    stale-while-revalidate from the HTTP_CACHE_* settings; the server's own page cache
    (healthsite.pagecache) stores exactly the pages marked public here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" in response.headers:
            return response
        # Decide from the cookies alone: touching request.user would load the session.
        anonymous = settings.SESSION_COOKIE_NAME not in request.COOKIES
        shareable = (
            anonymous
            and request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.cookies
        )
        if shareable:
            patch_cache_control(
                response,
                public=True,
                max_age=settings.HTTP_CACHE_MAX_AGE,
                s_maxage=settings.HTTP_CACHE_SHARED_MAX_AGE,
                stale_while_revalidate=settings.HTTP_CACHE_STALE_WHILE_REVALIDATE,
            )
        else:
            patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
        return response


class RequestOriginMiddleware:
    """Keeps the request at hand while it is answered, so an email sent meanwhile can link
    to the address the reader is using (only in development without HEALTHSITE_SITE_URL;
    see healthsite.email.site_origin)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)


def _decoded(raw: bytes) -> bytes | None:
    """URL-encoded `raw` (a query string or form body) percent-decoded, or None when it holds
    bytes that are not UTF-8, before or after decoding."""
    try:
        decoded = unquote_to_bytes(raw.replace(b"+", b" "))
        decoded.decode("utf-8")
        raw.decode("utf-8")
    except (UnicodeDecodeError, ValueError):
        return None
    return decoded


class MalformedRequestMiddleware:
    """Refuses with 400 a query string or form body that is not UTF-8, or a form body
    holding a NUL byte; a NUL in a query parameter reads as a space.

    Django would decode invalid UTF-8 to replacement characters (posting "\ufffd\ufffd" as
    a reply) and pass NULs on to the database, which PostgreSQL refuses with an error (a
    500). No form of the site sends either. Links are typed and pasted, though: a search for
    "knee%00pain" is answered like "knee pain" (as the site search always did).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = _decoded(request.META.get("QUERY_STRING", "").encode("latin-1", "replace"))
        if query is None:
            raise BadRequest("Malformed query string")
        if b"\x00" in query:
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", " "), [v.replace("\x00", " ") for v in values])
            cleaned._mutable = False
            request.GET = cleaned
        form = request.content_type == "application/x-www-form-urlencoded"
        if request.method == "POST" and form:
            body = _decoded(request.body)
            if body is None or b"\x00" in body:
                raise BadRequest("Malformed form data")
        return self.get_response(request)
