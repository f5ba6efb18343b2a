import pytest
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client


def test_admin_screens_load(admin_client):
    for name in ("recall",):
        assert admin_client.get(reverse(f"admin:mymedicine_{name}_changelist")).status_code == 200
    # Readers' private lists are not in the admin at all.
    assert "mymedicine/profile" not in admin_client.get(reverse("admin:index")).content.decode()
