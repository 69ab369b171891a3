"""The guided balance test in Debian's chromium against the live server, on a phone.

The clock is Playwright's (``page.clock``), paused, so the walk times are exact; speech
is the recording stub the player tests use, so what the page said can be checked word
for word. Screenshots go to var/screenshots/balance-*.png.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from backstride.web.balance.models import BalanceTest
from tests.browser_support import (
    PHONE,
    OpenPage,
    Screenshot,
    spoken,
    stub_speech_and_pause_clock,
    watch_page_errors,
)
from tests.web.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
READY_MS = 2000


def signed_in_page(open_page: OpenPage, live_server: object, user: object) -> Page:
    client = Client()
    client.force_login(user)
    page = open_page(PHONE)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    stub_speech_and_pause_clock(page, timezone.now().replace(microsecond=0))
    return page


def walk(page: Page, seconds: float) -> None:
    """Ready, 2 s, Go, then the helper taps Stop ``seconds`` later (clock-exact)."""
    expect(page.locator(".signal")).to_have_text("Ready")
    expect(page.get_by_role("button", name="Stop")).to_be_disabled()
    page.clock.run_for(READY_MS)
    expect(page.locator(".signal")).to_have_text("Go")
    page.clock.run_for(round(seconds * 1000))
    page.get_by_role("button", name="Stop").click()


def set_up(page: Page, live_server: object, group: str = "older-adult") -> None:
    page.goto(live_server.url + "/balance/test/")
    start = page.get_by_role("button", name="Start the practice walk")
    expect(start).to_be_disabled()
    page.get_by_label("Who is with you?").select_option("helper")
    expect(start).to_be_disabled()  # who is there is not enough: the helper must be ready
    page.get_by_label("Compare my time with").select_option(group)
    page.get_by_label("My helper is next to me now").check()
    expect(start).to_be_enabled()


def test_a_guided_test_speaks_times_two_walks_and_shows_the_servers_answer(
    open_page: OpenPage, live_server: object, screenshot: Screenshot
) -> None:
    user = make_user("greta")
    page = signed_in_page(open_page, live_server, user)
    errors = watch_page_errors(page)
    set_up(page, live_server)
    screenshot(page, "balance-setup", full_page=True)
    page.get_by_role("button", name="Start the practice walk").click()

    expect(page.locator(".walk-name")).to_have_text("Practice walk")
    expect(page.locator(".signal")).to_have_text("Ready")
    page.clock.run_for(READY_MS)
    expect(page.locator(".signal")).to_have_text("Go")
    screenshot(page, "balance-go")
    page.clock.run_for(3900)
    page.get_by_role("button", name="Stop").click()
    expect(page.locator(".trial-times li")).to_have_text(["Practice walk: 3.90 s (not counted)"])

    page.get_by_role("button", name="Next walk").click()
    expect(page.locator(".walk-name")).to_have_text("Timed walk 1 of 2")
    walk(page, 4.4)
    page.get_by_role("button", name="Next walk").click()
    walk(page, 4.6)

    expect(page.locator(".headline")).to_have_text(
        "4.50 s: in the range the study linked with falls."
    )
    expect(page.locator(".lines li").last).to_contain_text("talk to your physiotherapist")
    expect(page.locator(".trial-times li")).to_have_text(
        [
            "Practice walk: 3.90 s (not counted)",
            "Timed walk 1 of 2: 4.40 s",
            "Timed walk 2 of 2: 4.60 s",
        ]
    )
    screenshot(page, "balance-result", full_page=True)
    assert spoken(page) == [
        "Ready", "Go", "3.9 seconds",
        "Ready", "Go", "4.4 seconds",
        "Ready", "Go", "4.6 seconds",
    ]  # fmt: skip
    test = BalanceTest.objects.get(athlete=user)
    assert [t.seconds for t in test.trials.all()] == [4.4, 4.6]
    assert (test.present, test.helper_confirmed, test.near_fall) == ("helper", True, False)
    assert test.group == "older-adult" and test.source == "guided"
    assert errors == []


def test_a_near_fall_ends_the_test_and_is_recorded(
    open_page: OpenPage, live_server: object, screenshot: Screenshot
) -> None:
    user = make_user("nora")
    page = signed_in_page(open_page, live_server, user)
    set_up(page, live_server)
    page.get_by_role("button", name="Start the practice walk").click()
    walk(page, 5.0)
    page.get_by_role("button", name="Next walk").click()
    page.clock.run_for(READY_MS + 1500)
    page.get_by_role("button", name="Near-fall: end the test").click()
    expect(page.locator(".near-fall-message")).to_contain_text("A near-fall was recorded")
    expect(page.locator(".headline")).to_have_text("No timed walk was finished.")
    screenshot(page, "balance-near-fall", full_page=True)
    assert spoken(page)[-1] == "Test ended"
    test = BalanceTest.objects.get(athlete=user)
    assert test.near_fall is True and test.trials.count() == 0


def test_a_stop_tapped_too_early_gets_the_servers_sentence_and_nothing_is_saved(
    open_page: OpenPage, live_server: object
) -> None:
    user = make_user("ezra")
    page = signed_in_page(open_page, live_server, user)
    set_up(page, live_server, group="parkinson")
    page.get_by_role("button", name="Start the practice walk").click()
    walk(page, 4.0)
    page.get_by_role("button", name="Next walk").click()
    walk(page, 3.6)
    page.get_by_role("button", name="Next walk").click()
    walk(page, 0.3)  # the helper's thumb slipped
    expect(page.get_by_role("alert")).to_contain_text(
        "timed walk 2: 0.30 s for 3 m backward is faster than 1 s"
    )
    assert BalanceTest.objects.filter(athlete=user).count() == 0
    page.get_by_role("button", name="Time the walks again").click()
    walk(page, 3.6)
    page.get_by_role("button", name="Next walk").click()
    walk(page, 3.8)
    expect(page.locator(".headline")).to_have_text("3.70 s: under the study's cut-off.")
    assert BalanceTest.objects.get(athlete=user).group == "parkinson"
