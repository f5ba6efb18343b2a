"""Health centers, conditions and multi-page articles."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager


def condition_sort_letter(name: str) -> str:
    """The A-Z heading a condition is listed under: its first letter, or "#" otherwise."""
    first = (name or "").strip()[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def condition_search_text(*, name: str, synonyms: list[str], code: str | None) -> str:
    """Every name a condition is known by, lower-cased and fenced by "|" for exact matches."""
    terms = [name, *synonyms]
    if code:
        terms += [code, code.replace(".", "")]
    return "|" + "|".join(" ".join(term.lower().split()) for term in terms if term) + "|"


class ConditionQuerySet(models.QuerySet):
    def consumer(self) -> ConditionQuerySet:
        """The conditions readers look up: our editorial entries, the only condition pages
        listed in A-Z, the sitemap and search."""
        return self.filter(kind=Condition.Kind.CONSUMER)


class Condition(models.Model):
    """A medical condition: the shared vocabulary drugs, articles and groups point at.

    Two kinds share the table (docs/architecture.md, "Conditions"): consumer conditions,
    written by the project (`articles/conditions/*.toml`, `import_conditions`), are the pages
    readers see; ICD-10-CM entries (`import_icd10cm`) are the coded vocabulary, each linked
    to the consumer condition that covers its code (`consumer`), whose page it redirects to.
    """

    class Kind(models.TextChoices):
        CONSUMER = "consumer", _("Consumer condition")
        ICD10 = "icd10", _("ICD-10-CM entry")

    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.ICD10, db_index=True
    )
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    synonyms = models.JSONField(_("other names"), default=list, blank=True)
    icd10_code = models.CharField(
        _("ICD-10-CM code"), max_length=10, unique=True, null=True, blank=True
    )
    summary = models.TextField(_("summary"), blank=True)
    area = models.CharField(_("area"), max_length=100, blank=True)
    # The ICD-10-CM codes a consumer condition covers, as its editors listed them (a code
    # covers its children); each ICD row under them points back through `consumer`.
    icd10_codes = models.JSONField(_("ICD-10-CM codes covered"), default=list, blank=True)
    related = models.ManyToManyField(
        "self", verbose_name=_("related conditions"), symmetrical=False, blank=True
    )
    consumer = models.ForeignKey(
        "self",
        verbose_name=_("consumer condition"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="icd_entries",
        limit_choices_to={"kind": "consumer"},
        help_text=_("The consumer condition whose listed codes cover this ICD-10-CM entry."),
    )
    # Derived on save (see `save`): the A-Z letter and the text that search-within matches.
    sort_letter = models.CharField(_("A-Z letter"), max_length=1, blank=True, editable=False)
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    objects = ConditionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")
        indexes = [
            models.Index(fields=["sort_letter", "name"], name="condition_letter_name"),
            models.Index(fields=["kind", "sort_letter", "name"], name="condition_kind_letter"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, refresh_terms: bool = True, **kwargs):
        self.refresh_derived_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "sort_letter", "search_text"}
        super().save(*args, **kwargs)
        # Every save keeps the lookup's terms in line, unless the caller rebuilds them all
        # afterwards (`refresh_terms=False`: importers, which call terms_rebuild()).
        if refresh_terms:
            from articles.lookup import terms_refresh

            terms_refresh(conditions=[self])

    def get_absolute_url(self) -> str:
        return reverse("articles:condition_detail", args=[self.slug])

    @property
    def is_consumer(self) -> bool:
        return self.kind == self.Kind.CONSUMER

    def refresh_derived_fields(self) -> None:
        self.sort_letter = condition_sort_letter(self.name)
        self.search_text = condition_search_text(
            name=self.name, synonyms=list(self.synonyms or []), code=self.icd10_code
        )


class ConditionTerm(models.Model):
    """One name a condition is known by, folded for lookup (`articles.lookup`).

    One row per name and other name of every condition (`origin`); `condition` is where the
    term leads: the consumer condition covering an ICD-10-CM entry, else the row itself.
    `normalized` is the folded text, `key` its words singular and sorted (word order and
    plurals), both indexed: a lookup is an index probe, never a scan of the conditions.
    """

    class Source(models.TextChoices):
        NAME = "name", _("name")
        ALSO_KNOWN_AS = "aka", _("also known as")
        ICD10 = "icd10", _("ICD-10-CM name")
        CODE = "code", _("ICD-10-CM code")

    # Derived data, rewritten by terms_rebuild and terms_refresh and deleted with its
    # condition by Django's collector: no database constraint, so PostgreSQL checks no
    # reference to ~100,000 terms for each condition deleted. A deferred check per deleted
    # condition ran as a scan of the whole terms table; after a real-data import in one
    # transaction (CI pass 2) the checks took longer than ten minutes.
    origin = models.ForeignKey(
        Condition, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    condition = models.ForeignKey(
        Condition, on_delete=models.CASCADE, related_name="terms", db_constraint=False
    )
    term = models.CharField(_("term"), max_length=255)
    source = models.CharField(_("source"), max_length=5, choices=Source.choices)
    normalized = models.CharField(_("normalised term"), max_length=255, db_index=True)
    key = models.CharField(_("word key"), max_length=255, db_index=True)

    class Meta:
        verbose_name = _("condition term")
        verbose_name_plural = _("condition terms")

    def __str__(self) -> str:
        return self.term


class ConditionTermTrigram(models.Model):
    """Candidate index for close spellings of consumer conditions' names ("diabeties"):
    one row per distinct trigram of a term, like `drugs.DrugNameTrigram`."""

    # Derived data, rewritten whole by terms_rebuild: no database constraint, so PostgreSQL
    # does not queue a deferred foreign-key check for each of ~900,000 rows per rebuild.
    term = models.ForeignKey(
        ConditionTerm, on_delete=models.CASCADE, related_name="trigrams", db_constraint=False
    )
    gram = models.CharField(max_length=3)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["gram", "term"], name="condition_term_trigram_unique")
        ]
        verbose_name = _("condition term trigram")
        verbose_name_plural = _("condition term trigrams")

    def __str__(self) -> str:
        return self.gram


class Contributor(models.Model):
    """A named writer or medical reviewer shown on articles (not a site account)."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    credentials = models.CharField(
        _("credentials"), max_length=200, blank=True, help_text=_("For example: MD, FRCP")
    )
    role = models.CharField(
        _("role"), max_length=200, blank=True, help_text=_("For example: Consultant rheumatologist")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("contributor")
        verbose_name_plural = _("contributors")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


RENDITION_WIDTHS = (320, 640, 960, 1280)


class ArticleImage(models.Model):
    """An uploaded picture with its required alt text and its responsive renditions."""

    image = models.ImageField(
        _("image"), upload_to="articles/images/%Y/%m/", width_field="width", height_field="height"
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        help_text=_("Describe what the picture shows for people who cannot see it."),
    )
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    # [{"width": 320, "height": 180, "format": "webp", "name": "articles/renditions/..."}]
    renditions = models.JSONField(_("renditions"), default=list, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.alt_text

    def _renditions(self, fmt: str) -> list[dict]:
        return sorted(
            (r for r in self.renditions if r.get("format") == fmt), key=lambda r: r["width"]
        )

    def srcset(self, fmt: str) -> str:
        from django.core.files.storage import default_storage

        return ", ".join(
            f"{default_storage.url(r['name'])} {r['width']}w" for r in self._renditions(fmt)
        )

    @property
    def webp_srcset(self) -> str:
        return self.srcset("webp")

    @property
    def jpeg_srcset(self) -> str:
        return self.srcset("jpeg")

    def url_for_width(self, width: int, fmt: str = "jpeg") -> str:
        """The smallest rendition at least `width` wide (the largest when none is)."""
        from django.core.files.storage import default_storage

        options = self._renditions(fmt)
        if not options:
            return self.image.url
        chosen = next((r for r in options if r["width"] >= width), options[-1])
        return default_storage.url(chosen["name"])

    @property
    def src(self) -> str:
        return self.url_for_width(960)

    @property
    def thumbnail_src(self) -> str:
        return self.url_for_width(320)

    @property
    def thumbnail_height(self) -> int:
        options = self._renditions("jpeg")
        return options[0]["height"] if options else self.height

    @property
    def thumbnail_width(self) -> int:
        options = self._renditions("jpeg")
        return options[0]["width"] if options else self.width


class HealthCenter(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Markdown"))
    introduction_html = models.TextField(editable=False, blank=True)
    hero_image = models.ForeignKey(
        ArticleImage,
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    conditions = models.ManyToManyField(
        Condition, verbose_name=_("conditions"), blank=True, related_name="health_centers"
    )
    featured_articles: models.ManyToManyField[Article, HealthCenterFeature] = (
        models.ManyToManyField(
            "Article",
            through="HealthCenterFeature",
            verbose_name=_("featured articles"),
            blank=True,
            related_name="featured_in",
        )
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("health center")
        verbose_name_plural = _("health centers")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("articles:health_center_detail", args=[self.slug])


class ArticleQuerySet(models.QuerySet):
    def published(self, *, now=None) -> ArticleQuerySet:
        """Articles a reader may see: published, with a publish date that has come.

        A scheduled article (published status, future date) appears by itself once its
        date passes, because every public read goes through this filter.
        """
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=now or timezone.now())

    def published_or_scheduled(self) -> ArticleQuerySet:
        """Published articles, also those whose publish date is still to come (for the site
        index, which hides them until then)."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__isnull=False)

    def due_for_review(self, *, today=None) -> ArticleQuerySet:
        today = today or timezone.localdate()
        return self.filter(Q(next_review_due__lte=today) | Q(next_review_due__isnull=True))


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.CharField(_("summary"), max_length=300)
    health_centers = models.ManyToManyField(
        HealthCenter, verbose_name=_("health centers"), blank=True, related_name="articles"
    )
    conditions = models.ManyToManyField(
        Condition, verbose_name=_("conditions"), blank=True, related_name="articles"
    )
    tags = TaggableManager(verbose_name=_("tags"), blank=True)
    author = models.ForeignKey(
        Contributor,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles_written",
    )
    medical_reviewer = models.ForeignKey(
        Contributor,
        verbose_name=_("medical reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles_reviewed",
    )
    last_reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    next_review_due = models.DateField(_("next review due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("publish date"),
        null=True,
        blank=True,
        help_text=_("Readers see a published article from this moment on."),
    )
    hero_image = models.ForeignKey(
        ArticleImage,
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    related_articles = models.ManyToManyField(
        "self",
        through="ArticleRelation",
        symmetrical=False,
        verbose_name=_("related reading (hand-picked)"),
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "title"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["status", "publish_at"], name="article_status_publish")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("articles:article_detail", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        """Published with a publish date still to come."""
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )


class ArticlePage(models.Model):
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="pages"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), help_text=_("Markdown"))
    body_html = models.TextField(editable=False, blank=True)
    reading_grade = models.FloatField(_("reading grade"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["article", "position"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"], name="article_page_unique_position"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # Rendered once here so a page view never runs Markdown.
        from articles.readability import reading_grade
        from healthsite.text import plain_text, render_editorial

        self.body_html = render_editorial(self.body)
        self.reading_grade = reading_grade(plain_text(self.body_html))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "body_html", "reading_grade"}
        super().save(*args, **kwargs)


class ArticleSource(models.Model):
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="sources"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200)
    url = models.URLField(_("URL"), max_length=500)
    accessed_on = models.DateField(_("date accessed"))

    class Meta:
        ordering = ["article", "position", "pk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return f"{self.title} ({self.publisher})"


class ArticleRelation(models.Model):
    """Hand-picked related reading, in the editor's order."""

    from_article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="related_to_links"
    )
    to_article = models.ForeignKey(
        Article,
        verbose_name=_("related article"),
        on_delete=models.CASCADE,
        related_name="related_from_links",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)

    class Meta:
        ordering = ["from_article", "position", "pk"]
        verbose_name = _("related article")
        verbose_name_plural = _("related reading (hand-picked)")
        constraints = [
            models.UniqueConstraint(
                fields=["from_article", "to_article"], name="article_relation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_article} -> {self.to_article}"


class HealthCenterFeature(models.Model):
    """An article featured on a health center, in the editor's order."""

    health_center = models.ForeignKey(
        HealthCenter, on_delete=models.CASCADE, related_name="feature_links"
    )
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)

    class Meta:
        ordering = ["health_center", "position", "pk"]
        verbose_name = _("featured article")
        verbose_name_plural = _("featured articles")
        constraints = [
            models.UniqueConstraint(
                fields=["health_center", "article"], name="health_center_feature_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.health_center} -> {self.article}"


class ArticleDueForReview(Article):
    """The editors' "due for review" list in the admin (same table, its own screen)."""

    class Meta:
        proxy = True
        verbose_name = _("article due for review")
        verbose_name_plural = _("articles due for review")
