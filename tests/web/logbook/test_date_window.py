"""The date rule (``training.dates``) on every web entry point, and ranges that stay
bounded by what was asked for, whatever the oldest row says."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from backstride.training.models import Clearance
from backstride.web.api.tokens import issue_token
from backstride.web.imports.models import ImportUpload
from backstride.web.logbook import services
from backstride.web.logbook.models import LogEntry
from backstride.web.plans import services as plans
from backstride.web.plans.models import Screening, TrainingPlan, TrainingProfile
from backstride.web.progress import services as progress
from tests.activities.fitbuild import activity_fit
from tests.web.logbook.test_log_views import post_log


@pytest.fixture
def api(owner: object) -> Client:
    _, raw = issue_token(owner, "tests")
    return Client(headers={"authorization": f"Bearer {raw}"})


def post(api: Client, body: object) -> object:
    return api.post("/api/logs", body, content_type="application/json")


@pytest.mark.parametrize(
    ("day", "needle"),
    [
        ("0001-01-01", "before the year 2000"),
        ("1999-12-31", "before the year 2000"),
        ("2999-01-01", "has not come yet"),
    ],
)
def test_api_refuses_a_log_outside_the_window_and_stores_nothing(
    api: Client, owner_plan: TrainingPlan, day: str, needle: str
) -> None:
    response = post(api, {"date": day, "completed_fraction": 1, "minutes": 20, "rpe": 3})
    assert response.status_code == 400
    assert needle in response.json()["detail"]
    assert not LogEntry.objects.exists()


def test_api_refuses_a_day_before_the_athletes_birth_year(
    api: Client, owner: object, owner_plan: TrainingPlan, today: dt.date
) -> None:
    TrainingProfile.objects.filter(user=owner).update(age=12)
    born = today.year - 13
    refused = post(api, {"date": f"{born - 1}-06-01", "completed_fraction": 1, "minutes": 20})
    assert refused.status_code == 400
    assert "before you were born" in refused.json()["detail"]
    ok = post(api, {"date": f"{born}-06-01", "completed_fraction": 1, "minutes": 20, "rpe": 3})
    assert ok.status_code == 201, ok.content


def test_api_refuses_a_player_finish_time_in_year_one(
    api: Client, owner_plan: TrainingPlan
) -> None:
    body = {"completed_fraction": 1, "minutes": 20, "finished_at": "0001-01-02T09:00:00Z"}
    response = post(api, body)
    assert response.status_code == 400
    assert "before the year 2000" in response.json()["detail"]


def test_the_log_form_refuses_a_date_before_2000_and_offers_only_the_window(
    owner_client: Client, owner_plan: TrainingPlan
) -> None:
    response = post_log(owner_client, owner_plan, date="1999-12-31")
    assert response.status_code == 400
    assert "before the year 2000" in response.content.decode()
    assert not LogEntry.objects.exists()
    session = plans.build_plan(owner_plan).sessions[0]
    page = owner_client.get(f"/log/session/{session.uid}/").content.decode()
    assert 'min="2000-01-01"' in page


def test_an_import_dated_before_2000_is_flagged_in_the_preview_and_not_logged(
    owner: object, owner_plan: TrainingPlan
) -> None:
    _, raw = issue_token(owner, "tests")
    client = Client(headers={"authorization": f"Bearer {raw}"})
    start = dt.datetime(1999, 6, 1, 9, 0, tzinfo=dt.UTC)
    data = activity_fit(start, [(600.0, 1000.0)])
    response = client.post("/api/imports", {"file": SimpleUploadedFile("old.fit", data)})
    assert response.status_code == 201, response.content
    item = response.json()["items"][0]
    assert "before the year 2000" in item["problem"]
    confirmed = client.post(f"/api/imports/{response.json()['id']}/confirm")
    assert confirmed.json()["log_ids"] == []
    assert "before the year 2000" in confirmed.json()["problems"][0]
    assert not LogEntry.objects.exists()
    assert ImportUpload.objects.get().confirmed_at is not None


def test_a_clearance_date_before_2000_is_refused(owner: object, today: dt.date) -> None:
    Screening.objects.create(
        athlete=owner, answers={}, clearance=Clearance.CONSULT.value, reasons=[], restrictions=[]
    )
    with pytest.raises(ValueError, match="1999-01-01 is before the year 2000"):
        plans.record_clearance(
            owner, owner, "Dr Ana Silva", dt.date(1999, 1, 1), profession="doctor", confirmed=True
        )


def _old_row(owner: object, day: dt.date) -> None:
    """A row from before the rule existed (or written straight to the database)."""
    LogEntry.objects.create(
        athlete=owner, recorded_by=owner, date=day, completed_fraction=1, rpe=3, minutes=20
    )


@pytest.mark.parametrize("oldest", [dt.date(2000, 1, 3), dt.date(1, 1, 1)])
def test_one_week_of_progress_is_one_week_of_days_whatever_the_oldest_log(
    api: Client, owner: object, owner_plan: TrainingPlan, today: dt.date, oldest: dt.date
) -> None:
    _old_row(owner, oldest)
    services.save_log(owner, owner, {"date": today, "minutes": 20, "rpe": 4}, today)
    data = api.get("/api/progress?weeks=1").json()
    assert 1 <= len(data["daily"]) <= 7
    assert len(data["weekly"]) == 1
    found = progress.progress_for(owner, today, 1)
    assert 1 <= len(found.summary.daily) <= 7  # the engine's own series, not only the cut
    assert len(found.summary.weekly) == 1
    # "all" is bounded too: since the first log, at most MAX_WEEKS weeks.
    every = progress.progress_for(owner, today, None)
    assert len(every.week_rows) == progress.MAX_WEEKS
    assert len(every.summary.daily) <= 7 * progress.MAX_WEEKS


def test_the_trends_do_not_depend_on_the_range_shown(
    owner: object, owner_plan: TrainingPlan, today: dt.date
) -> None:
    for back in (3, 9, 30, 200):
        day = today - dt.timedelta(days=back)
        services.save_log(owner, owner, {"date": day, "minutes": 30, "rpe": 5}, today)
    short, long = progress.progress_for(owner, today, 1), progress.progress_for(owner, today, 52)
    assert short.summary.acute_7d == pytest.approx(long.summary.acute_7d)
    assert short.summary.chronic_42d == pytest.approx(long.summary.chronic_42d)
    assert short.day_rows[-1].chronic_42d == pytest.approx(long.day_rows[-1].chronic_42d)
