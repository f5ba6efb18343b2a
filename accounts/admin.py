"""Users in the admin: found by email or display name; the password hash is never shown."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class UserChangeForm(forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "email",
            "display_name",
            "email_confirmed_at",
            "is_active",
            "is_staff",
            "is_superuser",
            "groups",
            "user_permissions",
        ]


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "display_name"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    list_display = ["email", "display_name", "email_confirmed_at", "is_active", "is_staff"]
    list_filter = [
        "is_active",
        "is_staff",
        "is_superuser",
        ("email_confirmed_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["email", "display_name"]
    ordering = ["email"]
    readonly_fields = ["password_status", "last_login", "date_joined", "avatar_preview"]
    fieldsets = (
        (None, {"fields": ("email", "display_name", "password_status", "email_confirmed_at")}),
        (_("Picture"), {"fields": ("avatar_preview",)}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "display_name", "usable_password", "password1", "password2"),
            },
        ),
    )

    @admin.display(description=_("password"))
    def password_status(self, obj: User) -> str:
        """Whether a password is set, and a link to set a new one; never the hash."""
        if obj.pk is None:
            return "-"
        status = _("set") if obj.has_usable_password() else _("not set (cannot log in)")
        url = reverse("admin:auth_user_password_change", args=[obj.pk])
        return format_html('{} · <a href="{}">{}</a>', status, url, _("Set a new password"))

    @admin.display(description=_("avatar"))
    def avatar_preview(self, obj: User) -> str:
        if not obj.avatar_small:
            return "-"
        return format_html('<img src="{}" alt="" width="64" height="64">', obj.avatar_small.url)
