"""The player inside the Django app: its page, its static files, and POST /api/logs taking
the player's own log (per-step record, run times) next to the original API shape."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from backstride.training.energy import DEFAULT_SPEED_KMH
from backstride.training.models import Mode, PainSite, Session
from backstride.web.logbook.forms import PAIN_LABELS
from backstride.web.logbook.models import MAX_MINUTES, MAX_NOTES, LogEntry
from backstride.web.plans import services as plans
from backstride.web.plans.models import TrainingPlan
from backstride.web.player.constants import player_constants

MODULES = ("steps", "engine", "cues", "audio", "ui", "prefill", "logform", "constants", "player")


@pytest.fixture
def first(owner_plan: TrainingPlan) -> Session:
    return plans.build_plan(owner_plan).sessions[0]


def step(index: int, phase: str, direction: str | None, label: str, planned: float,
         actual: float, skipped: bool = False, block: int = 0) -> dict:  # fmt: skip
    return {"index": index, "block": block, "phase": phase, "direction": direction,
            "label": label, "repeat": 1, "planned_seconds": planned,
            "actual_seconds": actual, "skipped": skipped}  # fmt: skip


PLAYER_STEPS = [
    step(0, "ready", None, "Get ready", 10, 10, block=-1),
    step(1, "walk", "backward", "Backward walk", 20, 20),
    step(2, "work", "forward", "Forward jog", 10, 10, block=1),
    step(3, "work", "backward", "Backward jog", 20, 4, skipped=True, block=1),
]


def player_body(uid: str, finished: dt.datetime | None = None, **extra: object) -> dict:
    """What player.js sends: the engine's log, the form's answers, no date."""
    finished = finished or timezone.now()
    started = finished - dt.timedelta(seconds=64)
    return {
        "session_uid": uid, "session_date": "2026-11-30",
        "started_at": started.isoformat(), "finished_at": finished.isoformat(),
        "completed": True, "actual_seconds": 34, "backward_seconds": 24, "skipped_steps": [3],
        "steps": PLAYER_STEPS, "completed_fraction": 0.6, "minutes": 0.6, "rpe": 3,
        "pain": {"calf": 1}, "sharp_pain": False, "near_fall": False, "fall": False,
        "notes": "", **extra,
    }  # fmt: skip


def post(client: Client, body: object, **headers: str) -> object:
    return client.post("/api/logs", body, content_type="application/json", headers=headers)


def test_the_players_log_is_stored_with_every_step_and_dated_by_when_it_finished(
    owner_client: Client, first: Session, today: dt.date
) -> None:
    finished = timezone.now() - dt.timedelta(days=2)
    body = player_body(first.uid, finished)
    body.pop("minutes")
    response = post(owner_client, body)
    assert response.status_code == 201, response.content
    entry = LogEntry.objects.get()
    assert entry.steps == PLAYER_STEPS
    assert [s["actual_seconds"] for s in entry.steps] == [10, 20, 10, 4]
    assert entry.date == timezone.localdate(finished) == today - dt.timedelta(days=2)
    assert entry.minutes == 0.6  # 34 s of moving time, to a tenth of a minute
    assert (entry.completed_fraction, entry.backward_seconds, entry.rpe) == (0.6, 24, 3)
    assert entry.pain == {"calf": 1}
    assert response.json()["log"]["steps"][3]["skipped"] is True


def test_a_phone_clock_ahead_of_the_server_still_logs_today(
    owner_client: Client, first: Session, today: dt.date
) -> None:
    ahead = timezone.now() + dt.timedelta(days=1, hours=1)
    response = post(owner_client, player_body(first.uid, ahead))
    assert response.status_code == 201, response.content
    assert LogEntry.objects.get().date == today


@pytest.mark.parametrize(
    "change",
    [
        {"steps": [{**PLAYER_STEPS[1], "phase": "sprint"}]},
        {"steps": [{**PLAYER_STEPS[1], "direction": "sideways"}]},
        {"steps": [{**PLAYER_STEPS[1], "actual_seconds": -1}]},
        {"steps": [{**PLAYER_STEPS[1], "actual_seconds": "long"}]},
        {"steps": [{**PLAYER_STEPS[1], "label": "x" * 500}]},
        {"steps": [PLAYER_STEPS[1]] * 201},
        {"finished_at": "2026-11-30T07:01:04"},  # no time zone: which day was it?
        {"started_at": "soon"},
        {"actual_seconds": 10**9},
        {"skipped_steps": [-1]},
        {"completed": "maybe"},
    ],
)
def test_a_malformed_player_log_is_a_422_with_reasons_and_nothing_is_stored(
    owner_client: Client, first: Session, change: dict
) -> None:
    response = post(owner_client, player_body(first.uid, **change))
    assert response.status_code == 422
    assert response.json()["detail"]
    assert not LogEntry.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"started_at": "2026-11-30T08:00:00Z", "finished_at": "2026-11-30T07:00:00Z"},
            "started_at must not be after finished_at.",
        ),
        (
            {"started_at": "0001-01-01T00:00:00+14:00", "finished_at": "0001-01-01T00:01:00+14:00"},
            "finished_at is not a usable date",
        ),
    ],
)
def test_impossible_run_times_are_a_400_with_a_sentence(
    owner_client: Client, first: Session, change: dict, message: str
) -> None:
    response = post(owner_client, player_body(first.uid, **change))
    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert not LogEntry.objects.exists()


def test_the_browser_needs_the_csrf_token_from_the_play_page_to_post_a_log(
    owner: object, first: Session
) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)
    page = browser.get(f"/plans/session/{first.uid}/play")
    assert page.status_code == 200
    refused = post(browser, player_body(first.uid))
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    token = browser.cookies["csrftoken"].value
    meta = re.search(r'<meta name="csrf-token" content="([^"]+)">', page.content.decode())
    assert meta, "the play page carries the token for scripts that cannot read the cookie"
    assert post(browser, player_body(first.uid), **{"X-CSRFToken": token}).status_code == 201


def test_the_session_page_offers_the_player_and_the_play_page_is_all_our_own_files(
    owner_client: Client, first: Session
) -> None:
    detail = owner_client.get(f"/plans/session/{first.uid}/").content.decode()
    assert f'href="/plans/session/{first.uid}/play"' in detail
    html = owner_client.get(f"/plans/session/{first.uid}/play").content.decode()
    assert '<script id="session-data" type="application/json">' in html
    assert f'"uid": "{first.uid}"' in html
    assert 'data-log-url="/api/logs"' in html
    assert f'data-manual-log-url="/log/session/{first.uid}/"' in html
    assert "site-nav" not in html  # the distraction-free variant of the base page
    external = re.findall(r'(?:src|href)="(https?:)?//', html)
    assert external == [], "nothing from another host: the page must work offline"
    for name in MODULES:
        response = owner_client.get(f"/static/player/{name}.js")
        assert response.status_code == 200, name
        assert "javascript" in response["Content-Type"]
    assert owner_client.get("/static/player/player.css").status_code == 200


PLAYER_STATIC = Path(__file__).resolve().parents[2] / "src/backstride/web/player/static/player"


def test_the_play_page_carries_the_servers_speeds_pain_sites_and_log_limits(
    owner_client: Client, first: Session
) -> None:
    """One source: the numbers the player shows are the ones the plan and log form use."""
    html = owner_client.get(f"/plans/session/{first.uid}/play").content.decode()
    assert 'data-constants-id="player-constants"' in html
    found = re.search(r'<script id="player-constants" type="application/json">(.*?)</script>',
                      html, re.DOTALL)  # fmt: skip
    assert found, "the play page renders the player's constants as JSON"
    constants = json.loads(found.group(1))
    assert constants == player_constants()
    assert constants["default_speed_kmh"] == {m.value: DEFAULT_SPEED_KMH[m] for m in Mode}
    assert [site for site, _ in constants["pain_sites"]] == [s.value for s in PainSite]
    assert [label for _, label in constants["pain_sites"]] == [PAIN_LABELS[s] for s in PainSite]
    assert (constants["max_minutes"], constants["max_notes"]) == (MAX_MINUTES, MAX_NOTES)


def test_the_dev_harness_and_js_tests_read_the_servers_constants() -> None:
    """sample-constants.json (dev.html, tests/js) is the server's JSON, not a second source."""
    sample = json.loads((PLAYER_STATIC / "sample-constants.json").read_text(encoding="utf-8"))
    assert sample == player_constants(), (
        "regenerate src/backstride/web/player/static/player/sample-constants.json from "
        "backstride.web.player.constants.player_constants()"
    )
    for name in ("steps", "prefill", "logform"):
        code = (PLAYER_STATIC / f"{name}.js").read_text(encoding="utf-8")
        assert "DEFAULT_SPEED_KMH" not in code and "PAIN_SITES" not in code, name
        assert "'Front of thigh'" not in code, f"{name}.js keeps its own pain-site words"


def test_only_the_athlete_can_open_their_player(
    owner_plan: TrainingPlan, first: Session, stranger_client: Client
) -> None:
    assert stranger_client.get(f"/plans/session/{first.uid}/play").status_code == 404
    assert Client().get(f"/plans/session/{first.uid}/play").status_code == 302


def test_the_saved_log_page_lists_the_players_steps_without_the_lead_in(
    owner_client: Client, first: Session
) -> None:
    response = post(owner_client, player_body(first.uid))
    page = owner_client.get(f"/log/entry/{response.json()['log']['id']}/").content.decode()
    cell = r"<td[^>]*>([^<]+)</td>\s*"
    rows = re.findall(rf"<tr>\s*{cell}{cell}{cell}", page)
    assert rows == [
        ("Backward walk", "20 s", "20 s"),
        ("Forward jog", "10 s", "10 s"),
        ("Backward jog", "20 s", "4 s · skipped"),
    ]
