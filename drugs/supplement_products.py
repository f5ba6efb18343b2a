"""Dietary supplement products as sold, from the NIH Dietary Supplement Label Database.

`SupplementProduct` is one product label in DSLD (a brand's "Fish Oil 1000 mg"): its brand,
name, form, the kinds of claims on the label and who it is meant for, with the DSLD id that
links to the label on the NIH site. When the product's name says clearly which one
supplement it is (see `drugs.supplement_matching`), `drug` is that supplement's page; a
combination product, or one whose name says nothing we can match safely, has no page.
Imported by `import_supplement_products` (drugs/importers/dsld.py).
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

DSLD_LABEL_URL = "https://dsld.od.nih.gov/label/{id}"


class SupplementProductQuerySet(models.QuerySet):
    def of_drug(self, drug):
        """The products linked to one supplement page, on the market first, then by name."""
        return self.filter(drug=drug).order_by("-on_market", "name", "dsld_id")


class SupplementProduct(models.Model):
    dsld_id = models.PositiveIntegerField(_("DSLD id"), unique=True)
    # The name as DSLD gives it: the brand followed by the product's own name.
    name = models.CharField(_("product name"), max_length=500)
    brand = models.CharField(_("brand"), max_length=255, db_index=True)
    # LanguaL terms as DSLD indexes them, without their codes ("Vitamin", "Softgel Capsule").
    product_type = models.CharField(_("product type"), max_length=255, blank=True)
    form = models.CharField(_("form"), max_length=255, blank=True)
    claims = models.CharField(_("claims or uses on the label"), max_length=1000, blank=True)
    target_groups = models.CharField(_("intended for"), max_length=500, blank=True)
    net_contents = models.CharField(_("net contents"), max_length=100, blank=True)
    serving_size = models.CharField(_("serving size"), max_length=100, blank=True)
    on_market = models.BooleanField(_("on the market"), default=True, db_index=True)
    entered_on = models.DateField(_("entered into DSLD"), null=True, blank=True)
    drug = models.ForeignKey(
        "drugs.Drug",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supplement_products",
        verbose_name=_("supplement page"),
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = SupplementProductQuerySet.as_manager()

    # What an import compares to decide "unchanged" (every field the source gives).
    IMPORTED_FIELDS = (
        "name",
        "brand",
        "product_type",
        "form",
        "claims",
        "target_groups",
        "net_contents",
        "serving_size",
        "on_market",
        "entered_on",
        "drug_id",
    )

    class Meta:
        ordering = ["name", "dsld_id"]
        indexes = [models.Index(fields=["drug", "on_market", "name"])]
        verbose_name = _("supplement product")
        verbose_name_plural = _("supplement products")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("drugs:supplement_product", args=[self.dsld_id])

    @property
    def dsld_url(self) -> str:
        """The product's label on the NIH Dietary Supplement Label Database."""
        return DSLD_LABEL_URL.format(id=self.dsld_id)

    @property
    def claim_list(self) -> list[str]:
        return [c for c in self.claims.split("; ") if c]

    @property
    def target_group_list(self) -> list[str]:
        return [g for g in self.target_groups.split("; ") if g]
