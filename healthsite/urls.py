"""Top-level URLs. Each app owns its public paths (see DESIGN.md "Public URLs")."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control, cache_page
from django.views.static import serve

from healthsite import registry, views


def _sitemaps() -> dict:
    """The sitemaps apps register in `registry.sitemaps`."""
    found = {}
    for entry in registry.sitemaps:
        found.update(entry.sitemaps)
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
    path("", include("newsletter.urls")),
    path("", include("interactions.urls")),
    path("", include("pills.urls")),
    path("", include("mymedicine.urls")),
    path("community/", include("community.urls")),
    path("admin/", admin.site.urls),
]

if settings.HEALTHSITE_SERVE_MEDIA:
    # Uploaded images are re-encoded by Pillow before they are stored, so serving them from
    # the app is safe; a web server or CDN in front can take this over (see README).
    urlpatterns += [
        re_path(
            r"^media/(?P<path>.*)$",
            cache_control(public=True, max_age=86400)(serve),
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

handler400 = "healthsite.views.bad_request"
handler403 = "healthsite.views.permission_denied"
handler404 = "healthsite.views.page_not_found"
handler500 = "healthsite.views.server_error"
