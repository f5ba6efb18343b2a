"""Generated members: clearly named, never able to sign in."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from healthsite.scale import batches

EMAIL_DOMAIN = "scale.invalid"  # .invalid can never receive mail (RFC 2606)


def generated_members():
    return get_user_model().objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")


def members(*, target: int, rng: random.Random, bar: Callable) -> int:
    User = get_user_model()
    start = generated_members().count()
    missing = max(0, target - start)
    now = timezone.now()
    with bar(missing, "members") as progress:
        for chunk in batches(iter(range(start, start + missing))):
            with transaction.atomic():
                User.objects.bulk_create(
                    [
                        User(
                            email=f"member-{n:06d}@{EMAIL_DOMAIN}",
                            display_name=f"Generated member {n}",
                            # An unusable password: no one can sign in as a generated member.
                            password=make_password(None),
                            is_active=True,
                            email_confirmed_at=now,
                            date_joined=now - timedelta(days=rng.randint(0, 2000)),
                        )
                        for n in chunk
                    ],
                    batch_size=500,
                )
            progress.update(len(chunk))
    return missing


def member_ids() -> list[int]:
    return list(generated_members().order_by("pk").values_list("pk", flat=True))
