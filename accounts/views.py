"""Account pages. Thin: parse the form, call a service, render or redirect.

Every page here is personal or carries a CSRF token, so none may be stored by a shared
cache (`never_cache`).
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from accounts import services
from accounts.forms import (
    AvatarForm,
    DeleteAccountForm,
    EmailChangeForm,
    LoginForm,
    ProfileForm,
    ResendConfirmationForm,
    SignupForm,
    SitePasswordChangeForm,
    SitePasswordResetForm,
    SiteSetPasswordForm,
)
from accounts.tokens import ConfirmationTokenError, ConfirmationTokenExpired
from healthsite.email import site_origin
from healthsite.ratelimit import client_ip, rate_limit_hit

SIGNUPS_PER_IP_PER_HOUR = 5
RESENDS_PER_IP_PER_HOUR = 5
RESETS_PER_IP_PER_HOUR = 5
EMAIL_CHANGES_PER_USER_PER_HOUR = 5
TOO_MANY = gettext_lazy(
    "There have been too many requests from your network. Wait an hour, then try again."
)


def _too_many(form) -> None:
    form.add_error(None, ValidationError(TOO_MANY, code="rate_limited"))


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _next_query(next_url: str) -> str:
    """`?next=...` to carry the page the reader came from on to the next form, or ""."""
    return "?" + urlencode({"next": next_url}) if next_url else ""


def _already_logged_in(request, next_url: str = ""):
    """Signed-in readers who open log in or sign up are told so, not bounced elsewhere."""
    return render(request, "accounts/already_logged_in.html", {"next": next_url})


@never_cache
@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return _already_logged_in(request)
    next_url = _safe_next(request, "")
    form = SignupForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if rate_limit_hit(
            key=f"signup:ip:{client_ip(request)}", limit=SIGNUPS_PER_IP_PER_HOUR, window=3600
        ):
            _too_many(form)
            status = 429
        else:
            services.user_signup(
                email=form.cleaned_data["email"],
                display_name=form.cleaned_data["display_name"],
                password=form.cleaned_data["password1"],
                next_url=next_url,
            )
            request.session["accounts_signup_email"] = form.cleaned_data["email"]
            return redirect("accounts:signup_done")
    return render(
        request,
        "accounts/signup.html",
        {"form": form, "next": next_url, "next_query": _next_query(next_url)},
        status=status,
    )


@never_cache
def signup_done(request):
    return render(
        request,
        "accounts/signup_done.html",
        {"email": request.session.get("accounts_signup_email", "")},
    )


def _open_link(request, confirm, token: str, *, done: str, log_in: str):
    """Open a link from an email with `confirm(token=...)`. Returns ("", a redirect to the
    account or to log in) when it worked, else ("expired" or "invalid", None) for the
    caller's page that says why."""
    try:
        user = confirm(token=token)
    except ConfirmationTokenExpired:
        return "expired", None
    except (ConfirmationTokenError, services.ConfirmationFailed):
        return "invalid", None
    messages.success(request, done % {"email": user.email})
    # The page the reader was on when they signed up (carried in the link), never off-site.
    next_url = _safe_next(request, "")
    if request.user.is_authenticated and request.user.pk == user.pk:
        return "", redirect(next_url or "accounts:profile")
    messages.info(request, log_in)
    return "", redirect(reverse("accounts:login") + _next_query(next_url))


@never_cache
def confirm(request, token: str):
    problem, response = _open_link(
        request,
        services.user_confirm_email,
        token,
        done=_("Thank you: your email address is confirmed."),
        log_in=_("You can now log in."),
    )
    if response is not None:
        return response
    return render(
        request,
        "accounts/confirm_failed.html",
        {"problem": problem, "form": ResendConfirmationForm()},
        status=400,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_resend(request):
    form = ResendConfirmationForm(request.POST or None, initial={"email": request.GET.get("email")})
    status = 200
    if request.method == "POST" and form.is_valid():
        if rate_limit_hit(
            key=f"resend:ip:{client_ip(request)}", limit=RESENDS_PER_IP_PER_HOUR, window=3600
        ):
            _too_many(form)
            status = 429
        else:
            services.confirmation_resend(email=form.cleaned_data["email"])
            request.session["accounts_signup_email"] = form.cleaned_data["email"]
            return redirect("accounts:signup_done")
    return render(request, "accounts/confirm_resend.html", {"form": form}, status=status)


@never_cache
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def login_view(request):
    next_url = _safe_next(request, "")
    if request.user.is_authenticated:
        return _already_logged_in(request, next_url)
    form = LoginForm(request.POST or None, request=request)
    context = {"form": form, "next": next_url, "next_query": _next_query(next_url)}
    status = 200
    if request.method == "POST":
        # A valid LoginForm always holds the user it authenticated.
        if form.is_valid() and (user := form.user) is not None:
            if not user.email_confirmed:
                context["unconfirmed_email"] = user.email
                return render(request, "accounts/login.html", context)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(next_url or settings.LOGIN_REDIRECT_URL)
        if form.throttled:
            status = 429
    return render(request, "accounts/login.html", context, status=status)


@method_decorator(never_cache, name="dispatch")
class LogoutView(auth_views.LogoutView):
    """POST only (Django's LogoutView refuses GET)."""

    next_page = settings.LOGOUT_REDIRECT_URL

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You have logged out."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Django's view with our templates, a rate limit per IP and one per address.

    Whatever happens the reader sees the same "check your email" page, so the form never
    tells whether an address has an account.
    """

    form_class = SitePasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    html_email_template_name = "accounts/email/password_reset.html"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        if rate_limit_hit(
            key=f"reset:ip:{client_ip(self.request)}", limit=RESETS_PER_IP_PER_HOUR, window=3600
        ):
            _too_many(form)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        email = services.normalize_email(form.cleaned_data["email"])
        if not services.email_allowed("reset", email):
            return redirect(self.success_url)
        # Read per request, not at import, so the settings in force now are used.
        self.extra_email_context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": site_origin()}
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SiteSetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The link reached the inbox, which proves the address as well as a confirmation.
        services.user_mark_email_confirmed(user=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = SitePasswordChangeForm
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed."))
        return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    profile_form = ProfileForm(initial={"display_name": user.display_name})
    avatar_form = AvatarForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "profile":
            profile_form = ProfileForm(request.POST)
            if profile_form.is_valid():
                try:
                    services.user_update_profile(
                        user=user, display_name=profile_form.cleaned_data["display_name"]
                    )
                except ValidationError as error:
                    profile_form.add_error("display_name", error.messages)
                else:
                    messages.success(request, _("Your display name has been saved."))
                    return redirect("accounts:profile")
        elif action == "avatar":
            avatar_form = AvatarForm(request.POST, request.FILES)
            if avatar_form.is_valid():
                try:
                    services.avatar_set(user=user, upload=avatar_form.cleaned_data["avatar"])
                except ValidationError as error:
                    avatar_form.add_error("avatar", error.messages)
                else:
                    messages.success(request, _("Your picture has been saved."))
                    return redirect("accounts:profile")
        elif action == "avatar-remove":
            services.avatar_remove(user=user)
            messages.success(request, _("Your picture has been removed."))
            return redirect("accounts:profile")
        user.refresh_from_db()  # show what is saved, not a rejected value
    return render(
        request, "accounts/profile.html", {"profile_form": profile_form, "avatar_form": avatar_form}
    )


@never_cache
@login_required
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def email_change(request):
    form = EmailChangeForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST" and form.is_valid():
        if rate_limit_hit(
            key=f"email-change:user:{request.user.pk}",
            limit=EMAIL_CHANGES_PER_USER_PER_HOUR,
            window=3600,
        ):
            _too_many(form)
            status = 429
        else:
            new_email = form.cleaned_data["new_email"]
            services.email_change_request(user=request.user, new_email=new_email)
            messages.success(
                request,
                _(
                    "We have sent a link to %(email)s. Open it within 3 days to finish the "
                    "change. Until then, log in with your current address."
                )
                % {"email": new_email},
            )
            return redirect("accounts:profile")
    return render(request, "accounts/email_change.html", {"form": form}, status=status)


@never_cache
@login_required
@require_http_methods(["POST"])
def email_change_cancel(request):
    services.email_change_cancel(user=request.user)
    messages.success(request, _("The change of email address is cancelled."))
    return redirect("accounts:profile")


@never_cache
def email_change_confirm(request, token: str):
    problem, response = _open_link(
        request,
        services.email_change_confirm,
        token,
        done=_("Your email address is now %(email)s."),
        log_in=_("Log in with your new email address."),
    )
    if response is not None:
        return response
    return render(request, "accounts/email_change_failed.html", {"problem": problem}, status=400)


@never_cache
@login_required
@require_http_methods(["GET"])
def export(request):
    data = services.user_export_data(user=request.user)
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"healthsite-my-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@login_required
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def delete(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_delete(user=request.user)
        logout(request)
        messages.success(request, _("Your account and your data have been deleted."))
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form})
