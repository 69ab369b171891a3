"""Browser set-up for the player: Debian's chromium and the static player folder served
over HTTP, because ES modules do not load from file:// URLs. The Django side (settings,
users, fast Argon2, sync ORM under Playwright) is shared with the web suite's conftest, so
the player is also tested inside the real app."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from tests.web.conftest import (  # noqa: F401  (fixtures, re-exported for this folder)
    allow_sync_orm,
    fast_argon2,
    owner,
    owner_client,
    stranger,
    stranger_client,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
PLAYER_STATIC = REPO_ROOT / "src" / "backstride" / "web" / "player" / "static" / "player"
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = REPO_ROOT / "var" / "screenshots"


LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def chromium(request: pytest.FixtureRequest) -> Iterator[Browser]:
    """Debian's chromium (`playwright install` downloads browsers and is never run).

    Playwright's sync API keeps an event loop in the main thread while it runs, and Django
    refuses ORM calls then; so this module starts its own Playwright and stops it when done,
    instead of leaving pytest-playwright's session-wide one running under the web tests.
    If the web suite already started that one, it is shared (only one may run at a time).
    """
    if not CHROMIUM.exists():
        pytest.skip("Browser tests need Debian's chromium: apt-get install -y chromium")
    manager = sync_playwright()
    try:
        playwright = manager.start()
    except PlaywrightError:
        manager = None
        playwright = request.getfixturevalue("playwright")
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
    )
    yield browser
    browser.close()
    if manager is not None:
        playwright.stop()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep test output clean; failures show up as assertion messages instead."""


@pytest.fixture(scope="module")
def player_url() -> Iterator[str]:
    """The player's static folder on a free local port (what `python -m http.server` does)."""
    handler = partial(_QuietHandler, directory=str(PLAYER_STATIC))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
