"""The rules every community write checks, shared by the service modules: who may write,
rate limits, duplicate text, length and links, text rendering, slugs and the moderation log.

`CommunityError` is the one way a rule says no; its message is shown to the reader.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from community import selectors
from community.models.experts import Question
from community.models.groups import RESERVED_SLUGS, SupportGroup
from community.models.moderation import ModerationAction
from community.models.threads import Post
from community.safety import clean_user_text, mentions_crisis
from healthsite.ratelimit import rate_limit_hit
from healthsite.text import contains_link, render_user

# (limit, window seconds) per member and per address.
RATE_LIMITS = {
    "thread": {"member": (5, 3600), "ip": (20, 3600)},
    "reply": {"member": (30, 3600), "ip": (60, 3600)},
    "question": {"member": (5, 3600), "ip": (20, 3600)},
    "report": {"member": (10, 3600), "ip": (30, 3600)},
}
DUPLICATE_WINDOW = timedelta(minutes=10)
MAX_BODY = 10_000


class CommunityError(ValidationError):
    """A rule said no; the message is shown to the reader in the form's error summary."""


def check_rate(*, action: str, user, ip: str) -> None:
    member_limit, member_window = RATE_LIMITS[action]["member"]
    ip_limit, ip_window = RATE_LIMITS[action]["ip"]
    over_member = rate_limit_hit(
        key=f"community:{action}:user:{user.pk}", limit=member_limit, window=member_window
    )
    over_ip = rate_limit_hit(key=f"community:{action}:ip:{ip}", limit=ip_limit, window=ip_window)
    if over_member or over_ip:
        raise CommunityError(
            _("You have done that too many times in a short while. Please try again later."),
            code="rate_limited",
        )


def check_length(*, body: str) -> None:
    if len(body) > MAX_BODY:
        raise CommunityError(_("Please keep your message under 10,000 characters."))


def check_links(*, user, body: str, previous: str = "") -> None:
    """New members may not add links (an edit may keep the links the text already had)."""
    if contains_link(body) and not contains_link(previous) and not selectors.is_trusted(user):
        raise CommunityError(
            _("New members cannot post links yet. Please remove the web address and try again."),
            code="links_not_allowed",
        )


def check_can_write(*, user, body: str, action: str, ip: str) -> None:
    if not user.is_authenticated:
        raise PermissionDenied
    suspension = selectors.active_suspension(user)
    if suspension:
        raise CommunityError(
            _("Your account is suspended from posting until %(date)s.")
            % {"date": timezone.localtime(suspension.until).strftime("%d %B %Y %H:%M")},
            code="suspended",
        )
    check_length(body=body)
    check_links(user=user, body=body)
    check_rate(action=action, user=user, ip=ip)
    if _is_duplicate(user=user, body=body):
        raise CommunityError(_("You posted the same text a few minutes ago."), code="duplicate")


def _fingerprint(body: str) -> str:
    return " ".join(body.lower().split())


def _is_duplicate(*, user, body: str) -> bool:
    since = timezone.now() - DUPLICATE_WINDOW
    wanted = _fingerprint(body)
    recent = list(
        Post.objects.filter(author=user, created_at__gte=since).values_list("body", flat=True)
    ) + list(
        Question.objects.filter(asker=user, created_at__gte=since).values_list("body", "title")
    )
    for item in recent:
        text = item if isinstance(item, str) else (item[0] or item[1])
        if _fingerprint(text) == wanted:
            return True
    return False


def render_text(body: str) -> tuple[str, str, bool]:
    """Clean a member's text: (Markdown source, sanitised HTML, mentions a crisis)."""
    body = clean_user_text(body)
    return body, render_user(body), mentions_crisis(body)


def unique_slug(model: type[models.Model], base: str, *, max_length: int = 120) -> str:
    base = (slugify(base) or "item")[: max_length - 8]
    slug, n = base, 2
    while model._default_manager.filter(slug=slug).exists() or slug in RESERVED_SLUGS:
        slug, n = f"{base}-{n}", n + 1
    return slug


def log_action(*, moderator, kind: str, reason: str = "", **targets) -> ModerationAction:
    action = ModerationAction(moderator=moderator, kind=kind, reason=reason, **targets)
    action.full_clean()
    action.save()
    return action


def require_group_moderator(user, group: SupportGroup) -> None:
    if not selectors.is_group_moderator(user, group):
        raise PermissionDenied


def require_site_moderator(user) -> None:
    if not selectors.is_site_moderator(user):
        raise PermissionDenied
