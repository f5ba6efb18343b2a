import json
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from tests.accounts.helpers import confirmation_path, links_in_last_email
from tests.accounts.test_images import SVG, image_bytes, upload
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a completely different phrase 77"


def confirmed_user(**kwargs) -> User:
    return make_user(email_confirmed_at=timezone.now(), **kwargs)


def signup_data(**overrides) -> dict:
    return {
        "email": "new@example.org",
        "display_name": "Newcomer",
        "password1": DEFAULT_PASSWORD,
        "password2": DEFAULT_PASSWORD,
        **overrides,
    }


def login(client, email, password=DEFAULT_PASSWORD, **extra):
    return client.post(reverse("accounts:login"), {"email": email, "password": password}, **extra)


# --- sign-up and confirmation ---------------------------------------------------------------


def test_signup_page_renders_a_labelled_form(client):
    response = client.get(reverse("accounts:signup"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    for field in ["email", "display_name", "password1", "password2"]:
        assert f'for="id_{field}"' in html


@pytest.mark.django_db(transaction=True)  # emails go after commit
def test_signup_then_confirm_then_login(client):
    response = client.post(reverse("accounts:signup"), signup_data())
    assert response.status_code == 302
    assert response.url == reverse("accounts:signup_done")
    page = client.get(response.url).content.decode()
    assert "Check your email" in page
    user = User.objects.get(email="new@example.org")
    assert user.email_confirmed_at is None

    # Before confirming: told to confirm, offered a new link, not logged in.
    response = login(client, "new@example.org")
    assert "Confirm your email address first" in response.content.decode()
    assert "_auth_user_id" not in client.session

    response = client.get(confirmation_path())
    assert response.status_code == 302
    assert response.url == reverse("accounts:login")
    user.refresh_from_db()
    assert user.email_confirmed_at is not None

    response = login(client, "NEW@example.org")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_signup_errors_are_listed_in_an_error_summary(client):
    response = client.post(
        reverse("accounts:signup"),
        signup_data(email="not-an-email", display_name="", password2="something else"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-summary" in html
    assert 'href="#id_email"' in html
    assert 'href="#id_display_name"' in html
    assert 'href="#id_password2"' in html
    assert "The two passwords do not match" in html
    assert "<title>Error:" in html
    assert not User.objects.exists()


def test_weak_password_is_refused_with_the_reason(client):
    response = client.post(
        reverse("accounts:signup"), signup_data(password1="password", password2="password")
    )
    assert "too common" in response.content.decode()
    assert not User.objects.exists()


def test_signup_with_a_registered_email_looks_the_same(client):
    confirmed_user(email="taken@example.org")
    first = client.post(reverse("accounts:signup"), signup_data(email="taken@example.org"))
    second = Client().post(reverse("accounts:signup"), signup_data(email="free@example.org"))
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert User.objects.filter(email="taken@example.org").count() == 1


def test_signup_is_rate_limited_per_ip(client):
    for n in range(5):
        response = client.post(reverse("accounts:signup"), signup_data(email=f"p{n}@example.org"))
        assert response.status_code == 302
    response = client.post(reverse("accounts:signup"), signup_data(email="p9@example.org"))
    assert response.status_code == 429
    assert "too many requests" in response.content.decode()
    assert not User.objects.filter(email="p9@example.org").exists()


@pytest.mark.django_db(transaction=True)  # emails go after commit
def test_tampered_confirmation_link_shows_a_page_with_a_new_link_form(client):
    client.post(reverse("accounts:signup"), signup_data())
    path = confirmation_path()
    response = client.get(path[:-4] + "xyz/")
    assert response.status_code == 400
    html = response.content.decode()
    assert "This link does not work" in html
    assert reverse("accounts:confirm_resend") in html
    assert User.objects.get().email_confirmed_at is None


@pytest.mark.django_db(transaction=True)  # emails go after commit
def test_expired_confirmation_link(client, monkeypatch):
    import time

    client.post(reverse("accounts:signup"), signup_data())
    path = confirmation_path()
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 4 * 24 * 3600)
    response = client.get(path)
    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()
    assert User.objects.get().email_confirmed_at is None


@pytest.mark.django_db(transaction=True)  # emails go after commit
def test_resend_confirmation_answers_the_same_for_any_address(client):
    make_user(email="waiting@example.org")
    known = client.post(reverse("accounts:confirm_resend"), {"email": "waiting@example.org"})
    unknown = client.post(reverse("accounts:confirm_resend"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["waiting@example.org"]


# --- log in, log out, throttling ------------------------------------------------------------


def test_login_redirects_to_a_safe_next_only(client):
    user = confirmed_user()
    response = client.post(
        reverse("accounts:login"),
        {"email": user.email, "password": DEFAULT_PASSWORD, "next": "/my-medicine/"},
    )
    assert response.url == "/my-medicine/"
    other = Client()
    response = other.post(
        reverse("accounts:login"),
        {"email": user.email, "password": DEFAULT_PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("home")


def test_wrong_password_and_unknown_email_get_the_same_message(client):
    user = confirmed_user()
    wrong = login(client, user.email, "not the password").content.decode()
    unknown = login(Client(), "nobody@example.org", "not the password").content.decode()
    message = "The email address or password is not right"
    assert message in wrong
    assert message in unknown


def test_inactive_user_cannot_log_in(client):
    user = confirmed_user(is_active=False)
    response = login(client, user.email)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_logout_is_post_only(client):
    user = confirmed_user()
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


# --- password reset and change -------------------------------------------------------------


@pytest.mark.django_db(transaction=True)  # emails go after commit
def test_password_reset_flow(client):
    user = make_user(email="forgot@example.org")  # not confirmed yet: the link confirms it
    response = client.post(reverse("accounts:password_reset"), {"email": "Forgot@example.org"})
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert isinstance(message, EmailMultiAlternatives)
    assert message.alternatives, "an HTML part is sent too"
    [link] = [path for path in links_in_last_email() if "password-reset" in path]
    response = client.get(link)
    assert response.status_code == 302  # Django swaps the token for a session key
    response = client.post(
        response.url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.url == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert user.email_confirmed_at is not None
    assert client.get(link).context["validlink"] is False  # used once only


def test_password_reset_for_unknown_email_looks_the_same(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)  # emails go after commit
def test_password_reset_is_rate_limited(client):
    confirmed_user(email="r@example.org")
    for _ in range(5):
        client.post(reverse("accounts:password_reset"), {"email": "r@example.org"})
    assert len(mail.outbox) == 3  # at most three emails an hour to one address
    response = client.post(reverse("accounts:password_reset"), {"email": "r@example.org"})
    assert response.status_code == 429
    assert "too many requests" in response.content.decode()


def test_password_change(client):
    user = confirmed_user()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": DEFAULT_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.url == reverse("accounts:profile")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get(reverse("accounts:profile")).status_code == 200  # still logged in


def test_password_change_with_wrong_current_password(client):
    client.force_login(confirmed_user())
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert 'href="#id_old_password"' in response.content.decode()


# --- profile, avatar, export, delete -------------------------------------------------------


@pytest.mark.parametrize("name", ["profile", "export", "delete", "password_change"])
def test_personal_pages_need_login(client, name):
    response = client.get(reverse(f"accounts:{name}"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_profile_updates_display_name(client):
    user = confirmed_user()
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"), {"action": "profile", "display_name": "Kim"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.display_name == "Kim"
    response = client.post(
        reverse("accounts:profile"), {"action": "profile", "display_name": "kim@example.org"}
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    user.refresh_from_db()
    assert user.display_name == "Kim"


def test_profile_avatar_upload_and_refusal(client):
    user = confirmed_user()
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"), {"action": "avatar", "avatar": upload(image_bytes())}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.avatar.name
    assert user.avatar.name.endswith("-256.jpg")
    html = client.get(reverse("accounts:profile")).content.decode()
    assert user.avatar.url in html

    response = client.post(
        reverse("accounts:profile"),
        {"action": "avatar", "avatar": upload(SVG, "x.svg", "image/svg+xml")},
    )
    assert response.status_code == 200
    assert 'href="#id_avatar"' in response.content.decode()

    response = client.post(reverse("accounts:profile"), {"action": "avatar-remove"})
    user.refresh_from_db()
    assert not user.avatar


def test_export_is_a_json_attachment_with_only_my_data(client):
    me = confirmed_user(email="me@example.org", display_name="Me")
    confirmed_user(email="other@example.org", display_name="Someone else")
    client.force_login(me)
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["data"]["accounts"]["email"] == "me@example.org"
    assert "other@example.org" not in response.content.decode()
    assert "Someone else" not in response.content.decode()


def test_delete_needs_the_password_then_removes_everything(client):
    user = confirmed_user()
    client.force_login(user)
    response = client.post(reverse("accounts:delete"), {"password": "wrong"})
    assert response.status_code == 200
    assert 'href="#id_password"' in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()
    response = client.post(reverse("accounts:delete"), {"password": DEFAULT_PASSWORD})
    assert response.url == reverse("home")
    assert not User.objects.filter(pk=user.pk).exists()
    assert "_auth_user_id" not in client.session


# --- site-wide rules -------------------------------------------------------------------------


class FormFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"method": (attrs.get("method") or "get").lower(), "csrf": False})
        elif tag == "input" and attrs.get("name") == "csrfmiddlewaretoken" and self.forms:
            self.forms[-1]["csrf"] = True


ANONYMOUS_PAGES = ["signup", "login", "password_reset", "confirm_resend"]
MEMBER_PAGES = ["profile", "delete", "password_change"]


def post_forms(html: str) -> list[dict]:
    finder = FormFinder()
    finder.feed(html)
    return [form for form in finder.forms if form["method"] == "post"]


@pytest.mark.parametrize("name", ANONYMOUS_PAGES + MEMBER_PAGES)
def test_every_post_form_has_a_csrf_token_and_one_h1(client, name):
    user = confirmed_user()
    if name in MEMBER_PAGES:
        client.force_login(user)
        client.post(
            reverse("accounts:profile"), {"action": "avatar", "avatar": upload(image_bytes())}
        )
    response = client.get(reverse(f"accounts:{name}"))
    assert response.status_code == 200
    html = response.content.decode()
    forms = post_forms(html)
    assert forms, "the page has a form"
    assert all(form["csrf"] for form in forms)
    assert html.count("<h1") == 1
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_posts_without_csrf_token_are_refused():
    client = Client(enforce_csrf_checks=True)
    user = confirmed_user()
    assert login(client, user.email).status_code == 403
    assert client.post(reverse("accounts:signup"), signup_data()).status_code == 403
    client.force_login(user)
    assert (
        client.post(reverse("accounts:delete"), {"password": DEFAULT_PASSWORD}).status_code == 403
    )
    assert User.objects.filter(pk=user.pk).exists()


def test_email_is_never_shown_on_public_pages(client):
    user = confirmed_user(email="private.person@example.org", display_name="Pat")
    client.force_login(user)
    home = client.get(reverse("home")).content.decode()
    assert "Pat" in home  # the header names the member by display name...
    assert "private.person" not in home  # ...and never by email
    for url in [reverse("about"), reverse("accounts:delete"), reverse("accounts:password_change")]:
        assert "private.person" not in client.get(url).content.decode()
    # Only the owner's own account page shows the address.
    assert "private.person@example.org" in client.get(reverse("accounts:profile")).content.decode()
    assert str(user) == "Pat"
    assert user.public_name == "Pat"


@pytest.mark.parametrize("name", ["login", "signup"])
def test_signed_in_reader_is_told_they_are_logged_in(client, name):
    client.force_login(confirmed_user(display_name="Robin"))
    response = client.get(reverse(f"accounts:{name}"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "You are logged in as Robin" in html
    assert html.count("<h1") == 1


def test_avatar_upload_with_the_media_folder_unwritable_says_so(client, settings, tmp_path):
    # A regular file where the media folder should be: not writable even for root.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.write_text("not a folder")
    user = confirmed_user()
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"), {"action": "avatar", "avatar": upload(image_bytes())}
    )
    assert response.status_code == 200
    assert "We could not save your picture just now" in response.content.decode()
    user.refresh_from_db()
    assert not user.avatar
