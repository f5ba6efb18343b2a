"""Site-wide response headers: security policy and HTTP caching rules."""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers


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
    Everything else is marked private so a CDN never stores health data.
    """

    SHARED_MAX_AGE = 60

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
            patch_cache_control(response, public=True, max_age=self.SHARED_MAX_AGE)
        else:
            patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
        return response
