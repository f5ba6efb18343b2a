"""Data steward and editor screens for interactions."""

from django.contrib import admin

from .models import Interaction


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin):
    list_display = ["ingredient_a", "ingredient_b", "severity", "source", "class_a", "class_b"]
    list_filter = ["severity", "source"]
    search_fields = [
        "ingredient_a__name",
        "ingredient_b__name",
        "class_a",
        "class_b",
        "source_reference",  # an editorial rule's id
    ]
    raw_id_fields = ["ingredient_a", "ingredient_b"]
    list_select_related = ["ingredient_a", "ingredient_b"]
