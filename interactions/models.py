"""Interactions between ingredients: the pairs the public lists and our editors name, with
their severity. The interaction checker (`selectors.interaction_check`) reads them for any
list of drugs: the checker page and My Medicine's lists.

Tables were created by `mymedicine` and moved here (see migrations/0001_initial.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _


class Severity(models.IntegerChoices):
    """Ordered: a higher number is more serious, so `order_by("-severity")` is worst first."""

    MINOR = 1, _("Minor")
    MODERATE = 2, _("Moderate")
    MAJOR = 3, _("Major")
    CONTRAINDICATED = 4, _("Do not take together")

    @classmethod
    def from_name(cls, name: str) -> Severity:
        """'contraindicated' / 'major' / 'moderate' / 'minor' (importers' vocabulary)."""
        return cls[name.strip().upper()]


class InteractionQuerySet(models.QuerySet):
    def among(self, ingredient_ids: Iterable[int]) -> InteractionQuerySet:
        """Every stored interaction between any two of these ingredients (one query)."""
        ids = list(ingredient_ids)
        return self.filter(ingredient_a__in=ids, ingredient_b__in=ids)


class Interaction(models.Model):
    """Two ingredients that affect each other.

    Interactions listed between drug classes (the ONC lists) are stored expanded to each
    pair of member ingredients; `class_a`/`class_b` keep the class names so readers and
    editors can see why the pair is listed (for our editorial rules, the reader-facing labels
    of the rule's groups). `ingredient_a` always has the smaller id, so a
    pair is stored once per source whichever way round the source named it.
    """

    class Source(models.TextChoices):
        ONC_HIGH_PRIORITY = "onc-high-priority", _("ONC high-priority interaction list")
        ONC_NON_INTERRUPTIVE = "onc-non-interruptive", _("ONC non-interruptive interaction list")
        NDF_RT = "ndf-rt", _("VA National Drug File (NDF-RT)")
        EDITORIAL = "editorial", _("Healthsite editorial rules")

    ingredient_a = models.ForeignKey(
        "drugs.Ingredient", on_delete=models.CASCADE, related_name="interactions_as_a"
    )
    ingredient_b = models.ForeignKey(
        "drugs.Ingredient", on_delete=models.CASCADE, related_name="interactions_as_b"
    )
    class_a = models.CharField(_("class of the first ingredient"), max_length=200, blank=True)
    class_b = models.CharField(_("class of the second ingredient"), max_length=200, blank=True)
    severity = models.PositiveSmallIntegerField(_("severity"), choices=Severity.choices)
    effect = models.TextField(
        _("what happens"),
        blank=True,
        help_text=_(
            "Plain language. Left empty, readers see the general wording for the severity."
        ),
    )
    advice = models.TextField(_("what to do"), blank=True)
    source = models.CharField(_("source"), max_length=30, choices=Source.choices)
    source_version = models.CharField(_("source version"), max_length=200, blank=True)
    source_reference = models.CharField(_("source reference"), max_length=300, blank=True)
    # An editorial rule's own public source (the label section, fact sheet or paper that
    # states the fact). Imported lists are cited once per list (see references.py).
    citation = models.CharField(
        _("citation"),
        max_length=300,
        blank=True,
        help_text=_("The public source that states this interaction, e.g. a label section."),
    )
    citation_url = models.URLField(_("citation link"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = InteractionQuerySet.as_manager()

    class Meta:
        ordering = ["-severity", "ingredient_a__name", "ingredient_b__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ingredient_a", "ingredient_b", "source"], name="interaction_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(ingredient_a__lt=models.F("ingredient_b")),
                name="interaction_pair_ordered",
            ),
        ]
        indexes = [models.Index(fields=["ingredient_b", "ingredient_a"])]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")

    def __str__(self) -> str:
        return f"{self.ingredient_a_id}-{self.ingredient_b_id} ({self.get_severity_display()})"
