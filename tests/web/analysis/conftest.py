"""Form-check fixtures: a private media folder per test, and checks in each state."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from backstride.web.analysis.files import check_folder
from backstride.web.analysis.models import FormCheck, Status
from backstride.web.analysis.services import summary_fields

# A report.json as the pipeline writes it, cut down to what the web app reads.
REPORT = {
    "locomotion": {"direction": "backward", "gait": "walk"},
    "cadence_spm": 104.5,
    "cues": [
        {
            "cue": "direction",
            "verdict": "ok",
            "value": "backward",
            "unit": "",
            "target": "backward",
            "tip": "Moving backward as intended.",
            "reason": None,
        },
        {
            "cue": "posture",
            "verdict": "ok",
            "value": 4.2,
            "unit": "deg",
            "target": "0 to 10 deg",
            "tip": "Chest over toes: good.",
            "reason": None,
        },
        {
            "cue": "foot_strike",
            "verdict": "fix",
            "value": 75.0,
            "unit": "% heel",
            "target": "no more than 10 %",
            "tip": "Land toes first.",
            "reason": None,
        },
        {
            "cue": "stride_length",
            "verdict": "watch",
            "value": 0.4,
            "unit": "x height",
            "target": "up to 0.35",
            "tip": "Shorter steps.",
            "reason": None,
        },
        {
            "cue": "shoulder_checks",
            "verdict": None,
            "value": None,
            "unit": "checks/min",
            "target": "a look back every 5-15 s",
            "tip": "No verdict for this cue.",
            "reason": "clip too short",
        },
    ],
    "warnings": ["The person is small in the picture."],
    "fps": 30.0,
    "duration_s": 6.2,
    "video": {"source": "/srv/media/form-checks/1/upload.mp4", "processing_s": 5.5},
}


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    """Each test writes its uploads and reports into its own temporary folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def video_upload(name: str = "run.mp4", content: bytes = b"\x00" * 2048) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="video/mp4")


def make_check(athlete: object, status: str = Status.QUEUED, **fields: Any) -> FormCheck:
    return FormCheck.objects.create(
        athlete=athlete, uploaded_by=athlete, status=status, original_name="run.mp4", **fields
    )


def make_done_check(athlete: object, video_bytes: bytes = b"0123456789" * 100) -> FormCheck:
    """A finished check with real files on disk, as the task leaves one."""
    check = make_check(athlete, Status.DONE, **summary_fields(REPORT))
    folder = check_folder(check.pk) / "report"
    folder.mkdir(parents=True)
    (folder / "report.json").write_text(json.dumps(REPORT))
    (folder / "report.html").write_text(
        "<!doctype html><title>Report</title><h1>Olive's report</h1>"
    )
    (folder / "annotated.mp4").write_bytes(video_bytes)
    check.report_dir = f"form-checks/{check.pk}/report"
    check.save(update_fields=["report_dir"])
    return check
