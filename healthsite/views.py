"""Site-wide views: home, fixed pages, preferences, health check and error pages."""

import sys

from django.conf import settings
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from healthsite import registry
from healthsite.forms import StyleguideExampleForm
from healthsite.preferences import FONT_SIZE_COOKIE, FONT_SIZE_MAX_AGE, FONT_SIZES

STATIC_PAGES = {"about", "privacy", "accessibility", "disclaimer", "terms"}


def home(request):
    """The home page gathers the sections apps register in `registry.home_sections`."""
    sections = registry.home_sections.sections(request)
    return render(request, "home.html", {"sections": sections})


def static_page(request, page: str):
    return render(request, f"pages/{page}.html")


def _pagination_example(number: int, *, count: int, per_page: int = 10) -> dict:
    paginator = Paginator(range(count), per_page)
    page_obj = paginator.page(number)
    page_range = list(paginator.get_elided_page_range(number, on_each_side=2, on_ends=1))
    return {"page_obj": page_obj, "page_range": page_range}


def styleguide(request):
    """Every component with its variants, rendered from the same templates the site uses."""
    invalid_form = StyleguideExampleForm(
        data={
            "invalid-name": "",
            "invalid-email": "not an email",
            "invalid-reminders": "on",
            "invalid-notes": "Take with breakfast.",
        },
        prefix="invalid",
    )
    invalid_form.is_valid()  # fills form.errors for the error summary example
    context = {
        "breadcrumbs": [
            {"text": _("Home"), "href": "/"},
            {"text": _("Health centers"), "href": "/health-centers/"},
            {"text": _("Knee pain"), "href": ""},
        ],
        "pagination_middle": _pagination_example(8, count=300),
        "pagination_first": _pagination_example(1, count=300),
        "pagination_last": _pagination_example(3, count=25),
        "pagination_query": "q=knee+pain&kind=article",
        "contents_items": [
            {"text": _("Overview"), "href": "#contents-overview", "current": False},
            {"text": _("Causes"), "href": "#contents-causes", "current": True},
            {"text": _("Treatment"), "href": "#contents-treatment", "current": False},
            {"text": _("When to get help"), "href": "#contents-help", "current": False},
        ],
        "tags": [
            {"text": _("Arthritis"), "href": "#tag-arthritis"},
            {"text": _("Knee pain"), "href": "#tag-knee-pain"},
            {"text": _("Expert answer")},
        ],
        "example_html": format_html(
            "<p>{}</p><ul><li>{}</li><li>{}</li></ul>",
            _("Get help straight away if:"),
            _("your knee is very swollen"),
            _("you cannot put any weight on your leg"),
        ),
        "invalid_form": invalid_form,
        "example_form": StyleguideExampleForm(prefix="example"),
    }
    return render(request, "styleguide.html", context)


@require_GET
@never_cache
def font_size(request):
    """Remember the reader's text size and go back to the page they were on.

    A GET form, on purpose: it only sets a display preference (the worst a forged request can
    do is change someone's text size), so the form in every page's header needs no CSRF token
    and anonymous pages set no cookie. Without JavaScript the form comes here and we redirect
    back; with JavaScript the script asks with `Accept: application/json` and applies the
    size without a reload.
    """
    size = request.GET.get("size", "normal")
    if size not in FONT_SIZES:
        size = "normal"
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response: HttpResponse
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


# Seconds a reader (or a proxy) is asked to wait when the database cannot be reached.
DATABASE_RETRY_AFTER = 5


def server_error(request):
    """500, or 503 with Retry-After when the database is unreachable (restarting, locked).

    Django calls this while handling the exception, so sys.exc_info() names it. Kept minimal:
    no database queries or context processors that could fail again.
    """
    from django.template import loader

    context = {"SITE_NAME": settings.SITE_NAME}
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        template = loader.get_template("errors/503.html")
        response = HttpResponse(template.render(context), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
        return response
    template = loader.get_template("errors/500.html")
    return HttpResponse(template.render(context), status=500)
