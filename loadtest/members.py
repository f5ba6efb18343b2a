"""What one signed-in member does during the load: reply to discussions, write (and rewrite)
reviews, vote reviews helpful, save medicines, and read pages in between.

Every write carries a marker (`lt-<kind>-<member>-<n>`) so the database can be searched for
it afterwards; the ledger records which writes the site acknowledged (a redirect), refused
(a form error: a rate limit) or never answered.
"""

from __future__ import annotations

import contextlib
import random
import re
import threading
import time

from loadtest.client import Browser, GaveUp, Response
from loadtest.data import Ledger, World

_LIMITED = re.compile(r"too many|try again later", re.IGNORECASE)
_ROLE = re.compile(r'name="role"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="role"')
_PROFILE = re.compile(r'name="profile"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="profile"')


class Member:
    def __init__(self, *, index: int, email: str, browser: Browser, world: World, lock) -> None:
        self.index, self.email, self.browser, self.world = index, email, browser, world
        self.lock = lock  # guards the shared ledger
        self.ledger = Ledger()
        self.sequence = 0
        self.random = random.Random(index)

    def _marker(self, kind: str) -> str:
        self.sequence += 1
        return f"lt-{kind}-{self.index}-{self.sequence}"

    def _outcome(self, response: Response, marker: str, kind: str) -> bool:
        if response.status in (301, 302, 303):
            return True
        self.ledger.refused.append(marker)
        if _LIMITED.search(response.body):
            self.ledger.limited[kind] += 1
        return False

    def _post_form(self, path: str, fields: dict[str, str], marker: str, kind: str) -> bool:
        _page, tokens = self.browser.form_tokens(path)
        try:
            response = self.browser.request("POST", path, fields={**tokens, **fields})
        except GaveUp:
            self.ledger.unknown.append(marker)
            return False
        return self._outcome(response, marker, kind)

    def reply(self) -> None:
        path = self.random.choice(self.world.threads)
        marker = self._marker("r")
        body = f"Thank you for sharing this. It helped me a lot ({marker})."
        if self._post_form(path, {"body": body, "quote": ""}, marker, "reply"):
            self.ledger.replies.append(marker)

    def review(self) -> None:
        slug = self.random.choice(self.world.drugs)
        path = f"/drugs/{slug}/reviews/write/"
        page, tokens = self.browser.form_tokens(path)
        roles = [a or b for a, b in _ROLE.findall(page.body)] or ["patient"]
        marker = self._marker("v")
        fields = {
            **tokens,
            "effectiveness": str(self.random.randint(1, 5)),
            "ease_of_use": str(self.random.randint(1, 5)),
            "satisfaction": str(self.random.randint(1, 5)),
            "role": roles[0],
            "condition": "",
            "age_band": "",
            "sex": "",
            "time_on": "",
            "body": f"It worked well for me with few side effects ({marker}).",
        }
        try:
            response = self.browser.request("POST", path, fields=fields)
        except GaveUp:
            self.ledger.unknown.append(marker)
            return
        if self._outcome(response, marker, "review"):
            self.ledger.reviews.setdefault((self.email, slug), []).append(marker)

    def vote(self) -> None:
        slug, review = self.random.choice(self.world.votable)
        _page, tokens = self.browser.form_tokens(f"/drugs/{slug}/reviews/")
        try:
            response = self.browser.request(
                "POST", f"/drugs/{slug}/reviews/{review}/helpful/", fields=tokens
            )
        except GaveUp:
            return
        if response.status in (301, 302, 303):
            self.ledger.votes.add((self.email, review))

    def save(self) -> None:
        slug = self.random.choice(self.world.drugs)
        path = f"/my-medicine/save/{slug}/"
        page, tokens = self.browser.form_tokens(path)
        profiles = [a or b for a, b in _PROFILE.findall(page.body)]
        marker = self._marker("s")
        fields = {
            **tokens,
            "profile": profiles[0] if profiles else "",
            "strength": "10 mg",
            "dose_note": f"One tablet every morning ({marker})",
            "started_on": "",
            "prescriber": "",
            "product": "",
        }
        try:
            response = self.browser.request("POST", path, fields=fields)
        except GaveUp:
            self.ledger.unknown.append(marker)
            return
        if self._outcome(response, marker, "save"):
            self.ledger.saves.append(marker)

    def read(self) -> None:
        path = self.random.choice(
            ["/", "/drugs/", f"/drugs/{self.random.choice(self.world.drugs)}/", "/community/"]
            + [p.removesuffix("reply/") for p in self.world.threads]
        )
        self.browser.request("GET", path)

    def run(self, *, until: float, stop: threading.Event) -> None:
        actions = [self.reply] * 3 + [self.review] * 2 + [self.vote] * 2 + [self.save] * 2
        actions.append(self.read)
        while time.monotonic() < until and not stop.is_set():
            # A read that never got an answer is counted in the stats.
            with contextlib.suppress(GaveUp):
                self.random.choice(actions)()
            time.sleep(self.random.uniform(0, 0.2))
