import pytest
from django.urls import NoReverseMatch, reverse


@pytest.fixture(autouse=True)
def _login_url(settings):
    """Until the accounts app has its login page, redirect anonymous readers to its path."""
    try:
        reverse(settings.LOGIN_URL)
    except NoReverseMatch:
        settings.LOGIN_URL = "/accounts/login/"
