"""The one place that knows how the browser tests start chromium and where pictures go.

Every browser test (web pages, the coach flow, the player) drives Debian's chromium
through Playwright's sync API. The launch options, the "chromium is missing" policy and
the screenshot folder used to be copied into five files and had started to drift; the
fixtures in tests/conftest.py now call the functions below and nothing else launches a
browser.

Why the policy differs between machines: `make test` installs chromium, so in CI a
missing binary is a broken set-up and must fail loudly; on a developer's machine
without it, skipping with the install command is the helpful answer.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

REPO_ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = REPO_ROOT / "var" / "screenshots"
INSTALL_HINT = "apt-get install -y chromium (never `playwright install`: it downloads browsers)"

# From ../shared/stack-notes.md: what works headless as root on these machines.
LAUNCH_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)

# What the `screenshot` fixture hands a test: screenshot(page, "name", full_page=...).
Screenshot = Callable[..., Path]
# What the `open_page` fixture hands a test: open_page(viewport) -> Page.
OpenPage = Callable[..., "Page"]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# Long enough for a loaded 2-core machine, short enough that a wrong locator fails fast.
DEFAULT_TIMEOUT_MS = 10_000

# Records what the player asks the browser to say; headless chromium has no voices.
SPEECH_STUB = """
window.__spoken = [];
const voices = [{ name: 'Test voice', lang: 'en-GB', default: true }];
Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: {
  getVoices: () => voices, speak: (u) => window.__spoken.push(u.text), cancel: () => {},
  addEventListener: () => {}, speaking: false, pending: false,
} });
"""


def in_ci(env: dict[str, str] | None = None) -> bool:
    """CI sets CI (GitHub, GitLab and most others do); any non-empty value counts."""
    return bool((os.environ if env is None else env).get("CI"))


def missing_chromium_message(executable: Path = CHROMIUM) -> str | None:
    """One sentence saying what is missing and how to install it, or None if all is there."""
    if not executable.exists():
        return f"Browser tests need Debian's chromium at {executable}: {INSTALL_HINT}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Browser tests need Playwright: .venv/bin/pip install -e '.[dev]'"
    return None


def launch_options(executable: Path = CHROMIUM) -> dict[str, object]:
    """Keyword arguments for `playwright.chromium.launch`, so every test runs the same
    browser the same way."""
    return {"executable_path": str(executable), "headless": True, "args": list(LAUNCH_ARGS)}


def require_chromium(
    executable: Path = CHROMIUM, env: dict[str, str] | None = None
) -> dict[str, object]:
    """The launch options, or stop the test: fail in CI, skip on a machine without chromium."""
    problem = missing_chromium_message(executable)
    if problem is None:
        return launch_options(executable)
    if in_ci(env):
        pytest.fail(f"{problem} (CI is set, so this is an error, not a skip)", pytrace=False)
    pytest.skip(problem)


def new_page(
    browser: Browser, viewport: dict[str, int], timeout_ms: int = DEFAULT_TIMEOUT_MS
) -> Page:
    """A page in its own context: one context is one person (cookies, storage)."""
    context = browser.new_context(viewport=viewport, device_scale_factor=1)
    context.set_default_timeout(timeout_ms)
    return context.new_page()


def save_screenshot(
    page: Page, name: str, *, full_page: bool = False, folder: Path = SCREENSHOTS
) -> Path:
    """Save `name`.png under var/screenshots/ for people to look at after a run.

    Names must be unique across the suite (xdist workers write into the same folder), so
    parametrised tests put their viewport label in the name.
    """
    if not name or "/" in name or name.startswith("."):
        raise ValueError(f"screenshot name must be a plain file name, got {name!r}")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=path, full_page=full_page)
    return path
