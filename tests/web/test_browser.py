"""The pages in a real browser (chromium), on a phone-sized and a desktop viewport.

Screenshots land in var/screenshots/ so people can look at them after a run.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from tests import browser_support
from tests.browser_support import DESKTOP, PHONE, OpenPage, Screenshot
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.browser


def assert_fits_and_is_readable(page: Page, width: int) -> None:
    """No sideways scrolling, body text at least 16 px, buttons and links tall enough."""
    # After a click the URL can change before the stylesheet has loaded; measure styled pages.
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    font_px = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert font_px >= 16
    small = page.evaluate(
        """() => [...document.querySelectorAll('header a, header button, main button, a.button')]
            .filter(e => e.checkVisibility() && e.getBoundingClientRect().height < 44)
            .map(e => e.textContent.trim() + ":" + e.getBoundingClientRect().height)"""
    )
    assert small == []


@browser_support.BOTH_SIZES
def test_sign_up_lands_on_the_dashboard(
    live_server: object,
    open_page: OpenPage,
    screenshot: Screenshot,
    label: str,
    viewport: dict[str, int],
) -> None:
    page = open_page(viewport)
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Step back to move forward.")
    assert_fits_and_is_readable(page, viewport["width"])
    screenshot(page, f"landing-{label}", full_page=True)

    page.get_by_role("link", name="Create a free account").click()
    browser_support.fill_sign_up(page, f"runner_{label}", f"{label}@example.org", "Robin", PASSWORD)
    screenshot(page, f"signup-{label}", full_page=True)
    page.get_by_role("button", name="Create account").click()

    expect(page).to_have_url(live_server.url + "/home/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Robin")
    expect(page.get_by_role("status")).to_contain_text("Your account is ready")
    assert_fits_and_is_readable(page, viewport["width"])
    screenshot(page, f"dashboard-{label}", full_page=True)
    assert get_user_model().objects.filter(username=f"runner_{label}").exists()

    page.goto(live_server.url + "/accounts/")
    page.get_by_label("Token name").fill("my script")
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_test_id("new-token")).to_contain_text("bst_")
    screenshot(page, f"account-{label}", full_page=True)

    browser_support.sign_out(page)
    expect(page).to_have_url(live_server.url + "/")


def test_wrong_password_shows_the_error_on_a_phone(
    live_server: object, open_page: OpenPage, screenshot: Screenshot, owner: object
) -> None:
    page = open_page(PHONE)
    browser_support.sign_in(page, live_server.url, "olive", "not the password")
    expect(page.get_by_role("alert")).to_contain_text("Please enter a correct username")
    screenshot(page, "login-error-phone", full_page=True)


def test_the_skip_link_is_the_first_tab_stop_and_becomes_visible(
    live_server: object, open_page: OpenPage
) -> None:
    page = open_page(DESKTOP)
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    box = page.get_by_text("Skip to content").bounding_box()
    assert box is not None and box["y"] >= 0
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
