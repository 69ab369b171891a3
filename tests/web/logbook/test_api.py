"""The JSON API for plans and logs: shapes, validation, and what gets stored."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from backstride.web.api.tokens import issue_token
from backstride.web.logbook import services
from backstride.web.logbook.models import LogEntry
from backstride.web.plans import services as plans
from backstride.web.plans.models import TrainingPlan


@pytest.fixture
def api(owner: object) -> Client:
    _, raw = issue_token(owner, "tests")
    return Client(headers={"authorization": f"Bearer {raw}"})


def post(api: Client, body: object) -> object:
    return api.post("/api/logs", body, content_type="application/json")


def test_get_plan_returns_every_week_and_the_changes(
    api: Client, owner: object, owner_plan: TrainingPlan
) -> None:
    plans.repeat_week(owner_plan, 1, owner)
    data = api.get("/api/plan").json()
    assert len(data["weeks"]) == 9
    assert data["profile"]["population"] == "runner"
    assert data["changes"][0]["kind"] == "repeat-week"
    assert data["changes"][0]["made_by"] == "olive"


def test_get_plan_without_a_plan_is_a_clear_404(api: Client) -> None:
    response = api.get("/api/plan")
    assert response.status_code == 404
    assert "finish onboarding" in response.json()["detail"]


def test_get_one_session_has_blocks_and_no_adaptation_before_any_log(
    api: Client, owner_plan: TrainingPlan
) -> None:
    session = plans.build_plan(owner_plan).sessions[2]
    data = api.get(f"/api/plan/sessions/{session.uid}").json()
    assert data["uid"] == session.uid and data["date"] == session.date.isoformat()
    assert len(data["blocks"]) == len(session.blocks)
    assert data["adaptation"] is None


@pytest.mark.parametrize("uid", ["bs-unknown", "has space", "x" * 200])
def test_an_unknown_or_malformed_session_uid_is_4xx(
    api: Client, owner_plan: TrainingPlan, uid: str
) -> None:
    assert api.get(f"/api/plan/sessions/{uid}").status_code in {404, 422}


def test_the_player_can_post_a_log_with_steps_and_gets_the_next_session(
    api: Client, owner: object, owner_plan: TrainingPlan, today: dt.date
) -> None:
    session = plans.build_plan(owner_plan).sessions[0]
    steps = [
        {"name": "Warm-up walk", "planned_s": 150, "actual_s": 150, "skipped": False},
        {"name": "Backward walk 1", "planned_s": 60, "actual_s": 0, "skipped": True},
    ]
    response = post(
        api,
        {
            "session_uid": session.uid,
            "completed_fraction": 0.8,
            "minutes": 12.5,
            "rpe": 5,
            "pain": {"shin": 2},
            "steps": steps,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    entry = LogEntry.objects.get()
    assert body["log"]["id"] == entry.pk
    assert entry.steps == steps
    assert (entry.completed_fraction, entry.minutes, entry.rpe) == (0.8, 12.5, 5)
    assert entry.pain == {"shin": 2} and entry.date == session.date
    # 80 % done is below the 90 % needed to progress: the next session is held.
    assert body["next"]["action"] == "repeat"
    assert "You completed 80% of the session" in " ".join(body["next"]["reasons"])
    assert body["next"]["planned_uid"] == entry.next_session_uid
    assert body["next"]["session"]["uid"] == entry.next_session_uid + "-adapted-repeat"


def test_a_log_without_rpe_is_kept_with_rpe_unknown(api: Client, owner_plan: TrainingPlan) -> None:
    session = plans.build_plan(owner_plan).sessions[0]
    response = post(api, {"session_uid": session.uid, "completed_fraction": 1})
    assert response.status_code == 201
    entry = LogEntry.objects.get()
    assert entry.rpe is None
    assert entry.minutes == round(session.total_seconds / 60)


@pytest.mark.parametrize(
    "body",
    [
        {"completed_fraction": "lots"},
        {"completed_fraction": 7},
        {"completed_fraction": 1, "rpe": 11},
        {"completed_fraction": 1, "rpe": 1e308},
        {"completed_fraction": 1, "minutes": -1},
        {"completed_fraction": 1, "minutes": 10**9},
        {"completed_fraction": 1, "pain": {"knee": 15}},
        {"completed_fraction": 1, "pain": {"knee": "bad"}},
        {"completed_fraction": 1, "notes": "x" * 5000},
        {"completed_fraction": 1, "steps": [{"name": "a"}]},
        {"completed_fraction": 1, "steps": [{"name": "a", "planned_s": -1, "actual_s": 1}]},
        {"completed_fraction": 1, "date": "yesterday-ish"},
        [1, 2, 3],
    ],
)
def test_wrong_types_and_huge_values_get_422_and_nothing_is_stored(
    api: Client, owner_plan: TrainingPlan, body: object
) -> None:
    response = post(api, body)
    assert response.status_code == 422
    assert response.json()["detail"]
    assert not LogEntry.objects.exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"session_uid": "bs-nope", "completed_fraction": 1}, "not in your current plan"),
        ({"completed_fraction": 1, "rpe": 3}, "minutes is required"),
        ({"completed_fraction": 1, "minutes": 5, "pain": {"elbow": 3}}, "unknown pain site"),
        ({"completed_fraction": 1, "minutes": 5, "date": "2999-01-01"}, "has not come yet"),
    ],
)
def test_values_the_engine_cannot_use_get_400_with_a_sentence(
    api: Client, owner_plan: TrainingPlan, body: dict, message: str
) -> None:
    response = post(api, body)
    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert not LogEntry.objects.exists()


def test_a_broken_json_body_is_a_4xx_not_a_500(api: Client, owner_plan: TrainingPlan) -> None:
    response = api.post("/api/logs", "{not json", content_type="application/json")
    assert 400 <= response.status_code < 500
    assert not LogEntry.objects.exists()


def test_get_logs_lists_newest_first_and_respects_the_limit(
    api: Client, owner: object, owner_plan: TrainingPlan, today: dt.date
) -> None:
    for days in (5, 3, 1):
        services.save_log(
            owner,
            owner,
            {"date": today - dt.timedelta(days=days), "rpe": days, "minutes": 9.0},
            today,
        )
    data = api.get("/api/logs?limit=2").json()
    assert [row["rpe"] for row in data] == [1, 3]
    assert api.get("/api/logs?limit=0").status_code == 422
    assert api.get("/api/logs?limit=abc").status_code == 422


def test_get_next_explains_a_stop_after_sharp_knee_pain(
    api: Client, owner: object, owner_plan: TrainingPlan, today: dt.date
) -> None:
    session = plans.build_plan(owner_plan).sessions[0]
    services.save_log(
        owner,
        owner,
        {"session_uid": session.uid, "rpe": 6, "pain": {"knee": 4}, "sharp_pain": True},
        today,
    )
    data = api.get("/api/next").json()
    assert data["action"] == "stop" and data["session"] is None
    assert any("sharp pain with pain in the knee" in r for r in data["reasons"])


def test_get_next_without_a_plan_is_404(api: Client) -> None:
    assert api.get("/api/next").status_code == 404


def test_the_openapi_schema_lists_the_new_routes(api: Client) -> None:
    paths = Client().get("/api/openapi.json").json()["paths"]
    for route in ("/api/plan", "/api/plan/sessions/{uid}", "/api/logs", "/api/next"):
        assert route in paths
