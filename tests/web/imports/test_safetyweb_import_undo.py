"""An import cannot lie and can be undone (issue 9, 4-5).

The case of the issue: an unrelated short walk recorded years ago, imported without a
pain score, was read as pain 0 and paused the plan. Now the preview flags it, its log
keeps pain unknown, and "undo this import" removes its logs, decides the next session
again and leaves a line in the coach's history. The browser test walks the same path.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from backstride.web.api.tokens import issue_token
from backstride.web.coaching.history import history_for
from backstride.web.imports.models import ImportedActivity, ImportUpload
from backstride.web.logbook import services as logbook
from backstride.web.logbook.models import LogChange, LogEntry
from backstride.web.plans import services as plans
from backstride.web.sharing.models import CoachLink
from tests.activities.fitbuild import activity_fit
from tests.browser_support import DESKTOP, OpenPage, Screenshot
from tests.player.test_player_web import sign_in
from tests.web.conftest import make_user
from tests.web.imports.test_imports import first_session, upload, watch_file


def old_walk() -> bytes:
    """A 45-second walk recorded three years ago: far from any planned session."""
    start = timezone.now() - dt.timedelta(days=3 * 365)
    return activity_fit(start.replace(microsecond=0), [(45.0, 40.0)])


def test_the_preview_shows_why_an_activity_was_not_matched(
    owner: object, owner_client: Client
) -> None:
    first_session(owner)
    response = upload(owner_client, old_walk(), "old.fit")
    page = owner_client.get(response["Location"]).content.decode()
    (item,) = ImportUpload.objects.get().items
    assert item["flags"] and item["session_uid"] is None
    assert item["flag_texts"][0] in page
    assert 'class="message-warning import-flag"' in page


def test_an_imported_log_has_unknown_pain_and_undo_removes_it_and_decides_again(
    owner: object, owner_client: Client, coach: object
) -> None:
    CoachLink.objects.create(coach=coach, athlete=owner)
    session = first_session(owner)
    today = timezone.localdate()
    logbook.save_log(owner, owner, {"session_uid": session.uid, "rpe": 3, "pain": {}}, today)
    before = logbook.status_for(owner, today).status.message
    later = plans.build_plan(plans.active_plan(owner)).sessions[1]
    data, _ = watch_file(later)
    upload(owner_client, data)
    pending = ImportUpload.objects.get()
    owner_client.post("/log/import/confirm/", {"upload": pending.pk})
    imported = LogEntry.objects.get(imported__isnull=False)
    assert imported.pain is None  # a watch file holds no pain answer
    assert "pain-unknown" in [b.rule for b in logbook.status_for(owner, today).decision.basis]

    entry_page = owner_client.get(f"/log/entry/{imported.pk}/").content.decode()
    assert 'data-testid="undo-import"' in entry_page
    response = owner_client.post(f"/log/import/{pending.pk}/undo/")
    assert response.status_code == 302 and response["Location"] == "/log/"
    assert list(LogEntry.objects.values_list("session_uid", flat=True)) == [session.uid]
    assert not ImportedActivity.objects.exists()  # the activity may be imported again
    assert logbook.status_for(owner, today).status.message == before
    assert LogChange.objects.get().kind == "undo-import"
    assert any(item.what.startswith("Undid an import") for item in history_for(owner))
    again = owner_client.post(f"/log/import/{pending.pk}/undo/", follow=True)
    assert "already undone" in again.content.decode()


def test_undo_through_the_api_and_only_for_the_owner(
    owner: object, owner_client: Client, stranger: object, stranger_client: Client
) -> None:
    session = first_session(owner)
    upload(owner_client, watch_file(session)[0])
    pending = ImportUpload.objects.get()
    assert stranger_client.post(f"/log/import/{pending.pk}/undo/").status_code == 404
    _, raw = issue_token(owner, "t")
    api = Client(headers={"authorization": f"Bearer {raw}"})
    not_yet = api.post(f"/api/imports/{pending.pk}/undo")
    assert not_yet.status_code == 400 and "never saved" in not_yet.json()["detail"]
    api.post(f"/api/imports/{pending.pk}/confirm")
    assert LogEntry.objects.count() == 1
    _, other = issue_token(stranger, "s")
    stranger_api = Client(headers={"authorization": f"Bearer {other}"})
    assert stranger_api.post(f"/api/imports/{pending.pk}/undo").status_code == 404
    assert LogEntry.objects.count() == 1
    done = api.post(f"/api/imports/{pending.pk}/undo")
    assert done.status_code == 200 and done.json() == {"removed": 1}
    assert not LogEntry.objects.exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_the_browser_an_import_is_saved_then_undone(
    open_page: OpenPage, live_server: object, screenshot: Screenshot, tmp_path: Path
) -> None:
    user = make_user("ines")
    session = first_session(user)
    data, _ = watch_file(session)
    path = _write(tmp_path, data)
    page = open_page(DESKTOP)
    sign_in(page, live_server, user)
    page.goto(f"{live_server.url}/log/import/")
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.get_by_role("heading", name="Check before saving")).to_be_visible()
    page.get_by_role("button", name="Save the ticked ones to my log book").click()
    expect(page).to_have_url(f"{live_server.url}/log/")
    expect(page.locator(".log-list li")).to_have_count(1)
    expect(page.get_by_text("pain not answered")).to_be_visible()
    page.locator(".log-list a").first.click()
    expect(page.get_by_test_id("pain-unknown")).to_be_visible()
    screenshot(page, "safetyweb-imported-log-desktop", full_page=True)
    page.get_by_role("button", name="Undo the import of morning.fit").click()
    expect(page).to_have_url(f"{live_server.url}/log/")
    expect(page.get_by_text("Import undone: 1 log removed")).to_be_visible()
    expect(page.locator(".log-list li")).to_have_count(0)
    assert not LogEntry.objects.filter(athlete=user).exists()
    screenshot(page, "safetyweb-import-undone-desktop", full_page=True)


def _write(folder: Path, data: bytes) -> Path:
    path = folder / "morning.fit"
    path.write_bytes(data)
    return path
