"""Site-wide views: home, fixed pages, preferences, health check and error pages."""

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from healthsite.preferences import FONT_SIZE_COOKIE, FONT_SIZE_MAX_AGE, FONT_SIZES
from healthsite.registry import app_modules

STATIC_PAGES = {"about", "privacy", "accessibility", "disclaimer", "terms"}


def home(request):
    """The home page gathers a section from each app that offers one (`<app>/home.py`)."""
    sections = []
    for _app, module in app_modules("home"):
        section = module.home_section(request)
        if section:
            sections.append(section)
    sections.sort(key=lambda section: section.get("order", 100))
    return render(request, "home.html", {"sections": sections})


def static_page(request, page: str):
    return render(request, f"pages/{page}.html")


def styleguide(request):
    return render(request, "styleguide.html")


@require_POST
def font_size(request):
    """Remember the reader's text size and go back to the page they were on.

    Without JavaScript the form POSTs here and we redirect back; with JavaScript the
    script posts with `Accept: application/json` and applies the size without a reload.
    """
    size = request.POST.get("size", "normal")
    if size not in FONT_SIZES:
        size = "normal"
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    if "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse({"size": size})
    else:
        response = HttpResponseRedirect(target)
    response.set_cookie(
        FONT_SIZE_COOKIE,
        size,
        max_age=FONT_SIZE_MAX_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=False,  # the script reads it to show the current choice
    )
    return response


@never_cache
@require_GET
def healthz(request):
    """Liveness: 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /my-medicine/",
        "Disallow: /search/",
        "Disallow: /api/",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain")


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    # Kept minimal: no database queries or context processors that could fail again.
    from django.template import loader

    template = loader.get_template("errors/500.html")
    return HttpResponse(template.render({"SITE_NAME": settings.SITE_NAME}), status=500)
