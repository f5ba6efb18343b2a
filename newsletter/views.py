"""Thin views: sign-up, confirm, unsubscribe, and the past editions."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from healthsite.ratelimit import client_ip, rate_limit_hit
from healthsite.text import render_editorial

from . import services
from .forms import NewsletterForm
from .models import Edition

NEWSLETTER_LIMIT = (5, 3600)  # sign-ups per address (IP) per hour


@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    """Sign-up (the footer and home forms GET here with the address filled in) and past
    editions."""
    if request.method == "POST":
        form = NewsletterForm(request.POST)
        limited = rate_limit_hit(
            key=f"newsletter:ip:{client_ip(request)}",
            limit=NEWSLETTER_LIMIT[0],
            window=NEWSLETTER_LIMIT[1],
        )
        if limited:
            form.add_error(None, _("Too many sign-ups from here. Please try again in an hour."))
        elif form.is_valid():
            services.subscriber_sign_up(email=form.cleaned_data["email"])
            return render(request, "newsletter/check_email.html")
        status = 429 if limited else 200
    else:
        form = NewsletterForm(initial={"email": request.GET.get("email", "")[:254]})
        status = 200
    editions = Edition.objects.published()[:50]
    return render(
        request, "newsletter/index.html", {"form": form, "editions": editions}, status=status
    )


@never_cache
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = services.subscriber_confirm(token=token)
    return render(
        request,
        "newsletter/confirmed.html",
        {"confirmed": subscriber is not None},
        status=200 if subscriber else 400,
    )


@never_cache
@csrf_exempt  # one-click unsubscribe from mail clients (RFC 8058); the token is the key
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST":
        if services.subscriber_unsubscribe(token=token) is None:
            raise Http404
        return render(request, "newsletter/unsubscribed.html")
    return render(request, "newsletter/unsubscribe_confirm.html")


def edition(request: HttpRequest, slug: str) -> HttpResponse:
    editions = Edition.objects.all() if request.user.is_staff else Edition.objects.published()
    item = get_object_or_404(editions, slug=slug)
    response = render(
        request,
        "newsletter/edition.html",
        {"edition": item, "body_html": render_editorial(item.body)},
    )
    if item.status != Edition.Status.SENT:
        response["Cache-Control"] = "private, no-cache, no-store, max-age=0"
    return response
