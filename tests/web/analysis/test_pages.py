"""Form-check pages and files: what each state shows, and who may see them."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.test import Client

from backstride.web.analysis import files
from backstride.web.analysis.models import FormCheck, Status
from backstride.web.mydata.erase import delete_account
from backstride.web.sharing.models import CoachLink
from tests.web.analysis.conftest import make_check, make_done_check


@pytest.fixture
def coach_client(owner: object, coach: object) -> Client:
    CoachLink.objects.create(coach=coach, athlete=owner)
    client = Client()
    client.force_login(coach)
    return client


def test_a_queued_check_says_it_waits_and_polls_for_the_result(
    owner: object, owner_client: Client
) -> None:
    check = make_check(owner)
    page = owner_client.get(f"/form-checks/{check.pk}/").content.decode()
    assert "Waiting for its turn" in page
    # Polled by site.js, not a meta refresh that reloads under a reader every 5 s (axe).
    assert f'data-poll="/api/form-checks/{check.pk}"' in page
    assert 'http-equiv="refresh"' not in page
    assert "<video" not in page


def test_a_running_check_says_so(owner: object, owner_client: Client) -> None:
    check = make_check(owner, Status.RUNNING)
    assert "Being analysed" in owner_client.get(f"/form-checks/{check.pk}/").content.decode()


def test_a_done_check_shows_summary_cues_with_learn_links_video_and_report(
    owner: object, owner_client: Client
) -> None:
    check = make_done_check(owner)
    page = owner_client.get(f"/form-checks/{check.pk}/").content.decode()
    assert "data-poll" not in page
    assert "Backward" in page and "105 steps/min" in page  # 104.5 rounds half away
    assert "2 good" in page and "1 to watch" in page and "1 to fix" in page
    assert "1 not measured" in page
    assert "Not measured: clip too short." in page
    assert 'href="/learn/form/#foot-strike"' in page  # foot_strike -> the landing section
    assert 'href="/learn/form/#stride"' in page
    assert 'href="/learn/form/#first-steps"' in page  # direction
    assert f'src="/form-checks/{check.pk}/annotated.mp4"' in page
    assert f'href="/form-checks/{check.pk}/report.html"' in page
    assert "The person is small in the picture." in page


def test_the_history_lists_checks_with_their_counts(owner: object, owner_client: Client) -> None:
    make_done_check(owner)
    make_check(owner, Status.FAILED, error="bad")
    page = owner_client.get("/form-checks/").content.decode()
    assert "1 to fix" in page
    assert "Could not be analysed." in page
    assert 'name="video"' in page  # the athlete gets the upload form


def test_the_report_is_served_with_a_strict_policy(owner: object, owner_client: Client) -> None:
    check = make_done_check(owner)
    response = owner_client.get(f"/form-checks/{check.pk}/report.html")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Olive's report" in html
    # Viewed in the app, the report leads back to the check's page, first thing after <body>.
    back = f'<a href="/form-checks/{check.pk}/"'
    assert back in html and html.index(back) < html.index("Olive's report")
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["Cache-Control"].startswith("private")


@pytest.mark.parametrize(
    ("header", "status", "content_range", "body"),
    [
        ("bytes=0-9", 206, "bytes 0-9/1000", b"0123456789"),
        ("bytes=995-", 206, "bytes 995-999/1000", b"56789"),
        ("bytes=-3", 206, "bytes 997-999/1000", b"789"),
        ("bytes=990-5000", 206, "bytes 990-999/1000", b"0123456789"),
        ("bytes=1000-", 416, "bytes */1000", b""),
        ("bytes=5-2", 416, "bytes */1000", b""),
    ],
)
def test_the_video_answers_byte_ranges_as_phones_ask(
    owner: object, owner_client: Client, header: str, status: int, content_range: str, body: bytes
) -> None:
    check = make_done_check(owner)  # 1000 bytes: "0123456789" x 100
    response = owner_client.get(f"/form-checks/{check.pk}/annotated.mp4", headers={"range": header})
    assert response.status_code == status
    assert response["Content-Range"] == content_range
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content == body


def test_the_whole_video_without_a_range(owner: object, owner_client: Client) -> None:
    check = make_done_check(owner)
    response = owner_client.get(f"/form-checks/{check.pk}/annotated.mp4")
    assert response.status_code == 200
    assert response["Content-Type"] == "video/mp4"
    assert response["Accept-Ranges"] == "bytes"
    assert len(b"".join(response.streaming_content)) == 1000


def test_files_of_an_unfinished_check_are_404(owner: object, owner_client: Client) -> None:
    check = make_check(owner)
    assert owner_client.get(f"/form-checks/{check.pk}/annotated.mp4").status_code == 404
    assert owner_client.get(f"/form-checks/{check.pk}/report.html").status_code == 404


def test_a_linked_coach_sees_the_page_the_video_and_the_report(
    owner: object, coach_client: Client
) -> None:
    check = make_done_check(owner)
    for suffix in ("", "report.html", "annotated.mp4"):
        assert coach_client.get(f"/form-checks/{check.pk}/{suffix}").status_code == 200
    page = coach_client.get(f"/form-checks/?athlete={owner.pk}").content.decode()
    assert f'href="/form-checks/{check.pk}/"' in page
    assert 'name="video"' not in page  # only the athlete uploads


@pytest.mark.parametrize("suffix", ["", "report.html", "annotated.mp4"])
def test_a_stranger_gets_404_for_page_and_files(
    owner: object, stranger_client: Client, suffix: str
) -> None:
    check = make_done_check(owner)
    assert stranger_client.get(f"/form-checks/{check.pk}/{suffix}").status_code == 404


def test_a_stranger_cannot_list_someone_elses_checks(
    owner: object, stranger_client: Client
) -> None:
    assert stranger_client.get(f"/form-checks/?athlete={owner.pk}").status_code == 404
    response = stranger_client.get(f"/api/form-checks?athlete={owner.pk}")
    assert response.status_code == 404


def test_an_ended_link_closes_the_files_too(owner: object, coach: object) -> None:
    link = CoachLink.objects.create(coach=coach, athlete=owner)
    check = make_done_check(owner)
    client = Client()
    client.force_login(coach)
    link.revoked_at = link.accepted_at
    link.save()
    assert client.get(f"/form-checks/{check.pk}/annotated.mp4").status_code == 404


def test_the_api_gives_status_summary_and_links(owner: object, coach_client: Client) -> None:
    check = make_done_check(owner)
    listed = coach_client.get(f"/api/form-checks?athlete={owner.pk}").json()
    assert [c["id"] for c in listed] == [check.pk]
    one = coach_client.get(f"/api/form-checks/{check.pk}").json()
    assert one["verdicts"] == {"ok": 2, "watch": 1, "fix": 1, "unknown": 1}
    assert one["video_url"] == f"/form-checks/{check.pk}/annotated.mp4"
    assert one["cues"][2]["learn_url"] == "/learn/form/#foot-strike"


def test_progress_shows_form_checks_only_when_there_are_some(
    owner: object, owner_client: Client
) -> None:
    assert "progress-form-checks" not in owner_client.get("/progress/").content.decode()
    check = make_done_check(owner)
    page = owner_client.get("/progress/").content.decode()
    assert 'data-testid="progress-form-checks"' in page
    assert f'href="/form-checks/{check.pk}/"' in page and "1 to fix" in page


def test_the_coachs_athlete_page_links_to_the_form_checks(
    owner: object, coach_client: Client
) -> None:
    page = coach_client.get(f"/coach/athletes/{owner.pk}/").content.decode()
    assert f'href="/form-checks/?athlete={owner.pk}"' in page


def test_my_data_exports_the_rows_and_each_report(owner: object, owner_client: Client) -> None:
    check = make_done_check(owner)
    archive = zipfile.ZipFile(io.BytesIO(owner_client.get("/my-data/export.zip").content))
    rows = json.loads(archive.read("form_checks.json"))
    assert rows[0]["id"] == check.pk and rows[0]["fix_count"] == 1
    assert "upload_path" not in rows[0] and "report_dir" not in rows[0]
    reports = json.loads(archive.read("form_check_reports.json"))
    assert reports[0]["form_check_id"] == check.pk
    assert reports[0]["report"]["cadence_spm"] == 104.5
    assert "source" not in reports[0]["report"]["video"]


@pytest.mark.django_db(transaction=True)
def test_deleting_the_account_removes_the_media_folders(owner: object, media_root: Path) -> None:
    check = make_done_check(owner)
    folder = files.check_folder(check.pk)
    assert folder.is_dir()
    delete_account(owner)
    assert not FormCheck.objects.exists()
    assert not folder.exists()


def test_the_back_bar_goes_right_after_body_or_first_without_one() -> None:
    from backstride.web.analysis.serving import with_app_bar

    framed = with_app_bar('<html><BODY class="x"><h1>R</h1></body></html>', "/form-checks/7/")
    assert framed.startswith('<html><BODY class="x"><nav aria-label="Backstride"')
    assert framed.endswith("<h1>R</h1></body></html>")
    assert with_app_bar("<h1>R</h1>", "/x/").startswith("<nav")
    assert '"/a&quot;b/"' in with_app_bar("", '/a"b/')
