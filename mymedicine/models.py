"""My Medicine: readers' saved medicines per profile, and recalls with their alerts.

Everything a reader saves here is private to them: it is never shown to anyone else,
staff included, and never cached publicly.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Profile(models.Model):
    """Someone whose medicines a reader keeps: themselves or a family member."""

    class Relationship(models.TextChoices):
        SELF = "self", _("Me")
        PARTNER = "partner", _("Partner")
        CHILD = "child", _("Child")
        PARENT = "parent", _("Parent")
        FAMILY = "family", _("Other family member")
        CARED_FOR = "cared-for", _("Someone I care for")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="medicine_profiles"
    )
    name = models.CharField(_("name"), max_length=80)
    relationship = models.CharField(
        _("relationship"), max_length=20, choices=Relationship.choices, default=Relationship.SELF
    )
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    recall_alerts = models.BooleanField(
        _("email me about recalls"),
        default=False,
        help_text=_("We email you when a medicine on this list is recalled."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("medicine profile")
        verbose_name_plural = _("medicine profiles")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("mymedicine:profile", args=[self.pk])

    @property
    def is_self(self) -> bool:
        """The reader's own list: pages say "your medicines", not "Me's medicines"."""
        return self.relationship == self.Relationship.SELF


class SavedMedicine(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="medicines")
    drug = models.ForeignKey("drugs.Drug", on_delete=models.CASCADE, related_name="+")
    product = models.ForeignKey(
        "drugs.Product", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    strength = models.CharField(_("strength"), max_length=100, blank=True)
    dose_note = models.CharField(
        _("how you take it"),
        max_length=300,
        blank=True,
        help_text=_("For example: one tablet every morning with food."),
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    prescriber = models.CharField(_("prescribed by"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        ordering = ["drug__name", "pk"]
        verbose_name = _("saved medicine")
        verbose_name_plural = _("saved medicines")

    def __str__(self) -> str:
        return f"{self.drug_id} for profile {self.profile_id}"


class Recall(models.Model):
    """An FDA drug enforcement report (openFDA `recall_number` is its key)."""

    recall_number = models.CharField(_("recall number"), max_length=40, unique=True)
    event_id = models.CharField(_("event id"), max_length=20, blank=True)
    status = models.CharField(_("status"), max_length=40, blank=True)
    classification = models.CharField(_("class"), max_length=20, blank=True)
    product_description = models.TextField(_("what was recalled"))
    reason = models.TextField(_("why"), blank=True)
    recalling_firm = models.CharField(_("company"), max_length=300, blank=True)
    code_info = models.TextField(_("lots and codes"), blank=True)
    distribution_pattern = models.TextField(_("where it was sold"), blank=True)
    voluntary_mandated = models.CharField(_("voluntary or mandated"), max_length=100, blank=True)
    report_date = models.DateField(_("reported"), null=True, blank=True, db_index=True)
    initiated_on = models.DateField(_("recall started"), null=True, blank=True)
    terminated_on = models.DateField(_("recall ended"), null=True, blank=True)
    rxcuis = models.JSONField(_("RxCUIs"), default=list, blank=True)
    ndcs = models.JSONField(_("NDCs"), default=list, blank=True)
    brand_names = models.JSONField(_("brand names"), default=list, blank=True)
    generic_names = models.JSONField(_("generic names"), default=list, blank=True)
    is_bulk = models.BooleanField(
        _("bulk chemical or medical gas"),
        default=False,
        help_text=_("Kept for the record, never linked to the medicines readers take."),
    )
    drugs = models.ManyToManyField("drugs.Drug", through="RecallMatch", related_name="+")
    created_at = models.DateTimeField(_("imported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        ordering = ["-report_date", "recall_number"]
        verbose_name = _("recall")
        verbose_name_plural = _("recalls")

    def __str__(self) -> str:
        return self.recall_number

    @property
    def class_explained(self) -> str:
        return str(CLASS_EXPLAINED.get(self.classification, ""))

    @property
    def is_open(self) -> bool:
        """Still going on: recalls that are over alert nobody and come last on pages."""
        return self.status.lower() not in CLOSED_RECALL_STATUSES and self.terminated_on is None


# Recalls in these states are over.
CLOSED_RECALL_STATUSES = {"terminated", "completed"}


CLASS_EXPLAINED = {
    "Class I": _("Class I: the most serious kind. Using the product could cause serious harm."),
    "Class II": _("Class II: using the product could cause a temporary or treatable problem."),
    "Class III": _("Class III: using the product is unlikely to cause harm."),
}


class RecallMatch(models.Model):
    """A recall concerns this drug (and, when its NDC says so, this product of it): one row
    per product an NDC names, or one product-less row per drug. See mymedicine.matching."""

    class MatchedBy(models.TextChoices):
        # The recall names this product (or a pill of this drug) by its NDC.
        NDC = "ndc", _("NDC")
        # Same active ingredients and route, no NDC: it may concern this medicine.
        INGREDIENTS = "ingredients", _("Same active ingredients and form")

    recall = models.ForeignKey(Recall, on_delete=models.CASCADE, related_name="matches")
    drug = models.ForeignKey("drugs.Drug", on_delete=models.CASCADE, related_name="+")
    product = models.ForeignKey(
        "drugs.Product", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    matched_by = models.CharField(_("matched by"), max_length=20, choices=MatchedBy.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recall", "drug", "product"], name="recall_match_product_unique"
            ),
            models.UniqueConstraint(
                fields=["recall", "drug"],
                condition=models.Q(product__isnull=True),
                name="recall_match_drug_unique",
            ),
        ]
        verbose_name = _("recall match")
        verbose_name_plural = _("recall matches")

    def __str__(self) -> str:
        return f"{self.recall_id} → {self.drug_id}"


class RecallAlert(models.Model):
    """One email to one reader about one recall: the unique key makes it at most one."""

    recall = models.ForeignKey(Recall, on_delete=models.CASCADE, related_name="alerts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recall_alerts"
    )
    profiles = models.ManyToManyField(Profile, related_name="alerts_sent", blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recall", "user"], name="recall_alert_unique")
        ]
        verbose_name = _("recall alert")
        verbose_name_plural = _("recall alerts")

    def __str__(self) -> str:
        return f"{self.recall_id} → user {self.user_id}"
