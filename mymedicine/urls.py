from django.urls import path

from . import views

app_name = "mymedicine"

urlpatterns = [
    path("my-medicine/", views.index, name="index"),
    path("my-medicine/profiles/add/", views.profile_add, name="profile_add"),
    path("my-medicine/profiles/<int:pk>/", views.profile_detail, name="profile"),
    path("my-medicine/profiles/<int:pk>/edit/", views.profile_edit, name="profile_edit"),
    path("my-medicine/profiles/<int:pk>/delete/", views.profile_delete, name="profile_delete"),
    path("my-medicine/profiles/<int:pk>/print/", views.profile_print, name="profile_print"),
    path("my-medicine/profiles/<int:pk>/alerts/", views.profile_alerts, name="profile_alerts"),
    path(
        "my-medicine/profiles/<int:pk>/medicines/<int:medicine_pk>/remove/",
        views.medicine_remove,
        name="medicine_remove",
    ),
    path("my-medicine/save/<slug:slug>/", views.save_drug, name="save"),
    path("my-medicine/alerts/", views.alerts, name="alerts"),
    path(
        "my-medicine/alerts/unsubscribe/<str:token>/",
        views.recall_unsubscribe,
        name="recall_unsubscribe",
    ),
]
