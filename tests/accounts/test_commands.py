from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_delete_unconfirmed_users_keeps_recent_confirmed_and_staff_accounts():
    old = timezone.now() - timedelta(days=30)
    stale = make_user(date_joined=old)
    recent = make_user()
    confirmed = make_user(date_joined=old, email_confirmed_at=old)
    staff = make_user(date_joined=old, is_staff=True)

    out = StringIO()
    call_command("delete_unconfirmed_users", "--dry-run", stdout=out)
    assert "Would delete 1 " in out.getvalue()
    assert User.objects.filter(pk=stale.pk).exists()

    out = StringIO()
    call_command("delete_unconfirmed_users", stdout=out)
    assert "Deleted 1 " in out.getvalue()
    assert set(User.objects.values_list("pk", flat=True)) == {recent.pk, confirmed.pk, staff.pk}
