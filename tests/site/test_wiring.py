"""The site's wiring: what apps register (healthsite/registry.py), in layer order, and
templates that never reach up to a higher app's template tags."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from healthsite import registry

# Lower layers never use higher ones (DESIGN.md "Dependency direction").
LAYER = {
    "search": 0,
    "accounts": 1,
    "articles": 1,
    "newsletter": 1,
    "drugs": 2,
    "interactions": 2,
    "pills": 3,
    "mymedicine": 4,
    "community": 4,
    "healthsite": 5,
}
TAG_LIBRARIES = {
    "community_tags": "community",
    "interactions_tags": "interactions",
    "mymedicine_tags": "mymedicine",
    "newsletter_tags": "newsletter",
}


def test_registries_list_apps_lowest_layer_first():
    assert [e.app for e in registry.demo_loaders] == [
        "articles",
        "newsletter",
        "drugs",
        "interactions",
        "pills",
        "community",
    ]
    assert [e.app for e in registry.privacy] == [
        "accounts",
        "newsletter",
        "drugs",
        "mymedicine",
        "community",
    ]
    assert [e.app for e in registry.import_steps] == [
        "articles",
        "drugs",
        "interactions",
        "pills",
        "mymedicine",
    ]
    assert [e.app for e in registry.newsletter_sources] == ["articles", "mymedicine", "community"]
    assert {e.app for e in registry.sitemaps} == {
        "articles",
        "newsletter",
        "drugs",
        "interactions",
        "community",
    }


def test_registering_twice_keeps_one_entry():
    sections = registry.SectionRegistry("test")

    def offer(request):
        return {"template": "x.html", "context": {}, "order": 1}

    sections.register(offer)
    sections.register(offer)
    assert sections.sections(None) == [offer(None)]


def test_templates_load_tags_of_their_own_app_or_lower_layers_only():
    templates = Path(settings.BASE_DIR) / "templates"
    reaching_up = []
    for path in templates.rglob("*.html"):
        owner = path.relative_to(templates).parts[0]
        layer = LAYER.get(owner, LAYER["healthsite"])  # layouts, components, pages: the site's
        for loaded in re.findall(r"{%\s*load\s+([^%]+)%}", path.read_text()):
            for library in loaded.split():
                app = TAG_LIBRARIES.get(library)
                if app and LAYER[app] > layer:
                    reaching_up.append(f"{path.relative_to(templates)} loads {library}")
    assert reaching_up == []


def test_web_processes_do_not_import_demo_content():
    """Demo loaders are registered by module path: django.setup() leaves demo content alone."""
    code = (
        "import django, sys; django.setup(); "
        "print(sorted(m for m in sys.modules if m.split('.')[-1].startswith('demo')))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "healthsite.settings", "DJANGO_DEBUG": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
