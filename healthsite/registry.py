"""Find the optional per-app modules that site-wide features collect.

Each of our apps may have:
- `demo.py` with `load(*, stdout) -> None`: idempotent demo content for `load_demo`;
- `privacy.py` with `export_user_data(user) -> dict` and `delete_user_data(user) -> None`
  for "download my data" and account deletion;
- `sitemaps.py` with a `SITEMAPS` dict.

Apps are visited in `settings.HEALTHSITE_APPS` order, lowest layer first.
"""

from collections.abc import Iterator
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.conf import settings


def app_modules(name: str) -> Iterator[tuple[str, ModuleType]]:
    for app in settings.HEALTHSITE_APPS:
        if find_spec(f"{app}.{name}") is not None:
            yield app, import_module(f"{app}.{name}")
