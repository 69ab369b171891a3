"""JSON routes for imports: ``POST /api/imports`` (multipart) and its confirm.

The preview answer lists each activity with its matched session and the backward time
and completion computed from its laps; nothing reaches the log book until confirm.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import File, Path, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError
from pydantic import Field

from backstride.export.text import mib_text
from backstride.web.api.auth import api_auth
from backstride.web.api.schemas import Message, ObjectId
from backstride.web.imports import services
from backstride.web.imports.models import ImportUpload

router = Router(auth=api_auth, tags=["imports"])


class StepOut(Schema):
    name: str
    planned_s: float
    actual_s: float
    skipped: bool


class ItemOut(Schema):
    fingerprint: str
    file_name: str
    format: str
    sport: str
    start: str
    date: str
    duration_s: float
    distance_m: float | None
    has_gps: bool
    device: str | None
    laps: int
    warnings: list[str]
    duplicate: bool
    problem: str
    session_uid: str | None
    session_title: str | None
    session_date: str | None
    method: str
    minutes: float
    backward_seconds: float
    backward_meters: float
    completed_fraction: float
    steps: list[StepOut]
    flags: list[str] = Field(default_factory=list)
    flag_texts: list[str] = Field(default_factory=list)


class PreviewOut(Schema):
    id: int
    file_name: str
    items: list[ItemOut]
    problems: list[str]


class ConfirmOut(Schema):
    log_ids: list[int]
    problems: list[str]


@router.post(
    "/imports",
    response={201: PreviewOut, 400: Message},
    summary="Upload a FIT/GPX/TCX file or a zip; get the matched preview",
)
def create_import(request: HttpRequest, file: File[UploadedFile]) -> Status:
    if file.size is not None and file.size > services.MAX_UPLOAD_BYTES:
        raise HttpError(400, f"{file.name} is larger than {mib_text(services.MAX_UPLOAD_BYTES)}.")
    try:
        upload = services.preview(request.user, file.read(), file.name or "upload")
    except ValueError as exc:
        raise HttpError(400, str(exc)) from None
    return Status(201, _preview(upload))


@router.post(
    "/imports/{upload_id}/confirm",
    response={201: ConfirmOut, 400: Message, 404: Message},
    summary="Save the previewed activities as log entries",
)
def confirm_import(request: HttpRequest, upload_id: Path[ObjectId]) -> Status:
    # Filtering by owner makes someone else's upload indistinguishable from a missing one.
    upload = get_object_or_404(ImportUpload, pk=upload_id, athlete=request.user)
    try:
        created, problems = services.confirm(upload, request.user, timezone.localdate())
    except ValueError as exc:
        raise HttpError(400, str(exc)) from None
    return Status(201, {"log_ids": [e.pk for e in created], "problems": problems})


class UndoOut(Schema):
    removed: int


@router.post(
    "/imports/{upload_id}/undo",
    response={200: UndoOut, 400: Message, 404: Message},
    url_name="undo_import",
    summary="Undo a confirmed import: remove the logs it made",
)
def undo_import(request: HttpRequest, upload_id: Path[ObjectId]) -> dict[str, int]:
    upload = get_object_or_404(ImportUpload, pk=upload_id, athlete=request.user)
    try:
        removed = services.undo(upload, request.user, timezone.localdate())
    except ValueError as exc:
        raise HttpError(400, str(exc)) from None
    return {"removed": removed}


def _preview(upload: ImportUpload) -> dict[str, Any]:
    return {
        "id": upload.pk,
        "file_name": upload.file_name,
        "items": upload.items,
        "problems": upload.problems,
    }
