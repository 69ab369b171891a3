"""Logging a session on the web: what is stored, what comes next, the soreness prompt."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from backstride.web.logbook import services
from backstride.web.logbook.models import LogEntry
from backstride.web.plans import services as plans
from backstride.web.plans.models import TrainingPlan

FORM = {
    "completed": "100",
    "completed_custom": "",
    "rpe": "4",
    "minutes": "14",
    "pain_knee": "0",
    "pain_shin": "0",
    "pain_quadriceps": "0",
    "pain_calf": "0",
    "pain_hip": "0",
    "pain_back": "0",
    "notes": "",
}


def first_session(row: TrainingPlan) -> object:
    return plans.build_plan(row).sessions[0]


def post_log(client: Client, row: TrainingPlan, **changes: str) -> object:
    session = first_session(row)
    data = {**FORM, "date": session.date.isoformat(), **changes}
    return client.post(f"/log/session/{session.uid}/", data)


def test_the_form_is_prefilled_with_the_planned_minutes_and_date(
    owner_client: Client, owner_plan: TrainingPlan
) -> None:
    session = first_session(owner_plan)
    page = owner_client.get(f"/log/session/{session.uid}/").content.decode()
    assert f'value="{round(session.total_seconds / 60)}"' in page
    assert f'value="{session.date.isoformat()}"' in page
    assert 'value="100" class="segmented" id="id_completed_4" required checked' in page


def test_a_saved_log_stores_every_answer(
    owner_client: Client, owner: object, owner_plan: TrainingPlan
) -> None:
    response = post_log(
        owner_client,
        owner_plan,
        completed="custom",
        completed_custom="60",
        rpe="7",
        pain_knee="2",
        pain_calf="1",
        near_fall="on",
        notes="windy",
    )
    entry = LogEntry.objects.get()
    assert response["Location"] == f"/log/entry/{entry.pk}/"
    session = first_session(owner_plan)
    assert entry.session_uid == session.uid and entry.athlete == owner
    assert entry.recorded_by == owner
    assert entry.completed_fraction == pytest.approx(0.6)
    assert (entry.rpe, entry.minutes, entry.notes) == (7, 14, "windy")
    assert entry.pain == {"knee": 2, "calf": 1}
    assert entry.near_fall and not entry.fall and not entry.sharp_pain
    assert entry.backward_seconds == pytest.approx(round(session.backward_seconds * 0.6, 1))


def test_after_saving_the_adapted_next_session_and_its_reason_appear(
    owner_client: Client, owner_plan: TrainingPlan, today: dt.date
) -> None:
    response = post_log(owner_client, owner_plan, pain_knee="6")
    page = owner_client.get(response["Location"]).content.decode()
    assert 'data-testid="next-session"' in page
    assert "Pain reached 6/10 (knee 6/10), above 5: step back." in page
    assert "Step back: the next session is shorter and easier." in page
    entry = LogEntry.objects.get()
    assert entry.action == "regress"
    # The plan started 10 days ago: next is the first session from today on.
    upcoming = next(s for s in plans.build_plan(owner_plan).sessions if s.date >= today)
    assert entry.next_session_uid == upcoming.uid


def test_the_next_session_page_shows_the_adaptation(
    owner_client: Client, owner_plan: TrainingPlan
) -> None:
    post_log(owner_client, owner_plan, pain_knee="6")
    uid = LogEntry.objects.get().next_session_uid
    page = owner_client.get(f"/plans/session/{uid}/").content.decode()
    assert 'data-testid="adaptation"' in page
    assert "Step back: the next session is shorter and easier." in page
    assert "The main set is cut to 70% of the plan." in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"rpe": ""}, "Tap how hard it felt"),
        ({"rpe": "11"}, "Select a valid choice"),
        ({"completed": "custom", "completed_custom": ""}, "Enter how much you did"),
        ({"completed": "custom", "completed_custom": "250"}, "less than or equal to 100"),
        ({"minutes": "-3"}, "greater than or equal to 0"),
        ({"minutes": "1e308"}, "less than or equal to 600"),
        ({"minutes": "abc"}, "Enter a number"),
        ({"pain_knee": "12"}, "less than or equal to 10"),
        ({"date": "2999-01-01"}, "has not come yet"),
        ({"notes": "x" * 3000}, "at most 2000 characters"),
    ],
)
def test_bad_answers_are_explained_and_nothing_is_saved(
    owner_client: Client, owner_plan: TrainingPlan, changes: dict[str, str], message: str
) -> None:
    response = post_log(owner_client, owner_plan, **changes)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not LogEntry.objects.exists()


def test_logging_an_unknown_session_is_404(owner_client: Client, owner_plan: TrainingPlan) -> None:
    assert owner_client.post("/log/session/bs-nope/", FORM).status_code == 404
    assert not LogEntry.objects.exists()


def test_the_dashboard_asks_about_soreness_the_morning_after(
    owner_client: Client, owner: object, owner_plan: TrainingPlan, today: dt.date
) -> None:
    yesterday = today - dt.timedelta(days=1)
    entry = services.save_log(owner, owner, {"date": yesterday, "rpe": 5, "minutes": 20.0}, today)
    page = owner_client.get("/home/").content.decode()
    assert "How do your legs feel this morning?" in page
    response = owner_client.post(f"/log/entry/{entry.pk}/soreness/", {"soreness": "5"})
    assert response["Location"] == "/home/"
    entry.refresh_from_db()
    assert entry.next_morning_soreness == 5
    assert "How do your legs feel" not in owner_client.get("/home/").content.decode()
    # 4-5/10 the morning after has not settled: the next session is held (repeat).
    assert entry.action == "repeat"


@pytest.mark.parametrize("value", ["", "11", "-1", "lots"])
def test_a_bad_soreness_answer_changes_nothing(
    owner_client: Client, owner: object, owner_plan: TrainingPlan, today: dt.date, value: str
) -> None:
    entry = services.save_log(owner, owner, {"rpe": 5, "minutes": 20.0}, today)
    response = owner_client.post(f"/log/entry/{entry.pk}/soreness/", {"soreness": value})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.next_morning_soreness is None


def test_the_log_book_lists_logs_newest_first(
    owner_client: Client, owner: object, owner_plan: TrainingPlan, today: dt.date
) -> None:
    for days, rpe in ((3, 2), (1, 6)):
        services.save_log(
            owner,
            owner,
            {"date": today - dt.timedelta(days=days), "rpe": rpe, "minutes": 10.0},
            today,
        )
    page = owner_client.get("/log/").content.decode()
    assert page.index("effort 6/10") < page.index("effort 2/10")


def test_each_log_row_names_its_session(
    owner_client: Client, owner: object, owner_plan: TrainingPlan, today: dt.date
) -> None:
    session = first_session(owner_plan)
    services.save_log(
        owner, owner, {"session_uid": session.uid, "rpe": 4, "minutes": 10.0}, session.date
    )
    services.save_log(owner, owner, {"date": today, "rpe": 3, "minutes": 5.0}, today)
    page = owner_client.get("/log/").content.decode()
    assert f'<strong class="session-name">{session.title}</strong>' in page
    assert '<strong class="session-name">Not from the plan</strong>' in page


def test_the_dashboard_shows_the_next_session_once_there_is_a_plan(
    owner_client: Client, owner_plan: TrainingPlan, today: dt.date
) -> None:
    page = owner_client.get("/home/").content.decode()
    upcoming = next(s for s in plans.build_plan(owner_plan).sessions if s.date >= today)
    assert 'data-testid="next-session"' in page and upcoming.title in page
    assert "No session logged yet" in page
