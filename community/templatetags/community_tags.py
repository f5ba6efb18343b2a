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
from community.models.groups import SupportGroup

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


@register.inclusion_tag("community/_support_groups.html")
def support_groups(condition, limit: int = 4):
    """Public support groups about a condition."""
    groups = SupportGroup.objects.public().filter(conditions=condition).distinct()[:limit]
    return {"groups": list(groups)}


@register.inclusion_tag("community/_perspectives.html")
def expert_perspectives(condition=None, health_center=None, limit: int = 3):
    """Perspectives linked to a condition, or to a health center (directly or through any
    of its conditions)."""
    if health_center is not None:
        conditions = list(health_center.conditions.all())
        items = selectors.published_perspectives(
            conditions=conditions, health_center=health_center, limit=limit
        )
    elif condition is not None:
        items = selectors.published_perspectives(condition=condition, limit=limit)
    else:
        items = selectors.published_perspectives(limit=limit)
    return {"perspectives": list(items)}
