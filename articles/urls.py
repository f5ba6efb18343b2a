from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("conditions/<slug:slug>/", views.condition_detail, name="condition_detail"),
]
