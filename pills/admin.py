from django.contrib import admin

from pills.models import Pill, PillImage


class PillImageInline(admin.TabularInline):
    model = PillImage
    extra = 0
    fields = ("source_name", "original", "rendition", "width", "height")
    readonly_fields = ("source_name", "width", "height")


@admin.register(Pill)
class PillAdmin(admin.ModelAdmin):
    list_display = ("name", "imprint", "shape", "product_ndc", "source", "updated_at")
    list_filter = ("source", "shape")
    search_fields = ("name", "imprint", "product_ndc", "labeler")
    raw_id_fields = ("drug", "product")
    readonly_fields = ("imprint_tokens", "colors_mask", "source_key", "commonness", "updated_at")
    inlines = [PillImageInline]

    def save_model(self, request, obj, form, change):
        """Admin edits go through the service so tokens and the search index stay in step."""
        from pills.services import pill_upsert

        result = pill_upsert(
            source=obj.source or "editorial",
            source_key=obj.source_key or f"editorial:{obj.product_ndc}:{obj.imprint}",
            imprint=obj.imprint,
            shape=obj.shape,
            colors=obj.colors,
            product_ndc=obj.product_ndc,
            package_ndcs=obj.package_ndcs,
            name=obj.name,
            strength=obj.strength,
            dosage_form=obj.dosage_form,
            labeler=obj.labeler,
            size_mm=obj.size_mm,
            score=obj.score,
            drug=obj.drug,
            product=obj.product,
        )
        obj.pk = result.pill.pk
        obj.source_key = result.pill.source_key
