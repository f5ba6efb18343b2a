"""The newsletter sign-up form for any page.

{% load newsletter_tags %}
{% newsletter_signup %}          the sign-up form (footer)
{% newsletter_signup "home" %}   the same, styled for the home page
"""

from django import template

register = template.Library()


@register.inclusion_tag("newsletter/_signup.html")
def newsletter_signup(place: str = "footer") -> dict[str, str]:
    return {"place": place}
