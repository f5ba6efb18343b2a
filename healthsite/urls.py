"""Top-level URLs. Each app owns its public paths (see DESIGN.md "Public URLs")."""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.cache import cache_page

from healthsite import views
from healthsite.registry import app_modules


def _sitemaps() -> dict:
    """Every app may offer `SITEMAPS` in its `sitemaps.py`."""
    found = {}
    for _app, module in app_modules("sitemaps"):
        found.update(module.SITEMAPS)
    return found


urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        cache_page(600)(sitemap),
        {"sitemaps": _sitemaps()},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("preferences/font-size/", views.font_size, name="font_size"),
    path("", include("healthsite.pages_urls")),
    path("search/", include("search.urls")),
    path("accounts/", include("accounts.urls")),
    path("", include("articles.urls")),
    path("", include("drugs.urls")),
    path("", include("pills.urls")),
    path("", include("mymedicine.urls")),
    path("community/", include("community.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "healthsite.views.bad_request"
handler403 = "healthsite.views.permission_denied"
handler404 = "healthsite.views.page_not_found"
handler500 = "healthsite.views.server_error"
