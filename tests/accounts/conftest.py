import pytest


@pytest.fixture(autouse=True)
def _locmem_email(settings):
    """Mail goes to django.core.mail.outbox; links are built from a known site URL."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "http://testserver"
