"""Editor screens: subscribers, and editions drafted, previewed and sent from the admin."""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Edition, Subscriber


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "created_at", "confirmed_at", "unsubscribed_at"]
    list_filter = [("confirmed_at", admin.EmptyFieldListFilter), "unsubscribed_at"]
    search_fields = ["email"]
    readonly_fields = ["created_at", "confirmed_at", "unsubscribed_at"]


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["subject", "status", "created_at", "sent_at", "preview_link"]
    list_filter = ["status"]
    prepopulated_fields = {"slug": ["subject"]}
    readonly_fields = ["status", "sent_at"]
    actions = ["send_editions"]
    change_list_template = "admin/newsletter/edition/change_list.html"

    @admin.display(description=_("Preview"))
    def preview_link(self, edition):
        return format_html('<a href="{}">{}</a>', edition.get_absolute_url(), _("Preview"))

    def get_urls(self):
        return [
            path(
                "draft-from-week/",
                self.admin_site.admin_view(self.draft_from_week),
                name="newsletter_edition_draft",
            ),
            *super().get_urls(),
        ]

    def draft_from_week(self, request):
        if request.method != "POST" or not self.has_add_permission(request):
            return redirect("admin:newsletter_edition_changelist")
        edition = services.edition_draft_from_week()
        self.message_user(request, _("Drafted “%s” from this week's content.") % edition)
        return redirect(reverse("admin:newsletter_edition_change", args=[edition.pk]))

    @admin.action(description=_("Send to confirmed subscribers (in batches)"))
    def send_editions(self, request, queryset):
        for edition in queryset:
            if edition.status == Edition.Status.SENT:
                self.message_user(
                    request, _("“%s” was sent already.") % edition, level=messages.WARNING
                )
                continue
            services.edition_send_start(edition=edition)
            self.message_user(request, _("Sending “%s”.") % edition)
