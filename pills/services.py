"""Every write to pills goes through these functions (importers, receivers, admin, demo)."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import Literal

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, UnidentifiedImageError

from drugs.models import Drug, DrugName, Product
from drugs.services import brand_display, display_name, drug_create, drug_name_add, ingredient_key
from drugs.text import normalize_name
from pills import codes
from pills.imprint import Query, fold, index_forms
from pills.models import Pill, PillColor, PillImage, PillToken

Status = Literal["created", "updated", "unchanged"]

RENDITION_WIDTH = 240


class PillImageError(ValueError):
    """The file is not an image we accept."""


@dataclass
class PillResult:
    pill: Pill
    status: Status
    # The imprints whose site-index documents this change touches (the pill's, and the one
    # it had before); an import that indexes a batch at once reads them (pills.search).
    imprint_keys: tuple[str, ...] = ()


def _raw_compact(imprint: str) -> str:
    """Every segment's letters and digits in printed order, repeats kept ("9331193311")."""
    return "".join(ch for ch in (imprint or "").upper() if ch.isalnum())


def _replace_colors(pill: Pill) -> None:
    PillColor.objects.filter(pill=pill).delete()
    PillColor.objects.bulk_create(
        [
            PillColor(pill=pill, color=color, shape=pill.shape, commonness=pill.commonness)
            for color in pill.colors
        ]
    )


def _sync_commonness(pill: Pill) -> None:
    PillToken.objects.filter(pill=pill).update(commonness=pill.commonness)
    PillColor.objects.filter(pill=pill).update(commonness=pill.commonness)


def pill_token_forms(*, imprint: str, imprint_tokens: list[str]) -> list[tuple[str, str]]:
    """The (kind, form) rows of a pill's candidate index, for `_replace_tokens` and for bulk
    writers that insert many pills at once."""
    forms = index_forms(imprint_tokens)
    raw = _raw_compact(imprint)
    if raw and len(imprint_tokens) > 1:
        forms.add(("c", fold(raw)))
    return [(kind, form[:60]) for kind, form in sorted(forms)]


def _replace_tokens(pill: Pill) -> None:
    forms = pill_token_forms(imprint=pill.imprint, imprint_tokens=pill.imprint_tokens)
    PillToken.objects.filter(pill=pill).delete()
    PillToken.objects.bulk_create(
        [
            PillToken(
                pill=pill,
                kind=kind,
                form=form,
                shape=pill.shape,
                colors_mask=pill.colors_mask,
                commonness=pill.commonness,
            )
            for kind, form in forms
        ]
    )


@transaction.atomic
def pill_upsert(
    *,
    source: str,
    source_key: str,
    imprint: str,
    shape: str,
    colors: list[str],
    product_ndc: str = "",
    package_ndcs: list[str] | None = None,
    name: str = "",
    strength: str = "",
    dosage_form: str = "",
    labeler: str = "",
    size_mm: int | None = None,
    score: int | None = None,
    drug: Drug | None = None,
    product: Product | None = None,
    index: bool = True,
) -> PillResult:
    """Create or update the pill with this source key; unchanged input writes nothing.

    Shape and colors are SPL codes; unknown ones are refused with a ValueError so importers
    can report the record. Package NDCs are merged with the ones already known. The site
    index is brought up to date unless `index` is False: then the caller indexes the
    result's `imprint_keys` itself (`pills.search.index_imprints`, a batch at once).
    """
    if shape and shape not in codes.SHAPES:
        raise ValueError(f"unknown SPL shape code {shape!r}")
    unknown = [c for c in colors if c not in codes.COLORS]
    if unknown:
        raise ValueError(f"unknown SPL color code(s) {', '.join(unknown)}")
    colors = list(dict.fromkeys(colors))
    # A pill's imprint is read exactly as a reader's query is: same tokens, same logo words.
    printed = Query.parse(imprint)
    token_list, has_logo = list(printed.tokens), printed.logo
    pill = Pill.objects.select_for_update().filter(source_key=source_key).first()
    created = pill is None
    if pill is None:
        pill = Pill(source_key=source_key, source=source)
    merged_ndcs = sorted({*(pill.package_ndcs or []), *(package_ndcs or [])})
    values = {
        "source": source,
        "product_ndc": product_ndc,
        "package_ndcs": merged_ndcs,
        "name": name[:500],
        "strength": strength[:255],
        "dosage_form": dosage_form[:255],
        "labeler": labeler[:255] or pill.labeler,
        "imprint": (imprint or "").strip()[:255],
        "imprint_tokens": token_list,
        "has_logo": has_logo,
        "shape": shape,
        "colors": colors,
        "size_mm": size_mm if size_mm is not None else pill.size_mm,
        "score": score if score is not None else pill.score,
        "drug": drug or pill.drug,
        "product": product or pill.product,
    }
    changed = [field for field, value in values.items() if getattr(pill, field) != value]
    if not created and not changed:
        return PillResult(pill, "unchanged")
    appearance_changed = created or bool({"imprint", "shape", "colors"} & set(changed))
    old_commonness = pill.commonness
    old_key = pill.imprint_key
    for field, value in values.items():
        setattr(pill, field, value)
    pill.commonness = len(merged_ndcs) + (pill.images.count() if pill.pk else 0)
    pill.full_clean()
    if created:
        pill.save()
    else:
        pill.save(update_fields=[*changed, "commonness", "updated_at"])
    if appearance_changed:
        _replace_tokens(pill)
        _replace_colors(pill)
    elif pill.commonness != old_commonness:
        _sync_commonness(pill)
    keys = tuple(dict.fromkeys(k for k in (pill.imprint_key, old_key) if k))
    if index:
        from pills.search import index_imprints

        index_imprints(keys)
    return PillResult(pill, "created" if created else "updated", keys)


@transaction.atomic
def pill_drug_resolve(
    *,
    product_ndc: str,
    ingredient_names: list[str],
    brand: str = "",
    create: bool = True,
    source_key: str = "",
) -> tuple[Drug | None, Product | None]:
    """The drug and product a pill belongs to: by NDC first, then by active ingredients
    (the drugs app's ingredient key), then by brand name; with `create`, a new prescription
    drug named after its ingredients (through drugs.services) otherwise.

    The pill already saved under `source_key` keeps its drug while that drug still matches
    the record (same ingredient key, or one of its names is the pill's ingredients or brand).
    Without this, a re-import flip-flops: a branded pill matched by brand on the first run
    finds, on the next, the drug that a later pill with the same ingredients and no brand
    created (the ingredient key is tried before the brand), so every run "updated" it.
    """
    if product_ndc:
        product = (
            Product.objects.select_related("drug")
            .filter(ndc__startswith=product_ndc)
            .order_by("ndc")
            .first()
        )
        if product is not None:
            return product.drug, product
    names = [n for n in ingredient_names if n.strip()]
    key = ingredient_key(names) if names else ""
    normalized_names = [
        n
        for n in (normalize_name(display_name(names)) if names else "", normalize_name(brand))
        if n
    ]
    current = (
        Drug.objects.filter(pills__source_key=source_key).order_by("pk").first()
        if source_key
        else None
    )
    if current is not None and (
        (key and current.ingredient_key == key)
        or current.names.filter(normalized__in=normalized_names).exists()
    ):
        return current, None
    if key:
        drug = Drug.objects.filter(ingredient_key=key).order_by("pk").first()
        if drug is not None:
            return drug, None
    for normalized in normalized_names:
        found = (
            DrugName.objects.select_related("drug")
            .filter(normalized=normalized)
            .order_by("drug_id")
            .first()
        )
        if found is not None:
            return found.drug, None
    if not create or not names:
        return None, None
    drug = drug_create(
        name=display_name(names), kind=Drug.Kind.PRESCRIPTION, ingredient_names=names
    )
    if brand:
        drug_name_add(drug=drug, name=brand_display(brand), kind=DrugName.Kind.BRAND)
    return drug, None


def verify_image(content: bytes) -> Image.Image:
    """Open and fully decode an image; PillImageError when it is not a JPEG/PNG/WebP."""
    try:
        with Image.open(io.BytesIO(content)) as probe:
            probe.verify()
        image = Image.open(io.BytesIO(content))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise PillImageError(f"not a readable image ({error})") from error
    if image.format not in {"JPEG", "PNG", "WEBP"}:
        raise PillImageError(f"image format {image.format} is not accepted")
    return image


def _jpeg(image: Image.Image, *, width: int | None = None) -> bytes:
    """Re-encode as JPEG without metadata, optionally scaled down to `width`."""
    image = image.convert("RGB")
    if width and image.width > width:
        image = image.resize(
            (width, round(image.height * width / image.width)), Image.Resampling.LANCZOS
        )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


@transaction.atomic
def pill_image_status(*, pill: Pill, source_name: str, content: bytes) -> Status:
    """What `pill_image_attach` would do with this photo, storing nothing (for dry runs:
    files written to storage are not rolled back with the database). PillImageError when
    it is not a readable image."""
    digest = hashlib.sha256(content).hexdigest()
    existing = PillImage.objects.filter(source_name=source_name).first()
    if existing is not None and existing.sha256 == digest and existing.pill_id == pill.pk:
        return "unchanged"
    verify_image(content)
    return "created" if existing is None else "updated"


def pill_image_attach(*, pill: Pill, source_name: str, content: bytes) -> tuple[PillImage, Status]:
    """Attach a photo to a pill: verified with Pillow, metadata stripped, rendition made.
    The same file (by name and content) attached again changes nothing."""
    digest = hashlib.sha256(content).hexdigest()
    existing = PillImage.objects.filter(source_name=source_name).first()
    if existing is not None and existing.sha256 == digest and existing.pill_id == pill.pk:
        return existing, "unchanged"
    image = verify_image(content)
    stem = source_name.rsplit(".", 1)[0]
    picture = existing or PillImage(pill=pill, source_name=source_name)
    picture.pill = pill
    picture.width, picture.height = image.size
    picture.sha256 = digest
    picture.original.save(f"{stem}.jpg", ContentFile(_jpeg(image)), save=False)
    picture.rendition.save(
        f"{stem}_{RENDITION_WIDTH}.jpg",
        ContentFile(_jpeg(image, width=RENDITION_WIDTH)),
        save=False,
    )
    picture.full_clean()
    picture.save()
    pill.commonness = len(pill.package_ndcs) + pill.images.count()
    pill.save(update_fields=["commonness", "updated_at"])
    _sync_commonness(pill)
    # Commonness orders the medicines in the imprint's search document too.
    from pills.search import index_imprints

    index_imprints([pill.imprint_key])
    return picture, "created" if existing is None else "updated"
