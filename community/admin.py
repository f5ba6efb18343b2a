"""Staff screens. Changes that affect what the public sees re-sync the search index."""

from django.contrib import admin
from django.db import transaction

from community import search as community_search
from community.models import (
    Answer,
    ExpertProfile,
    Membership,
    ModerationAction,
    Perspective,
    Post,
    Question,
    Report,
    SupportGroup,
    Suspension,
    Thread,
    Topic,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    raw_id_fields = ["user"]
    extra = 0


@admin.register(SupportGroup)
class SupportGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "visibility", "status", "is_official"]
    list_filter = ["visibility", "status", "is_official"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["conditions", "health_centers"]
    inlines = [MembershipInline]
    search_fields = ["name"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        community_search.sync_group(obj, with_threads=True)


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "last_post_at", "is_locked", "is_hidden", "is_held"]
    list_filter = ["is_locked", "is_hidden", "is_held", "group"]
    raw_id_fields = ["author"]
    search_fields = ["title"]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["thread", "number", "author", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["thread", "author", "quote_of"]
    readonly_fields = ["body_html"]


@admin.register(ExpertProfile)
class ExpertProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "credentials", "specialty", "organisation", "status"]
    list_filter = ["status"]
    raw_id_fields = ["user", "verified_by"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["conditions"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["title", "topic", "status", "is_answered"]
    list_filter = ["status", "is_answered", "topic"]
    raw_id_fields = ["asker", "most_helpful"]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["question", "expert", "is_hidden", "created_at"]
    raw_id_fields = ["question", "expert"]


@admin.register(Perspective)
class PerspectiveAdmin(admin.ModelAdmin):
    list_display = ["title", "expert", "is_published", "published_at"]
    raw_id_fields = ["expert"]
    filter_horizontal = ["conditions", "health_centers"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        transaction.on_commit(lambda: community_search.sync_perspective(obj.pk))

    def delete_model(self, request, obj):
        pk = obj.pk
        super().delete_model(request, obj)
        transaction.on_commit(lambda: community_search.sync_perspective(pk))


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["pk", "reason", "status", "created_at"]
    list_filter = ["status", "reason"]
    raw_id_fields = ["reporter", "post", "answer", "resolved_by"]


@admin.register(Suspension)
class SuspensionAdmin(admin.ModelAdmin):
    list_display = ["user", "until", "created_by"]
    raw_id_fields = ["user", "created_by"]


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    """The log is read-only: it is the record of what moderators did."""

    list_display = ["created_at", "moderator", "kind", "reason"]
    list_filter = ["kind"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
