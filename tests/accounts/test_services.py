import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives

from accounts import services
from accounts.models import User
from accounts.tokens import ConfirmationTokenError, confirmation_token_make
from tests.accounts.helpers import confirmation_path
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_user_create_normalises_email_and_checks_password_rules():
    user = services.user_create(
        email="  Someone@Example.ORG ", display_name=" Sam ", password=DEFAULT_PASSWORD
    )
    assert user.email == "someone@example.org"
    assert user.display_name == "Sam"
    assert user.check_password(DEFAULT_PASSWORD)
    assert user.email_confirmed_at is None
    with pytest.raises(ValidationError):
        services.user_create(email="b@example.org", display_name="Bo", password="123")


def test_user_create_refuses_an_email_as_display_name():
    with pytest.raises(ValidationError) as error:
        services.user_create(
            email="c@example.org", display_name="c@example.org", password=DEFAULT_PASSWORD
        )
    assert "display_name" in error.value.message_dict


@pytest.mark.django_db(transaction=True)  # emails go after commit
def test_signup_creates_user_and_emails_a_confirmation_link():
    user = services.user_signup(
        email="new@example.org", display_name="Newcomer", password=DEFAULT_PASSWORD
    )
    assert user is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert isinstance(message, EmailMultiAlternatives)
    assert message.to == ["new@example.org"]
    assert "/accounts/confirm/" in message.body
    html = message.alternatives[0][0]
    assert isinstance(html, str)
    assert "/accounts/confirm/" in html


@pytest.mark.django_db(transaction=True)  # emails go after commit
def test_signup_with_a_registered_email_creates_nothing_and_tells_the_owner():
    owner = make_user(email="owner@example.org", email_confirmed_at="2026-01-01T00:00Z")
    result = services.user_signup(
        email="Owner@example.org", display_name="Intruder", password=DEFAULT_PASSWORD
    )
    assert result is None
    assert User.objects.filter(email="owner@example.org").count() == 1
    owner.refresh_from_db()
    assert owner.display_name != "Intruder"
    assert owner.check_password(DEFAULT_PASSWORD)
    assert len(mail.outbox) == 1
    assert "already have one" in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)  # emails go after commit
def test_signup_again_before_confirming_sends_a_new_link():
    make_user(email="waiting@example.org")
    services.user_signup(email="waiting@example.org", display_name="W", password=DEFAULT_PASSWORD)
    assert "/accounts/confirm/" in mail.outbox[-1].body


@pytest.mark.django_db(transaction=True)  # emails go after commit
def test_emails_to_one_address_are_limited():
    make_user(email="target@example.org")
    for _ in range(10):
        services.confirmation_resend(email="target@example.org")
    assert len(mail.outbox) == services.EMAILS_PER_ADDRESS_PER_HOUR


def test_resend_to_unknown_or_confirmed_address_sends_nothing():
    make_user(email="done@example.org", email_confirmed_at="2026-01-01T00:00Z")
    services.confirmation_resend(email="done@example.org")
    services.confirmation_resend(email="nobody@example.org")
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)  # emails go after commit
def test_confirm_email_with_the_emailed_link(client):
    user = services.user_signup(
        email="new@example.org", display_name="Newcomer", password=DEFAULT_PASSWORD
    )
    assert user is not None
    token = confirmation_path().removeprefix("/accounts/confirm/").rstrip("/")
    confirmed = services.user_confirm_email(token=token)
    assert confirmed.pk == user.pk
    assert confirmed.email_confirmed_at is not None
    first = confirmed.email_confirmed_at
    # A second click changes nothing.
    assert services.user_confirm_email(token=token).email_confirmed_at == first


def test_confirmation_link_stops_working_when_the_address_changes():
    user = make_user(email="old@example.org")
    token = confirmation_token_make(user_id=user.pk, email=user.email)
    User.objects.filter(pk=user.pk).update(email="new@example.org")
    with pytest.raises(services.ConfirmationFailed):
        services.user_confirm_email(token=token)


def test_confirmation_of_a_deleted_or_unknown_account_fails():
    token = confirmation_token_make(user_id=999999, email="x@example.org")
    with pytest.raises(services.ConfirmationFailed):
        services.user_confirm_email(token=token)
    with pytest.raises(ConfirmationTokenError):
        services.user_confirm_email(token="not-a-token")


def test_update_profile_validates_display_name():
    user = make_user()
    services.user_update_profile(user=user, display_name="  Kim  ")
    user.refresh_from_db()
    assert user.display_name == "Kim"
    with pytest.raises(ValidationError):
        services.user_update_profile(user=user, display_name="kim@example.org")


def test_export_has_a_section_per_app_and_the_users_own_data():
    user = make_user(email="me@example.org", display_name="Me")
    make_user(email="other@example.org", display_name="Other")
    data = services.user_export_data(user=user)
    assert data["data"]["accounts"]["email"] == "me@example.org"
    assert data["data"]["accounts"]["display_name"] == "Me"
    assert "other@example.org" not in str(data)


def test_user_delete_removes_the_user_and_calls_every_apps_privacy_hook(monkeypatch):
    from dataclasses import replace

    from healthsite import registry

    called = []
    spied: registry.Registry[registry.PrivacyHandler] = registry.Registry(
        registry.privacy.description
    )
    for entry in registry.privacy:

        def spy(user: User, delete=entry.delete_user_data, app: str = entry.app) -> None:
            called.append((app, user.pk))
            delete(user)

        spied.register(replace(entry, delete_user_data=spy))
    monkeypatch.setattr(registry, "privacy", spied)
    user = make_user()
    keep = make_user()
    pk = user.pk
    services.user_delete(user=user)
    assert not User.objects.filter(pk=pk).exists()
    assert User.objects.filter(pk=keep.pk).exists()
    # Higher layers first: their rows may point at lower layers' rows.
    assert called == [
        (app, pk) for app in ("community", "mymedicine", "drugs", "newsletter", "accounts")
    ]


def test_superusers_made_on_the_command_line_can_log_in_at_once():
    admin = User.objects.create_superuser(email="Op@Example.org", password=DEFAULT_PASSWORD)
    assert admin.email == "op@example.org"
    assert admin.email_confirmed
