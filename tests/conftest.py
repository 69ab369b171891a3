"""Suite-wide fixtures: the one chromium every browser test uses, and its screenshots.

A browser test asks for `open_page` (or `browser` itself) and usually `screenshot`; the
`browser` marker is added to it automatically, so `-m "not browser"` (the PostgreSQL
run) never starts one.

Why Playwright is started per module rather than once per session: its sync API keeps
an asyncio loop running in the main thread while it lives, and Django then refuses ORM
calls ("async unsafe"). Keeping it alive for the rest of an xdist worker would make
every later test in that worker run with Django's safety check switched off, so which
tests had the check depended on how xdist happened to split the suite. Per module, the
check is off only while a browser module runs. Chromium starts in about 0.2 s.

pytest-playwright stays installed for its command-line options; its own `playwright`
and `browser` fixtures are replaced by the module-scoped ones below (requesting its
`page` or `context` fixtures is not supported and fails with a scope error).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests import browser_support

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright

BROWSER_FIXTURES = frozenset({"browser", "playwright", "browser_type_launch_args"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that drives chromium, so selecting by marker cannot miss one."""
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, object]:
    """How chromium is launched; fails in CI (where `make test` installs it), skips elsewhere."""
    return browser_support.require_chromium()


@pytest.fixture(scope="module")
def playwright(browser_type_launch_args: dict[str, object]) -> Iterator[Playwright]:
    """Playwright for one test module, with Django's async-safety check off meanwhile."""
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as running:
            yield running
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def browser(
    playwright: Playwright, browser_type_launch_args: dict[str, object]
) -> Iterator[Browser]:
    """Debian's chromium, headless; tests open one context per person with `open_page`."""
    from playwright.sync_api import expect

    # The 5 s default is tight when six people share two cores; a real failure still fails.
    expect.set_options(timeout=browser_support.DEFAULT_TIMEOUT_MS)
    launched = playwright.chromium.launch(**browser_type_launch_args)
    yield launched
    launched.close()


@pytest.fixture
def open_page(browser: Browser) -> Iterator[browser_support.OpenPage]:
    """`open_page(viewport)` gives a page in a fresh context (one context = one person);
    every context is closed after the test, also when it fails half-way."""
    contexts: list[BrowserContext] = []

    def open_one(viewport: dict[str, int] = browser_support.PHONE) -> Page:
        page = browser_support.new_page(browser, viewport)
        contexts.append(page.context)
        return page

    yield open_one
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot() -> browser_support.Screenshot:
    """`screenshot(page, "name", full_page=True)` saves var/screenshots/name.png."""
    return browser_support.save_screenshot
