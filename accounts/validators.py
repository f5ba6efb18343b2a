from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_display_name(value: str) -> None:
    """Display names are public: at least two visible characters, and never an email."""
    if "@" in value:
        raise ValidationError(
            _("Your display name is shown to everyone, so it cannot contain an email address."),
            code="email_like",
        )
    if len(value.strip()) < 2:
        raise ValidationError(_("Enter a display name of at least 2 characters."), code="too_short")
    if any(ord(char) < 32 or 0x7F <= ord(char) < 0xA0 for char in value):
        raise ValidationError(_("Your display name contains characters we cannot show."))
