"""Plan pages and exports: calendar, list, session detail, repeat, FIT, zip, ICS feed."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import fitdecode
import pytest
from django.test import Client
from icalendar import Calendar

import backstride.web
from backstride.training.models import BlockKind
from backstride.web.logbook import services as logbook
from backstride.web.plans import services
from backstride.web.plans.models import PlanChange, TrainingPlan
from tests.web.plans.helpers import plan_for

WEB = Path(backstride.web.__file__).parent


def sessions(row: TrainingPlan) -> tuple:
    return services.build_plan(row).sessions


def test_without_a_plan_the_calendar_invites_to_onboarding(owner_client: Client) -> None:
    page = owner_client.get("/plans/").content.decode()
    assert "No plan yet" in page and 'href="/onboarding/"' in page


def test_the_calendar_colours_logged_missed_and_coming_sessions(
    owner_client: Client, owner: object, owner_plan: TrainingPlan, today: dt.date
) -> None:
    first, second, third = sessions(owner_plan)[:3]
    # Planned 13.8 min for week 1's first session; 14 min logged = 101 % = green.
    logbook.save_log(owner, owner, {"session_uid": first.uid, "rpe": 3, "minutes": 14.0}, today)
    # The plan spans month ends on some days: read every month it touches up to next week.
    months = {d.strftime("%Y-%m") for d in (first.date, today, today + dt.timedelta(days=7))}
    page = "".join(owner_client.get(f"/plans/?month={m}").content.decode() for m in months)
    assert f'href="/plans/session/{first.uid}/"' in page
    first_month = owner_client.get(f"/plans/?month={first.date:%Y-%m}").content.decode()
    assert first_month.count("cal-session status-green") == 1
    assert "cal-session status-missed" in page  # second and third are in the past, not logged
    assert "cal-session status-planned" in page
    assert second.date < today and third.date < today


def test_a_month_outside_the_plan_renders_an_empty_grid(
    owner_client: Client, owner_plan: TrainingPlan
) -> None:
    page = owner_client.get("/plans/?month=2030-01").content.decode()
    assert "January 2030" in page and "cal-session" not in page


def test_the_list_shows_every_week_and_offers_to_repeat_the_current_one(
    owner_client: Client, owner_plan: TrainingPlan
) -> None:
    page = owner_client.get("/plans/list/").content.decode()
    for number in range(1, 9):
        assert f'id="week-{number}"' in page
    # The plan started 10 days ago: today is in week 2.
    assert page.count("Repeat this week") == 1
    assert '<input type="hidden" name="week" value="2">' in page


def test_repeat_this_week_shifts_the_plan_and_records_who(
    owner_client: Client, owner: object, owner_plan: TrainingPlan
) -> None:
    before = sessions(owner_plan)
    response = owner_client.post("/plans/repeat-week/", {"week": "2"}, follow=True)
    assert "Week 2 will be repeated" in response.content.decode()
    change = PlanChange.objects.get()
    assert (change.week, change.made_by) == (2, owner)
    after = sessions(TrainingPlan.objects.get(pk=owner_plan.pk))
    assert len(after) == len(before) + 3
    assert after[6].uid == before[3].uid + "-r1"
    assert after[9].date == before[6].date + dt.timedelta(days=7)
    assert "repeated by olive" in owner_client.get("/plans/list/").content.decode()


@pytest.mark.parametrize("week", ["", "abc", "0", "99", "9" * 40])
def test_repeating_a_bad_week_is_refused_and_nothing_changes(
    owner_client: Client, owner_plan: TrainingPlan, week: str
) -> None:
    response = owner_client.post("/plans/repeat-week/", {"week": week}, follow=True)
    assert response.status_code == 200
    assert 'class="message message-error"' in response.content.decode()
    assert not PlanChange.objects.exists()


def test_the_session_page_shows_blocks_cues_checklist_speeds_and_muscles(
    owner_client: Client, owner: object, today: dt.date
) -> None:
    row = plan_for(owner, start=today, age=72, population="older-adult", environment="treadmill")
    session = sessions(row)[0]
    page = owner_client.get(f"/plans/session/{session.uid}/").content.decode()
    assert session.title in page
    assert any(
        "safety" in item.lower() and "clip" in item.lower() for item in session.safety_checklist
    )
    for item in session.safety_checklist:
        assert item.replace("'", "&#x27;") in page
    main = next(b for b in session.blocks if b.kind == BlockKind.MAIN)
    assert main.speed_kmh is not None
    assert f"{main.speed_kmh:.1f} km/h" in page and f"{main.speed_kmh / 1.609344:.1f} mph" in page
    assert main.cues[0].replace("'", "&#x27;") in page and main.why in page
    # Quadriceps are a primary muscle of backward walking: drawn strongly; calves lightly.
    assert 'class="m quadriceps primary"' in page
    assert 'class="m calves secondary"' in page
    assert page.count('<svg class="body-map"') == sum(
        1 for b in session.blocks if b.muscles.primary or b.muscles.secondary
    )
    assert f'href="/log/session/{session.uid}/"' in page
    assert f'href="/plans/session/{session.uid}.fit"' in page


def test_an_unknown_session_is_404(owner_client: Client, owner_plan: TrainingPlan) -> None:
    assert owner_client.get("/plans/session/bs-doesnotexist/").status_code == 404
    assert owner_client.get("/plans/session/bs-doesnotexist.fit").status_code == 404
    assert owner_client.get("/plans/session/" + "x" * 3000 + "/").status_code == 404


def test_a_session_fit_file_decodes_as_a_workout_with_its_steps(
    owner_client: Client, owner_plan: TrainingPlan
) -> None:
    session = sessions(owner_plan)[0]
    response = owner_client.get(f"/plans/session/{session.uid}.fit")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.fit"')
    names = []
    with fitdecode.FitReader(io.BytesIO(response.content)) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "workout":
                names.append(frame.get_value("wkt_name"))
    assert names and "backward" in names[0].lower()


def test_the_fit_zip_holds_one_file_per_session(
    owner_client: Client, owner_plan: TrainingPlan
) -> None:
    response = owner_client.get("/plans/fit.zip")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert len(archive.namelist()) == len(sessions(owner_plan)) == 24
    assert all(name.endswith(".fit") for name in archive.namelist())


def test_the_calendar_feed_works_without_login_and_a_new_secret_kills_the_old_one(
    owner_client: Client, owner_plan: TrainingPlan
) -> None:
    old = owner_plan.feed_secret
    page = owner_client.get("/plans/feed/").content.decode()
    assert f"/plans/feed/{old}.ics" in page
    feed = Client().get(f"/plans/feed/{old}.ics")
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert len(events) == 24
    assert str(events[0]["uid"]) == f"{sessions(owner_plan)[0].uid}@backstride.local"
    owner_client.post("/plans/feed/new/")
    owner_plan.refresh_from_db()
    assert owner_plan.feed_secret != old
    assert Client().get(f"/plans/feed/{old}.ics").status_code == 404
    assert Client().get(f"/plans/feed/{owner_plan.feed_secret}.ics").status_code == 200


def test_without_the_player_template_there_is_no_start_button(
    owner_client: Client, owner_plan: TrainingPlan, settings: object
) -> None:
    settings.INSTALLED_APPS = [a for a in settings.INSTALLED_APPS if not a.endswith(".player")]
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": []}]
    uid = sessions(owner_plan)[0].uid
    page = owner_client.get(f"/plans/session/{uid}/").content.decode()
    assert "Start session" not in page and "Log this session" in page
    assert owner_client.get(f"/plans/session/{uid}/play").status_code == 404


def test_with_the_player_template_the_session_starts_in_the_player(
    owner_client: Client, owner_plan: TrainingPlan, settings: object
) -> None:
    base = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**base, "DIRS": [str(WEB / "player" / "templates")]}]
    uid = sessions(owner_plan)[0].uid
    page = owner_client.get(f"/plans/session/{uid}/").content.decode()
    assert f'href="/plans/session/{uid}/play"' in page
    play = owner_client.get(f"/plans/session/{uid}/play").content.decode()
    assert 'data-log-url="/api/logs"' in play
    assert f'"uid": "{uid}"' in play


def test_the_session_page_estimates_energy_with_the_persons_body_mass(
    owner_client: Client, owner: object
) -> None:
    from backstride.training.energy import session_view
    from backstride.web.plans import services as plan_services
    from backstride.web.plans.models import TrainingProfile
    from tests.web.plans.helpers import plan_for

    row = plan_for(owner)
    TrainingProfile.objects.filter(user=owner).update(body_mass_kg=80.0)
    session = plan_services.build_plan(row).sessions[0]
    view = session_view(session, 80.0)
    assert view is not None
    page = owner_client.get(f"/plans/session/{session.uid}/").content.decode()
    assert f"{view.kcal} kcal" in page and "(at 70 kg)" not in page
    assert f"({view.kcal_low}-{view.kcal_high})" in page
    lighter = session_view(session, 60.0)
    assert lighter is not None and view.kcal > lighter.kcal > 0
