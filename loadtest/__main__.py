"""`make loadtest` (`python -m loadtest`): 50 signed-in members reply, review, vote and save
medicines for LOADTEST_SECONDS (default 60) against gunicorn on 127.0.0.1, with the rate
limits on as shipped, while faults are done to the site:

- a gunicorn worker killed with `kill -9` mid-load (its requests are retried by the members
  with the same submission token; none may be lost or doubled);
- Redis stopped under load, when the run uses Redis (pages must keep serving and a member
  must still be able to sign in), then started again;
- PostgreSQL restarted, when the run uses PostgreSQL and LOADTEST_PG_RESTART holds the shell
  command that restarts it (the site must serve again within 5 s, by itself);
- the media folder made unwritable (an upload must fail with a message, not a 500).

The database is the default SQLite file, or PostgreSQL when DATABASE_URL names one (a
throwaway database is created next to it); Redis when REDIS_URL is set (the test runs its
own redis-server, so it may stop it). Afterwards every acknowledged write must be found
once in the database, no refused write stored, no member over their limit, no 5xx outside
a fault's window and no "database is locked" in the log. Exits 1 on any failure.
"""

from __future__ import annotations

import os
import sys
import threading
import time

from loadtest import data
from loadtest.client import Browser, GaveUp, Stats
from loadtest.members import Member
from loadtest.site import Site

MEMBERS = int(os.environ.get("LOADTEST_MEMBERS", 50))
SECONDS = float(os.environ.get("LOADTEST_SECONDS", 60))
RECOVERY_LIMIT = 5.0  # seconds PostgreSQL's restart may take to stop hurting
BURST_MEMBER = 999  # the marker's member number for the limit burst


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (300, 300), (30, 120, 200)).save(out, format="PNG")
    return out.getvalue()


class Faults:
    """Done from their own thread at fixed points of the run; each records what it saw."""

    def __init__(self, site: Site, world: data.World, outage: threading.Event) -> None:
        self.site, self.world, self.outage = site, world, outage
        self.survived: list[str] = []
        self.failed: list[str] = []
        self.stats = Stats()
        self.ledger = data.Ledger()
        self.more_stats: list[Stats] = []

    def _probe(self, email: str) -> Browser:
        browser = Browser(
            host="127.0.0.1",
            port=self.site.port,
            address="198.19.255.1",
            stats=self.stats,
            outage=threading.Event(),
        )
        if not browser.sign_in(email=email, password=data.PASSWORD):
            self.failed.append(f"{email} could not sign in")
        return browser

    def check(self, ok: bool, survived: str, failed: str) -> None:
        (self.survived if ok else self.failed).append(survived if ok else failed)

    def kill_worker(self) -> None:
        victim = self.site.kill_a_worker()
        time.sleep(3)
        workers = self.site.workers()
        self.check(
            len(workers) >= 1 and victim not in workers,
            f"kill -9 of worker {victim}: replaced, load carried on",
            f"kill -9 of worker {victim}: not replaced ({workers})",
        )

    def redis_down(self) -> None:
        if self.site.redis is None:
            return
        self.site.redis_stop()
        try:
            time.sleep(1)
            browser = self._probe(self.world.spare[0])
            signed_in = "sessionid" in browser.cookies
            pages = [
                browser.request("GET", path).status for path in ("/", "/drugs/", "/community/")
            ]
            profile = browser.request("GET", "/accounts/profile/").status if signed_in else 0
            browser.close()
            time.sleep(max(0.0, SECONDS * 0.15 - 2))
        finally:
            self.site.redis_start()
        self.check(
            pages == [200, 200, 200] and signed_in and profile == 200,
            "Redis stopped under load: pages served, a member signed in",
            f"Redis stopped: pages {pages}, signed in {signed_in}, profile {profile}",
        )

    def postgres_restart(self) -> None:
        self.outage.set()  # requests may fail while PostgreSQL is down
        try:
            restarted = self.site.postgres_restart()
            if not restarted:
                return
            recovery = self.site.wait_until_serving(timeout=30, path="/community/")
        finally:
            self.outage.clear()
        self.check(
            recovery is not None and recovery <= RECOVERY_LIMIT,
            f"PostgreSQL restarted: the first request {recovery or 0:.1f} s after it was back "
            f"succeeded (answered in {self.site.last_latency:.1f} s under load)",
            f"PostgreSQL restarted: not serving within {RECOVERY_LIMIT} s ({recovery}; "
            f"last failure {self.site.last_failure})",
        )

    def media_unwritable(self) -> None:
        browser = self._probe(self.world.spare[-1])
        picture = {"avatar": ("me.png", _png(), "image/png")}
        self.site.media_unwritable()
        try:
            _page, tokens = browser.form_tokens("/accounts/profile/")
            refused = browser.request(
                "POST", "/accounts/profile/", fields={**tokens, "action": "avatar"}, files=picture
            )
        finally:
            self.site.media_writable()
        _page, tokens = browser.form_tokens("/accounts/profile/")
        accepted = browser.request(
            "POST", "/accounts/profile/", fields={**tokens, "action": "avatar"}, files=picture
        )
        browser.close()
        self.check(
            refused.status == 200
            and "could not save your picture" in refused.body
            and accepted.status == 302,
            "media folder unwritable: upload refused with a message, accepted once writable",
            f"media folder unwritable: answered {refused.status}, then {accepted.status}",
        )

    def limit_burst(self) -> None:
        """One member sends more replies than their limit, all at once, over many
        connections (so many workers): exactly the limit may get through."""
        from community.services.rules import RATE_LIMITS

        limit = RATE_LIMITS["reply"]["member"][0]
        connections, per_connection = 10, (limit + 10) // 10
        signed_in = self._probe(self.world.spare[1])
        path = self.world.threads[0]
        outcomes: list[tuple[str, int, bool]] = []

        def send(n: int) -> None:
            browser = Browser(
                host="127.0.0.1",
                port=self.site.port,
                address="198.19.255.2",
                stats=Stats(),
                outage=threading.Event(),
            )
            browser.cookies = dict(signed_in.cookies)
            for k in range(per_connection):
                marker = f"lt-b-{BURST_MEMBER}-{n * per_connection + k + 1}"
                _page, tokens = browser.form_tokens(path)
                body = f"Thank you, this is useful ({marker})."
                response = browser.request("POST", path, fields={**tokens, "body": body})
                outcomes.append((marker, response.status, "too many" in response.body.lower()))
            browser.close()
            self.more_stats.append(browser.stats)

        threads = [threading.Thread(target=send, args=(n,)) for n in range(connections)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        signed_in.close()
        accepted = [marker for marker, status, _limited in outcomes if status == 302]
        limited = [marker for marker, status, was in outcomes if status == 200 and was]
        self.ledger.replies += accepted
        self.ledger.refused += [marker for marker, status, _l in outcomes if status != 302]
        self.ledger.limited["reply burst"] += len(limited)
        self.check(
            len(accepted) == limit and len(limited) == len(outcomes) - limit,
            f"{len(outcomes)} replies at once by one member over {connections} connections: "
            f"{len(accepted)} accepted (limit {limit}), {len(limited)} refused",
            f"reply burst: {len(accepted)} accepted (limit {limit}), {len(limited)} refused "
            f"of {len(outcomes)}",
        )

    def run(self, started: float) -> None:
        plan = [
            (0.25, self.kill_worker),
            (0.40, self.redis_down),
            (0.65, self.postgres_restart),
            (0.80, self.media_unwritable),
            (0.85, self.limit_burst),
        ]
        for at, fault in plan:
            time.sleep(max(0.0, started + SECONDS * at - time.monotonic()))
            try:
                fault()
            except (GaveUp, OSError, RuntimeError) as error:
                self.failed.append(f"{getattr(fault, '__name__', 'fault')}: {error!r}")


def main() -> int:
    site = Site()
    print(
        f"Load test: {MEMBERS} members, {SECONDS:.0f} s, {site.engine}"
        f"{' + Redis' if site.redis else ''}, {site.env['GUNICORN_WORKERS']} gunicorn workers"
    )
    try:
        site.prepare()
        data.setup_django(site.env)
        world = data.seed(members=MEMBERS, spare=3)
        site.start()
        return _run(site, world)
    finally:
        site.stop()
        if os.environ.get("LOADTEST_KEEP"):
            print(f"Kept {site.tmp}")
        else:
            site.cleanup()


def _run(site: Site, world: data.World) -> int:
    from community.services.rules import RATE_LIMITS
    from drugs.views import REVIEW_POSTS_PER_HOUR

    outage = threading.Event()
    lock = threading.Lock()
    members = []
    for index, email in enumerate(world.members):
        browser = Browser(
            host="127.0.0.1",
            port=site.port,
            address=f"198.18.{index // 250}.{index % 250 + 1}",
            stats=Stats(),
            outage=outage,
        )
        members.append(Member(index=index, email=email, browser=browser, world=world, lock=lock))
    signed_in = [m.browser.sign_in(email=m.email, password=data.PASSWORD) for m in members]
    if not all(signed_in):
        print(f"FAIL: {signed_in.count(False)} members could not sign in")
        return 1

    stop = threading.Event()
    faults = Faults(site, world, outage)
    started = time.monotonic()
    until = started + SECONDS
    threads = [
        threading.Thread(target=m.run, kwargs={"until": until, "stop": stop}) for m in members
    ]
    fault_thread = threading.Thread(target=faults.run, args=(started,))
    for thread in [*threads, fault_thread]:
        thread.start()
    for thread in [*threads, fault_thread]:
        thread.join()
    elapsed = time.monotonic() - started
    for member in members:
        member.browser.close()

    ledger = data.Ledger()
    stats = Stats()
    parts = [(m.ledger, m.browser.stats) for m in members] + [(faults.ledger, faults.stats)]
    parts += [(data.Ledger(), more) for more in faults.more_stats]
    for part, s in parts:
        ledger.replies += part.replies
        ledger.saves += part.saves
        ledger.votes |= part.votes
        ledger.refused += part.refused
        ledger.unknown += part.unknown
        ledger.limited.update(part.limited)
        for key, markers in part.reviews.items():
            ledger.reviews.setdefault(key, []).extend(markers)
        stats.requests += s.requests
        stats.retries += s.retries
        stats.server_errors += s.server_errors
        stats.server_errors_in_outage += s.server_errors_in_outage
        stats.error_samples += s.error_samples
    findings = data.verify(
        ledger,
        reply_limit=RATE_LIMITS["reply"]["member"][0],
        review_limit=REVIEW_POSTS_PER_HOUR,
    )
    log = site.log_text()
    locked = log.count("database is locked")
    tracebacks = log.count("Traceback")

    problems = []
    if stats.server_errors:
        problems.append(f"{stats.server_errors} 5xx outside a fault: {stats.error_samples}")
    if locked:
        problems.append(f'"database is locked" {locked} times in the log')
    if findings.missing:
        problems.append(f"acknowledged but not found: {findings.missing[:10]}")
    if findings.doubled:
        problems.append(f"{findings.doubled} writes stored twice")
    if findings.refused_but_stored:
        problems.append(f"refused but stored: {findings.refused_but_stored[:10]}")
    if findings.vote_counts_wrong:
        problems.append(f"{findings.vote_counts_wrong} reviews with a wrong helpful count")
    if findings.over_limit:
        problems.append(f"limits not held: {findings.over_limit[:10]}")
    problems += faults.failed

    print(
        f"Requests:            {stats.requests} in {elapsed:.0f} s "
        f"({stats.requests / elapsed:.0f}/s), {stats.retries} retried"
    )
    print(
        f"Writes acknowledged: {findings.acknowledged} (replies {len(ledger.replies)}, "
        f"review edits {sum(len(m) for m in ledger.reviews.values())}, "
        f"saves {len(ledger.saves)}, votes {len(ledger.votes)})"
    )
    print(
        f"Writes found:        {findings.found}; missing {len(findings.missing)}; "
        f"doubled {findings.doubled}"
    )
    print(
        f"Refused by limits:   {sum(ledger.limited.values())} {dict(ledger.limited)}; "
        f"refused writes stored: {len(findings.refused_but_stored)}; "
        f"answers never seen: {len(ledger.unknown)}"
    )
    print(
        f"5xx:                 {stats.server_errors} "
        f"(+{stats.server_errors_in_outage} 503s while PostgreSQL was down)"
    )
    print(f'"database is locked": {locked}; tracebacks in the log: {tracebacks}')
    print(f"Faults survived:     {len(faults.survived)}")
    for line in faults.survived:
        print(f"  - {line}")
    if problems:
        print("FAIL:")
        for problem in problems:
            print(f"  - {problem}")
        if tracebacks:
            print(log[-4000:])
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
