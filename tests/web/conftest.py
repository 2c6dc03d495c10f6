"""A live `diplograph serve` over the ingested sample articles (plus a hostile one), and headless Chromium.

Ingest runs once per session (spaCy is slow-ish); the browser is the system Chromium from Debian,
driven by Playwright, with the network limited to the server on 127.0.0.1.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from websupport import ARTICLES, ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, SAMPLES, LiveServer, ingest


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The server the web tests browse: samples and the hostile article, default IRI base."""
    store = tmp_path_factory.mktemp("web") / "store"
    ingest(store, SAMPLES, ARTICLES)
    server = LiveServer(store)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: the browser tests need Debian's chromium (run tests/install.sh)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: pip install -e '.[test]' (tests/install.sh)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


class Watched:
    """A page plus what went wrong on it: script errors, CSP reports, requests leaving the server."""

    def __init__(self, page, origin: str) -> None:
        self.page = page
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on("console", lambda message: self.errors.append(f"console {message.type}: {message.text}")
                if message.type == "error" else None)
        page.route("**/*", lambda route: self._route(route, origin))

    def _route(self, route, origin: str) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:")) or f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" == origin:
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def watched(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield Watched(page, site.url)
    context.close()
