from django.urls import path

from pills import views

app_name = "pills"

urlpatterns = [
    path("pills/", views.identify, name="identify"),
    path("pills/picture.svg", views.picture, name="picture"),
    path("api/pills/", views.api_identify, name="api"),
]
