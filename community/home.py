"""The community's section on the home page: Second Opinion posts and expert answers."""

from community import selectors


def home_section(request) -> dict | None:
    perspectives = list(selectors.published_perspectives(limit=3))
    answered = list(selectors.answered_questions(limit=4))
    if not perspectives and not answered:
        return None
    return {
        "template": "community/_home.html",
        "context": {"perspectives": perspectives, "answered": answered},
        "order": 40,
    }
