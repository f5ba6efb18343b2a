"""The articles section of the home page: health centers and the newest articles."""

from articles import selectors


def home_section(request) -> dict | None:
    centers = list(selectors.health_center_list()[:6])
    recent = selectors.articles_recent(limit=4)
    if not (centers or recent):
        return None
    return {
        "template": "articles/_home.html",
        "context": {"centers": centers, "recent": recent},
        "order": 10,
    }
