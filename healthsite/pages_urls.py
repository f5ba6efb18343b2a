"""About, privacy and the other fixed pages, plus the living styleguide."""

from django.urls import path

from healthsite import views

urlpatterns = [
    path("about/", views.static_page, {"page": "about"}, name="about"),
    path("privacy/", views.static_page, {"page": "privacy"}, name="privacy"),
    path("accessibility/", views.static_page, {"page": "accessibility"}, name="accessibility"),
    path("medical-disclaimer/", views.static_page, {"page": "disclaimer"}, name="disclaimer"),
    path("terms/", views.static_page, {"page": "terms"}, name="terms"),
    path("styleguide/", views.styleguide, name="styleguide"),
]
