"""Pill identifier pages: thin wrappers over the form, `pill_identify` and presenters."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from healthsite import registry
from healthsite.paginate import paginate
from pills import codes
from pills.forms import IdentifyForm
from pills.illustration import illustration_key, pill_svg
from pills.imprint import TIER_CLOSE, TIER_EXACT, TIER_PARTIAL
from pills.presenters import pill_card
from pills.selectors import PER_PAGE, pill_identify, pill_results

FIELDS = ("imprint", "shape", "color")


def _submitted(request: HttpRequest) -> bool:
    return any(name in request.GET for name in FIELDS)


TIER_HEADINGS = {
    TIER_EXACT: gettext_lazy("Exact matches"),
    TIER_CLOSE: gettext_lazy("Close matches"),
    TIER_PARTIAL: gettext_lazy("Partial matches — only part of the imprint matches"),
}
# Pictures above the first screen load at once; the rest when scrolled to.
EAGER_PICTURES = 2


def _tiers(cards: list[dict], *, tiered: bool) -> list[dict]:
    """Cards grouped by tier, in order; one group without a heading when not tiered."""
    groups: list[dict] = []
    for card in cards:
        key = card["tier"] if tiered else ""
        if not groups or groups[-1]["key"] != key:
            groups.append({"key": key, "heading": TIER_HEADINGS.get(key, ""), "cards": []})
        groups[-1]["cards"].append(card)
    return groups


@require_GET
def identify(request: HttpRequest) -> HttpResponse:
    form = IdentifyForm(request.GET if _submitted(request) else None)
    searched = form.is_bound and form.is_valid()
    context: dict = {
        "form": form,
        "searched": searched,
        "breadcrumbs": [
            {"text": _("Home"), "href": "/"},
            {"text": _("Pill identifier"), "href": ""},
        ],
        "described": _describe(form),
    }
    if searched:
        data = form.cleaned_data
        results = pill_results(imprint=data["imprint"], shape=data["shape"], color=data["color"])
        page_obj, page_range, query = paginate(request, results, PER_PAGE)
        cards = []
        for n, match in enumerate(page_obj.object_list):
            card = pill_card(match.pill, score=match.score, twins=match.twins)
            card["tier"] = match.tier
            card["lazy"] = n >= EAGER_PICTURES
            card["number"] = page_obj.start_index() + n
            # "Save to My Medicine": what other apps register for cards
            card["sections"] = registry.pill_card_sections.sections(request, card)
            cards.append(card)
        total = page_obj.paginator.count
        context.update(
            page_obj=page_obj,
            page_range=page_range,
            query=query,
            cards=cards,
            tiers=_tiers(cards, tiered=results.tiered),
            tiered=results.tiered,
            total=total,
            # Imprint searches: pills with every typed group, and how many of them are listed.
            full=results.full_matches(),
            full_shown=results.full_matches_shown(),
            partial=total - results.full_matches_shown(),
            # Card titles sit under the tier headings (h3) when there are tiers.
            card_heading="h4" if results.tiered else "h3",
        )
    return render(request, "pills/identify.html", context)


def _describe(form: IdentifyForm) -> str:
    if not (form.is_bound and form.is_valid()):
        return ""
    data = form.cleaned_data
    parts = []
    if data["imprint"]:
        parts.append(_("imprint %(imprint)s") % {"imprint": data["imprint"]})
    if data["shape"]:
        parts.append(codes.shape_label(data["shape"]).lower())
    if data["color"]:
        parts.append(codes.color_label(data["color"]).lower())
    return ", ".join(parts)


@require_GET
def api_identify(request: HttpRequest) -> JsonResponse:
    form = IdentifyForm(request.GET)
    if not form.is_valid():
        errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
        return JsonResponse({"errors": errors}, status=400)
    data = form.cleaned_data
    matches = pill_identify(imprint=data["imprint"], shape=data["shape"], color=data["color"])
    results = []
    for match in matches:
        card = pill_card(match.pill, score=match.score, twins=match.twins)
        results.append(
            {
                "ndc": card["ndc"],
                "package_ndcs": match.pill.package_ndcs,
                "name": match.pill.name,
                "title": card["title"],
                "strength": card["strength"],
                "imprint": card["imprint"],
                "shape": card["shape"],
                "shape_code": card["shape_code"],
                "colors": card["colors"],
                "color_codes": card["color_codes"],
                "size_mm": card["size_mm"],
                "score": card["score"],
                "labeler": card["labeler"],
                "drug_name": card["drug_name"],
                "drug_url": request.build_absolute_uri(card["drug_url"])
                if card["drug_url"]
                else None,
                "image_url": request.build_absolute_uri(card["image_url"]),
                "image_alt": card["alt"],
                "match_score": card["match_score"],
                "also_sold_as": card["also_sold_as"],
            }
        )
    query = {"imprint": data["imprint"], "shape": data["shape"], "color": data["color"]}
    return JsonResponse({"query": query, "count": len(results), "results": results})


@require_GET
@cache_control(public=True, max_age=60 * 60 * 24 * 30)
def picture(request: HttpRequest) -> HttpResponse:
    """A generated pill illustration (SVG) for ?shape=&color=a,b&imprint=; cached."""
    shape = request.GET.get("shape", "")
    colors = [c for c in request.GET.get("color", "").split(",") if c]
    imprint = request.GET.get("imprint", "")[:40]
    if (shape and shape not in codes.SHAPES) or any(c not in codes.COLORS for c in colors):
        return HttpResponseBadRequest("unknown shape or color", content_type="text/plain")
    if len(colors) > 3:
        return HttpResponseBadRequest("too many colors", content_type="text/plain")
    key = "pills:svg:" + illustration_key(shape=shape, colors=colors, imprint=imprint)
    svg = cache.get(key)
    if svg is None:
        svg = pill_svg(shape=shape, colors=colors, imprint=imprint)
        cache.set(key, svg, 60 * 60 * 24)
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Security-Policy"] = "default-src 'none'"
    return response
