"""Upload a watch file, preview the planned-versus-done match, confirm into the log book."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from backstride.activities.matching import planned_steps
from backstride.training.models import Session
from backstride.web.api.tokens import issue_token
from backstride.web.imports.models import ImportedActivity, ImportUpload
from backstride.web.logbook.models import LogEntry
from backstride.web.plans import services as plans
from tests.activities.fitbuild import activity_fit
from tests.web.plans.helpers import plan_for


def first_session(owner: object) -> Session:
    row = plan_for(owner, start=timezone.localdate() - dt.timedelta(days=10))
    return plans.build_plan(row).sessions[0]


def watch_file(session: Session, cut_last_backward: float = 0.0) -> tuple[bytes, float]:
    """The FIT a watch saves after running the session; returns it and the backward s."""
    laps: list[tuple[float, float | None]] = []
    steps = planned_steps(session)
    last = max(i for i, s in enumerate(steps) if s.backward)
    backward = 0.0
    for i, step in enumerate(steps):
        seconds = step.planned_seconds or 60.0
        if i == last:
            seconds -= cut_last_backward
        laps.append((seconds, step.meters))
        if step.backward:
            backward += seconds
    start = dt.datetime.combine(session.date, dt.time(9, 0), tzinfo=dt.UTC)
    return activity_fit(start, laps), backward


def upload(client: Client, data: bytes, name: str = "morning.fit") -> Any:
    return client.post("/log/import/", {"file": SimpleUploadedFile(name, data)})


def test_upload_previews_the_matched_session_and_confirm_logs_it_as_imported(
    owner: object, owner_client: Client
) -> None:
    session = first_session(owner)
    data, backward = watch_file(session)
    response = upload(owner_client, data)
    assert response.status_code == 302
    preview = owner_client.get(response["Location"])
    assert preview.status_code == 200
    assert session.title in preview.content.decode()
    (pending,) = ImportUpload.objects.filter(athlete=owner)
    (item,) = pending.items
    assert item["session_uid"] == session.uid and item["completed_fraction"] == 1.0
    assert item["has_gps"] is False  # a treadmill-style file is first class
    assert LogEntry.objects.count() == 0  # nothing saved before confirming

    done = owner_client.post("/log/import/confirm/", {"upload": pending.pk})
    assert done.status_code == 302 and done["Location"] == "/log/"
    entry = LogEntry.objects.get(athlete=owner)
    assert entry.session_uid == session.uid
    assert entry.backward_seconds == pytest.approx(backward)
    assert entry.completed_fraction == 1.0
    assert "morning.fit" in entry.notes and entry.rpe is None
    assert entry.imported.file_name == "morning.fit"
    assert len(entry.steps) == len(planned_steps(session))


def test_reimporting_the_same_activity_inside_a_zip_does_not_duplicate(
    owner: object, owner_client: Client
) -> None:
    session = first_session(owner)
    data, _ = watch_file(session)
    upload(owner_client, data)
    owner_client.post("/log/import/confirm/", {"upload": ImportUpload.objects.get().pk})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("renamed.fit", data)
    upload(owner_client, buffer.getvalue(), "export.zip")
    again = ImportUpload.objects.order_by("-pk").first()
    assert again.items[0]["duplicate"] is True
    page = owner_client.get(f"/log/import/?upload={again.pk}").content.decode()
    assert "Already imported" in page
    owner_client.post("/log/import/confirm/", {"upload": again.pk})
    assert LogEntry.objects.count() == 1 and ImportedActivity.objects.count() == 1


def test_a_file_that_is_no_activity_gets_a_message_and_saves_nothing(
    owner_client: Client,
) -> None:
    response = upload(owner_client, b"not a watch file at all", "notes.txt")
    assert response.status_code == 400
    assert "not a FIT, GPX or TCX activity file" in response.content.decode()
    assert ImportUpload.objects.count() == 0


def test_someone_else_cannot_see_or_confirm_my_upload(
    owner: object, owner_client: Client, stranger_client: Client
) -> None:
    session = first_session(owner)
    upload(owner_client, watch_file(session)[0])
    pending = ImportUpload.objects.get()
    assert stranger_client.get(f"/log/import/?upload={pending.pk}").status_code == 404
    assert stranger_client.post("/log/import/confirm/", {"upload": pending.pk}).status_code == 404
    assert LogEntry.objects.count() == 0


def test_api_preview_reports_backward_time_and_completion_then_confirm_creates_the_log(
    owner: object,
) -> None:
    session = first_session(owner)
    data, backward = watch_file(session, cut_last_backward=10.0)
    _, raw = issue_token(owner, "test")
    client = Client(headers={"authorization": f"Bearer {raw}"})
    response = client.post("/api/imports", {"file": SimpleUploadedFile("w.fit", data)})
    assert response.status_code == 201, response.content
    body = response.json()
    (item,) = body["items"]
    assert item["session_uid"] == session.uid and item["method"] == "lap-order"
    assert item["backward_seconds"] == pytest.approx(backward)
    assert 0 < item["completed_fraction"] < 1
    confirmed = client.post(f"/api/imports/{body['id']}/confirm")
    assert confirmed.status_code == 201
    (log_id,) = confirmed.json()["log_ids"]
    assert LogEntry.objects.get(pk=log_id).completed_fraction == item["completed_fraction"]
    twice = client.post(f"/api/imports/{body['id']}/confirm")
    assert twice.status_code == 400 and "already confirmed" in twice.json()["detail"]


def test_api_refuses_a_damaged_upload_in_words(owner: object) -> None:
    _, raw = issue_token(owner, "test")
    client = Client(headers={"authorization": f"Bearer {raw}"})
    response = client.post("/api/imports", {"file": SimpleUploadedFile("x.gpx", b"<gpx><trk>")})
    assert response.status_code == 400
    assert "x.gpx" in response.json()["detail"]
    assert ImportUpload.objects.count() == 0


def test_an_activity_without_a_planned_session_is_logged_as_a_free_session(
    owner: object, owner_client: Client
) -> None:
    start = timezone.now() - dt.timedelta(days=40)
    upload(owner_client, activity_fit(start, [(600.0, 1000.0), (600.0, 1000.0)]))
    pending = ImportUpload.objects.get()
    assert pending.items[0]["session_uid"] is None
    owner_client.post("/log/import/confirm/", {"upload": pending.pk})
    entry = LogEntry.objects.get()
    assert entry.session_uid == "" and entry.minutes == 20.0


def test_my_data_export_lists_each_imported_activity_with_its_file(
    owner: object, owner_client: Client
) -> None:
    from backstride.web.mydata.registry import collect

    session = first_session(owner)
    upload(owner_client, watch_file(session)[0], "tuesday.fit")
    owner_client.post("/log/import/confirm/", {"upload": ImportUpload.objects.get().pk})
    rows = collect(owner)["imported_activities"]
    assert [(r["file_name"], r["log_entry_id"]) for r in rows] == [
        ("tuesday.fit", LogEntry.objects.get().pk)
    ]
    assert "athlete_id" not in rows[0]


def test_one_import_at_a_time_per_person(
    owner: object, owner_client: Client, stranger: object, stranger_client: Client
) -> None:
    """While one of a person's uploads is being read (its slot held, as a second web
    process would hold it), their next is refused in words; others are not affected."""
    from backstride.web.accounts import throttle

    data = watch_file(first_session(owner))[0]
    with throttle.slot(f"import:{owner.pk}", 1):
        busy = upload(owner_client, data)
        assert busy.status_code == 400
        assert "Another import of yours is still being read" in busy.content.decode()
        assert upload(stranger_client, data).status_code == 302  # someone else: fine
    assert upload(owner_client, data).status_code == 302  # the slot is free again
    assert ImportUpload.objects.filter(athlete=owner).count() == 1


def test_a_slot_left_by_a_killed_process_frees_itself(owner: object) -> None:
    import datetime as dt

    from backstride.web.accounts import throttle
    from backstride.web.accounts.models import LoginFailure

    key = f"import:{owner.pk}"
    LoginFailure.objects.create(
        key=key, failures=1, window_started_at=timezone.now() - dt.timedelta(hours=1)
    )
    with throttle.slot(key, 1):
        assert LoginFailure.objects.get(key=key).failures == 1
    assert LoginFailure.objects.get(key=key).failures == 0


def test_a_zip_of_bombs_is_refused_in_words(owner_client: Client) -> None:
    from tests.activities.bombs import bomb_zip

    response = upload(owner_client, bomb_zip(30, 50), "export.zip")
    assert response.status_code == 400
    assert "unpacks to far more than a watch file would" in response.content.decode()
    assert ImportUpload.objects.count() == 0
