"""Where a form check's files live, how an upload is checked and stored, how they go.

Everything of one check sits in ``MEDIA_ROOT/form-checks/<id>/``: the upload as
``upload<ext>`` and the analysis outputs beside it. One folder per check makes deleting
a check (or a whole account) one ``rmtree``.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from backstride.export.text import mib_text

MAX_UPLOAD_BYTES = 200 * 1024 * 1024
VIDEO_EXTENSIONS = frozenset({".mp4", ".mov", ".m4v", ".avi", ".mkv", ".webm", ".3gp", ".mts"})
OUTPUT_FILES = ("report.html", "report.json", "annotated.mp4", "keypoints.csv")


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def check_folder(check_id: int) -> Path:
    return media_root() / "form-checks" / str(check_id)


def upload_problem(upload: UploadedFile | None, max_bytes: int = MAX_UPLOAD_BYTES) -> str | None:
    """Why this upload cannot be taken, in one sentence, or None when it can.

    Only the name, declared type and size are checked here: whether the bytes really
    are a video is for the decoder to say, and its message is shown on the check's page.
    """
    if upload is None:
        return "Choose a video file to upload."
    name = upload.name or ""
    ext = Path(name).suffix.lower()
    declared = (upload.content_type or "").lower()
    if not (declared.startswith("video/") or ext in VIDEO_EXTENSIONS):
        known = ", ".join(sorted(VIDEO_EXTENSIONS))
        return f"{name or 'That file'} is not a video: upload a phone clip ({known})."
    if upload.size == 0:
        return f"{name} is empty."
    if upload.size > max_bytes:
        return (
            f"{name} is {mib_text(upload.size)}; the limit is {mib_text(max_bytes)}. "
            "Trim the clip to the part where you move (10-30 s is plenty)."
        )
    return None


def safe_extension(name: str) -> str:
    """The stored file's extension: a known video one, else ``.video`` (never the user's)."""
    ext = Path(name).suffix.lower()
    return ext if ext in VIDEO_EXTENSIONS else ".video"


def store_upload(check_id: int, upload: UploadedFile) -> str:
    """Write the upload in chunks (never whole into memory); returns its MEDIA_ROOT path."""
    folder = check_folder(check_id)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"upload{safe_extension(upload.name or '')}"
    with target.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return str(target.relative_to(media_root()))


def remove_folder(check_id: int) -> None:
    shutil.rmtree(check_folder(check_id), ignore_errors=True)


def remove_folder_after_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    """post_delete: the files go once the deletion is committed (a rollback keeps them)."""
    check_id = instance.pk
    transaction.on_commit(lambda: remove_folder(check_id))


def output_file(report_dir: str, name: str) -> Path | None:
    """An analysis output of a check, or None when it is not (or no longer) there."""
    if not report_dir or name not in OUTPUT_FILES:
        return None
    path = media_root() / report_dir / name
    return path if path.is_file() else None
