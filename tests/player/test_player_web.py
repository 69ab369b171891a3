"""The player inside the real app, in Debian's chromium against Django's live server: a
real week-1 treadmill plan session played from the session page on a fast-forwarded clock,
its spoken cues (belt speeds, no shoulder checks on a treadmill), the prefilled log form,
and the log the server stored (also after being queued offline, and never under another
user who signs in on the same phone). Screenshots at 390x844 go to
var/screenshots/player-web-*.png.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from backstride.web.logbook.forms import PAIN_LABELS
from backstride.web.logbook.models import MAX_MINUTES, LogEntry
from backstride.web.plans import services as plans
from tests.browser_support import (
    PHONE,
    OpenPage,
    Screenshot,
    spoken,
    stub_speech_and_pause_clock,
    watch_page_errors,
)
from tests.web.conftest import make_user
from tests.web.plans.helpers import plan_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# The first session of week 1 of a general, treadmill plan: lead-in 10 s; warm-up backward walk
# 150 s at 1.2 km/h; 2 x 20 s high-knee march and 2 x 20 s heel-flick walk, 30 s rests
# between; 5 x 30 s backward walk at 1.6 km/h, 30 s rests between; cool-down 120 s at
# 1.2 km/h. Step starts (s): 0, 10, 160, 180, 210, 230, 250, 280, 300, 330 ... 540, 570.
# On a treadmill there are no shoulder checks: the belt is behind, so look ahead.
COUNT = ["3", "2", "1"]
L, R = "Look over your left shoulder.", "Look over your right shoulder."
WARM_UP_SPEECH = [
    "Get ready. First: backward walk.",
    "Clip the safety key on. Keep the handrails in reach.", *COUNT,
    "Backward walk, 2 minutes 30.", "Belt to 1.2 km/h, 0.7 mph.",
    "Halfway.", "10 seconds.", *COUNT,  # halfway at 75 s, 10 s warning at 140 s
    "Backward high-knee march, 20 seconds. Repeat 1 of 2.", "10 seconds.", *COUNT,
]  # fmt: skip
STEP_STARTS = [
    "Get ready. First: backward walk.",
    "Backward walk, 2 minutes 30.",
    "Backward high-knee march, 20 seconds. Repeat 1 of 2.",
    "Rest, 30 seconds. Then backward high-knee march.",
    "Backward high-knee march, 20 seconds. Repeat 2 of 2.",
    "Backward heel-flick walk, 20 seconds. Repeat 1 of 2.",
    "Rest, 30 seconds. Then backward heel-flick walk.",
    "Backward heel-flick walk, 20 seconds. Repeat 2 of 2.",
    "Backward walk, 30 seconds. Repeat 1 of 5.", "Rest, 30 seconds. Then backward walk.",
    "Backward walk, 30 seconds. Repeat 2 of 5.", "Rest, 30 seconds. Then backward walk.",
    "Backward walk, 30 seconds. Repeat 3 of 5.", "Rest, 30 seconds. Then backward walk.",
    "Backward walk, 30 seconds. Repeat 4 of 5.", "Rest, 30 seconds. Then backward walk.",
    "Backward walk, 30 seconds. Repeat 5 of 5.",
    "Backward walk, 2 minutes.",
    "Session complete. Well done.",
]  # fmt: skip
OTHER_CUES = {L, R, "Halfway.", "10 seconds.", *COUNT}


@pytest.fixture
def athlete_session(live_server: object) -> tuple[object, str]:
    """A general athlete on a treadmill whose plan starts today; the first session's uid."""
    user = make_user("tess")
    row = plan_for(user, start=timezone.localdate(), environment="treadmill",
                   population="general", sessions_per_week=2)  # fmt: skip
    return user, plans.build_plan(row).sessions[0].uid


def outbox_key(user: object) -> str:
    """Where the player queues this user's logs on the phone (one queue per user)."""
    return f"backstride.player.outbox.{user.pk}"


def sign_in(page: Page, live_server: object, user: object) -> None:
    """Put the user's session cookie on the page's browser (no password round trip)."""
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                          "url": live_server.url}])  # fmt: skip


def signed_in_page(open_page: OpenPage, live_server: object, user: object) -> Page:
    """A phone-sized page carrying the user's session cookie."""
    page = open_page(PHONE)
    sign_in(page, live_server, user)
    stub_speech_and_pause_clock(page, timezone.now().replace(microsecond=0))
    return page


def open_player_from_session_page(page: Page, live_server: object, uid: str) -> list[str]:
    errors = watch_page_errors(page)
    page.goto(f"{live_server.url}/plans/session/{uid}/")
    page.get_by_role("link", name="Start session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Week 1: backward walking technique")
    return errors


def test_a_treadmill_session_is_spoken_logged_with_a_few_taps_and_stored_with_real_durations(
    open_page: OpenPage, live_server: object, athlete_session: tuple, screenshot: Screenshot
) -> None:
    user, uid = athlete_session
    page = signed_in_page(open_page, live_server, user)
    errors = open_player_from_session_page(page, live_server, uid)
    expect(page.locator(".checklist li").first).to_have_text(
        "Clip the safety key to your clothing before the belt moves."
    )
    screenshot(page, "player-web-intro")

    page.get_by_role("button", name="Start").click()
    page.clock.run_for(100_000)  # 90 s into the 150 s warm-up
    expect(page.locator(".phase")).to_have_text("Backward walk")
    expect(page.locator(".count")).to_have_text("1:00")
    expect(page.locator(".speed")).to_have_text("Belt 1.2 km/h, 0.7 mph")
    screenshot(page, "player-web-treadmill")
    page.locator(".stage").click()  # a minute's pause: not counted anywhere
    page.clock.run_for(60_000)
    expect(page.locator(".count")).to_have_text("1:00")
    page.locator(".stage").click()
    page.clock.run_for(450_000)  # session time 550 s: 10 s into the fifth walk interval
    expect(page.locator(".repeat")).to_have_text("Repeat 5 of 5")
    expect(page.locator(".speed")).to_have_text("Belt 1.6 km/h, 1.0 mph")
    page.get_by_role("button", name="Skip ▶").click()
    page.clock.run_for(125_000)  # the 120 s cool-down, and a little more

    expect(page.get_by_role("heading", level=1)).to_have_text("Session complete")
    said = spoken(page)
    assert said[: len(WARM_UP_SPEECH)] == WARM_UP_SPEECH
    assert [s for s in said if s not in OTHER_CUES and not s.startswith("Belt")] == [
        STEP_STARTS[0], "Clip the safety key on. Keep the handrails in reach.", *STEP_STARTS[1:]
    ]  # fmt: skip
    assert [s for s in said if s.startswith("Belt")] == [
        "Belt to 1.2 km/h, 0.7 mph.",
        "Belt to 1.6 km/h, 1.0 mph.",
        "Belt to 1.2 km/h, 0.7 mph.",
    ]
    assert [s for s in said if s in (L, R)] == [], "no shoulder checks on a treadmill"
    expect(page.locator(".flash")).to_have_text("")

    # The form opens filled in: 480 of 500 planned backward seconds, 660 s moving.
    expect(page.locator(".tile strong")).to_have_text(["11:00", "8:00", "1"])
    page.get_by_text("Step by step").click()
    expect(page.locator(".steps tr.short")).to_have_text(["Backward walk30 s10 s, skipped"])
    expect(page.get_by_label("Done (%)")).to_have_value("96")
    expect(page.get_by_label("Minutes")).to_have_value("11")
    # The sites, their words and the limit are the server's, as on the web log form.
    expect(page.locator(".pain-label")).to_have_text(list(PAIN_LABELS.values()))
    expect(page.get_by_label("Minutes")).to_have_attribute("max", f"{MAX_MINUTES:g}")
    page.locator(".rpe-grid label", has_text="5").click()
    page.get_by_role("button", name="More Knee pain").click()
    page.get_by_role("button", name="More Knee pain").click()
    page.get_by_label("Nearly fell").check()
    screenshot(page, "player-web-log-form", full_page=True)
    page.get_by_role("button", name="Save log").click()
    expect(page.get_by_role("status")).to_have_text("Saved to your log.")
    screenshot(page, "player-web-saved")

    entry = LogEntry.objects.get(athlete=user)
    assert entry.session_uid == uid and entry.date == timezone.localdate()
    assert (entry.completed_fraction, entry.minutes, entry.rpe) == (0.96, 11, 5)
    assert (entry.backward_seconds, entry.pain, entry.near_fall) == (480, {"knee": 2}, True)
    assert [s["actual_seconds"] for s in entry.steps] == [
        10, 150, 20, 30, 20, 20, 30, 20, 30, 30, 30, 30, 30, 30, 30, 30, 10, 120,
    ]  # fmt: skip
    assert [s["index"] for s in entry.steps if s["skipped"]] == [16]
    assert entry.steps[1]["label"] == "Backward walk" and entry.steps[1]["phase"] == "walk"

    page.get_by_role("link", name="See what it changes next").click()
    expect(page).to_have_url(f"{live_server.url}/log/entry/{entry.pk}/")
    assert errors == []


def test_a_log_saved_offline_waits_on_the_phone_and_reaches_the_server_when_back_online(
    open_page: OpenPage, live_server: object, athlete_session: tuple, screenshot: Screenshot
) -> None:
    user, uid = athlete_session
    page = signed_in_page(open_page, live_server, user)
    errors = open_player_from_session_page(page, live_server, uid)
    page.get_by_role("button", name="Start").click()
    page.context.set_offline(True)  # the page is loaded: the session plays without network
    page.clock.run_for(700_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Session complete")
    expect(page.get_by_label("Done (%)")).to_have_value("100")
    page.locator(".rpe-grid label", has_text="3").click()
    page.get_by_role("button", name="Save log").click()

    expect(page.get_by_role("status")).to_have_text(
        "Kept on this phone; it will be sent when you are online."
    )
    queued = page.evaluate(f"JSON.parse(localStorage.getItem('{outbox_key(user)}'))")
    assert [item["payload"]["session_uid"] for item in queued] == [uid]
    assert [item["user"] for item in queued] == [str(user.pk)]
    assert not LogEntry.objects.exists()
    screenshot(page, "player-web-queued")

    page.context.set_offline(False)  # chromium fires `online`; the player sends the queue
    expect(page.get_by_role("status")).to_have_text("Saved to your log.")
    entry = LogEntry.objects.get(athlete=user)
    assert (entry.completed_fraction, entry.rpe, entry.minutes) == (1.0, 3, 11.3)
    assert sum(s["actual_seconds"] for s in entry.steps) == 690  # lead-in included
    assert page.evaluate(f"localStorage.getItem('{outbox_key(user)}')") == "[]"
    assert errors == []


def test_a_log_the_server_could_not_take_is_sent_on_the_next_page_load(
    open_page: OpenPage, live_server: object, athlete_session: tuple
) -> None:
    user, uid = athlete_session
    page = signed_in_page(open_page, live_server, user)
    open_player_from_session_page(page, live_server, uid)
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(700_000)
    page.reload()  # the finished run and its unsaved form survive a reload
    expect(page.get_by_role("heading", level=1)).to_have_text("Session complete")
    page.route("**/api/logs", lambda route: route.abort("connectionrefused"))
    page.locator(".rpe-grid label", has_text="6").click()
    page.get_by_role("button", name="Save log").click()
    expect(page.get_by_role("status")).to_contain_text("Kept on this phone")
    assert not LogEntry.objects.exists()

    page.unroute("**/api/logs")
    page.reload()  # no `online` event this time: the page load itself sends the queue
    expect(page.get_by_role("status")).to_have_text("Saved to your log.")
    assert LogEntry.objects.get(athlete=user).rpe == 6


def test_a_log_queued_on_a_shared_phone_is_never_sent_as_the_next_person_to_sign_in(
    open_page: OpenPage, live_server: object, athlete_session: tuple
) -> None:
    user, uid = athlete_session
    page = signed_in_page(open_page, live_server, user)
    errors = open_player_from_session_page(page, live_server, uid)
    page.get_by_role("button", name="Start").click()
    page.context.set_offline(True)
    page.clock.run_for(700_000)
    page.locator(".rpe-grid label", has_text="4").click()
    page.get_by_role("button", name="Save log").click()
    expect(page.get_by_role("status")).to_contain_text("Kept on this phone")
    # A queue written before queues were per user: nobody can say whose it is.
    page.evaluate(
        "localStorage.setItem('backstride.player.outbox', localStorage.getItem("
        f"'{outbox_key(user)}'))"
    )

    other = make_user("otto")  # signs in on the same phone, online, and opens their session
    row = plan_for(other, start=timezone.localdate(), environment="track",
                   population="general", sessions_per_week=2)  # fmt: skip
    other_uid = plans.build_plan(row).sessions[0].uid
    sign_in(page, live_server, other)
    page.context.set_offline(False)
    page.goto(f"{live_server.url}/plans/session/{other_uid}/play")
    expect(page.get_by_role("button", name="Start")).to_be_visible()
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_timeout(500)  # real time for a send that must not happen
    assert not LogEntry.objects.exists(), "nothing is posted under the wrong person"
    queued = page.evaluate(f"JSON.parse(localStorage.getItem('{outbox_key(user)}'))")
    assert [item["payload"]["session_uid"] for item in queued] == [uid]
    assert page.evaluate(f"localStorage.getItem('{outbox_key(other)}')") is None

    sign_in(page, live_server, user)  # the owner comes back: their log goes out as theirs
    page.goto(f"{live_server.url}/plans/session/{uid}/play")
    expect(page.get_by_role("status")).to_have_text("Saved to your log.")
    assert LogEntry.objects.get().athlete == user
    assert page.evaluate(f"localStorage.getItem('{outbox_key(user)}')") == "[]"
    assert page.evaluate("localStorage.getItem('backstride.player.outbox')") is not None
    assert LogEntry.objects.count() == 1, "the old shared queue is never sent"
    assert errors == []


def test_a_log_the_server_saved_but_whose_answer_was_lost_is_not_stored_twice(
    open_page: OpenPage, live_server: object, athlete_session: tuple
) -> None:
    """Issue 14, 3: the POST reaches the server, the phone never hears back and retries.

    The player made one key for the log when it was saved and sends it again with every
    retry (body ``client_key`` and the ``Idempotency-Key`` header), so the second post is
    answered with the first entry: one log, and the phone shows it as saved.
    """
    user, uid = athlete_session
    page = signed_in_page(open_page, live_server, user)
    open_player_from_session_page(page, live_server, uid)
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(700_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Session complete")
    sent: list[dict] = []
    dropped: list[int] = []

    def deliver_then_drop(route: object) -> None:
        sent.append(route.request.headers)
        answer = route.fetch()  # the server stores the log ...
        route.abort("connectionreset")  # ... but the answer never reaches the phone
        dropped.append(answer.status)

    page.route("**/api/logs", deliver_then_drop)
    page.locator(".rpe-grid label", has_text="4").click()
    page.get_by_role("button", name="More Pain before you started").click()
    page.get_by_label("Swelling").check()
    page.get_by_role("button", name="Save log").click()
    expect(page.get_by_role("status")).to_contain_text("Kept on this phone")
    for _ in range(100):  # route handlers run while the page waits
        if dropped:
            break
        page.wait_for_timeout(100)
    assert dropped == [201]
    expect(page.get_by_role("status")).to_contain_text("Kept on this phone")
    entry = LogEntry.objects.get(athlete=user)
    queued = page.evaluate(f"JSON.parse(localStorage.getItem('{outbox_key(user)}'))")
    key = queued[0]["payload"]["client_key"]
    assert entry.client_key == key and sent[0]["idempotency-key"] == key
    assert (entry.pre_session_pain, entry.swelling, entry.pain) == (1, True, {})

    page.unroute("**/api/logs")
    page.reload()  # the queue is sent again on load, with the same key
    expect(page.get_by_role("status")).to_have_text("Saved to your log.")
    assert LogEntry.objects.filter(athlete=user).count() == 1
    assert page.evaluate(f"localStorage.getItem('{outbox_key(user)}')") == "[]"
