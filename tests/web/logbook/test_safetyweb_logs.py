"""Logs that cannot lie and can be corrected (issue 9, 4-5) and idempotent posts (issue 14, 3).

- Missing is not zero: a log without a pain answer (API without ``pain``, the web form's
  "skip", an import) is stored as NULL and the next decision says it is provisional.
- Edit and delete, on the web and through ``PATCH``/``DELETE /api/logs/{id}``: owner only
  (anyone else gets a 404), bad values change nothing, the next session is decided again
  at once, and the change is in the history the linked coach reads.
- ``POST /api/logs`` with a client key (body or ``Idempotency-Key``) answers the first
  entry again (200) instead of storing a second one.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from backstride.web.api.tokens import issue_token
from backstride.web.coaching.history import history_for
from backstride.web.logbook import services
from backstride.web.logbook.models import LogChange, LogEntry
from backstride.web.plans import services as plans
from backstride.web.plans.models import TrainingPlan
from backstride.web.sharing.models import CoachLink
from tests.web.logbook.test_log_views import FORM


def bearer(user: object) -> Client:
    _, raw = issue_token(user, "tests")
    return Client(headers={"authorization": f"Bearer {raw}"})


@pytest.fixture
def api(owner: object) -> Client:
    return bearer(owner)


def first_uid(row: TrainingPlan) -> str:
    return plans.build_plan(row).sessions[0].uid


def post(api: Client, body: dict, **headers: str) -> object:
    return api.post("/api/logs", body, content_type="application/json", headers=headers)


def patch(api: Client, log_id: int, body: object) -> object:
    return api.patch(f"/api/logs/{log_id}", body, content_type="application/json")


def snapshot(entry: LogEntry) -> dict:
    entry.refresh_from_db()
    return {f.name: getattr(entry, f.name) for f in LogEntry._meta.fields}


# --- missing is not zero -------------------------------------------------------------


def test_a_log_posted_without_pain_is_stored_as_unknown_and_the_decision_is_provisional(
    api: Client, owner: object, owner_plan: TrainingPlan
) -> None:
    response = post(api, {"session_uid": first_uid(owner_plan), "completed_fraction": 1, "rpe": 4})
    assert response.status_code == 201
    body = response.json()
    assert body["log"]["pain"] is None
    assert LogEntry.objects.get().pain is None
    assert "pain-unknown" in [b["rule"] for b in body["next"]["basis"]]
    status = api.get("/api/next").json()["status"]
    assert "add-pain-rating" in [lift["id"] for lift in status["lifts"]]


def test_answered_no_pain_is_an_empty_map_not_unknown(
    api: Client, owner_plan: TrainingPlan
) -> None:
    post(api, {"session_uid": first_uid(owner_plan), "completed_fraction": 1, "pain": {}})
    assert LogEntry.objects.get().pain == {}


def test_the_web_forms_skip_stores_pain_as_not_answered(
    owner_client: Client, owner_plan: TrainingPlan
) -> None:
    session = plans.build_plan(owner_plan).sessions[0]
    data = {**FORM, "date": session.date.isoformat(), "pain_skipped": "on", "swelling": "yes"}
    data["pre_session_pain"] = "2"
    response = owner_client.post(f"/log/session/{session.uid}/", data)
    assert response.status_code == 302
    entry = LogEntry.objects.get()
    assert (entry.pain, entry.swelling, entry.pre_session_pain) == (None, True, 2)
    page = owner_client.get(response["Location"]).content.decode()
    assert 'data-testid="pain-unknown"' in page
    listing = owner_client.get("/log/").content.decode()
    assert "pain not answered" in listing


# --- edit and delete through the API ---------------------------------------------------


@pytest.fixture
def calm_log(owner: object, owner_plan: TrainingPlan, today: dt.date) -> LogEntry:
    uid = first_uid(owner_plan)
    return services.save_log(
        owner, owner, {"session_uid": uid, "rpe": 4, "pain": {"knee": 1}}, today
    )


def test_a_patch_corrects_the_log_and_decides_the_next_session_again_at_once(
    api: Client, calm_log: LogEntry
) -> None:
    assert api.get("/api/next").json()["status"]["state"] == "go"
    response = patch(api, calm_log.pk, {"pain": {"knee": 8}, "notes": "it was worse"})
    assert response.status_code == 200
    body = response.json()
    assert body["log"]["pain"] == {"knee": 8} and body["log"]["edited_at"]
    assert body["next"]["action"] == "stop"
    calm_log.refresh_from_db()
    assert calm_log.action == "stop"  # the stored decision follows the correction
    nxt = api.get("/api/next").json()
    assert nxt["status"]["state"] == "paused"
    change = LogChange.objects.get()
    assert change.kind == "edit" and "pain knee 1 -> knee 8" in change.detail


def test_a_patch_can_set_pain_back_to_not_answered(api: Client, calm_log: LogEntry) -> None:
    assert patch(api, calm_log.pk, {"pain": None}).status_code == 200
    calm_log.refresh_from_db()
    assert calm_log.pain is None


def test_delete_removes_the_log_and_the_pause_it_caused(
    api: Client, owner: object, owner_plan: TrainingPlan, today: dt.date
) -> None:
    uid = first_uid(owner_plan)
    bad = services.save_log(
        owner, owner, {"session_uid": uid, "rpe": 4, "pain": {"knee": 9}}, today
    )
    assert api.get("/api/next").json()["status"]["state"] == "paused"
    assert api.delete(f"/api/logs/{bad.pk}").status_code == 204
    assert not LogEntry.objects.exists()
    assert api.get("/api/next").json()["status"]["state"] == "go"
    assert LogChange.objects.get().kind == "delete"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"pain": {"knee": 11}}, 422),
        ({"pain": {"knee": -1}}, 422),
        ({"pre_session_pain": 11}, 422),
        ({"next_morning_soreness": -1}, 422),
        ({"pain": {"elbow": 3}}, 400),
        ({"date": "2999-01-01"}, 400),
        ({"minutes": None}, 400),
        ({"session_uid": "bs-other"}, 422),
        ({}, 400),
    ],
)
def test_a_bad_correction_is_refused_with_a_message_and_nothing_changes(
    api: Client, calm_log: LogEntry, body: dict, status: int
) -> None:
    before = snapshot(calm_log)
    response = patch(api, calm_log.pk, body)
    assert response.status_code == status
    assert response.json()["detail"]
    assert snapshot(calm_log) == before
    assert not LogChange.objects.exists()


def test_someone_elses_log_is_a_404_for_patch_and_delete(
    calm_log: LogEntry, stranger: object, coach: object, owner: object
) -> None:
    CoachLink.objects.create(coach=coach, athlete=owner)  # even a linked coach may not edit
    before = snapshot(calm_log)
    for user in (stranger, coach):
        client = bearer(user)
        assert patch(client, calm_log.pk, {"rpe": 9}).status_code == 404
        assert client.delete(f"/api/logs/{calm_log.pk}").status_code == 404
    assert snapshot(calm_log) == before
    assert not LogChange.objects.exists()


# --- edit and delete on the web ----------------------------------------------------------


def test_the_web_edit_form_corrects_a_log_and_bad_pain_changes_nothing(
    owner_client: Client, calm_log: LogEntry
) -> None:
    url = f"/log/entry/{calm_log.pk}/edit/"
    page = owner_client.get(url).content.decode()
    assert "Correct your log" in page
    data = {**FORM, "date": calm_log.date.isoformat(), "rpe": "4"}
    before = snapshot(calm_log)
    for value in ("11", "-1"):
        refused = owner_client.post(url, {**data, "pain_knee": value})
        assert refused.status_code == 400
        text = refused.content.decode()
        assert "Ensure this value is" in text
        assert snapshot(calm_log) == before
    done = owner_client.post(url, {**data, "pain_knee": "6", "rpe": "5"})
    assert done.status_code == 302 and done["Location"] == f"/log/entry/{calm_log.pk}/"
    calm_log.refresh_from_db()
    assert (calm_log.pain, calm_log.rpe, calm_log.action) == ({"knee": 6}, 5, "regress")
    home = owner_client.get("/home/").content.decode()
    assert "Step back: the next session is shorter and easier." in home


def test_the_web_delete_removes_the_log_and_only_the_owner_may(
    owner_client: Client, calm_log: LogEntry, coach: object, owner: object, stranger_client: Client
) -> None:
    CoachLink.objects.create(coach=coach, athlete=owner)
    coach_client = Client()
    coach_client.force_login(coach)
    for client in (coach_client, stranger_client):
        assert client.get(f"/log/entry/{calm_log.pk}/edit/").status_code == 404
        assert client.post(f"/log/entry/{calm_log.pk}/delete/").status_code == 404
    assert LogEntry.objects.filter(pk=calm_log.pk).exists()
    response = owner_client.post(f"/log/entry/{calm_log.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == "/log/"
    assert not LogEntry.objects.exists()


def test_the_linked_coach_sees_corrections_in_the_change_history(
    api: Client, calm_log: LogEntry, coach: object, owner: object
) -> None:
    CoachLink.objects.create(coach=coach, athlete=owner)
    patch(api, calm_log.pk, {"rpe": 7})
    api.delete(f"/api/logs/{calm_log.pk}")
    texts = [item.what for item in history_for(owner)]
    assert any(t.startswith("Edited a log: ") and "rpe 4 -> 7" in t for t in texts)
    assert any(t.startswith("Deleted a log: ") for t in texts)
    client = Client()
    client.force_login(coach)
    page = client.get(f"/coach/athletes/{owner.pk}/").content.decode()
    assert "Edited a log" in page and "Deleted a log" in page


# --- idempotent POST /api/logs -----------------------------------------------------------


def test_the_same_client_key_answers_the_first_entry_and_stores_nothing_new(
    api: Client, owner_plan: TrainingPlan
) -> None:
    body = {"session_uid": first_uid(owner_plan), "completed_fraction": 1, "client_key": "run-1"}
    first = post(api, body)
    again = post(api, {**body, "rpe": 9})  # a retry of the same run, whatever it carries
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["log"]["id"] == first.json()["log"]["id"]
    assert LogEntry.objects.count() == 1 and LogEntry.objects.get().rpe is None


def test_the_idempotency_key_header_works_the_same(api: Client, owner_plan: TrainingPlan) -> None:
    body = {"session_uid": first_uid(owner_plan), "completed_fraction": 1}
    first = post(api, body, **{"Idempotency-Key": "abc-123"})
    again = post(api, body, **{"Idempotency-Key": "abc-123"})
    other = post(api, body, **{"Idempotency-Key": "abc-124"})
    assert [r.status_code for r in (first, again, other)] == [201, 200, 201]
    assert LogEntry.objects.count() == 2
    assert LogEntry.objects.get(pk=first.json()["log"]["id"]).client_key == "abc-123"


def test_keys_are_unique_per_person_not_site_wide(
    api: Client, owner_plan: TrainingPlan, stranger: object, today: dt.date
) -> None:
    post(api, {"session_uid": first_uid(owner_plan), "completed_fraction": 1, "client_key": "k1"})
    theirs = post(bearer(stranger), {"completed_fraction": 1, "minutes": 10, "client_key": "k1"})
    assert theirs.status_code == 201
    assert LogEntry.objects.count() == 2


@pytest.mark.parametrize(
    ("body_key", "header_key", "status"),
    [("a", "b", 400), ("bad key with spaces", None, 422), ("x" * 65, None, 422)],
)
def test_bad_or_conflicting_keys_are_refused_and_nothing_is_stored(
    api: Client, owner_plan: TrainingPlan, body_key: str, header_key: str | None, status: int
) -> None:
    headers = {"Idempotency-Key": header_key} if header_key else {}
    body = {"session_uid": first_uid(owner_plan), "completed_fraction": 1, "client_key": body_key}
    assert post(api, body, **headers).status_code == status
    assert not LogEntry.objects.exists()


def test_the_openapi_schema_documents_patch_delete_and_the_200_of_a_repeat(api: Client) -> None:
    schema = api.get("/api/openapi.json").json()
    logs = schema["paths"]["/api/logs"]["post"]["responses"]
    assert {"200", "201"} <= set(logs)
    one = schema["paths"]["/api/logs/{log_id}"]
    assert {"patch", "delete"} <= set(one)
    assert {"200", "404"} <= set(one["patch"]["responses"])
    undo = schema["paths"]["/api/imports/{upload_id}/undo"]["post"]["responses"]
    assert {"200", "404"} <= set(undo)
