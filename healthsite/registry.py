"""The registries through which apps offer site-wide features: the whole wiring.

Each app registers what it offers in its `AppConfig.ready()` (its `apps.py`); the code that
collects (load_demo, the privacy export, the sitemap, the home page, health center, condition,
drug and pill pages, `make import-shared`, the newsletter) reads only this module. This module
imports no app, so an app low in the layers (accounts, articles) collects what higher apps
offer without importing them. `grep -rn "registry\\." */apps.py` lists every registration.

Django calls `ready()` in INSTALLED_APPS order, lowest layer first: each registry lists its
entries in that order (load_demo and the imports rely on it; deletion walks it backwards).

A page section is a dict `{"template": "<app>/_x.html", "context": {...}, "order": 10}`; the
page includes `template` with `section=context` and shows sections by `order`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from importlib import import_module
from pathlib import Path
from typing import Any, Generic, TypeVar

Section = dict[str, Any]
ImportCommand = tuple[str, list[str]]  # (management command, its arguments)
NewsletterItems = list[tuple[str, list[dict]]]  # (heading, [{"title": ..., "url": ...}])

T = TypeVar("T")


class Registry(Generic[T]):
    """Entries in registration order; registering the same entry twice keeps one."""

    def __init__(self, description: str) -> None:
        self.description = description
        self._entries: list[T] = []

    def register(self, entry: T) -> T:
        if entry not in self._entries:
            self._entries.append(entry)
        return entry

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._entries))

    def __len__(self) -> int:
        return len(self._entries)


class SectionRegistry(Registry[Callable[..., Section | None]]):
    """Functions `(request, obj) -> Section | None` that add a section to a page."""

    def sections(self, request, *args: Any) -> list[Section]:
        found = [section for offer in self if (section := offer(request, *args))]
        return sorted(found, key=lambda section: section.get("order", 100))


@dataclass(frozen=True)
class DemoLoader:
    app: str
    # Dotted path of a module with `load(*, stdout)` (idempotent). Imported only when
    # load_demo runs: demo content is large and web processes never need it.
    module: str

    def load(self, **kwargs: Any) -> None:
        import_module(self.module).load(**kwargs)


@dataclass(frozen=True)
class PrivacyHandler:
    app: str
    export_user_data: Callable[[Any], dict[str, Any] | None]
    delete_user_data: Callable[[Any], None]


@dataclass(frozen=True)
class Sitemaps:
    app: str
    sitemaps: dict


@dataclass(frozen=True)
class ImportSteps:
    app: str
    commands: Callable[[Path], list[ImportCommand]]
    # Run after every app's `commands`: imports linking to what other apps add.
    late_commands: Callable[[Path], list[ImportCommand]] | None = None


@dataclass(frozen=True)
class NewsletterSource:
    app: str
    weekly_items: Callable[..., NewsletterItems]  # weekly_items(*, since)


demo_loaders: Registry[DemoLoader] = Registry("demo content for load_demo")
privacy: Registry[PrivacyHandler] = Registry("download my data, delete my account")
sitemaps: Registry[Sitemaps] = Registry("sitemap.xml")
import_steps: Registry[ImportSteps] = Registry("make import-shared")
newsletter_sources: Registry[NewsletterSource] = Registry("the weekly newsletter draft")
home_sections = SectionRegistry("home page: (request)")
health_center_sections = SectionRegistry("health center page: (request, center)")
condition_sections = SectionRegistry("condition page: (request, condition)")
drug_actions = SectionRegistry("drug page, under its name: (request, drug)")
drug_sections = SectionRegistry("drug page, before the reviews: (request, drug)")
pill_card_sections = SectionRegistry("pill identifier result card: (request, card)")
# When content next changes by the clock alone (a scheduled article going live): cached
# pages are dropped then (healthsite.cache).
scheduled_changes: Registry[Callable[[], datetime | None]] = Registry(
    "the next time content changes by itself: () -> datetime | None"
)


def import_commands(data_dir: Path) -> list[tuple[str, ImportCommand]]:
    """Every app's import commands for the files under `data_dir`, in the order to run them."""
    steps = [(entry.app, step) for entry in import_steps for step in entry.commands(data_dir)]
    steps += [
        (entry.app, step)
        for entry in import_steps
        if entry.late_commands
        for step in entry.late_commands(data_dir)
    ]
    return steps
