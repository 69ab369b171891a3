"""The background task: a real clip ends done with its summary, anything else failed with why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import Client

from backstride.web.analysis import files
from backstride.web.analysis.models import FormCheck, Status
from backstride.web.analysis.services import create_check
from backstride.web.analysis.tasks import UNEXPECTED, analyse_form_check
from tests.web.analysis.clips import cut_clip
from tests.web.analysis.conftest import make_check, video_upload


def run(check: FormCheck) -> FormCheck:
    """Run the task body directly, as the worker would."""
    outcome = analyse_form_check.call(check.pk)
    check.refresh_from_db()
    assert outcome == check.status
    return check


def test_a_text_file_named_like_a_video_fails_with_the_decoders_sentence(
    owner: object, owner_client: Client, media_root: Path
) -> None:
    check = create_check(owner, video_upload("holiday.mp4", b"this is a shopping list\n" * 40))
    check = run(check)
    assert check.status == Status.FAILED
    assert check.error.startswith("holiday.mp4: not a video file that can be read")
    assert str(media_root) not in check.error and "upload.mp4" not in check.error
    assert check.finished_at is not None and check.report_dir == ""
    assert not files.check_folder(check.pk).exists()  # upload gone, no half report, no folder
    page = owner_client.get(f"/form-checks/{check.pk}/").content.decode()
    assert "This video could not be analysed" in page
    assert "holiday.mp4: not a video file that can be read" in page
    assert "<video" not in page


def test_an_unexpected_crash_still_ends_failed_with_a_message(
    owner: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("segfault-ish")

    monkeypatch.setattr("backstride.web.analysis.tasks.analyze_video", broken)
    check = run(create_check(owner, video_upload()))
    assert check.status == Status.FAILED
    assert check.error == UNEXPECTED


def test_a_check_deleted_before_its_turn_is_skipped(owner: object) -> None:
    check = create_check(owner, video_upload())
    check_id = check.pk
    check.delete()
    assert analyse_form_check.call(check_id) == "gone"


def test_a_finished_check_is_not_analysed_twice(owner: object) -> None:
    check = make_check(owner, Status.FAILED, error="earlier")
    assert run(check).error == "earlier"


def test_a_row_without_its_upload_fails_clearly(owner: object) -> None:
    check = run(make_check(owner))
    assert check.status == Status.FAILED
    assert "missing" in check.error


@pytest.mark.slow
def test_a_real_three_second_clip_is_analysed_and_summarised(
    owner: object, owner_client: Client, tmp_path: Path, media_root: Path
) -> None:
    clip = cut_clip(tmp_path / "walk.mp4")
    with clip.open("rb") as handle:
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile("walk.mp4", handle.read(), content_type="video/mp4")
    check = run(create_check(owner, upload))
    assert check.status == Status.DONE, check.error
    folder = media_root / check.report_dir
    assert sorted(p.name for p in folder.iterdir()) == sorted(files.OUTPUT_FILES)
    assert not (media_root / f"form-checks/{check.pk}/upload.mp4").exists()
    document = json.loads((folder / "report.json").read_text())
    assert document["video"]["source"] == "walk.mp4"  # the person's name, not our path
    report_html = (folder / "report.html").read_text()
    assert "walk.mp4" in report_html and str(media_root) not in report_html
    # The summary is a copy of report.json, counted by hand from its cues.
    verdicts = [c["verdict"] for c in document["cues"]]
    assert check.direction == document["locomotion"]["direction"]
    assert check.gait == document["locomotion"]["gait"]
    assert check.cadence_spm == document["cadence_spm"]
    assert (check.ok_count, check.watch_count, check.fix_count, check.unknown_count) == (
        verdicts.count("ok"),
        verdicts.count("watch"),
        verdicts.count("fix"),
        verdicts.count(None),
    )
    assert check.ok_count + check.watch_count + check.fix_count + check.unknown_count == len(
        document["cues"]
    )
    assert 2.5 < check.duration_s < 3.4  # about 3.3 s were cut, the walker is in ~3 s of them
    assert check.fps == 30.0
    assert check.processing_s > 0
    page = owner_client.get(f"/form-checks/{check.pk}/").content.decode()
    assert f'src="/form-checks/{check.pk}/annotated.mp4"' in page
    video = owner_client.get(
        f"/form-checks/{check.pk}/annotated.mp4", headers={"range": "bytes=0-11"}
    )
    assert video.status_code == 206
    assert b"ftyp" in b"".join(video.streaming_content)
