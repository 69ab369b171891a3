"""The coach dashboard and athlete page, fed by real plans and logs (plans/logbook services).

A plan started 14 days ago with 3 sessions a week has sessions on days -14, -12, -10,
-7, -5, -3 and today (the generator spaces them 0/2/4 days into each week).
"""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from backstride.web.coaching.sources import summary_for
from backstride.web.plans import services as plans
from backstride.web.sharing.models import CoachLink
from tests.web.coaching.conftest import give_plan, log


def uid_on(athlete: object, offset: int) -> str:
    today = timezone.localdate()
    plan = plans.build_plan(plans.active_plan(athlete))
    return next(s.uid for s in plan.sessions if s.date == today + dt.timedelta(days=offset))


def test_the_dashboard_lists_a_linked_athlete_with_no_flags_yet(
    coach_client: Client, link: CoachLink
) -> None:
    page = coach_client.get("/coach/").content.decode()
    assert 'data-testid="athlete-olive"' in page
    assert "No flags" in page
    assert "None yet" in page  # no session logged


def test_pain_7_shows_the_pain_flag_linked_to_learn(
    owner: object, coach_client: Client, link: CoachLink
) -> None:
    log(owner, timezone.localdate() - dt.timedelta(days=1), pain={"knee": 7})
    page = coach_client.get("/coach/").content.decode()
    assert "Pain above 5" in page
    assert "Knee pain 7/10" in page
    assert 'href="/learn/safety/#pain"' in page


def test_missed_sessions_and_adherence_come_from_the_stored_plan(
    owner: object, link: CoachLink
) -> None:
    today = timezone.localdate()
    give_plan(owner, today - dt.timedelta(days=14))
    for offset in (-12, -5):
        log(owner, today + dt.timedelta(days=offset), session_uid=uid_on(owner, offset))
    summary = summary_for(owner, today)
    assert (summary.planned, summary.done, summary.missed) == (6, 2, 4)
    assert summary.adherence_percent == 33  # 2 of 6
    log(owner, today, session_uid=uid_on(owner, 0))
    summary = summary_for(owner, today)
    assert (summary.planned, summary.done, summary.adherence_percent) == (7, 3, 43)


def test_falls_and_sharp_pain_are_flagged_on_dashboard_and_api(
    owner: object, coach_client: Client, link: CoachLink
) -> None:
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    log(owner, yesterday, fall=True, sharp_pain=True)
    page = coach_client.get("/coach/").content.decode()
    assert "Sharp pain" in page and "Fall" in page
    data = coach_client.get("/api/coach/athletes").json()
    assert [f["code"] for f in data[0]["flags"]] == ["sharp-pain", "fall"]
    assert data[0]["last_session"] == yesterday.isoformat()


def test_a_consult_screening_without_clearance_is_flagged(
    owner: object, coach_client: Client, link: CoachLink
) -> None:
    give_plan(owner, timezone.localdate(), consult=True)
    page = coach_client.get("/coach/").content.decode()
    assert "Clearance needed" in page
    assert 'href="/learn/safety/#clearance"' in page


def test_athletes_with_urgent_flags_are_listed_first(
    owner: object, stranger: object, coach: object, coach_client: Client
) -> None:
    CoachLink.objects.create(coach=coach, athlete=owner)
    CoachLink.objects.create(coach=coach, athlete=stranger)
    log(stranger, timezone.localdate(), pain={"calf": 8})
    page = coach_client.get("/coach/").content.decode()
    assert page.index("athlete-steve") < page.index("athlete-olive")


def test_the_athlete_page_links_to_the_plan_and_logs_of_that_athlete(
    owner: object, coach_client: Client, link: CoachLink
) -> None:
    page = coach_client.get(f"/coach/athletes/{owner.pk}/").content.decode()
    assert f'href="/plans/?athlete={owner.pk}"' in page
    assert f'href="/log/?athlete={owner.pk}"' in page


def test_an_athlete_account_gets_a_403_page_on_the_dashboard(owner_client: Client) -> None:
    response = owner_client.get("/coach/")
    assert response.status_code == 403
    assert "for coach accounts" in response.content.decode()


def test_the_plan_and_log_pages_open_for_the_coach_until_the_athlete_revokes(
    owner: object, coach_client: Client, owner_client: Client, link: CoachLink
) -> None:
    give_plan(owner, timezone.localdate())
    pages = (f"/plans/?athlete={owner.pk}", f"/log/?athlete={owner.pk}")
    assert [coach_client.get(p).status_code for p in pages] == [200, 200]
    owner_client.post(f"/coach/links/{link.pk}/revoke/")
    assert [coach_client.get(p).status_code for p in pages] == [404, 404]


def test_an_urgent_screening_is_flagged_first(
    owner: object, coach_client: Client, link: CoachLink
) -> None:
    from backstride.training.screening import QUESTION_IDS
    from backstride.web.plans import services as plans

    plans.save_screening(owner, {q: q == "chest_pain_at_rest" for q in QUESTION_IDS})
    page = coach_client.get("/coach/").content.decode()
    assert "Urgent: medical help" in page
    assert "Clearance needed" not in page
