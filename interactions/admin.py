"""Data steward and editor screens for interactions."""

from django.contrib import admin
from django.db import models

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
    # A citation URL typed without a scheme means https (Django 6's default; under Django 5.2
    # the add form warned, and the test suite turns warnings into errors).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
