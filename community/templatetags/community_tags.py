"""Community pieces other templates can show.

{% load community_tags %}
{% answered_questions condition %}                 answered expert questions on a condition
{% expert_perspectives condition=condition %}      Second Opinion posts on a condition
{% expert_perspectives health_center=center %}     ... on a health center's conditions
{{ post.author|verified_expert }}                  the author's verified profile or None
"""

from __future__ import annotations

from django import template
from django.core.exceptions import ObjectDoesNotExist

from community import selectors

register = template.Library()


@register.filter
def verified_expert(user):
    """The user's expert profile when staff verified it, else None (no badge)."""
    if user is None:
        return None
    try:
        profile = user.expert_profile
    except (ObjectDoesNotExist, AttributeError):
        return None
    return profile if profile.is_verified else None


@register.inclusion_tag("community/_answered_questions.html")
def answered_questions(condition, limit: int = 5):
    return {
        "questions": list(selectors.answered_questions(condition=condition, limit=limit)),
        "condition": condition,
    }


@register.inclusion_tag("community/_perspectives.html")
def expert_perspectives(condition=None, health_center=None, limit: int = 3):
    """Perspectives linked to a condition, or to any condition of a health center (the
    center's `conditions` relation when it has one)."""
    if health_center is not None:
        related = getattr(health_center, "conditions", None)
        conditions = list(related.all()) if related is not None else []
        items = selectors.published_perspectives(conditions=conditions, limit=limit)
    elif condition is not None:
        items = selectors.published_perspectives(condition=condition, limit=limit)
    else:
        items = selectors.published_perspectives(limit=limit)
    return {"perspectives": list(items)}
