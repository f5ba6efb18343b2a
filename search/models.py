"""The site index: one row per searchable document, fed by every app's provider."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    kind = models.CharField(_("kind"), max_length=40)
    key = models.CharField(_("key"), max_length=255)
    title = models.CharField(_("title"), max_length=500)
    body = models.TextField(_("body"), blank=True)
    url = models.CharField(_("URL"), max_length=500)
    weight = models.FloatField(_("weight"), default=1.0)
    date = models.DateTimeField(_("date"), null=True, blank=True)
    visibility = models.CharField(_("visibility"), max_length=40, default="public")
    # Not shown before this moment (scheduled content); null: shown at once.
    visible_from = models.DateTimeField(_("visible from"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="search_document_kind_key")
        ]
        indexes = [models.Index(fields=["visibility", "kind"])]
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"
