import pytest
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_for(client):
    admin = make_user(email="admin@example.org", is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client


def test_admin_finds_users_by_email(admin_client_for):
    make_user(email="findme@example.org", display_name="Findable")
    make_user(email="other@example.org", display_name="Hidden One")
    response = admin_client_for.get(reverse("admin:accounts_user_changelist"), {"q": "findme"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "findme@example.org" in html
    assert "other@example.org" not in html


def test_admin_change_page_never_shows_the_password_hash(admin_client_for):
    user = make_user(email="hash@example.org")
    response = admin_client_for.get(reverse("admin:accounts_user_change", args=[user.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert user.password not in html
    _algorithm, *secrets = user.password.split("$")
    for secret in secrets:  # salt and digest (and iterations): not even their beginnings
        if len(secret) >= 6:
            assert secret[:6] not in html
    assert reverse("admin:auth_user_password_change", args=[user.pk]) in html


def test_admin_can_add_a_user(admin_client_for):
    response = admin_client_for.get(reverse("admin:accounts_user_add"))
    assert response.status_code == 200
