"""The whole athlete journey in chromium: sign up, onboard, plan, open, log, adapt.

Screenshots of every step go to var/screenshots/plans-*.png at phone and desktop size.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from backstride.web.logbook.models import LogEntry
from tests import browser_support
from tests.browser_support import OpenPage, Screenshot
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.browser


def fits(page: Page, width: int) -> None:
    """No sideways scrolling and every button a thumb can hit (44 px or more)."""
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    small = page.evaluate(
        """() => [...document.querySelectorAll('main button, a.button, .seg span, .toggle')]
            .filter(e => e.getBoundingClientRect().height > 0)
            .filter(e => e.checkVisibility() && e.getBoundingClientRect().height < 44)
            .map(e => e.textContent.trim() + ':' + e.getBoundingClientRect().height)"""
    )
    assert small == []


@browser_support.BOTH_SIZES
def test_sign_up_onboard_plan_log_and_see_the_adapted_next_session(
    live_server: object,
    open_page: OpenPage,
    screenshot: Screenshot,
    label: str,
    viewport: dict[str, int],
) -> None:
    page = open_page(viewport)
    width = viewport["width"]

    def shot(name: str) -> None:
        fits(page, width)
        screenshot(page, f"plans-{name}-{label}", full_page=True)

    browser_support.sign_up(page, live_server.url, f"walker_{label}", "Robin", PASSWORD)
    expect(page.get_by_role("heading", name="Get your plan")).to_be_visible()
    shot("home-new")

    page.get_by_role("link", name="Start").click()
    browser_support.fill_profile(
        page, "45", "2", ("Knee rehab", "Flat ground", "3 sessions", "Knee health")
    )
    shot("profile")
    page.get_by_role("button", name="Continue to readiness questions").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Are you ready to move backward?")
    browser_support.answer_no_to_every_question(page)
    knee = "Do you have a knee problem"  # the knee question, wherever the table puts it
    page.locator("fieldset.question", has_text=knee).locator("label.seg", has_text="Yes").click()
    shot("screening")
    page.get_by_role("button", name="See my result").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("You can start, within limits")
    expect(page.get_by_test_id("outcome")).to_contain_text("Low intensity")
    shot("outcome")
    page.get_by_role("button", name="Create my plan").click()

    expect(page.get_by_test_id("calendar")).to_be_visible()
    shot("calendar")
    page.get_by_role("link", name="List").click()
    expect(page.get_by_role("button", name="Repeat this week")).to_be_visible()
    shot("list")

    page.locator("a.session-row").first.click()
    expect(page.get_by_role("heading", name="Before you start")).to_be_visible()
    expect(page.locator("svg.body-map").first).to_be_visible()
    shot("session")

    page.get_by_role("link", name="Log this session").click()
    page.locator("label.rpe-5").click()
    page.get_by_role("button", name="More Knee pain").click()
    page.get_by_label("Knee", exact=True).fill("6")
    page.get_by_text("Nearly fell").click()
    shot("log")
    page.get_by_role("button", name="Save log").click()

    status = page.get_by_test_id("status")  # the one status, with its reasons
    expect(status).to_contain_text("Pain reached 6/10 (knee 6/10), above 5: step back.")
    expect(status).to_contain_text("You nearly fell")
    card = page.get_by_test_id("next-session")
    shot("logged")
    entry = LogEntry.objects.get(athlete__username=f"walker_{label}")
    assert (entry.rpe, entry.pain, entry.near_fall, entry.action) == (
        5,
        {"knee": 6},
        True,
        "regress",
    )

    card.get_by_role("link", name="Open next session").click()
    expect(page.get_by_test_id("status-message")).to_have_text(
        "Step back: the next session is shorter and easier. To lift it: log a session with "
        "pain at 3/10 or less that has settled by the next morning."
    )
    expect(page.get_by_test_id("adaptation")).to_contain_text("Pain reached 6/10")
    shot("next-session")


def test_a_demo_athlete_with_weeks_of_logs_sees_a_coloured_calendar(
    live_server: object, open_page: OpenPage, screenshot: Screenshot
) -> None:
    from backstride.web.core.demo import DEMO_PASSWORD, load_demo

    load_demo()
    kim_pages = browser_support.signed_in_at_both_sizes(
        open_page, live_server.url, "kim", DEMO_PASSWORD
    )
    for label, viewport, page in kim_pages:
        expect(page.get_by_test_id("next-session")).to_be_visible()
        fits(page, viewport["width"])
        screenshot(page, f"plans-demo-home-{label}", full_page=True)
        page.goto(live_server.url + "/plans/list/")
        # Kim did 75 % of one session's time: amber, whichever month it fell in.
        expect(page.locator(".session-row.status-amber").first).to_be_visible()
        expect(page.locator(".session-row.status-green").first).to_be_visible()
        page.goto(live_server.url + "/plans/")
        expect(page.get_by_test_id("calendar")).to_be_visible()
        fits(page, viewport["width"])
        screenshot(page, f"plans-demo-calendar-{label}", full_page=True)
        page.goto(live_server.url + "/log/")
        screenshot(page, f"plans-demo-logbook-{label}", full_page=True)
