"""The home page section: the interaction checker, My Medicine and newsletter sign-up."""


def home_section(request) -> dict:
    return {"template": "mymedicine/_home.html", "context": {}, "order": 40}
