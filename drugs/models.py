"""Drugs and supplements: names (brand and generic as synonyms), ingredients, products with
NDCs, monographs, links to conditions, sources.

A `Drug` is what a reader looks up: one active substance or combination ("Atorvastatin"),
whatever brands it is sold under. Brand, generic and other names are `DrugName` rows (with a
normalised form and a trigram index, `DrugNameTrigram`, for typo-tolerant search on SQLite and
PostgreSQL alike). A `Product` is one marketed item (an NDC, or a Drugs@FDA application
product) of a drug.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from drugs.text import render_monograph


class DrugQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def of_kind_group(self, group: str):
        """Filter by the reader-facing groups of the A-Z page."""
        kinds = KIND_GROUPS.get(group)
        return self.filter(kind__in=kinds) if kinds else self

    def starting_with(self, letter: str):
        if letter == "0-9":
            return self.filter(sort_letter="#")
        return self.filter(sort_letter=letter.upper())


class Drug(models.Model):
    class Kind(models.TextChoices):
        PRESCRIPTION = "prescription", _("Prescription")
        OTC = "otc", _("Over the counter")
        VITAMIN = "vitamin", _("Vitamin")
        SUPPLEMENT = "supplement", _("Supplement")
        HERBAL = "herbal", _("Herbal")

    class DeaSchedule(models.TextChoices):
        NONE = "", _("Not controlled")
        CI = "CI", _("Schedule I")
        CII = "CII", _("Schedule II")
        CIII = "CIII", _("Schedule III")
        CIV = "CIV", _("Schedule IV")
        CV = "CV", _("Schedule V")

    class MonographOrigin(models.TextChoices):
        NONE = "", _("No monograph yet")
        EDITORIAL = "editorial", _("Written by our editors")
        LABEL = "label", _("From the FDA label")

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTC)
    # "#" for names starting with a digit or symbol; kept for the A-Z index.
    sort_letter = models.CharField(_("A to Z letter"), max_length=1, db_index=True, editable=False)
    drug_class = models.CharField(_("drug class"), max_length=255, blank=True)
    dea_schedule = models.CharField(
        _("DEA schedule"), max_length=4, choices=DeaSchedule.choices, blank=True, default=""
    )
    rxcui = models.CharField(_("RxNorm RxCUI"), max_length=20, blank=True, db_index=True)
    # Sorted base names of the active substances ("amlodipine+atorvastatin"): how importers
    # recognise the same drug across data sets. Empty for drugs without known ingredients.
    ingredient_key = models.CharField(
        _("ingredient key"), max_length=500, blank=True, db_index=True, editable=False
    )
    is_published = models.BooleanField(_("published"), default=True)

    # Monograph, in our Markdown (rendered once on save into `monograph_html`).
    monograph_origin = models.CharField(
        _("monograph origin"),
        max_length=20,
        choices=MonographOrigin.choices,
        blank=True,
        default="",
        help_text=_("Importers never overwrite an editorial monograph."),
    )
    summary = models.TextField(_("summary"), blank=True)
    boxed_warning = models.TextField(_("boxed warning"), blank=True)
    uses = models.TextField(_("uses"), blank=True)
    how_to_take = models.TextField(_("how to take"), blank=True)
    side_effects_common = models.TextField(_("common side effects"), blank=True)
    side_effects_serious = models.TextField(_("serious side effects"), blank=True)
    precautions_pregnancy = models.TextField(_("pregnancy"), blank=True)
    precautions_breastfeeding = models.TextField(_("breastfeeding"), blank=True)
    precautions_alcohol = models.TextField(_("alcohol"), blank=True)
    precautions_other = models.TextField(_("other precautions"), blank=True)
    interactions = models.TextField(_("interactions"), blank=True)
    overdose = models.TextField(_("overdose"), blank=True)
    missed_dose = models.TextField(_("missed dose"), blank=True)
    storage = models.TextField(_("storage"), blank=True)
    # The Markdown fields above (all but the plain-text summary) rendered and sanitised when
    # saved, {field: html}, empty fields left out: the drug page shows these, rendering nothing.
    monograph_html = models.JSONField(_("monograph HTML"), default=dict, blank=True, editable=False)

    ingredients: models.ManyToManyField[Ingredient, DrugIngredient] = models.ManyToManyField(
        "Ingredient", through="DrugIngredient", related_name="drugs", blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = DrugQuerySet.as_manager()

    MONOGRAPH_FIELDS = (
        "summary",
        "boxed_warning",
        "uses",
        "how_to_take",
        "side_effects_common",
        "side_effects_serious",
        "precautions_pregnancy",
        "precautions_breastfeeding",
        "precautions_alcohol",
        "precautions_other",
        "interactions",
        "overdose",
        "missed_dose",
        "storage",
    )
    # Markdown fields; the summary is plain text (meta description, search, lists).
    RENDERED_FIELDS = MONOGRAPH_FIELDS[1:]

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["sort_letter", "kind", "name"])]
        verbose_name = _("drug")
        verbose_name_plural = _("drugs")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        first = (self.name or "#")[:1].upper()
        self.sort_letter = first if "A" <= first <= "Z" else "#"
        fields = kwargs.get("update_fields")
        rendering = fields is None or not set(fields).isdisjoint(self.RENDERED_FIELDS)
        if rendering:
            # Every writer (services, importers, the admin, load_demo) saves through here.
            self.monograph_html = render_monograph(
                {name: getattr(self, name) for name in self.RENDERED_FIELDS}
            )
        if fields is not None:
            derived = {"sort_letter"} if "name" in fields else set()
            if rendering:
                derived.add("monograph_html")
            kwargs["update_fields"] = {*fields, *derived}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("drugs:detail", args=[self.slug])

    @property
    def is_supplement(self) -> bool:
        return self.kind in KIND_GROUPS["supplements"]


# Reader-facing groups for the A-Z filter.
KIND_GROUPS: dict[str, list[str]] = {
    "prescription": [Drug.Kind.PRESCRIPTION],
    "otc": [Drug.Kind.OTC],
    "supplements": [Drug.Kind.VITAMIN, Drug.Kind.SUPPLEMENT, Drug.Kind.HERBAL],
}


class DrugName(models.Model):
    """A name a reader may type for a drug: its generic name, a brand, or another name."""

    class Kind(models.TextChoices):
        GENERIC = "generic", _("Generic name")
        BRAND = "brand", _("Brand name")
        OTHER = "other", _("Other name")

    drug = models.ForeignKey(Drug, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # Lower case, accents and punctuation folded to single spaces (drugs.text.normalize_name).
    normalized = models.CharField(_("normalised name"), max_length=255, db_index=True)

    class Meta:
        ordering = ["normalized"]
        constraints = [
            models.UniqueConstraint(fields=["drug", "normalized"], name="drug_name_unique")
        ]
        verbose_name = _("drug name")
        verbose_name_plural = _("drug names")

    def __str__(self) -> str:
        return self.name


class DrugNameTrigram(models.Model):
    """Candidate index for fuzzy name search: one row per distinct trigram of a name
    (padded with spaces). Portable across SQLite and PostgreSQL."""

    name = models.ForeignKey(DrugName, on_delete=models.CASCADE, related_name="trigrams")
    gram = models.CharField(max_length=3)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["gram", "name"], name="drug_name_trigram_unique")
        ]
        verbose_name = _("drug name trigram")
        verbose_name_plural = _("drug name trigrams")

    def __str__(self) -> str:
        return self.gram


class Ingredient(models.Model):
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    normalized = models.CharField(_("normalised name"), max_length=255, unique=True)
    unii = models.CharField(_("FDA UNII"), max_length=20, blank=True, db_index=True)
    rxcui = models.CharField(_("RxNorm RxCUI"), max_length=20, blank=True, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("ingredient")
        verbose_name_plural = _("ingredients")

    def __str__(self) -> str:
        return self.name


class DrugClass(models.Model):
    """An FDA pharmacologic class (SPL indexing / NDF-RT): an Established Pharmacologic Class
    ("Vitamin K Antagonist [EPC]"), a mechanism of action ("[MoA]"), a physiologic effect
    ("[PE]") or a chemical class ("[Chemical/Ingredient]"). `name` is the FDA term with its
    bracketed kind, exactly as published, so interaction rules can name it unambiguously."""

    class Kind(models.TextChoices):
        ESTABLISHED = "epc", _("Established pharmacologic class")
        MECHANISM = "moa", _("Mechanism of action")
        EFFECT = "pe", _("Physiologic effect")
        CHEMICAL = "chemical", _("Chemical class")

    name = models.CharField(_("name"), max_length=255, unique=True)
    label = models.CharField(_("label"), max_length=255)
    # The class page's address (established classes have one): the label, slugified.
    slug = models.SlugField(_("slug"), max_length=255, blank=True, db_index=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    ingredients = models.ManyToManyField(Ingredient, related_name="classes", blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("drug class")
        verbose_name_plural = _("drug classes")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("drugs:class", args=[self.slug])


class DrugSlugRedirect(models.Model):
    """The address of a drug merged into another (`drugs.services.merge.drug_merge`): its
    page answers with a permanent redirect to the drug it became, so shared links keep working."""

    old_slug = models.SlugField(_("old slug"), max_length=255, unique=True)
    drug = models.ForeignKey(Drug, on_delete=models.CASCADE, related_name="slug_redirects")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("drug address redirect")
        verbose_name_plural = _("drug address redirects")

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.drug_id}"


class DrugIngredient(models.Model):
    drug = models.ForeignKey(Drug, on_delete=models.CASCADE, related_name="drug_ingredients")
    ingredient = models.ForeignKey(
        Ingredient, on_delete=models.CASCADE, related_name="drug_ingredients"
    )
    strength = models.CharField(_("strength"), max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "ingredient__name"]
        constraints = [
            models.UniqueConstraint(fields=["drug", "ingredient"], name="drug_ingredient_unique")
        ]
        verbose_name = _("active ingredient")
        verbose_name_plural = _("active ingredients")

    def __str__(self) -> str:
        return f"{self.ingredient} {self.strength}".strip()


class Product(models.Model):
    """One marketed product of a drug: an NDC from a label, or a Drugs@FDA product."""

    drug = models.ForeignKey(Drug, on_delete=models.CASCADE, related_name="products")
    # Stable key from the source, e.g. "ndc:00071015523" or "drugsfda:NDA020702:001".
    source_key = models.CharField(_("source key"), max_length=100, unique=True)
    ndc = models.CharField(
        _("NDC (11 digits)"), max_length=11, blank=True, db_index=True, help_text=_("5-4-2")
    )
    ndc_printed = models.CharField(_("NDC as printed"), max_length=20, blank=True)
    name = models.CharField(_("product name"), max_length=255, blank=True)
    labeler = models.CharField(_("labeler"), max_length=255, blank=True)
    strength = models.CharField(_("strength"), max_length=255, blank=True)
    dosage_form = models.CharField(_("dosage form"), max_length=255, blank=True)
    route = models.CharField(_("route"), max_length=255, blank=True)
    marketing_status = models.CharField(_("marketing status"), max_length=100, blank=True)
    application_number = models.CharField(
        _("application number"), max_length=30, blank=True, db_index=True
    )
    spl_set_id = models.CharField(_("SPL set id"), max_length=64, blank=True, db_index=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        ordering = ["name", "strength", "ndc"]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self) -> str:
        return " ".join(p for p in (self.name, self.strength, self.dosage_form) if p)


class DrugSource(models.Model):
    """Where a drug's information came from: a label (set id, version), a Drugs@FDA
    application, an indications data set, our editors, or a public reference our editors
    wrote from (an NIH fact sheet: its URL is the reference)."""

    class Kind(models.TextChoices):
        SPL = "spl", _("DailyMed label")
        DRUGSFDA = "drugsfda", _("Drugs@FDA")
        LABELEDIN = "labeledin", _("LabeledIn")
        PHARMACOTHERAPYDB = "pharmacotherapydb", _("PharmacotherapyDB")
        EDITORIAL = "editorial", _("Our editors")
        REFERENCE = "reference", _("Reference")

    drug = models.ForeignKey(Drug, on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # Label set id, application number ("NDA020702"), or a data set's own id.
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    version = models.CharField(_("version"), max_length=20, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    effective_date = models.DateField(_("date"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        ordering = ["kind", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["drug", "kind", "reference"], name="drug_source_unique")
        ]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}".strip()


class DrugCondition(models.Model):
    """A drug is used for a condition: how (a first-line treatment, a labelled use,
    disease-modifying, symptomatic) and according to which source."""

    class LinkKind(models.TextChoices):
        FIRST_LINE = "first_line", _("First-line treatment")
        LABELLED = "labelled", _("Labelled use")
        DISEASE_MODIFYING = "disease_modifying", _("Treats the condition")
        SYMPTOMATIC = "symptomatic", _("Relieves symptoms")

    class Source(models.TextChoices):
        LABELEDIN = "labeledin", _("LabeledIn")
        PHARMACOTHERAPYDB = "pharmacotherapydb", _("PharmacotherapyDB")
        EDITORIAL = "editorial", _("Our editors")
        FIRST_LINE = "first_line", _("First-line treatments (our editors)")

    drug = models.ForeignKey(Drug, on_delete=models.CASCADE, related_name="condition_links")
    condition = models.ForeignKey(
        "articles.Condition", on_delete=models.CASCADE, related_name="drug_links"
    )
    link_kind = models.CharField(_("kind of link"), max_length=20, choices=LinkKind.choices)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    source_reference = models.CharField(_("source reference"), max_length=100, blank=True)
    # The public page a reader can check the link against (a guideline, the drug's label).
    source_title = models.CharField(_("source title"), max_length=255, blank=True)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)

    class Meta:
        ordering = ["condition__name", "drug__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["drug", "condition", "link_kind", "source"],
                name="drug_condition_unique",
            )
        ]
        verbose_name = _("drug use")
        verbose_name_plural = _("drug uses")

    def __str__(self) -> str:
        return f"{self.drug} → {self.condition} ({self.get_link_kind_display()})"


class ReviewQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Review.Status.PUBLISHED)


RATING_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Review(models.Model):
    """A reader's review of a drug: one per reader and drug, editable by its author."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden by staff")

    class AgeBand(models.TextChoices):
        NONE = "", _("Prefer not to say")
        UNDER_19 = "0-18", _("18 or under")
        A19 = "19-24", _("19 to 24")
        A25 = "25-34", _("25 to 34")
        A35 = "35-44", _("35 to 44")
        A45 = "45-54", _("45 to 54")
        A55 = "55-64", _("55 to 64")
        A65 = "65-74", _("65 to 74")
        A75 = "75+", _("75 or over")

    class Sex(models.TextChoices):
        NONE = "", _("Prefer not to say")
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Other")

    class TimeOn(models.TextChoices):
        NONE = "", _("Prefer not to say")
        UNDER_MONTH = "lt1m", _("Less than 1 month")
        MONTHS = "1-6m", _("1 to 6 months")
        HALF_YEAR = "6m-1y", _("6 months to 1 year")
        YEARS = "1-2y", _("1 to 2 years")
        LONG = "2-5y", _("2 to 5 years")
        VERY_LONG = "5y+", _("5 years or more")

    class Role(models.TextChoices):
        PATIENT = "patient", _("Patient")
        CAREGIVER = "caregiver", _("Caregiver")

    drug = models.ForeignKey(Drug, on_delete=models.CASCADE, related_name="reviews")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drug_reviews"
    )
    condition = models.ForeignKey(
        "articles.Condition",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="drug_reviews",
        verbose_name=_("condition treated"),
    )
    effectiveness = models.PositiveSmallIntegerField(
        _("effectiveness"), validators=RATING_VALIDATORS
    )
    ease_of_use = models.PositiveSmallIntegerField(_("ease of use"), validators=RATING_VALIDATORS)
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction"), validators=RATING_VALIDATORS)
    age_band = models.CharField(
        _("age"), max_length=10, choices=AgeBand.choices, blank=True, default=""
    )
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, blank=True, default="")
    time_on = models.CharField(
        _("time on the medicine"), max_length=10, choices=TimeOn.choices, blank=True, default=""
    )
    role = models.CharField(
        _("reviewing as"), max_length=10, choices=Role.choices, default=Role.PATIENT
    )
    body = models.TextField(_("your review"), max_length=5000)
    body_html = models.TextField(editable=False, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    helpful_count = models.PositiveIntegerField(_("helpful votes"), default=0)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last edited"), auto_now=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["drug", "author"], name="one_review_per_reader")
        ]
        indexes = [
            models.Index(fields=["drug", "status", "-created_at"]),
            models.Index(fields=["drug", "status", "-helpful_count"]),
        ]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.drug}: {self.author_id}"

    def get_absolute_url(self) -> str:
        return reverse("drugs:reviews", args=[self.drug.slug]) + f"#review-{self.pk}"


class ReviewVote(models.Model):
    """ "This review was helpful": one per reader and review."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drug_review_votes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "voter"], name="one_vote_per_reader")
        ]
        verbose_name = _("helpful vote")
        verbose_name_plural = _("helpful votes")

    def __str__(self) -> str:
        return f"{self.review_id} by {self.voter_id}"


class ReviewReport(models.Model):
    """A reader tells the moderators a review breaks the rules."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drug_review_reports"
    )
    reason = models.CharField(_("what is wrong"), max_length=500)
    resolved = models.BooleanField(_("resolved"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["review", "reporter"], name="one_report_per_reader")
        ]
        verbose_name = _("review report")
        verbose_name_plural = _("review reports")

    def __str__(self) -> str:
        return f"Report on {self.review_id}"


# The label's sections live in their own module; imported here so Django registers them.
from drugs.labels import LabelSection  # noqa: E402, F401
from drugs.supplement_products import SupplementProduct  # noqa: E402, F401
