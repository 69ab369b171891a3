"""Coach changes to a plan: each one is stored with who made it and shown in the history;
a refused change writes nothing."""

from __future__ import annotations

import datetime as dt
import html

from django.test import Client
from django.utils import timezone

from backstride.web.coaching.models import CoachAction
from backstride.web.plans.models import ClearanceRecord, PlanChange
from backstride.web.plans.services import active_plan, build_plan
from backstride.web.sharing.models import CoachLink
from tests.web.coaching.conftest import give_plan
from tests.web.conftest import make_user


def test_the_coach_records_a_clearance_and_the_history_says_who(
    owner: object, coach: object, coach_client: Client, link: CoachLink
) -> None:
    give_plan(owner, timezone.localdate(), consult=True)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = coach_client.post(
        f"/coach/athletes/{owner.pk}/clearance/",
        {
            "professional_name": "Dr Rao",
            "profession": "physiotherapist",
            "cleared_on": yesterday.isoformat(),
            "confirm": "on",
        },
        follow=True,
    )
    record = ClearanceRecord.objects.get()
    assert (record.recorded_by, record.professional_name, record.cleared_on) == (
        coach,
        "Dr Rao",
        yesterday,
    )
    page = response.content.decode()
    assert "Clearance recorded" in page
    assert "Cora" in page and "Recorded clearance by Dr Rao" in page
    assert "Clearance needed" not in page


def test_a_clearance_dated_in_the_future_is_refused_and_nothing_is_saved(
    owner: object, coach_client: Client, link: CoachLink
) -> None:
    give_plan(owner, timezone.localdate(), consult=True)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = coach_client.post(
        f"/coach/athletes/{owner.pk}/clearance/",
        {
            "professional_name": "Dr Rao",
            "profession": "physiotherapist",
            "cleared_on": tomorrow.isoformat(),
            "confirm": "on",
        },
        follow=True,
    )
    assert "cannot be in the future" in response.content.decode()
    assert not ClearanceRecord.objects.exists()


def test_a_clearance_date_that_is_not_a_date_is_explained(
    owner: object, coach_client: Client, link: CoachLink
) -> None:
    give_plan(owner, timezone.localdate(), consult=True)
    response = coach_client.post(
        f"/coach/athletes/{owner.pk}/clearance/",
        {"professional_name": "Dr Rao", "cleared_on": "last tuesday"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Enter the clearance date as a date" in response.content.decode()
    assert not ClearanceRecord.objects.exists()


def test_repeat_this_week_is_stored_as_a_plan_change_by_the_coach(
    owner: object, coach: object, coach_client: Client, link: CoachLink
) -> None:
    give_plan(owner, timezone.localdate() - dt.timedelta(days=8))  # today is in week 2
    response = coach_client.post(f"/coach/athletes/{owner.pk}/repeat-week/", follow=True)
    change = PlanChange.objects.get()
    assert (change.week, change.made_by) == (2, coach)
    assert "Week 2 will be repeated" in response.content.decode()
    assert "Week 2 repeated" in response.content.decode()
    weeks = build_plan(active_plan(owner)).weeks
    assert len(weeks) == 9


def test_repeat_week_without_a_plan_is_explained(
    owner: object, coach_client: Client, link: CoachLink
) -> None:
    response = coach_client.post(f"/coach/athletes/{owner.pk}/repeat-week/", follow=True)
    assert "has no plan yet" in response.content.decode()
    assert not PlanChange.objects.exists()


def test_a_session_note_is_saved_with_its_author_and_shown_to_the_athlete(
    owner: object, coach: object, owner_client: Client, coach_client: Client, link: CoachLink
) -> None:
    give_plan(owner, timezone.localdate())
    uid = build_plan(active_plan(owner)).sessions[1].uid
    coach_client.post(
        f"/coach/athletes/{owner.pk}/notes/", {"text": "Slow the first block.", "session": uid}
    )
    note = CoachAction.objects.get()
    assert (note.actor, note.session_uid, note.detail) == (coach, uid, "Slow the first block.")
    assert "Slow the first block." in owner_client.get("/coach/sharing/").content.decode()
    assert (
        "Slow the first block." in coach_client.get(f"/coach/athletes/{owner.pk}/").content.decode()
    )


def test_a_note_about_a_session_not_in_the_plan_writes_nothing(
    owner: object, coach_client: Client, link: CoachLink
) -> None:
    response = coach_client.post(
        f"/coach/athletes/{owner.pk}/notes/", {"text": "hi", "session": "bs-nope"}, follow=True
    )
    assert "not in the athlete's current plan" in html.unescape(response.content.decode())
    assert not CoachAction.objects.exists()


def test_empty_and_huge_notes_are_refused(
    owner: object, coach_client: Client, link: CoachLink
) -> None:
    for text in ("   ", "x" * 501):
        coach_client.post(f"/coach/athletes/{owner.pk}/notes/", {"text": text})
    assert not CoachAction.objects.exists()


def test_an_unlinked_coach_cannot_change_anything(owner: object) -> None:
    give_plan(owner, timezone.localdate(), consult=True)
    other = make_user("otto", role="coach")
    client = Client()
    client.force_login(other)
    base = f"/coach/athletes/{owner.pk}"
    assert (
        client.post(
            f"{base}/clearance/", {"professional_name": "X", "cleared_on": "2026-01-01"}
        ).status_code
        == 404
    )
    assert client.post(f"{base}/repeat-week/").status_code == 404
    assert client.post(f"{base}/notes/", {"text": "hi"}).status_code == 404
    assert not ClearanceRecord.objects.exists()
    assert not PlanChange.objects.exists()
    assert not CoachAction.objects.exists()


def test_a_deleted_coach_leaves_the_note_but_not_their_name(
    owner: object, coach: object, owner_client: Client, link: CoachLink
) -> None:
    CoachAction.objects.create(athlete=owner, actor=coach, detail="Good week.")
    coach.delete()
    page = owner_client.get("/coach/sharing/").content.decode()
    assert "Good week." in page and "A former coach" in page and "Cora" not in page
