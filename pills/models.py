"""Pills: what a tablet or capsule looks like (imprint, shape, colors, size, score), which
drug and product it is, and its pictures.

Shape and colors keep the FDA SPL codes (C48348 ROUND, C48325 WHITE, see `pills.codes`).
`PillToken` is the candidate index of the identifier: one row per look-alike-folded imprint
token (and compact form) of each pill, indexed for exact and prefix lookups.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from pills import codes
from pills.imprint import display

COLOR_BITS = {code: 1 << i for i, code in enumerate(codes.COLORS)}


def imprint_key(tokens) -> str:
    return " ".join(sorted(tokens or []))[:255]


def colors_mask(colors) -> int:
    mask = 0
    for code in colors:
        mask |= COLOR_BITS.get(code, 0)
    return mask


class PillQuerySet(models.QuerySet):
    def with_color(self, code: str):
        """Pills with this color among theirs (multi-color pills match any of them)."""
        bit = COLOR_BITS.get(code, 0)
        return self.annotate(_color_bit=models.F("colors_mask").bitand(bit)).filter(
            _color_bit__gt=0
        )

    def for_cards(self):
        return self.select_related("drug", "product").prefetch_related("images")


class Pill(models.Model):
    class Source(models.TextChoices):
        RXIMAGE = "rximage", _("NLM RxImage")
        SPL = "spl", _("DailyMed label")
        EDITORIAL = "editorial", _("Our editors")

    # Stable key from the source: "rximage:<image file stem>" or "spl:<set id>:<NDC>".
    source_key = models.CharField(_("source key"), max_length=120, unique=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    drug = models.ForeignKey(
        "drugs.Drug", on_delete=models.SET_NULL, null=True, blank=True, related_name="pills"
    )
    product = models.ForeignKey(
        "drugs.Product", on_delete=models.SET_NULL, null=True, blank=True, related_name="pills"
    )
    product_ndc = models.CharField(
        _("product NDC"), max_length=9, blank=True, db_index=True, help_text=_("labeler-product")
    )
    package_ndcs = models.JSONField(_("package NDCs"), default=list, blank=True)
    name = models.CharField(_("name"), max_length=500, blank=True)
    strength = models.CharField(_("strength"), max_length=255, blank=True)
    dosage_form = models.CharField(_("dosage form"), max_length=255, blank=True)
    labeler = models.CharField(_("labeler"), max_length=255, blank=True)
    imprint = models.CharField(
        _("imprint"), max_length=255, blank=True, help_text=_('As printed, sides joined with ";"')
    )
    imprint_tokens = models.JSONField(_("imprint tokens"), default=list, blank=True)
    # The tokens sorted ("155 10 PD"): pills that carry the same imprint, in any order.
    imprint_key = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    has_logo = models.BooleanField(_("has a logo"), default=False)
    shape = models.CharField(_("shape"), max_length=6, choices=codes.SHAPE_CHOICES, blank=True)
    colors = models.JSONField(_("colors"), default=list, blank=True)
    colors_mask = models.PositiveIntegerField(default=0, editable=False)
    size_mm = models.PositiveSmallIntegerField(_("size (mm)"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(_("score (pieces)"), null=True, blank=True)
    # How common the product is (packages and pictures known for it); breaks ranking ties.
    commonness = models.PositiveIntegerField(_("commonness"), default=0)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = PillQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["shape", "-commonness", "id"], name="pill_shape_common"),
            models.Index(fields=["-commonness", "id"], name="pill_common"),
        ]
        verbose_name = _("pill")
        verbose_name_plural = _("pills")

    def __str__(self) -> str:
        return f"{self.name or self.product_ndc} ({self.imprint_display or '-'})"

    def save(self, *args, **kwargs):
        self.colors_mask = colors_mask(self.colors)
        self.imprint_key = imprint_key(self.imprint_tokens)
        fields = kwargs.get("update_fields")
        if fields is not None:
            derived = {"colors": "colors_mask", "imprint_tokens": "imprint_key"}
            kwargs["update_fields"] = {*fields, *(derived[f] for f in derived if f in fields)}
        super().save(*args, **kwargs)

    @property
    def imprint_display(self) -> str:
        return display(self.imprint)

    @property
    def shape_label(self) -> str:
        return codes.shape_label(self.shape) if self.shape else ""

    @property
    def color_labels(self) -> list[str]:
        return [codes.color_label(code) for code in self.colors]

    @property
    def product_ndc_display(self) -> str:
        if len(self.product_ndc) == 9:
            return f"{self.product_ndc[:5]}-{self.product_ndc[5:]}"
        return self.product_ndc


class PillToken(models.Model):
    """Candidate index: folded imprint forms of a pill (see `pills.imprint.index_forms`).

    Shape, colors and commonness are copied from the pill (kept in step by pills.services)
    so candidate narrowing reads this table alone, without a join.
    """

    pill = models.ForeignKey(Pill, on_delete=models.CASCADE, related_name="tokens")
    kind = models.CharField(max_length=1)  # t token, p part of a token, c compact
    form = models.CharField(max_length=60)
    shape = models.CharField(max_length=6, blank=True)
    colors_mask = models.PositiveIntegerField(default=0)
    commonness = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["form", "kind", "pill"], name="pill_token_unique")
        ]
        indexes = [
            # Prefix lookups (LIKE 'X%') on PostgreSQL whatever the database collation.
            models.Index(
                fields=["form"], name="pill_token_prefix", opclasses=["varchar_pattern_ops"]
            )
        ]

    def __str__(self) -> str:
        return self.form


class PillColor(models.Model):
    """One row per color of a pill, so "all blue round pills, most common first" is an
    index range even for rare colors. Kept in step by pills.services."""

    pill = models.ForeignKey(Pill, on_delete=models.CASCADE, related_name="color_rows")
    color = models.CharField(max_length=6, choices=codes.COLOR_CHOICES)
    shape = models.CharField(max_length=6, blank=True)
    commonness = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["pill", "color"], name="pill_color_unique")]
        indexes = [
            models.Index(fields=["color", "-commonness", "pill"], name="pill_color_common"),
            models.Index(
                fields=["color", "shape", "-commonness", "pill"], name="pill_color_shape_common"
            ),
        ]

    def __str__(self) -> str:
        return self.color


def _image_path(instance: PillImage, filename: str) -> str:
    return f"pills/photos/{filename}"


class PillImage(models.Model):
    """A photo of a pill: the original (verified with Pillow) and a smaller rendition."""

    pill = models.ForeignKey(Pill, on_delete=models.CASCADE, related_name="images")
    source_name = models.CharField(_("source file name"), max_length=200, unique=True)
    original = models.ImageField(_("original"), upload_to=_image_path)
    rendition = models.ImageField(_("rendition"), upload_to=_image_path, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("pill picture")
        verbose_name_plural = _("pill pictures")

    def __str__(self) -> str:
        return self.source_name
