"""Everyday use in chromium at 390x844 and 1366x900 (issue 13): the "Today / this week"
home, switching units, moving and skipping a session, a coach's edit, ticking imports.

Screenshots: var/screenshots/everyday-*-phone.png and -wide.png.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from backstride.training.schedule import next_session
from backstride.training.status import current_status
from backstride.web.coaching import services as coaching
from backstride.web.imports.models import ImportUpload
from backstride.web.logbook.models import LogEntry
from backstride.web.plans import services
from backstride.web.plans.models import PlanChange
from tests import browser_support
from tests.activities.fitbuild import activity_fit
from tests.browser_support import PHONE, OpenPage, Screenshot
from tests.web.conftest import PASSWORD, make_user
from tests.web.imports.test_imports import watch_file
from tests.web.plans.helpers import plan_for

pytestmark = pytest.mark.browser

WIDE = {"width": 1366, "height": 900}
SIZES = pytest.mark.parametrize(("label", "viewport"), [("phone", PHONE), ("wide", WIDE)])


def no_sideways_scroll(page: Page, width: int) -> None:
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def signed_in(open_page: OpenPage, url: str, username: str, viewport: dict) -> Page:
    page = open_page(viewport)
    browser_support.sign_in(page, url, username, PASSWORD)
    return page


def later_session(row, days: int = 1):
    today = timezone.localdate()
    return next(
        s for s in services.build_plan(row).sessions if s.date >= today + dt.timedelta(days=days)
    )


@SIZES
def test_today_home_shows_one_session_the_status_and_the_week(
    live_server,
    open_page: OpenPage,
    screenshot: Screenshot,
    label: str,
    viewport: dict,
    transactional_db,
) -> None:
    user = make_user(f"tia_{label}")
    today = timezone.localdate()
    row = plan_for(user, start=today - dt.timedelta(days=2))
    planned = next_session(services.build_plan(row), [], today)
    page = signed_in(open_page, live_server.url, user.username, viewport)
    card = page.get_by_test_id("next-session")
    expect(card).to_contain_text(planned.title)
    expect(page.get_by_test_id("status-message")).to_have_text(
        current_status(planned, [], today=today).message
    )
    start = page.get_by_test_id("today-start")
    expect(start).to_be_visible()
    box = start.bounding_box()
    assert box and box["height"] >= 56  # one big button
    expect(page.get_by_test_id("week-done")).to_contain_text("0 of")
    no_sideways_scroll(page, viewport["width"])
    screenshot(page, f"everyday-home-{label}", full_page=True)
    start.click()
    expect(page).to_have_url(f"{live_server.url}/plans/session/{planned.uid}/play")


def test_the_calendar_shows_minutes_at_320_px_without_clipping(
    live_server, open_page: OpenPage, screenshot: Screenshot, transactional_db
) -> None:
    user = make_user("cal320")
    plan_for(user, start=timezone.localdate())
    page = signed_in(open_page, live_server.url, user.username, {"width": 320, "height": 700})
    page.goto(live_server.url + "/plans/")
    minutes = page.locator(".cal-min").first
    expect(minutes).to_be_visible()
    expect(minutes).to_contain_text("min")
    clipped = page.evaluate(
        """() => [...document.querySelectorAll('.cal-min')]
            .filter(e => e.scrollWidth > e.clientWidth + 1).length"""
    )
    assert clipped == 0
    no_sideways_scroll(page, 320)
    screenshot(page, "everyday-calendar-320", full_page=True)


@SIZES
def test_switching_units_changes_the_session_page(
    live_server,
    open_page: OpenPage,
    screenshot: Screenshot,
    label: str,
    viewport: dict,
    transactional_db,
) -> None:
    user = make_user(f"uma_{label}")
    row = plan_for(user, start=timezone.localdate())
    session = next(s for s in services.build_plan(row).sessions if s.backward_meters)
    page = signed_in(open_page, live_server.url, user.username, viewport)
    page.goto(live_server.url + "/accounts/")
    page.get_by_label("Long distances").select_option("mi")
    page.get_by_label("Speed").select_option("pace-mi")
    page.get_by_label("Short distances").select_option("yd")
    page.get_by_label("Reminder time on session days").fill("07:30")
    screenshot(page, f"everyday-units-{label}", full_page=True)
    page.get_by_role("button", name="Save profile").click()
    page.goto(f"{live_server.url}/plans/session/{session.uid}/")
    expect(page.locator(".stats")).to_contain_text(" yd")
    page.goto(live_server.url + "/plans/feed/")
    expect(page.get_by_test_id("feed-reminder")).to_contain_text("07:30")


@SIZES
def test_moving_then_skipping_a_session(
    live_server,
    open_page: OpenPage,
    screenshot: Screenshot,
    label: str,
    viewport: dict,
    transactional_db,
) -> None:
    user = make_user(f"mo_{label}")
    row = plan_for(user, start=timezone.localdate() + dt.timedelta(days=7))
    first = services.build_plan(row).sessions[0]
    page = signed_in(open_page, live_server.url, user.username, viewport)
    page.goto(f"{live_server.url}/plans/session/{first.uid}/")
    new_day = first.date + dt.timedelta(days=1)
    page.get_by_label(f"Move to another day of week {first.week}").fill(new_day.isoformat())
    page.get_by_role("button", name="Move", exact=True).click()
    expect(page.get_by_text(f"Moved to {new_day:%A %d %B}")).to_be_visible()
    no_sideways_scroll(page, viewport["width"])
    screenshot(page, f"everyday-move-{label}", full_page=True)
    # Too far: refused in words, nothing stored.
    page.get_by_label(f"Move to another day of week {first.week}").fill(
        (first.date + dt.timedelta(days=9)).isoformat()
    )
    page.get_by_role("button", name="Move", exact=True).click()
    expect(page.get_by_text("within its week")).to_be_visible()
    page.get_by_role("button", name="Skip this session").click()
    expect(page.get_by_text("Session skipped")).to_be_visible()
    screenshot(page, f"everyday-skip-{label}", full_page=True)
    kinds = list(PlanChange.objects.filter(plan=row).values_list("kind", flat=True))
    assert kinds == ["move", "skip"]


@SIZES
def test_a_linked_coach_edits_a_session_and_the_athlete_reads_the_note(
    live_server,
    open_page: OpenPage,
    screenshot: Screenshot,
    label: str,
    viewport: dict,
    transactional_db,
) -> None:
    athlete = make_user(f"ath_{label}")
    coach = make_user(f"coa_{label}", role="coach")
    coaching.accept_invite(coaching.create_invite(coach).token, athlete)
    row = plan_for(athlete, start=timezone.localdate())
    session = later_session(row)
    index = next(i for i, b in enumerate(session.blocks) if b.seconds and b.backward_seconds)
    page = signed_in(open_page, live_server.url, coach.username, viewport)
    page.goto(f"{live_server.url}/plans/session/{session.uid}/?athlete={athlete.pk}")
    form = page.get_by_test_id("edit-form")
    seconds = form.locator(f'input[name="seconds-{index}"]')
    seconds.fill(str(int(session.blocks[index].seconds) - 5))
    form.get_by_label("Note for the athlete").fill("Keep it easy after the match.")
    screenshot(page, f"everyday-coach-edit-{label}", full_page=True)
    form.get_by_role("button", name="Save the edit").click()
    expect(page.get_by_text("Session edited")).to_be_visible()
    mine = signed_in(open_page, live_server.url, athlete.username, viewport)
    mine.goto(f"{live_server.url}/plans/session/{session.uid}/")
    expect(mine.get_by_test_id("coach-note")).to_contain_text("Keep it easy after the match.")
    expect(mine.get_by_test_id("edit-form")).to_have_count(0)
    change = PlanChange.objects.get(plan=row)
    assert change.made_by == coach and change.kind == "edit"


@SIZES
def test_the_import_preview_lets_the_person_pick(
    live_server,
    open_page: OpenPage,
    screenshot: Screenshot,
    label: str,
    viewport: dict,
    transactional_db,
    tmp_path,
) -> None:
    user = make_user(f"imp_{label}")
    row = plan_for(user, start=timezone.localdate() - dt.timedelta(days=10))
    session = services.build_plan(row).sessions[0]
    planned, _ = watch_file(session)
    old = activity_fit(timezone.now() - dt.timedelta(days=3 * 365), [(600.0, 1000.0)])
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a-plan.fit", planned)
        z.writestr("b-old.fit", old)
    path = tmp_path / "watch.zip"
    path.write_bytes(archive.getvalue())
    page = signed_in(open_page, live_server.url, user.username, viewport)
    page.goto(live_server.url + "/log/import/")
    page.locator('input[type="file"]').set_input_files(str(path))
    page.locator('form[enctype] button[type="submit"], form button[type="submit"]').last.click()
    form = page.get_by_test_id("import-form")
    expect(form).to_contain_text("long before your plan started")
    expect(form.locator('input[name="keep"]')).to_have_count(2)
    names = [item["file_name"] for item in ImportUpload.objects.get(athlete=user).items]
    expect(page.get_by_test_id(f"keep-{names.index('a-plan.fit')}")).to_be_checked()
    expect(page.get_by_test_id(f"keep-{names.index('b-old.fit')}")).not_to_be_checked()
    no_sideways_scroll(page, viewport["width"])
    screenshot(page, f"everyday-import-{label}", full_page=True)
    page.get_by_role("button", name="Save the ticked ones to my log book").click()
    expect(page.get_by_text("Imported 1 session")).to_be_visible()
    assert [e.session_uid for e in LogEntry.objects.filter(athlete=user)] == [session.uid]
