"""Pill identifier pages: thin wrappers over the form, `pill_identify` and presenters."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from healthsite import registry
from pills import codes
from pills.forms import IdentifyForm
from pills.illustration import illustration_key, pill_svg
from pills.presenters import pill_card
from pills.selectors import pill_identify

FIELDS = ("imprint", "shape", "color")


def _submitted(request: HttpRequest) -> bool:
    return any(name in request.GET for name in FIELDS)


@require_GET
def identify(request: HttpRequest) -> HttpResponse:
    form = IdentifyForm(request.GET if _submitted(request) else None)
    cards = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        matches = pill_identify(imprint=data["imprint"], shape=data["shape"], color=data["color"])
        cards = [pill_card(m.pill, score=m.score, twins=m.twins) for m in matches]
        for card in cards:  # "Save to My Medicine": what other apps register for cards
            card["sections"] = registry.pill_card_sections.sections(request, card)
    breadcrumbs = [{"text": _("Home"), "href": "/"}, {"text": _("Pill identifier"), "href": ""}]
    context = {
        "form": form,
        "cards": cards,
        "searched": form.is_bound and form.is_valid(),
        "breadcrumbs": breadcrumbs,
        "described": _describe(form),
    }
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
