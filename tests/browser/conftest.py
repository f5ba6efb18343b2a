"""Browser tests: Playwright driving the system Chromium, with axe for accessibility.

Without /usr/bin/chromium these tests skip with a message, except when CI=true, where a
missing browser is a failure (CI installs Debian's chromium).
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

CHROMIUM = Path(os.environ.get("HEALTHSITE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Seconds a browser test may take before it fails with every thread's stack (pytest-timeout).
BROWSER_TEST_TIMEOUT = 120
# Milliseconds any Playwright action or wait may take before it raises.
ACTION_TIMEOUT_MS = 15_000
# Playwright's sync API runs an event loop in this thread; Django must allow its ORM here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    browser_items = [item for item in items if here in Path(item.fspath).parents]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
        item.add_marker(pytest.mark.slow)
        if item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(BROWSER_TEST_TIMEOUT))
    if CHROMIUM.exists() or not browser_items:
        return
    message = f"Chromium not found at {CHROMIUM}: install Debian's chromium to run browser tests"
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(message + " (required under CI=true)")
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=message))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": CHROMIUM_FLAGS,
    }


@pytest.fixture
def context(context):
    """Page actions and navigations fail after ACTION_TIMEOUT_MS, not Playwright's 30 s."""
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.set_default_navigation_timeout(ACTION_TIMEOUT_MS)
    return context


@pytest.fixture(scope="session")
def axe():
    return Axe()


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture
def assert_accessible(axe):
    """Run axe on the page as it is now; fail listing every WCAG 2.2 A/AA violation."""

    def check(page, *, context=None):
        results = axe.run(
            page,
            context=context,
            options={"runOnly": {"type": "tag", "values": WCAG_TAGS}},
        )
        violations = results.response["violations"]
        if violations:
            lines = [f"{page.url}: {len(violations)} axe violation(s)"]
            for violation in violations:
                targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
                lines.append(f"- {violation['id']}: {violation['help']} -> {targets}")
            pytest.fail("\n".join(lines))

    return check
