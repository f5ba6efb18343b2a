"""A reader's subscription in "download my data", and its removal with the account."""

import pytest

from accounts import services as account_services
from newsletter.models import Subscriber
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_privacy_export_and_delete():
    user = make_user(email="reader@example.org")
    other = make_user()
    Subscriber.objects.create(email=user.email)
    Subscriber.objects.create(email=other.email)
    data = account_services.user_export_data(user=user)["data"]
    assert data["newsletter"]["email"] == user.email
    account_services.user_delete(user=user)
    assert not Subscriber.objects.filter(email=user.email).exists()
    assert Subscriber.objects.filter(email=other.email).exists()
