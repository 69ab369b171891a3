"""The import preview: tick what to keep, warnings on doubtful activities, cut files refused."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from django.test import Client
from django.utils import timezone

from backstride.web.imports.models import ImportUpload
from backstride.web.logbook.models import LogEntry
from tests.activities.fitbuild import activity_fit
from tests.web.imports.test_imports import first_session, upload, watch_file

REAL_CUT = Path(__file__).resolve().parents[3].parent / "shared/data/activities/fit/invalid"


def zipped(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_the_person_ticks_which_activities_to_keep(owner: object, owner_client: Client) -> None:
    session = first_session(owner)
    planned, _ = watch_file(session)
    old = activity_fit(timezone.now() - dt.timedelta(days=3 * 365), [(600.0, 1000.0)])
    drive = activity_fit(timezone.now() - dt.timedelta(days=2), [(600.0, 8000.0)])  # 48 km/h
    response = upload(
        owner_client,
        zipped({"a-plan.fit": planned, "b-old.fit": old, "c-car.fit": drive}),
        "watch.zip",
    )
    page = owner_client.get(response["Location"]).content.decode()
    pending = ImportUpload.objects.get()
    names = [item["file_name"] for item in pending.items]
    old_i, plan_i, car_i = (
        names.index("b-old.fit"),
        names.index("a-plan.fit"),
        names.index("c-car.fit"),
    )
    # The planned session is ticked; the old one and the car ride come with a sentence, unticked.
    assert f'value="{plan_i}" checked' in page
    assert f'value="{old_i}" checked' not in page and f'value="{car_i}" checked' not in page
    assert "long before your plan started" in page
    assert pending.items[car_i]["flags"]  # the matching layer's own flag (too fast)
    assert f'data-testid="flag-{car_i}"' in page
    # Nothing ticked: nothing saved, and the preview is still open.
    nothing = owner_client.post(
        "/log/import/confirm/", {"upload": pending.pk, "selection": "1"}, follow=True
    )
    assert "Tick at least one activity" in nothing.content.decode()
    assert LogEntry.objects.count() == 0
    # A position that is not in the import is refused the same way.
    owner_client.post("/log/import/confirm/", {"upload": pending.pk, "selection": "1", "keep": "9"})
    assert LogEntry.objects.count() == 0
    owner_client.post(
        "/log/import/confirm/", {"upload": pending.pk, "selection": "1", "keep": [plan_i]}
    )
    (entry,) = LogEntry.objects.all()
    assert entry.session_uid == session.uid


def test_a_truncated_file_is_refused_with_a_sentence_and_nothing_is_stored(
    owner: object, owner_client: Client
) -> None:
    session = first_session(owner)
    data, _ = watch_file(session)
    response = upload(owner_client, data[: len(data) - 40], "cut.fit")
    page = response.content.decode()
    assert response.status_code == 400
    # Cut before its session summary the reader already refuses it; either way in words.
    assert "cut.fit" in page and "ends early" in page
    assert ImportUpload.objects.count() == 0


def test_a_real_file_cut_short_is_refused(owner: object, owner_client: Client) -> None:
    path = REAL_CUT / "activity-unexpected-eof.fit"
    if not path.is_file():
        import pytest

        pytest.skip(f"real activity files not found at {path.parent}")
    first_session(owner)
    response = upload(owner_client, path.read_bytes(), path.name)
    assert response.status_code == 400
    # Here the session survives the cut, so it is the import that refuses the file.
    page = response.content.decode()
    assert f"{path.name} ends early" in page and "nothing was saved" in page
    assert ImportUpload.objects.count() == 0
