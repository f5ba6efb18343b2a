import pytest


@pytest.fixture(autouse=True)
def _community_settings(settings):
    settings.SITE_URL = "http://testserver"
    settings.RATE_LIMITS_ENABLED = True
