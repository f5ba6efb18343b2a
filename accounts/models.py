"""Readers' accounts: signed in by email, shown publicly only by a display name."""

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_display_name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields: Any) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields: Any) -> "User":
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(
        self, email: str, password: str | None = None, **extra_fields: Any
    ) -> "User":
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        # Made by the site's operator on the command line: nothing to confirm by email.
        extra_fields.setdefault("email_confirmed_at", timezone.now())
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A reader, editor or moderator. The email address is private; `display_name` is public."""

    # Setting an inherited field to None removes it (Django's documented way); the stubs type
    # these as fields, so mypy sees a wrong type where Django sees no field.
    username = None  # type: ignore[assignment]  # field removed: sign-in is by email
    first_name = None  # type: ignore[assignment]  # field removed: only display_name is kept
    last_name = None  # type: ignore[assignment]  # field removed: only display_name is kept
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=40,
        help_text=_("Shown next to what you write. Do not use your full name."),
        validators=[validate_display_name],
    )
    email_confirmed_at = models.DateTimeField(_("email confirmed at"), null=True, blank=True)
    # The address the reader asked to move to; it replaces `email` once confirmed.
    pending_email = models.EmailField(_("new email address, not confirmed yet"), blank=True)
    # Avatars are re-encoded by accounts/images.py: square JPEGs without metadata.
    avatar = models.ImageField(_("avatar"), upload_to="avatars/", blank=True)
    avatar_small = models.ImageField(_("small avatar"), upload_to="avatars/", blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    # AbstractUser's stubs promise auth's UserManager, whose create_user takes a username first;
    # ours takes the email, so it cannot be its subtype.
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]  # see above

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or f"User {self.pk}"

    @property
    def public_name(self) -> str:
        return self.display_name or _("Member %(id)s") % {"id": self.pk}

    @property
    def email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None
