from typing import Any

from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _

from drugs import services
from drugs.models import (
    Drug,
    DrugCondition,
    DrugIngredient,
    DrugName,
    DrugSource,
    Ingredient,
    Product,
    Review,
    ReviewReport,
    SupplementProduct,
)
from drugs.services import reviews as review_services


class DrugNameInline(admin.TabularInline):
    model = DrugName
    fields = ["name", "kind"]
    readonly_fields = ["name", "kind"]
    extra = 0
    can_delete = False
    show_change_link = False


class DrugIngredientInline(admin.TabularInline):
    model = DrugIngredient
    autocomplete_fields = ["ingredient"]
    extra = 0


# Source addresses are https; also keeps Django 6's changed default from warning.
HTTPS_URLS: dict[type[models.Field], dict[str, Any]] = {models.URLField: {"assume_scheme": "https"}}


class DrugConditionInline(admin.TabularInline):
    model = DrugCondition
    formfield_overrides = HTTPS_URLS
    raw_id_fields = ["condition"]
    extra = 0


class DrugSourceInline(admin.TabularInline):
    model = DrugSource
    extra = 0
    formfield_overrides = HTTPS_URLS


@admin.register(Drug)
class DrugAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "drug_class", "monograph_origin", "is_published"]
    list_filter = ["kind", "monograph_origin", "is_published", "dea_schedule"]
    search_fields = ["name", "slug", "names__normalized"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [DrugNameInline, DrugIngredientInline, DrugConditionInline, DrugSourceInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.drug_name_add(drug=obj, name=obj.name, kind=DrugName.Kind.GENERIC)
        services.drug_reindex(drug=obj)


@admin.register(Ingredient)
class IngredientAdmin(admin.ModelAdmin):
    list_display = ["name", "unii", "rxcui"]
    search_fields = ["name", "normalized", "unii"]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "strength", "dosage_form", "ndc_printed", "labeler"]
    search_fields = ["name", "ndc", "application_number", "labeler"]
    raw_id_fields = ["drug"]


@admin.register(SupplementProduct)
class SupplementProductAdmin(admin.ModelAdmin):
    """NIH DSLD products, as `import_supplement_products` last wrote them: read only here
    (the next import would overwrite an edit), searchable by name, brand or DSLD id."""

    list_display = ["name", "brand", "form", "drug", "on_market", "dsld_id"]
    list_filter = [
        "on_market",
        ("drug", admin.RelatedOnlyFieldListFilter),
        ("drug", admin.EmptyFieldListFilter),
        "product_type",
        "form",
    ]
    search_fields = ["name", "brand", "=dsld_id"]
    list_select_related = ["drug"]
    show_full_result_count = False
    readonly_fields = [f.name for f in SupplementProduct._meta.fields if f.name != "id"]

    def has_add_permission(self, request):
        return False


@admin.action(description=_("Publish selected reviews"))
def publish_reviews(modeladmin, request, queryset):
    for review in queryset:
        review_services.review_publish(review=review)
    messages.success(request, _("Reviews published."))


@admin.action(description=_("Hide selected reviews"))
def hide_reviews(modeladmin, request, queryset):
    for review in queryset:
        review_services.review_hide(review=review, by=request.user, reason="Hidden in admin")
    messages.success(request, _("Reviews hidden."))


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["drug", "author", "status", "satisfaction", "helpful_count", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["drug", "author", "condition"]
    readonly_fields = ["body_html", "helpful_count"]
    actions = [publish_reviews, hide_reviews]


@admin.register(ReviewReport)
class ReviewReportAdmin(admin.ModelAdmin):
    list_display = ["review", "reporter", "reason", "resolved", "created_at"]
    list_filter = ["resolved"]
    raw_id_fields = ["review", "reporter"]
