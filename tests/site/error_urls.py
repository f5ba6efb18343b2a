"""URLs for the error-page tests: the site's URLs plus views that fail on purpose."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.urls import include, path

from healthsite.paginate import paginate


def broken(request):
    raise RuntimeError("a bug in a view")


def database_down(request, error):
    """What Django raises when PostgreSQL restarts under a request (or SQLite stays locked)."""
    raise {"OperationalError": OperationalError, "InterfaceError": InterfaceError}[error](
        "connection refused"
    )


def forbidden(request):
    raise PermissionDenied


def bad(request):
    raise SuspiciousOperation("odd request")


def listing(request):
    page_obj, _page_range, query = paginate(request, list(range(30)), 10)
    return HttpResponse(f"{page_obj.number} of {page_obj.paginator.num_pages}: {query}")


urlpatterns = [
    path("test-errors/listing/", listing),
    path("test-errors/500/", broken),
    path("test-errors/403/", forbidden),
    path("test-errors/database/<str:error>/", database_down),
    path("test-errors/400/", bad),
    path("", include("healthsite.urls")),
]

handler400 = "healthsite.views.bad_request"
handler403 = "healthsite.views.permission_denied"
handler404 = "healthsite.views.page_not_found"
handler500 = "healthsite.views.server_error"
