from django.urls import path

from articles import views
from articles.feeds import NewArticlesFeed

app_name = "articles"

urlpatterns = [
    path("health-centers/", views.health_center_list, name="health_center_list"),
    path("health-centers/<slug:slug>/", views.health_center_detail, name="health_center_detail"),
    path("articles/<slug:slug>/", views.article_detail, name="article_detail"),
    path("articles/<slug:slug>/<str:page>/", views.article_detail, name="article_page"),
    path("conditions/", views.condition_list, name="condition_list"),
    path("conditions/<slug:slug>/", views.condition_detail, name="condition_detail"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag_detail"),
    path("feeds/articles/", NewArticlesFeed(), name="feed"),
]
