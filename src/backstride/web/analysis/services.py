"""Creating form checks, reading their summary, and deciding who may see one.

Views and the API both go through here, so the upload rules, the access rule and the
way report.json becomes a summary are written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404, HttpRequest

from backstride.web.analysis import files, lease
from backstride.web.analysis.models import FormCheck, Status
from backstride.web.learn.links import cue_url, learn_url
from backstride.web.sharing.access import MAX_DB_INT, athlete_for

# The gait engine's cue names -> the Learn cue ids of backstride.web.learn.links.
GAIT_CUE_IDS: dict[str, str] = {
    "posture": "posture",
    "head": "look",
    "shoulder_checks": "look",
    "arm_angle": "arms",
    "arm_rhythm": "arms",
    "foot_strike": "foot",
    "leg_drive": "drive",
    "knee_lift": "drive",
    "stride_length": "stride",
    "cadence": "stride",
}
CUE_LABELS: dict[str, str] = {
    "direction": "Direction",
    "posture": "Posture",
    "head": "Head and gaze",
    "shoulder_checks": "Looks over the shoulder",
    "arm_angle": "Elbow angle",
    "arm_rhythm": "Arm rhythm",
    "foot_strike": "Landing",
    "leg_drive": "Leg drive",
    "knee_lift": "Knee lift",
    "stride_length": "Step length",
    "cadence": "Step rate",
}


class UploadRefused(ValueError):
    """The upload breaks a rule (type, size); the message says which, in a sentence."""


SLOWMO_RANGE = (1.0, 64.0)


def parse_slowmo(raw: str | float | None) -> float | None:
    """The slow-motion factor from the form (blank = None), or UploadRefused saying why."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = float(raw)
    except (TypeError, ValueError):
        value = float("nan")
    if not SLOWMO_RANGE[0] <= value <= SLOWMO_RANGE[1]:
        raise UploadRefused(
            "The slow-motion factor must be a number from 1 to 64 (4 for a clip filmed at "
            "120 fps and played at 30); leave it empty for a normal video."
        )
    return value


def create_check(
    athlete: AbstractBaseUser,
    upload: UploadedFile | None,
    uploaded_by: AbstractBaseUser | None = None,
    max_bytes: int = files.MAX_UPLOAD_BYTES,
    slowmo: str | float | None = None,
) -> FormCheck:
    """Store the upload and queue its analysis; nothing is kept when anything fails.

    ``slowmo`` is the slow-motion factor as typed (empty = none given).
    """
    problem = files.upload_problem(upload, max_bytes)
    if problem:
        raise UploadRefused(problem)
    factor = parse_slowmo(slowmo)
    from backstride.web.analysis.tasks import analyse_form_check

    check_id = None
    try:
        with transaction.atomic():
            check = FormCheck.objects.create(
                athlete=athlete,
                uploaded_by=uploaded_by or athlete,
                original_name=(upload.name or "video")[-255:],
                size_bytes=upload.size,
                slowmo_factor=factor,
            )
            check_id = check.pk
            check.upload_path = files.store_upload(check.pk, upload)
            check.save(update_fields=["upload_path"])
            # Same database as the row: the worker sees the task only once both commit.
            result = analyse_form_check.enqueue(check.pk)
            check.task_id = str(result.id)
            check.save(update_fields=["task_id"])
    except BaseException:
        if check_id is not None:
            files.remove_folder(check_id)
        raise
    return check


def check_for(request: HttpRequest, check_id: int) -> FormCheck:
    """The check if the request's user is its athlete or their linked coach, else 404."""
    if not 1 <= check_id <= MAX_DB_INT:
        raise Http404("No such form check.")
    check = FormCheck.objects.filter(pk=check_id).first()
    if check is None:
        raise Http404("No such form check.")
    athlete_for(request, check.athlete_id)  # raises Http404 for anyone else
    if check.status == Status.RUNNING and lease.recover_lost_checks([check.pk]):
        check.refresh_from_db()  # its worker died: say so now, not when one notices
    return check


def recent_checks(athlete: AbstractBaseUser, limit: int = 5) -> list[FormCheck]:
    lease.recover_lost_checks()
    return list(FormCheck.objects.filter(athlete=athlete)[:limit])


@dataclass(frozen=True)
class CueRow:
    """One cue verdict ready for a page: label, verdict, measured value and its Learn link."""

    cue: str
    label: str
    verdict: str | None
    value: str
    target: str
    tip: str
    reason: str | None
    learn_url: str


def cue_learn_url(cue: str) -> str:
    """Every gait cue links to the Learn section that explains it."""
    if cue == "direction":
        return learn_url("form", "first-steps")
    return cue_url(GAIT_CUE_IDS.get(cue, "posture")) or learn_url("form")


def _value_text(value: Any, unit: str) -> str:
    if value is None:
        return "–"
    return f"{value} {unit}".strip()


def cue_rows(check: FormCheck) -> list[CueRow]:
    return [
        CueRow(
            cue=str(c.get("cue", "")),
            label=CUE_LABELS.get(str(c.get("cue")), str(c.get("cue", "")).replace("_", " ")),
            verdict=c.get("verdict"),
            value=_value_text(c.get("value"), str(c.get("unit") or "")),
            target=str(c.get("target") or ""),
            tip=str(c.get("tip") or ""),
            reason=c.get("reason"),
            learn_url=cue_learn_url(str(c.get("cue", ""))),
        )
        for c in check.cues
        if isinstance(c, dict)
    ]


def summary_fields(document: dict[str, Any]) -> dict[str, Any]:
    """The FormCheck fields taken from a report.json document."""
    cues = [c for c in document.get("cues", []) if isinstance(c, dict)]
    verdicts = [c.get("verdict") for c in cues]
    video = document.get("video") or {}
    locomotion = document.get("locomotion") or {}
    return {
        "direction": str(locomotion.get("direction") or "")[:20],
        "gait": str(locomotion.get("gait") or "")[:20],
        "cadence_spm": document.get("cadence_spm"),
        "ok_count": verdicts.count("ok"),
        "watch_count": verdicts.count("watch"),
        "fix_count": verdicts.count("fix"),
        "unknown_count": sum(v is None for v in verdicts),
        "cues": cues,
        "warnings": [str(w) for w in document.get("warnings", [])],
        "duration_s": document.get("duration_s"),
        "fps": document.get("fps"),
        "processing_s": video.get("processing_s"),
    }


def to_dict(check: FormCheck) -> dict[str, Any]:
    """The API's view of a check; file links only once there are files."""
    base = f"/form-checks/{check.pk}/"
    done = check.status == Status.DONE
    return {
        "id": check.pk,
        "athlete": check.athlete_id,
        "status": check.status,
        "error": check.error or None,
        "original_name": check.original_name,
        "size_bytes": check.size_bytes,
        "created_at": check.created_at.isoformat(),
        "started_at": check.started_at.isoformat() if check.started_at else None,
        "finished_at": check.finished_at.isoformat() if check.finished_at else None,
        "direction": check.direction or None,
        "gait": check.gait or None,
        "cadence_spm": check.cadence_spm,
        "verdicts": check.verdict_counts,
        "cues": [{**c, "learn_url": cue_learn_url(str(c.get("cue")))} for c in check.cues],
        "warnings": check.warnings,
        "duration_s": check.duration_s,
        "fps": check.fps,
        "processing_s": check.processing_s,
        "page_url": base,
        "report_url": f"{base}report.html" if done else None,
        "video_url": f"{base}annotated.mp4" if done else None,
    }
