"""End to end in chromium: sign up, onboard, screen, plan, open, log, see it in Progress.

Screenshots go to var/screenshots/journey-*.png at phone (390x844) and desktop
(1280x800) size; the demo athlete's full progress page too, because a new account has
only one point per chart.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from backstride.web.logbook.models import LogEntry
from tests import browser_support
from tests.browser_support import DESKTOP, OpenPage, Screenshot
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.browser


def fits(page: Page, width: int) -> None:
    """No sideways scrolling; chart labels stay at least 9 px tall once scaled down."""
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('svg.chart .tick')]
            .map(t => t.getBoundingClientRect().height).filter(h => h > 0), 99)"""
    )
    assert smallest >= 9


@browser_support.BOTH_SIZES
def test_a_new_athlete_logs_a_session_and_sees_it_on_the_progress_charts(
    live_server: object,
    open_page: OpenPage,
    screenshot: Screenshot,
    label: str,
    viewport: dict[str, int],
) -> None:
    page = open_page(viewport)

    def shot(name: str) -> None:
        fits(page, viewport["width"])
        screenshot(page, f"journey-{name}-{label}", full_page=True)

    browser_support.sign_up(page, live_server.url, f"jo_{label}", "Jo", PASSWORD)

    page.get_by_role("link", name="Progress").click()
    expect(page.get_by_test_id("progress-empty")).to_contain_text("Nothing to chart yet")
    shot("progress-empty")

    page.goto(live_server.url + "/onboarding/")
    browser_support.fill_profile(
        page, "38", "3", ("Runner", "Flat ground", "3 sessions"), exact=("Runner",)
    )
    page.get_by_role("button", name="Continue to readiness questions").click()
    browser_support.answer_no_to_every_question(page)
    page.get_by_role("button", name="See my result").click()
    page.get_by_role("button", name="Create my plan").click()
    expect(page.get_by_test_id("calendar")).to_be_visible()

    page.get_by_role("link", name="List").click()
    page.locator("a.session-row").first.click()
    page.get_by_role("link", name="Log this session").click()
    page.locator("label.rpe-6").click()
    page.get_by_role("button", name="Save log").click()
    expect(page.get_by_test_id("next-session")).to_be_visible()

    entry = LogEntry.objects.get(athlete__username=f"jo_{label}")
    minutes = f"{entry.backward_seconds / 60:.0f}"
    page.get_by_role("link", name="Progress").click()
    chart = page.get_by_test_id("chart-minutes")
    expect(chart.locator("svg.chart rect.bar")).not_to_have_count(0)
    expect(chart.locator("svg.chart title").first).to_have_text("Backward minutes per week")
    chart.get_by_text("Show the numbers").click()
    expect(chart.locator("tbody tr").first.locator("td")).to_have_text(minutes)
    load = page.get_by_test_id("chart-load")
    expected_load = f"{6 * entry.minutes:.0f}"
    expect(load.locator("tbody tr").first.locator("td").first).to_have_text(expected_load)
    shot("progress")

    page.get_by_role("link", name="Home", exact=True).click()
    expect(page.get_by_test_id("progress-card")).to_contain_text(
        f"{minutes} backward minutes this week"
    )
    shot("home")


def test_the_demo_athlete_sees_every_chart_at_phone_and_desktop_size(
    live_server: object, open_page: OpenPage, screenshot: Screenshot
) -> None:
    from backstride.web.core.demo import DEMO_PASSWORD, load_demo

    load_demo()
    kim_pages = browser_support.signed_in_at_both_sizes(
        open_page, live_server.url, "kim", DEMO_PASSWORD
    )
    for label, viewport, page in kim_pages:
        page.goto(live_server.url + "/progress/?weeks=all")
        for chart in ("minutes", "load", "pain", "adherence"):
            expect(page.get_by_test_id(f"chart-{chart}")).to_be_visible()
        # Kim's knee reached 5/10 once: the pain table shows it.
        expect(page.get_by_test_id("chart-pain").locator("td", has_text="5")).not_to_have_count(0)
        fits(page, viewport["width"])
        screenshot(page, f"journey-demo-progress-{label}", full_page=True)

    # Kim's coach opens the same charts from the athlete page.
    page = open_page(DESKTOP)
    browser_support.sign_in(page, live_server.url, "coach", DEMO_PASSWORD)
    kim = get_user_model().objects.get(username="kim")
    page.goto(live_server.url + f"/coach/athletes/{kim.pk}/")
    page.get_by_role("link", name="Open progress").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Progress of")
    expect(page.get_by_test_id("chart-pain")).to_be_visible()
    screenshot(page, "journey-coach-progress-desktop", full_page=True)
