"""Coach invite -> athlete accepts -> athlete logs pain 7 -> the coach sees the flag.

Two browser contexts (two people), chromium through Playwright, on a phone and a
desktop viewport; screenshots of every page land in var/screenshots/.
"""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from backstride.web.plans import services as plans
from backstride.web.sharing.models import CoachLink
from tests import browser_support
from tests.browser_support import PHONE, OpenPage, Screenshot
from tests.web.coaching.conftest import give_plan
from tests.web.conftest import PASSWORD, make_user
from tests.web.test_browser import assert_fits_and_is_readable

pytestmark = pytest.mark.browser


def sign_in(page: Page, base: str, username: str) -> None:
    """Sign in with the suite's password and make sure it worked before going on."""
    browser_support.sign_in(page, base, username, PASSWORD)
    expect(page).to_have_url(base + "/home/")


@browser_support.BOTH_SIZES
def test_coach_invites_athlete_accepts_logs_pain_and_the_flag_appears(
    live_server: object,
    open_page: OpenPage,
    screenshot: Screenshot,
    label: str,
    viewport: dict[str, int],
) -> None:
    base = live_server.url
    make_user("cora", role="coach")
    athlete = make_user("olive")
    give_plan(athlete, timezone.localdate())  # the first session is today
    uid = plans.build_plan(plans.active_plan(athlete)).sessions[0].uid

    coach_page = open_page(viewport)
    sign_in(coach_page, base, "cora")
    coach_page.get_by_role("link", name="Coach", exact=True).click()
    expect(coach_page.get_by_role("heading", name="No athletes yet")).to_be_visible()
    coach_page.get_by_label("Who is it for?").fill("Olive, knee")
    coach_page.get_by_role("button", name="Create invite link").click()
    invite_url = coach_page.get_by_test_id("invite-url").input_value()
    assert "/coach/invite/" in invite_url
    screenshot(coach_page, f"coach-invite-{label}", full_page=True)
    assert_fits_and_is_readable(coach_page, viewport["width"])

    athlete_page = open_page(viewport)  # a separate context: another person
    sign_in(athlete_page, base, "olive")
    athlete_page.goto(invite_url)
    expect(athlete_page.get_by_role("heading", level=1)).to_have_text(
        "Cora would like to follow your training"
    )
    assert_fits_and_is_readable(athlete_page, viewport["width"])
    screenshot(athlete_page, f"coach-accept-{label}", full_page=True)
    athlete_page.get_by_role("button", name="Accept and share").click()
    expect(athlete_page.get_by_role("status")).to_contain_text("Cora can now follow")
    screenshot(athlete_page, f"coach-sharing-{label}", full_page=True)
    assert CoachLink.objects.filter(athlete=athlete, revoked_at__isnull=True).count() == 1

    athlete_page.goto(f"{base}/log/session/{uid}/")
    athlete_page.get_by_role("radio", name="5", exact=True).check()
    athlete_page.get_by_label("Knee", exact=True).fill("7")
    athlete_page.get_by_role("button", name="Save log").click()
    expect(athlete_page).to_have_url(re.compile(r"/log/entry/\d+/$"))
    assert athlete.session_logs.get().pain == {"knee": 7}

    coach_page.goto(base + "/coach/")
    card = coach_page.get_by_test_id("athlete-olive")
    expect(card.get_by_role("link", name="Pain above 5")).to_be_visible()
    expect(card).to_contain_text("Knee pain 7/10")
    assert_fits_and_is_readable(coach_page, viewport["width"])
    screenshot(coach_page, f"coach-dashboard-{label}", full_page=True)

    card.get_by_role("link", name="Olive").click()
    expect(coach_page.get_by_role("heading", level=1)).to_have_text("Olive")
    assert_fits_and_is_readable(coach_page, viewport["width"])
    screenshot(coach_page, f"coach-athlete-{label}", full_page=True)

    coach_page.get_by_role("link", name="Pain above 5").first.click()
    expect(coach_page).to_have_url(base + "/learn/safety/#pain")
    assert_fits_and_is_readable(coach_page, viewport["width"])
    screenshot(coach_page, f"learn-safety-{label}")

    athlete_page.goto(base + "/my-data/")
    assert_fits_and_is_readable(athlete_page, viewport["width"])
    screenshot(athlete_page, f"mydata-{label}", full_page=True)
    athlete_page.get_by_role("button", name="Stop sharing").click()
    coach_page.goto(base + "/coach/")
    expect(coach_page.get_by_test_id("athlete-olive")).to_have_count(0)

    athlete_page.context.close()


def test_the_learn_index_on_a_phone(
    live_server: object, open_page: OpenPage, screenshot: Screenshot
) -> None:
    page = open_page(PHONE)
    page.goto(live_server.url + "/learn/")
    page.get_by_role("link", name="Form").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Form")
    assert_fits_and_is_readable(page, PHONE["width"])
    screenshot(page, "learn-form-phone", full_page=True)
