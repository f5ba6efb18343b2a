"""The interaction checker page and its printable version. Thin: parse the form, call the
selectors, render. GET only, so a list of medicines is a shareable URL."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import api, selectors
from .forms import CheckerForm, find_drug


def _checker_url(name: str, slugs: list[str]) -> str:
    url = reverse(name)
    return f"{url}?{urlencode({'drugs': ','.join(slugs)})}" if slugs else url


def checker(request: HttpRequest, *, template: str = "interactions/checker.html") -> HttpResponse:
    form = CheckerForm(request.GET or None)
    slugs: list[str] = []
    error = ""
    if form.is_bound and form.is_valid():
        slugs = form.slugs()
        remove = form.cleaned_data["remove"].strip().lower()
        add = form.cleaned_data["add"].strip()
        if remove or add:
            if remove:
                slugs = [s for s in slugs if s != remove]
            if add:
                drug = find_drug(add)
                if drug is None:
                    error = _("We could not find a medicine called “%(name)s”.") % {"name": add}
                elif drug.slug not in slugs:
                    slugs.append(drug.slug)
            if not error:
                return HttpResponseRedirect(_checker_url("interactions:checker", slugs))
    drugs, unknown = selectors.drugs_for_check(slugs)
    too_many = len(drugs) > selectors.MAX_DRUGS
    result = None
    if len(drugs) >= selectors.MIN_DRUGS and not too_many:
        result = selectors.interaction_check(drugs=drugs)
    if error:
        form.add_error("add", error)
    context = {
        "form": form,
        "drugs": drugs,
        "unknown": unknown,
        "too_many": too_many,
        "result": result,
        "min_drugs": selectors.MIN_DRUGS,
        "max_drugs": selectors.MAX_DRUGS,
        "drugs_value": ",".join(d.slug for d in drugs),
        "print_url": _checker_url("interactions:checker_print", [d.slug for d in drugs]),
    }
    return render(request, template, context)


def checker_print(request: HttpRequest) -> HttpResponse:
    return checker(request, template="interactions/checker_print.html")


@require_GET
def checker_json(request: HttpRequest) -> JsonResponse:
    """The check as JSON: `?drugs=slug,slug` (as the checker page) or `?drug=slug&drug=slug`."""
    slugs = [s for value in request.GET.getlist("drugs") for s in value.split(",")]
    slugs += request.GET.getlist("drug")
    drugs, unknown = selectors.drugs_for_check(slugs)
    result = None
    if selectors.MIN_DRUGS <= len(drugs) <= selectors.MAX_DRUGS:
        result = selectors.interaction_check(drugs=drugs)
    data = api.check_data(
        drugs=drugs, unknown=unknown, result=result, absolute=request.build_absolute_uri
    )
    return JsonResponse(data, status=200 if result is not None else 400)
