from django.urls import path

from drugs import class_views, product_views, views

app_name = "drugs"

urlpatterns = [
    path("drugs/", views.drug_index, name="index"),
    path("drugs/<slug:slug>/", views.drug_detail, name="detail"),
    path(
        "drugs/supplement-products/<int:dsld_id>/",
        product_views.supplement_product_detail,
        name="supplement_product",
    ),
    path(
        "drugs/<slug:slug>/products/",
        product_views.supplement_product_list,
        name="supplement_products",
    ),
    path("drugs/classes/<slug:slug>/", class_views.drug_class_detail, name="class"),
    path("drugs/<slug:slug>/reviews/", views.review_list, name="reviews"),
    path("drugs/<slug:slug>/reviews/write/", views.review_write, name="review_write"),
    path("drugs/<slug:slug>/reviews/<int:pk>/helpful/", views.review_helpful, name="helpful"),
    path("drugs/<slug:slug>/reviews/<int:pk>/report/", views.review_report, name="report"),
    path("drugs/<slug:slug>/reviews/<int:pk>/hide/", views.review_hide, name="hide"),
    path("api/drugs/suggest", views.suggest, name="suggest"),
]
