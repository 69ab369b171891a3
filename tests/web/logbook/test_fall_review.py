"""A fall holds the plan until someone reviews it; who reviewed it is kept."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from backstride.web.logbook import services
from backstride.web.logbook.models import LogEntry
from backstride.web.plans.models import FallReview, TrainingPlan
from tests.web.logbook.test_log_views import post_log


def test_a_fall_holds_the_plan_and_offers_a_review(
    owner_client: Client, owner: object, owner_plan: TrainingPlan, today: dt.date
) -> None:
    response = post_log(owner_client, owner_plan, fall="on")
    page = owner_client.get(response["Location"]).content.decode()
    assert 'data-testid="fall-review"' in page
    found = services.decide_next(owner, today)
    assert found.fall_needs_review
    assert found.decision.action == "repeat"
    assert any(
        "will not progress until the fall has been reviewed" in r for r in found.decision.reasons
    )


def test_recording_a_review_lets_the_plan_progress_again(
    owner_client: Client, owner: object, owner_plan: TrainingPlan, today: dt.date
) -> None:
    post_log(owner_client, owner_plan, fall="on")
    fall_day = LogEntry.objects.get().date
    response = owner_client.post("/plans/fall-review/", {"note": "with my physio: slower start"})
    assert response.status_code == 302
    review = FallReview.objects.get()
    assert (review.athlete, review.reviewed_by, review.covers_until) == (owner, owner, fall_day)
    assert review.note == "with my physio: slower start"
    found = services.decide_next(owner, today)
    assert not found.fall_needs_review
    assert not any("fall" in r for r in found.decision.reasons)
    page = owner_client.get("/home/").content.decode()
    assert 'data-testid="fall-review"' not in page


def test_a_review_without_a_fall_or_with_a_huge_note_writes_nothing(
    owner_client: Client, owner_plan: TrainingPlan
) -> None:
    owner_client.post("/plans/fall-review/", {"note": "nothing happened"})
    assert not FallReview.objects.exists()
    post_log(owner_client, owner_plan, fall="on")
    response = owner_client.post("/plans/fall-review/", {"note": "x" * 600}, follow=True)
    assert "under 500 characters" in response.content.decode()
    assert not FallReview.objects.exists()


def test_a_stranger_cannot_review_someone_elses_fall(
    owner_client: Client, owner: object, owner_plan: TrainingPlan, stranger_client: Client
) -> None:
    post_log(owner_client, owner_plan, fall="on")
    response = stranger_client.post(f"/plans/fall-review/?athlete={owner.pk}", {"note": "x"})
    assert response.status_code == 404
    assert not FallReview.objects.exists()
