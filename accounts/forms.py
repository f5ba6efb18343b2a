"""Account forms. Error messages say what to do; none says whether an email is registered."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import throttle
from accounts.images import MAX_UPLOAD_BYTES
from accounts.models import User
from accounts.services import normalize_email
from accounts.validators import validate_display_name
from healthsite.email import email_render, email_send

EMAIL_HINT = _("We never show your email address to anyone.")


def _email_field(*, label=None, required_message=None, **kwargs) -> forms.EmailField:
    return forms.EmailField(
        label=label or _("Email address"),
        max_length=254,
        error_messages={
            "required": required_message or _("Enter your email address."),
            "invalid": _("Enter an email address in the correct format, like name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        **kwargs,
    )


def _password_field(label, *, autocomplete: str, required_message, help_text="") -> forms.Field:
    return forms.CharField(
        label=label,
        strip=False,
        help_text=help_text,
        error_messages={"required": required_message},
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
    )


def _display_name_field() -> forms.CharField:
    return forms.CharField(
        label=_("Display name"),
        max_length=40,
        help_text=_(
            "Shown to everyone next to what you write. Do not use your full name or email."
        ),
        validators=[validate_display_name],
        error_messages={
            "required": _("Enter a display name."),
            "max_length": _("Your display name must be 40 characters or fewer."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )


class SignupForm(forms.Form):
    email = _email_field(help_text=EMAIL_HINT)
    display_name = _display_name_field()
    password1 = _password_field(
        _("Password"),
        autocomplete="new-password",
        required_message=_("Enter a password."),
        help_text=_("At least 8 characters. A few unrelated words make a strong password."),
    )
    password2 = _password_field(
        _("Confirm password"),
        autocomplete="new-password",
        required_message=_("Enter your password again."),
    )

    def clean_email(self) -> str:
        return normalize_email(self.cleaned_data["email"])

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        password1 = cleaned.get("password1")
        password2 = cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords do not match. Type them again."))
        elif password1:
            candidate = User(
                email=cleaned.get("email", ""), display_name=cleaned.get("display_name", "")
            )
            try:
                password_validation.validate_password(password1, user=candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LoginForm(forms.Form):
    """Checks the throttle before the password, then the password; never says which failed."""

    email = _email_field()
    password = _password_field(
        _("Password"), autocomplete="current-password", required_message=_("Enter your password.")
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.user: User | None = None
        self.throttled: throttle.Verdict | None = None

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        email, password = cleaned.get("email"), cleaned.get("password")
        if not email or not password:
            return cleaned
        email = normalize_email(email)
        ip = _ip(self.request)
        verdict = throttle.login_check(email=email, ip=ip)
        if not verdict.allowed:
            self.throttled = verdict
            raise ValidationError(_throttle_message(verdict), code="throttled")
        user = authenticate(self.request, email=email, password=password)
        if user is None:
            throttle.login_failed(email=email, ip=ip)
            raise ValidationError(
                _("The email address or password is not right. Check them and try again."),
                code="invalid_login",
            )
        throttle.login_succeeded(email=email, ip=ip)
        self.user = user
        return cleaned


def _ip(request) -> str:
    from healthsite.ratelimit import client_ip

    return client_ip(request) if request is not None else "unknown"


def _throttle_message(verdict: throttle.Verdict) -> str:
    if verdict.locked:
        minutes = max(1, (verdict.retry_after + 59) // 60)
        return ngettext(
            "There have been too many failed attempts to log in. For your security, logging "
            "in is paused for %(count)d minute. You can reset your password meanwhile.",
            "There have been too many failed attempts to log in. For your security, logging "
            "in is paused for %(count)d minutes. You can reset your password meanwhile.",
            minutes,
        ) % {"count": minutes}
    return ngettext(
        "There have been several failed attempts to log in. Wait %(count)d second, then try again.",
        "There have been several failed attempts to log in. Wait %(count)d seconds, then try "
        "again.",
        verdict.retry_after,
    ) % {"count": verdict.retry_after}


class ResendConfirmationForm(forms.Form):
    email = _email_field()

    def clean_email(self) -> str:
        return normalize_email(self.cleaned_data["email"])


class ProfileForm(forms.Form):
    display_name = _display_name_field()


class AvatarForm(forms.Form):
    avatar = forms.FileField(
        label=_("Upload a picture"),
        help_text=_("A JPEG, PNG, GIF or WebP picture, up to 5 MB. We crop it to a square."),
        error_messages={
            "required": _("Choose a picture to upload."),
            "empty": _("The file you chose is empty. Choose a picture."),
        },
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}
        ),
    )

    def clean_avatar(self):
        upload = self.cleaned_data["avatar"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The picture must be smaller than 5 MB."))
        return upload


class _PasswordCheckedForm(forms.Form):
    """A form that asks for the reader's password, to make sure it is them."""

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("The password is not right. Check it and try again."))
        return password


class DeleteAccountForm(_PasswordCheckedForm):
    password = _password_field(
        _("Your password"),
        autocomplete="current-password",
        required_message=_("Enter your password to delete your account."),
        help_text=_("To make sure it is you."),
    )


class EmailChangeForm(_PasswordCheckedForm):
    new_email = _email_field(
        label=_("New email address"),
        required_message=_("Enter your new email address."),
        help_text=_("We will send a link to it. Your address changes when you open the link."),
    )
    password = _password_field(
        _("Your password"),
        autocomplete="current-password",
        required_message=_("Enter your password to change your email address."),
        help_text=_("To make sure it is you."),
    )

    def clean_new_email(self) -> str:
        email = normalize_email(self.cleaned_data["new_email"])
        if email == self.user.email:
            raise ValidationError(_("This is already your email address. Enter a different one."))
        return email


class SitePasswordResetForm(PasswordResetForm):
    email = _email_field()

    def send_mail(  # Django passes template names we do not need: the trio is ours
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        """Send the reset link through the site's one email path (queued after commit)."""
        email_send(
            email_render(template="accounts/email/password_reset", to=to_email, context=context)
        )


class SiteSetPasswordForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = _(
            "At least 8 characters. A few unrelated words make a strong password."
        )
        self.fields["new_password1"].error_messages["required"] = _("Enter a new password.")
        self.fields["new_password2"].error_messages["required"] = _("Enter the new password again.")


class SitePasswordChangeForm(PasswordChangeForm, SiteSetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].error_messages["required"] = _("Enter your current password.")
