"""Values every template needs: site name, font size preference, navigation."""

from django.conf import settings

from healthsite.preferences import font_size_from_request


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "font_size": font_size_from_request(request),
    }
