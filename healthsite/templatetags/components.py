"""Template helpers shared by every page (loaded as a builtin, no {% load %} needed)."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def json_ld(data) -> str:
    """Render structured data as a JSON-LD script block, escaped so it cannot close the tag."""
    text = json.dumps(data, ensure_ascii=False, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag
def submission_token() -> str:
    """The hidden one-time token of a posting form (see healthsite/idempotency.py)."""
    from healthsite.idempotency import FIELD
    from healthsite.idempotency import submission_token as new_token

    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
