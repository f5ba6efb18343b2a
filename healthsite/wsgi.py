"""WSGI entry point, served by gunicorn with the repository's gunicorn.conf.py."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthsite.settings")
application = get_wsgi_application()
