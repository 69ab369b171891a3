"""The player in Debian's chromium: a whole short session on a fake clock, with speech
stubbed so we can hear what it said, and the log checked when it reaches the "server".

Screenshots at 390x844 land in var/screenshots/player-*.png for people to look at.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from playwright.sync_api import Page, Route, expect

from backstride.training.energy import DEFAULT_SPEED_KMH
from backstride.training.models import Mode
from tests.browser_support import (
    PHONE,
    SPEECH_STUB,
    OpenPage,
    Screenshot,
    spoken,
    stub_speech_and_pause_clock,
    watch_page_errors,
)

pytestmark = pytest.mark.browser

START = dt.datetime(2026, 11, 30, 7, 0, tzinfo=dt.UTC)

# Lead-in 10 s; warm-up 20 s backward walk; 2 x (10 s forward jog, 20 s backward jog) with
# 10 s rest between; cool-down 12 s backward walk. 10 + 20 + 30 + 10 + 30 + 12 = 112 s.
SHORT_SESSION = {
    "uid": "e2e-short",
    "date": "2026-11-30",
    "title": "Short test session",
    "environment": "track",
    "safety_checklist": ["Clear route, look over your shoulders.", "Stop on sharp pain."],
    "blocks": [
        {"kind": "warmup", "name": "Easy backward walk", "direction": "backward",
         "mode": "walk", "repeats": 1, "seconds": 20, "meters": None, "rest_seconds": 0,
         "speed_kmh": 3.0, "forward_seconds": None, "cues": ["Stand tall."]},
        {"kind": "main", "name": "Forward 10 s / backward 20 s", "direction": "mixed",
         "mode": "jog", "repeats": 2, "seconds": 20, "meters": None, "rest_seconds": 10,
         "speed_kmh": 6.0, "forward_seconds": 10, "cues": []},
        {"kind": "cooldown", "name": "Slow backward walk", "direction": "backward",
         "mode": "walk", "repeats": 1, "seconds": 12, "meters": None, "rest_seconds": 0,
         "speed_kmh": 3.0, "forward_seconds": None, "cues": []},
    ],
}  # fmt: skip

COUNT = ["3", "2", "1"]
EXPECTED_SPEECH = [
    "Get ready. First: backward walk.", *COUNT,
    "Backward walk, 20 seconds.", "Look over your left shoulder.", "10 seconds.", *COUNT,
    "Forward jog, 10 seconds. Repeat 1 of 2.", *COUNT,
    "Backward jog, 20 seconds. Repeat 1 of 2.", "Look over your right shoulder.",
    "10 seconds.", *COUNT,
    "Rest, 10 seconds. Then forward jog.", *COUNT,
    "Forward jog, 10 seconds. Repeat 2 of 2.", *COUNT,
    "Backward jog, 20 seconds. Repeat 2 of 2.", "Look over your left shoulder.",
    "10 seconds.", *COUNT,
    "Backward walk, 12 seconds.",
    "Session complete. Well done.",
]  # fmt: skip


def open_player(open_page: OpenPage, player_url: str) -> tuple[Page, list[dict], dict]:
    page = open_page(PHONE)
    errors = watch_page_errors(page)
    stub_speech_and_pause_clock(page, START)
    posted: list[dict] = []
    server = {"up": False}

    def log_endpoint(route: Route) -> None:
        if not server["up"]:
            route.abort("internetdisconnected")
            return
        posted.append(json.loads(route.request.post_data or "{}"))
        route.fulfill(status=201, body="{}", content_type="application/json")

    page.route("**/dev-log", log_endpoint)
    session_json = json.dumps(SHORT_SESSION)
    page.route("**/short.json", lambda route: route.fulfill(body=session_json))
    page.goto(f"{player_url}/dev.html?src=short.json")
    server["errors"] = errors
    return page, posted, server


def test_a_short_session_is_spoken_in_order_and_its_log_is_sent_once_back_online(
    open_page: OpenPage, player_url: str, screenshot: Screenshot
) -> None:
    page, posted, server = open_player(open_page, player_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Short test session")
    screenshot(page, "player-intro")

    page.get_by_role("button", name="Start").click()
    page.clock.run_for(19_500)  # 9.5 s into the warm-up, just after the left-shoulder cue
    expect(page.locator(".phase")).to_have_text("Backward walk")
    expect(page.locator(".count")).to_have_text("0:11")
    expect(page.locator(".flash")).to_have_text("◀ Left shoulder")
    screenshot(page, "player-backward")

    page.locator(".stage").click()  # pause for 30 s: nothing moves, nothing is said
    said_before = len(spoken(page))
    page.clock.run_for(30_000)
    expect(page.locator(".count")).to_have_text("0:11")
    expect(page.locator(".hint")).to_have_text("Paused · tap to go on")
    assert len(spoken(page)) == said_before
    screenshot(page, "player-paused")
    page.locator(".stage").click()

    page.clock.run_for(41_000)  # to 60.5 s of session time: the rest
    expect(page.locator(".phase")).to_have_text("Rest")
    expect(page.locator(".next")).to_have_text("Next: Forward jog · 10 s · repeat 2 of 2")
    screenshot(page, "player-rest")

    page.clock.run_for(30_000)  # 90.5 s: second backward jog
    expect(page.locator(".repeat")).to_have_text("Repeat 2 of 2")
    page.clock.run_for(13_500)  # 104 s: 4 s into the cool-down
    page.get_by_role("button", name="Skip ▶").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Session complete")
    assert spoken(page) == EXPECTED_SPEECH
    # The log form opens filled in: 64 of 72 planned backward seconds = 89 %, 94 s moving.
    expect(page.locator(".tile strong")).to_have_text(["1:34", "1:04", "1"])
    expect(page.get_by_role("button", name="Play again")).to_be_hidden()
    expect(page.get_by_label("Done (%)")).to_have_value("89")
    expect(page.get_by_label("Minutes")).to_have_value("1.6")
    page.get_by_role("button", name="Save log").click()
    expect(page.get_by_role("alert")).to_have_text("Tap how hard it felt, from 0 to 10.")
    page.locator(".rpe-grid label", has_text="4").click()
    page.get_by_role("button", name="More Calf pain").click()
    page.get_by_role("button", name="Save log").click()
    expect(page.get_by_role("status")).to_contain_text("Kept on this phone")

    server["up"] = True
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.get_by_role("status")).to_have_text("Saved to your log.")
    screenshot(page, "player-done")
    assert len(posted) == 1
    log = posted[0]
    assert log["session_uid"] == "e2e-short"
    assert [s["planned_seconds"] for s in log["steps"]] == [10, 20, 10, 20, 10, 10, 20, 12]
    assert [s["actual_seconds"] for s in log["steps"]] == [10, 20, 10, 20, 10, 10, 20, 4]
    assert log["skipped_steps"] == [7]
    assert log["actual_seconds"] == 94  # 20 + 30 + 10 + 30 + 4, the pause not counted
    assert (log["completed_fraction"], log["minutes"], log["rpe"]) == (0.89, 1.6, 4)
    assert log["pain"] == {"calf": 1}
    assert page.evaluate("localStorage.getItem('backstride.player.outbox.dev')") == "[]"
    assert server["errors"] == []


def test_a_reload_mid_session_resumes_the_same_step_at_the_right_second(
    open_page: OpenPage, player_url: str, screenshot: Screenshot
) -> None:
    page, _, server = open_player(open_page, player_url)
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(45_000)  # 5 s into the first backward jog (starts at 40 s)
    expect(page.locator(".phase")).to_have_text("Backward jog")
    page.reload()
    page.clock.run_for(3_000)
    expect(page.locator(".phase")).to_have_text("Backward jog")
    expect(page.locator(".count")).to_have_text("0:12")
    expect(page.locator(".repeat")).to_have_text("Repeat 1 of 2")

    page.get_by_role("button", name="Cues").click()
    page.get_by_label("Sound").select_option("tones")
    page.get_by_label("Cadence metronome").check()
    screenshot(page, "player-settings")
    page.get_by_role("button", name="Done").click()
    said = len(spoken(page))
    page.clock.run_for(20_000)
    assert len(spoken(page)) == said, "tones-only mode never speaks"
    expect(page.locator(".phase")).to_have_text("Rest")  # 68 s: rest runs 60-70 s
    settings = page.evaluate("JSON.parse(localStorage.getItem('backstride.player.settings'))")
    assert settings == {"level": "tones", "shoulderEverySeconds": 9, "metronome": True, "spm": 160}
    assert server["errors"] == []


def test_the_dev_page_plays_a_real_plan_session_and_shows_its_blocks(
    open_page: OpenPage, player_url: str
) -> None:
    page = open_page(PHONE)
    page.add_init_script(SPEECH_STUB)
    page.goto(f"{player_url}/dev.html")
    expect(page.get_by_role("heading", level=1)).to_have_text("Week 1: backward walking technique")
    expect(page.locator(".overview li")).to_have_count(5)
    expect(page.locator(".total")).to_have_text("About 14 minutes · 19 steps")
    page.get_by_role("button", name="Start").click()
    expect(page.locator(".phase")).to_have_text("Get ready")
    assert page.evaluate("window.__spoken[0]") == "Get ready. First: backward walk."


def test_a_block_given_only_in_metres_is_timed_at_the_servers_default_speed(
    open_page: OpenPage, player_url: str
) -> None:
    """No speed in the plan: the time shown comes from training.energy.DEFAULT_SPEED_KMH."""
    blocks = [
        {"kind": "main", "name": "Backward walk", "direction": "backward", "mode": mode,
         "repeats": 1, "seconds": None, "meters": meters, "rest_seconds": 0,
         "speed_kmh": None, "forward_seconds": None, "cues": []}
        for mode, meters in (("walk", 40.0), ("jog", 50.0))
    ]  # fmt: skip
    session = json.dumps({**SHORT_SESSION, "blocks": blocks})
    page = open_page(PHONE)
    page.add_init_script(SPEECH_STUB)
    page.route("**/metres.json", lambda route: route.fulfill(body=session))
    page.goto(f"{player_url}/dev.html?src=metres.json")
    expected = [
        f"about {round(meters / (DEFAULT_SPEED_KMH[Mode(mode)] / 3.6))} s"
        for mode, meters in (("walk", 40.0), ("jog", 50.0))
    ]
    expect(page.locator(".overview .time")).to_have_text(expected)


def test_without_a_voice_the_player_runs_on_tones_and_bad_sessions_get_one_sentence(
    open_page: OpenPage, player_url: str
) -> None:
    page = open_page(PHONE)
    errors = watch_page_errors(page)
    page.clock.install(time=START)
    page.goto(f"{player_url}/dev.html")  # headless chromium: speechSynthesis, no voices
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(30_000)
    expect(page.locator(".phase")).to_have_text("Backward walk")
    assert errors == []

    page.route("**/bad.json", lambda route: route.fulfill(body='{"blocks": []}'))
    page.goto(f"{player_url}/dev.html?src=bad.json")
    expect(page.locator("[data-player]")).to_have_text(
        "Session cannot be played: it has no blocks."
    )


def test_a_log_the_server_refuses_leaves_the_queue_with_the_reason_on_screen(
    open_page: OpenPage, player_url: str
) -> None:
    page, _, server = open_player(open_page, player_url)
    detail = [{"loc": ["body", "payload", "rpe"], "msg": "Input should be a valid number"}]
    page.route(
        "**/dev-log",
        lambda route: route.fulfill(
            status=422, body=json.dumps({"detail": detail}), content_type="application/json"
        ),
    )
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(120_000)
    page.locator(".rpe-grid label", has_text="2").click()
    page.get_by_role("button", name="Save log").click()
    expect(page.get_by_role("status")).to_have_text(
        "The log was not accepted: rpe: Input should be a valid number"
    )
    assert page.evaluate("localStorage.getItem('backstride.player.outbox.dev')") == "[]"
    expect(page.get_by_role("button", name="Play again")).to_be_visible()
    assert server["errors"] == []
