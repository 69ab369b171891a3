"""Where a balance video's files live: ``MEDIA_ROOT/balance-videos/<id>/``.

The upload rules (type, size) are the form check's (``analysis.files.upload_problem``):
one set of rules for every video the site takes.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from backstride.web.analysis.files import safe_extension, upload_problem

__all__ = ["folder", "frame_path", "keypoints_path", "store_upload", "upload_problem"]


def folder(video_id: int) -> Path:
    return Path(settings.MEDIA_ROOT) / "balance-videos" / str(video_id)


def keypoints_path(video_id: int) -> Path:
    return folder(video_id) / "keypoints.csv"


def frame_path(video_id: int, index: int) -> Path:
    return folder(video_id) / "frames" / f"{index:05d}.jpg"


def store_upload(video_id: int, upload: UploadedFile) -> str:
    """Write the upload in chunks; returns its path relative to MEDIA_ROOT."""
    target = folder(video_id) / f"upload{safe_extension(upload.name or '')}"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return str(target.relative_to(Path(settings.MEDIA_ROOT)))


def remove(video_id: int) -> None:
    shutil.rmtree(folder(video_id), ignore_errors=True)


def remove_after_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    """post_delete: the files go once the deletion is committed."""
    video_id = instance.pk
    transaction.on_commit(lambda: remove(video_id))
