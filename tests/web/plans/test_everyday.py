"""Everyday use: today's home, units, reminders, move/skip, a coach's edit (issue 13)."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from backstride.training.schedule import next_session
from backstride.training.status import current_status
from backstride.web.accounts.models import profile_for
from backstride.web.coaching import services as coaching
from backstride.web.coaching.history import history_for
from backstride.web.core.reminders import due_reminders
from backstride.web.logbook import services as logbook
from backstride.web.plans import services
from backstride.web.plans.models import PlanChange, TrainingPlan
from tests.web.plans.helpers import plan_for


@pytest.fixture
def linked_coach(owner: object, coach: object) -> Client:
    invite = coaching.create_invite(coach)
    coaching.accept_invite(invite.token, owner)
    client = Client()
    client.force_login(coach)
    return client


def fresh(row: TrainingPlan) -> TrainingPlan:
    return TrainingPlan.objects.get(pk=row.pk)


def upcoming(row: TrainingPlan, today: dt.date):
    return next(s for s in services.build_plan(fresh(row)).sessions if s.date > today)


# Home ------------------------------------------------------------------------------


def test_home_shows_the_next_session_its_length_start_and_the_status_word_for_word(
    owner_client: Client, owner: object, owner_plan: TrainingPlan, today: dt.date
) -> None:
    plan = services.build_plan(owner_plan)
    planned = next_session(plan, [], today)
    page = owner_client.get("/home/").content.decode()
    status = current_status(planned, [], today=today)
    assert status.message in page
    assert planned.title in page
    assert f'href="/plans/session/{planned.uid}/play"' in page
    assert 'data-testid="today-start"' in page
    assert "0 of 3 planned sessions done" in page


def test_two_logged_sessions_of_this_week_count_two_and_an_early_log_counts_as_done(
    owner_client: Client, owner: object, today: dt.date
) -> None:
    # Week 2 started yesterday: its Monday session is past, Wednesday's is tomorrow.
    row = plan_for(owner, start=today - dt.timedelta(days=8))
    week = services.build_plan(row).weeks[1].sessions
    logbook.save_log(owner, owner, {"session_uid": week[0].uid, "rpe": 3, "minutes": 14}, today)
    # The next one is logged a day early, today.
    logbook.save_log(owner, owner, {"session_uid": week[1].uid, "rpe": 3, "minutes": 14}, today)
    page = owner_client.get("/home/").content.decode()
    assert "2 of 3 planned sessions done" in page
    assert page.count(">Done<") == 2


def test_a_blocked_status_hides_start(
    owner_client: Client, owner: object, owner_plan: TrainingPlan, today: dt.date
) -> None:
    uid = next_session(services.build_plan(owner_plan), [], today).uid
    yesterday = today - dt.timedelta(days=1)
    logbook.save_log(
        owner,
        owner,
        {"rpe": 5, "minutes": 10, "pain": {"knee": 8}, "sharp_pain": True, "date": yesterday},
        today,
    )
    page = owner_client.get("/home/").content.decode()
    assert "Paused:" in page
    assert f"/plans/session/{uid}/play" not in page


# Units -----------------------------------------------------------------------------


def test_units_default_from_the_browser_once_then_follow_the_account(
    owner_client: Client, owner: object, owner_plan: TrainingPlan, today: dt.date
) -> None:
    owner_client.get("/home/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    profile = profile_for(owner)
    profile.refresh_from_db()
    assert (profile.distance_unit, profile.speed_unit, profile.short_unit) == ("mi", "mph", "yd")
    owner_client.get("/home/", HTTP_ACCEPT_LANGUAGE="de-DE")  # a later locale changes nothing
    profile.refresh_from_db()
    assert profile.distance_unit == "mi"
    response = owner_client.post(
        "/accounts/",
        {
            "display_name": "Olive",
            "role": "athlete",
            "distance_unit": "km",
            "speed_unit": "pace-km",
            "short_unit": "m",
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.distance_unit, profile.speed_unit, profile.units_set) == ("km", "pace-km", True)


def test_the_session_page_and_the_feed_use_the_accounts_units(
    owner_client: Client, owner: object, owner_plan: TrainingPlan, today: dt.date
) -> None:
    session = next(s for s in services.build_plan(owner_plan).sessions if s.backward_meters)
    profile = profile_for(owner)
    profile.short_unit, profile.distance_unit, profile.units_set = "yd", "mi", True
    profile.save()
    page = owner_client.get(f"/plans/session/{session.uid}/").content.decode()
    assert " yd</strong>" in page
    ics = Calendar.from_ical(owner_client.get(f"/plans/feed/{owner_plan.feed_secret}.ics").content)
    descriptions = [str(e["description"]) for e in ics.walk("VEVENT")]
    assert any(" yd)" in d for d in descriptions)
    assert not any(" m)" in d for d in descriptions)


def test_an_unknown_unit_is_refused_with_a_message(owner_client: Client, owner: object) -> None:
    response = owner_client.post(
        "/accounts/",
        {
            "display_name": "",
            "role": "athlete",
            "distance_unit": "furlong",
            "speed_unit": "kmh",
            "short_unit": "m",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert profile_for(owner).distance_unit == "km"


# Reminders -------------------------------------------------------------------------


def test_the_feed_carries_an_alarm_at_the_chosen_time(
    owner_client: Client, owner: object, owner_plan: TrainingPlan
) -> None:
    url = f"/plans/feed/{owner_plan.feed_secret}.ics"
    assert "BEGIN:VALARM" not in owner_client.get(url).content.decode()
    profile = profile_for(owner)
    profile.reminder_time = dt.time(7, 30)
    profile.save()
    ics = Calendar.from_ical(owner_client.get(url).content)
    alarms = [a for a in ics.walk("VALARM")]
    assert len(alarms) == len(services.build_plan(owner_plan).sessions)
    assert alarms[0]["trigger"].dt == dt.timedelta(hours=7, minutes=30)
    assert str(alarms[0]["action"]) == "DISPLAY"


def test_email_reminders_go_out_once_per_session_day(owner: object, today: dt.date) -> None:
    row = plan_for(owner, start=today)  # today is the first session
    owner.email = "olive@example.org"
    owner.save()
    profile = profile_for(owner)
    profile.email_reminders, profile.reminder_time = True, dt.time(7, 0)
    profile.save()
    early = timezone.make_aware(dt.datetime.combine(today, dt.time(6, 0)))
    assert due_reminders(early) == []
    later = early + dt.timedelta(hours=2)
    sent = due_reminders(later, "https://bs.example")
    assert [x.username for x in sent] == ["olive"]
    assert len(mail.outbox) == 1
    assert services.build_plan(row).sessions[0].title in mail.outbox[0].subject
    assert "https://bs.example/plans/session/" in mail.outbox[0].body
    assert due_reminders(later) == []  # already sent today, however often it runs
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().strip() == "Sent 0 reminders."
    assert len(mail.outbox) == 1


def test_a_logged_or_skipped_session_needs_no_reminder(owner: object, today: dt.date) -> None:
    row = plan_for(owner, start=today)
    owner.email = "olive@example.org"
    owner.save()
    profile = profile_for(owner)
    profile.email_reminders, profile.reminder_time = True, dt.time(0, 0)
    profile.save()
    first = services.build_plan(row).sessions[0]
    logbook.save_log(owner, owner, {"session_uid": first.uid, "rpe": 3, "minutes": 14}, today)
    now = timezone.make_aware(dt.datetime.combine(today, dt.time(12, 0)))
    assert due_reminders(now) == []
    assert mail.outbox == []


def test_email_reminders_need_an_address(owner_client: Client, owner: object) -> None:
    owner.email = ""
    owner.save()
    response = owner_client.post(
        "/accounts/",
        {
            "role": "athlete",
            "distance_unit": "km",
            "speed_unit": "kmh",
            "short_unit": "m",
            "email_reminders": "on",
        },
    )
    assert "no e-mail address" in response.content.decode()
    assert not profile_for(owner).email_reminders


# Move, skip, edit --------------------------------------------------------------------


def test_the_athlete_moves_a_session_and_the_week_reflows(
    owner_client: Client, owner: object, owner_plan: TrainingPlan, today: dt.date
) -> None:
    plan = services.build_plan(owner_plan)
    week = next(w for w in plan.weeks if w.sessions[0].date > today)
    first, second, _ = week.sessions
    response = owner_client.post(
        f"/plans/session/{first.uid}/move/",
        {"to": str(first.date + dt.timedelta(days=1))},
        follow=True,
    )
    assert "Moved to" in response.content.decode()
    after = {s.uid: s.date for s in services.build_plan(fresh(owner_plan)).sessions}
    assert after[first.uid] == first.date + dt.timedelta(days=1)
    assert after[second.uid] == second.date + dt.timedelta(days=1)
    change = PlanChange.objects.get(kind="move")
    assert change.made_by == owner and change.session_uid == first.uid


def test_bad_moves_say_why_and_change_nothing(
    owner_client: Client, owner_plan: TrainingPlan, today: dt.date
) -> None:
    session = upcoming(owner_plan, today)
    for to, words in (
        ("not-a-date", "Pick the new day as a date"),
        (str(session.date + dt.timedelta(days=9)), "within its week"),
        (str(today - dt.timedelta(days=1)), "today or a later day"),
    ):
        page = owner_client.post(
            f"/plans/session/{session.uid}/move/", {"to": to}, follow=True
        ).content.decode()
        assert words in page
    assert not PlanChange.objects.exists()
    past = services.build_plan(owner_plan).sessions[0]
    page = owner_client.post(f"/plans/session/{past.uid}/skip/", follow=True).content.decode()
    assert "day has passed" in page
    assert not PlanChange.objects.exists()


def test_skipping_removes_the_session_and_keeps_uids(
    owner_client: Client, owner_plan: TrainingPlan, today: dt.date
) -> None:
    before = services.build_plan(owner_plan).sessions
    session = upcoming(owner_plan, today)
    owner_client.post(f"/plans/session/{session.uid}/skip/")
    after = services.build_plan(fresh(owner_plan)).sessions
    assert session.uid not in {s.uid for s in after}
    assert {s.uid for s in after} == {s.uid for s in before} - {session.uid}
    assert owner_client.get(f"/plans/session/{session.uid}/").status_code == 404


def test_a_linked_coach_edits_a_session_and_the_history_says_who(
    linked_coach: Client,
    owner: object,
    coach: object,
    owner_plan: TrainingPlan,
    owner_client: Client,
    today: dt.date,
) -> None:
    session = upcoming(owner_plan, today)
    index, block = next(
        (i, b) for i, b in enumerate(session.blocks) if b.seconds and b.backward_seconds
    )
    url = f"/plans/session/{session.uid}/edit/?athlete={owner.pk}"
    longer = linked_coach.post(url, {f"repeats-{index}": block.repeats + 1}, follow=True)
    assert "not longer" in longer.content.decode()
    assert not PlanChange.objects.exists()
    linked_coach.post(url, {f"seconds-{index}": int(block.seconds) - 5, "note": "Easy today"})
    edited = next(
        s for s in services.build_plan(fresh(owner_plan)).sessions if s.uid == session.uid
    )
    assert edited.blocks[index].seconds == block.seconds - 5
    assert edited.coach_note == "Easy today"
    page = owner_client.get(f"/plans/session/{session.uid}/").content.decode()
    assert "Easy today" in page and 'data-testid="coach-note"' in page
    items = history_for(owner)
    assert items[0].what.startswith("Edited a session of week")
    assert items[0].who == profile_for(coach).name
    # The athlete has no edit form and cannot post one.
    assert 'data-testid="edit-form"' not in page
    assert (
        owner_client.post(f"/plans/session/{session.uid}/edit/", {"note": "x"}).status_code == 404
    )


def test_strangers_cannot_move_skip_or_edit(
    stranger_client: Client, owner: object, owner_plan: TrainingPlan, today: dt.date
) -> None:
    uid = upcoming(owner_plan, today).uid
    for action in ("move", "skip", "edit"):
        response = stranger_client.post(f"/plans/session/{uid}/{action}/?athlete={owner.pk}")
        assert response.status_code == 404
    assert not PlanChange.objects.exists()


def test_the_play_page_passes_the_persons_units_to_the_player(
    owner_client: Client, owner: object, owner_plan: TrainingPlan, today: dt.date
) -> None:
    profile = profile_for(owner)
    profile.short_unit, profile.units_set = "yd", True
    profile.save()
    uid = upcoming(owner_plan, today).uid
    page = owner_client.get(f"/plans/session/{uid}/play").content.decode()
    assert '"short_unit": {"meters": 0.9144, "words": "yards"}' in page
    assert '"units": {"distance": "km", "speed": "kmh", "short": "yd"}' in page
