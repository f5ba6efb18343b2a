"""Small builders for test data. Each takes keyword overrides and saves through services
where the app has them, so tests exercise the same rules as the site."""

from itertools import count

from accounts.models import User
from articles.models import Condition

_seq = count(1)

DEFAULT_PASSWORD = "correct horse battery staple 42"


def make_user(*, email: str | None = None, display_name: str | None = None, **extra) -> User:
    n = next(_seq)
    return User.objects.create_user(
        email=email or f"reader{n}@example.org",
        password=extra.pop("password", DEFAULT_PASSWORD),
        display_name=display_name or f"Reader {n}",
        **extra,
    )


def make_condition(*, name: str | None = None, **extra) -> Condition:
    n = next(_seq)
    name = name or f"Condition {n}"
    slug = extra.pop("slug", None) or f"condition-{n}"
    return Condition.objects.create(name=name, slug=slug, **extra)
