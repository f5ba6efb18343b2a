from django.urls import path

from . import views

app_name = "interactions"

urlpatterns = [
    path("interactions/", views.checker, name="checker"),
    path("interactions/print/", views.checker_print, name="checker_print"),
    path("api/interactions/", views.checker_json, name="checker_json"),
]
