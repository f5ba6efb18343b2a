"""Every write of the accounts app: sign-up, confirmation, profile, avatar, deletion.

Functions are keyword-only and typed; database changes run in a transaction and call
`full_clean()` before saving. None of them says whether an email address is registered:
where a reader could learn that, the same thing happens either way (an email is sent to
the address's owner instead).
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from urllib.parse import urlencode

from django.contrib.auth import password_validation
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.emails import send_templated_email, site_link
from accounts.images import avatar_renditions
from accounts.models import User
from accounts.tokens import (
    CONFIRMATION_MAX_AGE,
    confirmation_token_make,
    confirmation_token_read,
    email_change_token_make,
    email_change_token_read,
)
from healthsite import registry
from healthsite.ratelimit import rate_limit_hit

logger = logging.getLogger(__name__)

# How many emails one address may receive from sign-up and "resend" per hour, so the
# forms cannot be used to flood someone's inbox.
EMAILS_PER_ADDRESS_PER_HOUR = 3


def normalize_email(email: str) -> str:
    return User.objects.normalize_email(email.strip()).lower()


def _address_key(purpose: str, email: str) -> str:
    return f"{purpose}:email:" + hashlib.sha256(email.encode()).hexdigest()[:32]


def email_allowed(purpose: str, email: str) -> bool:
    """Count one email to `email` for `purpose`; False when that address has had enough."""
    return not rate_limit_hit(
        key=_address_key(purpose, email), limit=EMAILS_PER_ADDRESS_PER_HOUR, window=3600
    )


def user_create(
    *, email: str, display_name: str, password: str | None, confirmed: bool = False
) -> User:
    """Create an account. The password is checked against the site's password rules."""
    user = User(
        email=normalize_email(email),
        display_name=display_name.strip(),
        email_confirmed_at=timezone.now() if confirmed else None,
    )
    if password is None:
        user.set_unusable_password()
    else:
        password_validation.validate_password(password, user=user)
        user.set_password(password)
    user.full_clean()
    with transaction.atomic():
        user.save()
    return user


def confirmation_email_send(*, user: User, next_url: str = "") -> None:
    """Email `user` their confirmation link; `next_url` (a path on this site, checked by the
    caller) is where the link leads once the address is confirmed."""
    token = confirmation_token_make(user_id=user.pk, email=user.email)
    confirm_url = site_link("accounts:confirm", token=token)
    if next_url:
        confirm_url += "?" + urlencode({"next": next_url})
    send_templated_email(
        to=user.email,
        name="confirm_email",
        context={
            "user": user,
            "confirm_url": confirm_url,
            "valid_days": CONFIRMATION_MAX_AGE // 86400,
        },
    )


def user_signup(*, email: str, display_name: str, password: str, next_url: str = "") -> User | None:
    """Sign someone up and email them a confirmation link.

    When the address already has an account nothing is created: its owner gets either a
    fresh confirmation link (not confirmed yet) or a note that someone tried to sign up
    with it. The caller shows the same "check your email" page in every case.
    """
    email = normalize_email(email)
    existing = User.objects.filter(email=email).first()
    if existing is None:
        user = user_create(email=email, display_name=display_name, password=password)
        confirmation_email_send(user=user, next_url=next_url)
        return user
    # Hash the password anyway, so the answer takes as long as a real sign-up: response time
    # must not tell whether the address is registered.
    make_password(password)
    if email_allowed("signup", email):
        if existing.is_active and not existing.email_confirmed:
            confirmation_email_send(user=existing, next_url=next_url)
        elif existing.is_active:
            send_templated_email(
                to=existing.email,
                name="account_exists",
                context={
                    "user": existing,
                    "login_url": site_link("accounts:login"),
                    "reset_url": site_link("accounts:password_reset"),
                },
            )
    return None


def confirmation_resend(*, email: str) -> None:
    """Send a new link if that address has an account waiting for confirmation."""
    email = normalize_email(email)
    user = User.objects.filter(email=email, is_active=True, email_confirmed_at=None).first()
    if user is not None and email_allowed("resend", email):
        confirmation_email_send(user=user)


class ConfirmationFailed(Exception):
    pass


def user_confirm_email(*, token: str) -> User:
    """Mark the address in a confirmation link as confirmed (idempotent).

    Raises tokens.ConfirmationTokenError (or ConfirmationTokenExpired) for bad links and
    ConfirmationFailed when the account is gone or its address has changed since.
    """
    claim = confirmation_token_read(token)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=claim.user_id, is_active=True).first()
        if user is None or not claim.matches(user.email):
            raise ConfirmationFailed("account no longer matches the link")
        if user.email_confirmed_at is None:
            user.email_confirmed_at = timezone.now()
            user.save(update_fields=["email_confirmed_at"])
    return user


def user_mark_email_confirmed(*, user: User) -> User:
    """A password reset link reached the address: that confirms it too."""
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        with transaction.atomic():
            user.save(update_fields=["email_confirmed_at"])
    return user


def masked_email(email: str) -> str:
    """Enough of an address to recognise it, not to learn it: "j***@example.org"."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


def email_change_request(*, user: User, new_email: str) -> None:
    """Ask to move the account to `new_email`. Nothing changes until the link sent there is
    opened; the current address is told, in case it was not its owner who asked.

    When the new address already has an account, its owner gets a note instead of a link,
    and the asker sees the same as for any address (this must not tell who is registered).
    Emails to one address are limited per hour, like sign-up's.
    """
    new_email = normalize_email(new_email)
    if not email_allowed("change", new_email):
        return
    if User.objects.filter(email=new_email).exclude(pk=user.pk).exists():
        send_templated_email(
            to=new_email,
            name="change_email_taken",
            context={"login_url": site_link("accounts:login")},
        )
    else:
        with transaction.atomic():
            user.pending_email = new_email
            user.save(update_fields=["pending_email"])
        token = email_change_token_make(
            user_id=user.pk,
            current_email=user.email,
            new_email=new_email,
            password_hash=user.password,
        )
        send_templated_email(
            to=new_email,
            name="change_email",
            context={
                "user": user,
                "confirm_url": site_link("accounts:email_change_confirm", token=token),
                "valid_days": CONFIRMATION_MAX_AGE // 86400,
            },
        )
    send_templated_email(
        to=user.email,
        name="change_email_notice",
        context={
            "user": user,
            "new_email": masked_email(new_email),
            "password_url": site_link("accounts:password_change"),
        },
    )


def email_change_cancel(*, user: User) -> User:
    """Forget the address waiting for confirmation: its link stops working."""
    if user.pending_email:
        user.pending_email = ""
        with transaction.atomic():
            user.save(update_fields=["pending_email"])
    return user


def email_change_confirm(*, token: str) -> User:
    """Move the account to the address in an email change link; that address is confirmed.

    Raises tokens.ConfirmationTokenError (or ConfirmationTokenExpired) for bad links and
    ConfirmationFailed when the account no longer waits for that address, or when another
    account has taken it since.
    """
    claim = email_change_token_read(token)
    try:
        with transaction.atomic():
            user = User.objects.select_for_update().filter(pk=claim.user_id, is_active=True).first()
            if user is None or not user.pending_email:
                raise ConfirmationFailed("no email change is waiting")
            if not claim.matches(
                current=user.email, new=user.pending_email, password_hash=user.password
            ):
                raise ConfirmationFailed("the account no longer matches the link")
            if User.objects.filter(email=user.pending_email).exclude(pk=user.pk).exists():
                raise ConfirmationFailed("the address has an account now")
            user.email = user.pending_email
            user.pending_email = ""
            user.email_confirmed_at = timezone.now()
            user.save(update_fields=["email", "pending_email", "email_confirmed_at"])
    except IntegrityError as error:  # taken by a sign-up at the same moment
        raise ConfirmationFailed("the address has an account now") from error
    return user


def user_update_profile(*, user: User, display_name: str) -> User:
    user.display_name = display_name.strip()
    user.full_clean(exclude=["password"])
    with transaction.atomic():
        user.save(update_fields=["display_name"])
    return user


def _delete_files_on_commit(names: list[str], storage: Storage) -> None:
    def delete() -> None:
        for name in names:
            try:
                storage.delete(name)
            except OSError:  # already gone or unreachable: nothing personal is left to keep
                logger.warning("could not delete avatar file %s", name)

    transaction.on_commit(delete)


def _avatar_names(user: User) -> list[str]:
    return [name for field in (user.avatar, user.avatar_small) if (name := field.name)]


def avatar_set(*, user: User, upload: File) -> User:
    """Validate an uploaded picture and store clean 256 px and 64 px renditions.

    Raises ValidationError (not an image, SVG, too large, a decompression bomb...).
    """
    renditions = avatar_renditions(upload)
    old = _avatar_names(user)
    stem = uuid.uuid4().hex
    storage = user.avatar.storage
    try:
        with transaction.atomic():
            user.avatar.save(f"{stem}-256.jpg", ContentFile(renditions[256]), save=False)
            user.avatar_small.save(f"{stem}-64.jpg", ContentFile(renditions[64]), save=False)
            user.save(update_fields=["avatar", "avatar_small"])
            _delete_files_on_commit(old, storage)
    except OSError as error:  # the media folder is full, read-only or gone
        logger.error("could not store an avatar: %s", error)
        user.refresh_from_db(fields=["avatar", "avatar_small"])
        raise ValidationError(
            _("We could not save your picture just now. Please try again later."),
            code="storage",
        ) from error
    return user


def avatar_remove(*, user: User) -> User:
    old = _avatar_names(user)
    storage = user.avatar.storage
    user.avatar = ""
    user.avatar_small = ""
    with transaction.atomic():
        user.save(update_fields=["avatar", "avatar_small"])
        _delete_files_on_commit(old, storage)
    return user


def user_export_data(*, user: User) -> dict:
    """Everything the site holds about `user`, one section per app (`registry.privacy`)."""
    return {
        "site": site_link("home"),
        "exported_at": timezone.now().isoformat(),
        "data": {entry.app: entry.export_user_data(user) for entry in registry.privacy},
    }


def user_delete(*, user: User) -> None:
    """Delete the account: each app removes or anonymises its data, then the user goes."""
    with transaction.atomic():
        # Higher layers first: their rows may point at lower layers' rows.
        for entry in reversed(list(registry.privacy)):
            entry.delete_user_data(user)
        user.delete()
