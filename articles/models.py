"""Health centers, conditions and multi-page articles."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Condition(models.Model):
    """A medical condition: the shared vocabulary drugs, articles and groups point at."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    synonyms = models.JSONField(_("other names"), default=list, blank=True)
    icd10_code = models.CharField(
        _("ICD-10-CM code"), max_length=10, unique=True, null=True, blank=True
    )
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:condition_detail", args=[self.slug])
