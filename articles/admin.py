"""Editors' screens: articles with their pages, sources and related reading, health
centers, images (alt text required) and the "due for review" list."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles import images, services
from articles.models import (
    Article,
    ArticleDueForReview,
    ArticleImage,
    ArticlePage,
    ArticleQuerySet,
    ArticleRelation,
    ArticleSource,
    Condition,
    Contributor,
    HealthCenter,
    HealthCenterFeature,
)
from articles.readability import grade_label


@admin.register(Condition)
class ConditionAdmin(admin.ModelAdmin):
    list_display = ["name", "icd10_code", "slug"]
    search_fields = ["name", "icd10_code", "slug"]
    list_filter = ["sort_letter"]
    prepopulated_fields = {"slug": ["name"]}
    show_full_result_count = False
    list_per_page = 100

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.condition_after_admin_save(condition=obj)


@admin.register(Contributor)
class ContributorAdmin(admin.ModelAdmin):
    list_display = ["name", "credentials", "role"]
    search_fields = ["name", "credentials"]
    prepopulated_fields = {"slug": ["name"]}


class ArticleImageForm(forms.ModelForm):
    class Meta:
        model = ArticleImage
        fields = ["image", "alt_text", "credit"]

    def clean_alt_text(self):
        alt_text = (self.cleaned_data.get("alt_text") or "").strip()
        if not alt_text:
            raise ValidationError(_("Describe the picture in the alt text."))
        return alt_text

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload and "image" in self.changed_data:
            upload.seek(0)
            images.open_validated(upload.read())
            upload.seek(0)
        return upload


@admin.register(ArticleImage)
class ArticleImageAdmin(admin.ModelAdmin):
    form = ArticleImageForm
    list_display = ["preview", "alt_text", "width", "height", "created_at"]
    search_fields = ["alt_text", "credit"]
    readonly_fields = ["preview", "width", "height", "rendition_list"]

    @admin.display(description=_("preview"))
    def preview(self, obj):
        if not obj.pk or not obj.image:
            return "-"
        return format_html('<img src="{}" alt="{}" width="160">', obj.thumbnail_src, obj.alt_text)

    @admin.display(description=_("renditions"))
    def rendition_list(self, obj):
        return ", ".join(f"{r['format']} {r['width']}px" for r in obj.renditions) or "-"

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data.get("image") if "image" in form.changed_data else None
        if upload is None:
            super().save_model(request, obj, form, change)
            return
        upload.seek(0)
        services.image_replace_file(image=obj, data=upload.read(), filename=upload.name)


class ArticlePageForm(forms.ModelForm):
    class Meta:
        model = ArticlePage
        fields = ["position", "title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18, "cols": 90})}


class ArticlePageInline(admin.StackedInline):
    model = ArticlePage
    form = ArticlePageForm
    extra = 0
    min_num = 1
    readonly_fields = ["readability"]
    fields = ["position", "title", "body", "readability"]

    class Media:
        js = ["articles/admin/readability.js"]

    @admin.display(description=_("readability (Flesch-Kincaid reading grade)"))
    def readability(self, obj):
        if not obj.pk:
            return _("Shown after saving. Aim for grade 8 or below.")
        return grade_label(obj.reading_grade)


class ArticleSourceForm(forms.ModelForm):
    url = forms.URLField(label=_("URL"), max_length=500, assume_scheme="https")

    class Meta:
        model = ArticleSource
        fields = ["position", "title", "publisher", "url", "accessed_on"]


class ArticleSourceInline(admin.TabularInline):
    model = ArticleSource
    form = ArticleSourceForm
    extra = 0
    fields = ["position", "title", "publisher", "url", "accessed_on"]


class ArticleRelationInline(admin.TabularInline):
    model = ArticleRelation
    fk_name = "from_article"
    extra = 0
    autocomplete_fields = ["to_article"]
    fields = ["position", "to_article"]


class ReviewDueFilter(admin.SimpleListFilter):
    title = _("medical review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("due", _("Due now or overdue")),
            ("soon", _("Due in the next 30 days")),
            ("ok", _("Not due")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "due":
            return queryset.due_for_review(today=today)
        if self.value() == "soon":
            return queryset.filter(
                next_review_due__gt=today, next_review_due__lte=today + dt.timedelta(days=30)
            )
        if self.value() == "ok":
            return queryset.filter(next_review_due__gt=today)
        return queryset


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "status",
        "publish_at",
        "is_live",
        "medical_reviewer",
        "last_reviewed_on",
        "next_review_due",
    ]
    list_filter = ["status", ReviewDueFilter, "health_centers"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "health_centers",
        "conditions",
        "author",
        "medical_reviewer",
        "hero_image",
    ]
    date_hierarchy = "publish_at"
    inlines = [ArticlePageInline, ArticleSourceInline, ArticleRelationInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "hero_image"]}),
        (_("Publishing"), {"fields": ["status", "publish_at"]}),
        (
            _("Medical review"),
            {"fields": ["author", "medical_reviewer", "last_reviewed_on", "next_review_due"]},
        ),
        (_("Where it appears"), {"fields": ["health_centers", "conditions", "tags"]}),
    ]

    @admin.display(boolean=True, description=_("live"))
    def is_live(self, obj):
        return obj.is_public

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.article_after_admin_save(article=form.instance)

    def delete_model(self, request, obj):
        services.article_delete(article=obj)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            services.article_delete(article=article)


@admin.register(ArticleDueForReview)
class ArticleDueForReviewAdmin(admin.ModelAdmin):
    """Articles whose next medical review date has come (or was never set)."""

    list_display = ["title", "status", "medical_reviewer", "last_reviewed_on", "next_review_due"]
    list_display_links = None
    ordering = ["next_review_due", "title"]
    search_fields = ["title"]

    def get_queryset(self, request: HttpRequest) -> ArticleQuerySet:
        queryset = super().get_queryset(request)
        assert isinstance(queryset, ArticleQuerySet)  # Article's default manager makes these
        return queryset.due_for_review().select_related("medical_reviewer")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_article")

    def has_module_permission(self, request):
        return request.user.has_perm("articles.view_article")

    def has_delete_permission(self, request, obj=None):
        return False


class HealthCenterFeatureInline(admin.TabularInline):
    model = HealthCenterFeature
    extra = 0
    autocomplete_fields = ["article"]
    fields = ["position", "article"]


@admin.register(HealthCenter)
class HealthCenterAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["conditions", "hero_image"]
    exclude = ["featured_articles"]
    inlines = [HealthCenterFeatureInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.health_center_render(center=form.instance)

    def delete_model(self, request, obj):
        services.health_center_delete(center=obj)

    def delete_queryset(self, request, queryset):
        for center in queryset:
            services.health_center_delete(center=center)
