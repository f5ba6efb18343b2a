"""Data steward and editor screens. Readers' profiles and saved medicines are deliberately
not registered: staff never see them."""

from django.contrib import admin

from .models import Recall, RecallMatch


class RecallMatchInline(admin.TabularInline):
    model = RecallMatch
    raw_id_fields = ["drug", "product"]
    extra = 0


@admin.register(Recall)
class RecallAdmin(admin.ModelAdmin):
    list_display = ["recall_number", "classification", "status", "report_date", "recalling_firm"]
    list_filter = ["classification", "status", "is_bulk", "matches__matched_by"]
    search_fields = ["recall_number", "product_description", "recalling_firm"]
    date_hierarchy = "report_date"
    inlines = [RecallMatchInline]
