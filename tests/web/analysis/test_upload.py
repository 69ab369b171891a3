"""Uploading a video: the type and size rules, what is stored, and the queued task."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_tasks_db.models import DBTaskResult

from backstride.web.analysis import files, services
from backstride.web.analysis.models import FormCheck, Status
from backstride.web.api.tokens import issue_token
from tests.web.analysis.conftest import video_upload


def test_a_video_upload_is_stored_and_its_analysis_queued(
    owner_client: Client, media_root: Path
) -> None:
    response = owner_client.post("/form-checks/new/", {"video": video_upload("Beach run.MOV")})
    check = FormCheck.objects.get()
    assert response["Location"] == f"/form-checks/{check.pk}/"
    assert check.status == Status.QUEUED
    assert check.original_name == "Beach run.MOV"
    assert check.size_bytes == 2048
    assert check.upload_path == f"form-checks/{check.pk}/upload.mov"
    assert (media_root / check.upload_path).read_bytes() == b"\x00" * 2048
    task = DBTaskResult.objects.get()
    assert task.task_path.endswith("analyse_form_check")
    assert task.args_kwargs["args"] == [check.pk]


def test_a_text_file_is_refused_with_a_sentence_and_nothing_is_kept(
    owner_client: Client, media_root: Path
) -> None:
    notes = SimpleUploadedFile("notes.txt", b"just words", content_type="text/plain")
    response = owner_client.post("/form-checks/new/", {"video": notes}, follow=True)
    page = response.content.decode()
    assert "notes.txt is not a video" in page
    assert "message-error" in page
    assert not FormCheck.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert not (media_root / "form-checks").exists()


def test_posting_without_a_file_asks_for_one(owner_client: Client) -> None:
    response = owner_client.post("/form-checks/new/", {}, follow=True)
    assert "Choose a video file to upload." in response.content.decode()
    assert not FormCheck.objects.exists()


def test_a_file_over_the_limit_is_refused_naming_both_sizes(owner: object) -> None:
    big = video_upload("long.mp4", b"\x00" * 3 * 2**20)
    with pytest.raises(services.UploadRefused, match=r"long.mp4 is 3 MiB; the limit is 2 MiB"):
        services.create_check(owner, big, max_bytes=2 * 2**20)
    assert not FormCheck.objects.exists()


def test_an_empty_file_is_refused(owner: object) -> None:
    with pytest.raises(services.UploadRefused, match="empty"):
        services.create_check(owner, video_upload("run.mp4", b""))


@pytest.mark.parametrize(
    ("name", "content_type", "accepted"),
    [
        ("clip.mp4", "application/octet-stream", True),  # known extension, vague type
        ("IMG_0042", "video/quicktime", True),  # no extension, video type
        ("clip.webm", "", True),
        ("photo.jpg", "image/jpeg", False),
        ("script.mp4.exe", "application/x-msdownload", False),
    ],
)
def test_the_type_rule_takes_a_video_type_or_a_known_extension(
    name: str, content_type: str, accepted: bool
) -> None:
    upload = SimpleUploadedFile(name, b"1234", content_type=content_type)
    assert (files.upload_problem(upload) is None) is accepted


def test_the_stored_name_never_uses_the_uploaders_extension_unless_known() -> None:
    assert files.safe_extension("../../etc/passwd") == ".video"
    assert files.safe_extension("clip.MP4") == ".mp4"


def test_a_failed_write_leaves_no_row_and_no_folder(
    owner: object, media_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(check_id: int, upload: object) -> str:
        files.check_folder(check_id).mkdir(parents=True)
        raise OSError("No space left on device")

    monkeypatch.setattr(files, "store_upload", disk_full)
    with pytest.raises(OSError, match="No space"):
        services.create_check(owner, video_upload())
    assert not FormCheck.objects.exists()
    assert list((media_root / "form-checks").iterdir()) == []


def bearer(user: object) -> dict[str, str]:
    return {"authorization": f"Bearer {issue_token(user, 'phone')[1]}"}


def test_the_api_takes_a_multipart_upload(owner: object) -> None:
    response = Client().post(
        "/api/form-checks", {"video": video_upload("a.mp4")}, headers=bearer(owner)
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "queued"
    assert body["original_name"] == "a.mp4"
    assert body["report_url"] is None
    assert FormCheck.objects.get().pk == body["id"]


def test_the_api_refuses_a_non_video_with_a_400_sentence(owner: object) -> None:
    notes = SimpleUploadedFile("notes.txt", b"words", content_type="text/plain")
    response = Client().post("/api/form-checks", {"video": notes}, headers=bearer(owner))
    assert response.status_code == 400
    assert "not a video" in response.json()["detail"]
    assert not FormCheck.objects.exists()


def test_the_api_without_a_file_is_a_422_with_details(owner: object) -> None:
    response = Client().post("/api/form-checks", {}, headers=bearer(owner))
    assert response.status_code == 422
    assert response.json()["detail"]
    assert not FormCheck.objects.exists()


def test_the_upload_page_says_how_to_film_and_asks_for_a_slow_motion_factor(
    owner_client: Client,
) -> None:
    page = owner_client.get("/form-checks/").content.decode()
    for words in (
        "backward",
        "side-on",
        "3-4 m away",
        "head to feet",
        "legs alone",
        'name="slowmo"',
    ):
        assert words in page, words


def test_a_slow_motion_factor_is_kept_with_the_check(owner_client: Client) -> None:
    owner_client.post("/form-checks/new/", {"video": video_upload("slow.mp4"), "slowmo": "4"})
    assert FormCheck.objects.get().slowmo_factor == 4.0


def test_a_nonsense_slow_motion_factor_is_refused_with_a_sentence(
    owner_client: Client, media_root: Path
) -> None:
    response = owner_client.post(
        "/form-checks/new/", {"video": video_upload("slow.mp4"), "slowmo": "fast"}, follow=True
    )
    assert "slow-motion factor must be a number from 1 to 64" in response.content.decode()
    assert not FormCheck.objects.exists()
    assert not (media_root / "form-checks").exists()


def test_the_api_takes_a_slow_motion_factor_and_refuses_a_bad_one(owner: object) -> None:
    ok = Client().post(
        "/api/form-checks",
        {"video": video_upload("a.mp4"), "slowmo": "8"},
        headers=bearer(owner),
    )
    assert ok.status_code == 201, ok.content
    assert FormCheck.objects.get().slowmo_factor == 8.0
    bad = Client().post(
        "/api/form-checks",
        {"video": video_upload("b.mp4"), "slowmo": "0.5"},
        headers=bearer(owner),
    )
    assert bad.status_code == 400 and "from 1 to 64" in bad.json()["detail"]
