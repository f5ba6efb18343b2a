"""Thin views: parse the form, call a selector or service, render.

Every My Medicine page is for its owner only: a profile that is not the signed-in reader's
is a 404 (not a 403, so its existence is not revealed), for staff too. Those pages are
marked `Cache-Control: private, no-store`.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from drugs.models import Drug, Product
from healthsite.idempotency import submit_once

from . import selectors, services
from .forms import AlertsForm, MedicineForm, ProfileForm, SaveToProfileForm
from .models import SavedMedicine


def private(view):
    """Sign-in required, never cached by anyone but the reader's own browser."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-cache, no-store, must-revalidate, max-age=0"
        return response

    return login_required(wrapper)


def _owned_profile(request, pk: int):
    profile = selectors.profile_for(owner=request.user, pk=pk)
    if profile is None:
        raise Http404
    return profile


@private
def index(request):
    profiles = list(selectors.profiles_for(owner=request.user))
    rows = selectors.profile_checks(profiles=profiles)
    return render(request, "mymedicine/index.html", {"rows": rows})


@private
@require_http_methods(["GET", "POST"])
@submit_once
def profile_add(request):
    form = ProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        profile = services.profile_create(owner=request.user, **form.cleaned_data)
        messages.success(request, _("Profile added."))
        return redirect(profile)
    return render(request, "mymedicine/profile_form.html", {"form": form, "profile": None})


@private
@require_http_methods(["GET", "POST"])
def profile_edit(request, pk: int):
    profile = _owned_profile(request, pk)
    initial = {
        "name": profile.name,
        "relationship": profile.relationship,
        "birth_year": profile.birth_year,
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.profile_update(profile=profile, **form.cleaned_data)
        messages.success(request, _("Profile updated."))
        return redirect(profile)
    return render(request, "mymedicine/profile_form.html", {"form": form, "profile": profile})


@private
@require_http_methods(["GET", "POST"])
def profile_delete(request, pk: int):
    profile = _owned_profile(request, pk)
    if request.method == "POST":
        services.profile_delete(profile=profile)
        messages.success(request, _("Profile deleted."))
        return redirect("mymedicine:index")
    return render(request, "mymedicine/profile_delete.html", {"profile": profile})


@private
@require_http_methods(["GET", "POST"])
@submit_once
def profile_detail(request, pk: int):
    profile = _owned_profile(request, pk)
    form = MedicineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.saved_medicine_add(
            profile=profile,
            drug=data["medicine"],
            strength=data["strength"],
            dose_note=data["dose_note"],
            started_on=data["started_on"],
            prescriber=data["prescriber"],
        )
        messages.success(request, _("%(name)s saved.") % {"name": data["medicine"].name})
        return redirect(profile)
    context = {
        "profile": profile,
        "form": form,
        "alerts_form": AlertsForm(initial={"recall_alerts": profile.recall_alerts}),
        "result": selectors.profile_check(profile=profile),
    }
    return render(request, "mymedicine/profile.html", context)


@private
@require_POST
def medicine_remove(request, pk: int, medicine_pk: int):
    profile = _owned_profile(request, pk)
    medicine = get_object_or_404(SavedMedicine, pk=medicine_pk, profile=profile)
    services.saved_medicine_remove(medicine=medicine)
    messages.success(request, _("%(name)s removed.") % {"name": medicine.drug.name})
    return redirect(profile)


@private
@require_POST
def profile_alerts(request, pk: int):
    profile = _owned_profile(request, pk)
    form = AlertsForm(request.POST)
    enabled = form.is_valid() and form.cleaned_data["recall_alerts"]
    services.profile_set_recall_alerts(profile=profile, enabled=enabled)
    if enabled:
        messages.success(request, _("We will email you about recalls of these medicines."))
    else:
        messages.success(request, _("Recall emails for this list are off."))
    return redirect(profile)


@private
def profile_print(request, pk: int):
    profile = _owned_profile(request, pk)
    context = {"profile": profile, "result": selectors.profile_check(profile=profile)}
    return render(request, "mymedicine/profile_print.html", context)


@private
@require_http_methods(["GET", "POST"])
@submit_once
def save_drug(request, slug: str):
    """ "Save to My Medicine" from a drug page or a pill result (`?ndc=` picks the product)."""
    drug = get_object_or_404(Drug.objects.published(), slug=slug)
    if not selectors.profiles_for(owner=request.user).exists():
        services.profile_for_me(owner=request.user)
    profiles = list(selectors.profiles_for(owner=request.user))
    initial = {}
    ndc = request.GET.get("ndc", "")
    if ndc:
        product = Product.objects.filter(drug=drug, ndc=ndc).first()
        if product:
            initial = {"product": product.pk, "strength": product.strength}
    form = SaveToProfileForm(request.POST or None, drug=drug, profiles=profiles, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        profile = next(p for p in profiles if p.pk == data["profile"])
        services.saved_medicine_add(
            profile=profile,
            drug=drug,
            product=data.get("product"),
            strength=data["strength"],
            dose_note=data["dose_note"],
            started_on=data["started_on"],
            prescriber=data["prescriber"],
        )
        messages.success(
            request,
            _("%(drug)s saved to %(profile)s's list.") % {"drug": drug.name, "profile": profile},
        )
        return redirect(profile)
    return render(request, "mymedicine/save.html", {"drug": drug, "form": form})


@private
def alerts(request):
    return render(
        request, "mymedicine/alerts.html", {"alerts": selectors.alerts_for(user=request.user)}
    )


@never_cache
@csrf_exempt  # mail clients POST here for one-click unsubscribe (RFC 8058); the token is the key
@require_http_methods(["GET", "POST"])
def recall_unsubscribe(request, token: str):
    if request.method == "POST":
        profile = services.recall_alerts_unsubscribe(token=token)
        if profile is None:
            raise Http404
        return render(request, "mymedicine/unsubscribed.html")
    return render(request, "mymedicine/unsubscribe_confirm.html")
