"""Editor screens: subscribers and editions, drafted from the week and sent."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from newsletter.models import Edition, Subscriber
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client


def test_admin_screens_load(admin_client):
    for name in ("subscriber", "edition"):
        assert admin_client.get(reverse(f"admin:newsletter_{name}_changelist")).status_code == 200


def test_admin_drafts_then_sends_an_edition(admin_client, django_capture_on_commit_callbacks):
    Subscriber.objects.create(email="a@example.org", confirmed_at=timezone.now())
    response = admin_client.post(reverse("admin:newsletter_edition_draft"))
    edition = Edition.objects.get()
    assert response["Location"] == reverse("admin:newsletter_edition_change", args=[edition.pk])
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:newsletter_edition_changelist"),
            {"action": "send_editions", "_selected_action": [edition.pk]},
        )
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
