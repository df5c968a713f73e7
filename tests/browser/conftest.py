"""Playwright in Debian's headless Chromium against pytest-django's live server.

- Chromium is /usr/bin/chromium (``apt-get install chromium``; .ci/run installs it). Without it
  these tests skip, except under CI, where they fail.
- axe-core comes from the npm registry (``npm ci``: package.json) and is added to every page as
  an init script. Init scripts are injected by the browser's DevTools protocol, so our strict
  Content-Security-Policy stays on (no ``bypass_csp``) and any CSP violation by our own pages is
  caught: every test fails if the console reports one.
- Screenshots of each page at desktop and phone width go to screenshots/ (git-ignored).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 800}


def _under_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _require(path: Path, what: str) -> None:
    if path.exists():
        return
    if _under_ci():
        pytest.fail(f"{what} is missing at {path}; CI must install it")
    pytest.skip(f"{what} is not installed ({path}); set CI=1 to make this a failure")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _require(CHROMIUM, "Debian's chromium")
    _require(AXE, "axe-core from npm (run `npm ci`)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django refuses ORM calls (the
    # tests' own and the database flush after each test) from a thread with a running loop
    # unless told the code is deliberately synchronous. Set for this module only, so that
    # subprocesses started by other tests do not inherit it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=str(CHROMIUM),
                args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class Session:
    """One signed-in user's browser context, with the page helpers the tests speak in."""

    def __init__(self, browser: Any, live_server: Any, user: Any) -> None:
        from django.test import Client

        client = Client()
        client.force_login(user)
        self.base = live_server.url
        self.context = browser.new_context(viewport=DESKTOP, base_url=self.base, accept_downloads=True)
        self.context.add_init_script(path=str(AXE))
        self.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": self.base}])
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.csp_violations: list[str] = []
        self.page.on("console", self._console)

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            self.csp_violations.append(f"{self.page.url}: {message.text[:160]}")

    def goto(self, path: str) -> Any:
        self.page.goto(self.base + path)
        return self.page

    def snap(self, name: str) -> None:
        """Desktop and phone screenshots; at 375 px nothing may overflow sideways."""
        SCREENSHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}-desktop.png"), full_page=True)
        self.page.set_viewport_size(PHONE)
        overflow = self.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}-phone.png"), full_page=True)
        self.page.set_viewport_size(DESKTOP)
        assert overflow <= 0, f"{name}: the page is {overflow}px wider than a 375px phone screen"

    # resultTypes: only violations are needed in full; axe then records one node per passed or
    # inapplicable rule instead of every node, and only the violations cross back to Python.
    AXE_RUN = (
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},"
        " resultTypes: ['violations']}).then(r => ({violations: r.violations}))"
    )

    def axe(self, name: str, *, paused_clock: bool = False) -> None:
        """No serious or critical accessibility violations (axe-core's WCAG 2 A/AA rules).

        axe schedules its work with timers; under a paused Playwright clock they run only when
        the clock does, so then it is run a millisecond at a time until axe is done (a page's
        own timers further away, such as a submit a second later, do not fire meanwhile)."""
        if not paused_clock:
            # Two animation frames first: the page's ResizeObserver callbacks (site.js makes a table
            # wrapper that scrolls sideways focusable) run in the frame after a viewport change, and
            # axe must see the page as they leave it, not race them.
            results = self.page.evaluate(
                f"async () => {{ await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); return await {self.AXE_RUN}; }}"
            )
        else:
            self.page.evaluate(f"() => {{ window.__axeResults = null; {self.AXE_RUN}.then(r => {{ window.__axeResults = r; }}); }}")
            for _ in range(500):
                self.page.clock.run_for(1)
                if self.page.evaluate("window.__axeResults !== null"):
                    break
            else:
                raise AssertionError(f"{name}: axe did not finish within 500 ms of the page's clock")
            results = self.page.evaluate("window.__axeResults")
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in results["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not bad, f"{name}: " + "; ".join(bad)

    def close(self) -> None:
        self.context.close()
        assert not self.csp_violations, self.csp_violations


@pytest.fixture
def session_for(browser: Any, live_server: Any) -> Iterator[Any]:
    sessions: list[Session] = []

    def make(user: Any) -> Session:
        session = Session(browser, live_server, user)
        sessions.append(session)
        return session

    yield make
    for session in sessions:
        session.close()
