"""The one place that knows how the browser tests start chromium and where pictures go,
and the few steps (sign up, sign in, onboarding, player clock) many journeys share.

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

import datetime as dt
import os
from collections.abc import Callable, Iterator
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
PAUSE_MARGIN = dt.timedelta(seconds=30)


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


# --- Steps that several browser journeys take the same way -------------------------------
# The sign-up, sign-in, onboarding and player set-up steps below were copied into four web
# test files and two player files; one copy means a changed label breaks one place, loudly.
# They only act: each test keeps its own `expect(...)` checks, so what it asserts is visible
# where it is asserted.

# Most page tests run once on a phone and once on a desktop; the label goes in file names.
BOTH_SIZES = pytest.mark.parametrize(
    ("label", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)]
)


def fill_sign_up(page: Page, username: str, email: str, name: str, password: str) -> None:
    """Fill the open sign-up form as an athlete ("I train"), without sending it."""
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Your name").fill(name)
    page.get_by_label("I train").check()
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Password confirmation").fill(password)


def sign_up(page: Page, base_url: str, username: str, name: str, password: str) -> None:
    """Create an athlete account through the sign-up page (email: username@example.org)."""
    page.goto(base_url + "/accounts/signup/")
    fill_sign_up(page, username, f"{username}@example.org", name, password)
    page.get_by_role("button", name="Create account").click()


def sign_in(page: Page, base_url: str, username: str, password: str) -> None:
    """Send the sign-in form; the caller checks where it landed (or the error shown)."""
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def signed_in_at_both_sizes(
    open_page: OpenPage, base_url: str, username: str, password: str
) -> Iterator[tuple[str, dict[str, int], Page]]:
    """(label, viewport, page) for a phone, then a desktop, each page freshly signed in.

    For tests that check one account's pages at both sizes in a single test (the demo
    data is loaded once, which is the slow part)."""
    for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page = open_page(viewport)
        sign_in(page, base_url, username, password)
        yield label, viewport, page


def fill_profile(
    page: Page,
    age: str,
    years_running: str,
    choices: tuple[str, ...],
    exact: tuple[str, ...] = (),
) -> None:
    """Fill the onboarding profile: age, years of forward running, then tick each choice.

    A choice matches any label containing it ("Flat ground" has a hint after it); name the
    ones in ``exact`` that must match whole, like "Runner", which other labels contain.
    """
    page.get_by_label("Age").fill(age)
    page.get_by_label("Years of regular forward running").fill(years_running)
    for choice in choices:
        page.get_by_label(choice, exact=choice in exact).check()


def answer_no_to_every_question(page: Page) -> None:
    """Tick "No" on every readiness question on the screening page."""
    for option in page.locator("label.seg", has_text="No").all():
        option.click()


def watch_page_errors(page: Page) -> list[str]:
    """A list that fills with every uncaught script error on the page (expect it empty)."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def stub_speech_and_pause_clock(page: Page, start: dt.datetime) -> None:
    """Record speech instead of playing it and freeze time so only the test moves it.

    The installed clock runs on in real time until paused, so pausing exactly at `start`
    can already be in the past on a busy machine; the 30 s margin makes it certain and
    keeps screenshots from costing session seconds.
    """
    page.add_init_script(SPEECH_STUB)
    page.clock.install(time=start)
    page.clock.pause_at(start + PAUSE_MARGIN)


def open_menu(page: Page) -> None:
    """Open the site's Menu when the page shows one (phones); on a wide screen every
    place is in the bar already, so there is nothing to open."""
    summary = page.locator(".site-nav details.menu > summary")
    if summary.is_visible() and summary.locator("xpath=..").get_attribute("open") is None:
        summary.click()


def sign_out(page: Page) -> None:
    """Press Sign out, from the Menu on a phone or the bar on a desktop."""
    open_menu(page)
    page.get_by_role("button", name="Sign out").click()


# --- Accessibility: axe-core, installed from package-lock.json by `make test` (npm ci) ---
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_HINT = "run `npm ci` in the repository (make test does) to install axe-core"
# What the issue asks to be zero: the two worst of axe's four impact levels.
BLOCKING_IMPACTS = ("serious", "critical")


def axe_source(path: Path = AXE_SCRIPT, env: dict[str, str] | None = None) -> str:
    """axe-core's script, or stop the test: fail in CI (make test installs it), skip elsewhere."""
    if path.exists():
        return path.read_text(encoding="utf-8")
    message = f"Accessibility tests need axe-core at {path}: {AXE_HINT}"
    if in_ci(env):
        pytest.fail(f"{message} (CI is set, so this is an error, not a skip)", pytrace=False)
    pytest.skip(message)


def axe_problems(page: Page, source: str, impacts: tuple[str, ...] = BLOCKING_IMPACTS) -> list[str]:
    """Run axe-core on the page as it is now; one line per rule broken at those impacts,
    naming the rule, how many elements and the first few of them."""
    page.add_script_tag(content=source)
    found = page.evaluate(
        """async (impacts) => {
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return result.violations.filter((v) => impacts.includes(v.impact)).map((v) => ({
            id: v.id, impact: v.impact, count: v.nodes.length,
            where: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
            why: (v.nodes[0] && v.nodes[0].failureSummary || '').slice(0, 200),
          }));
        }""",
        list(impacts),
    )
    return [
        f"{item['id']} ({item['impact']}, {item['count']}x) at {item['where']}: {item['why']}"
        for item in found
    ]


def spoken(page: Page) -> list[str]:
    """Every sentence the player asked the (stubbed) speech engine to say, in order."""
    return page.evaluate("window.__spoken")
