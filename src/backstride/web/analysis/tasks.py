"""The background task that analyses an uploaded video (django-tasks, database queue).

Runs in the ``backstride serve`` worker thread or a ``backstride worker`` process. The
record always ends ``done`` with its summary or ``failed`` with a sentence saying why:
``analyze_video`` writes its files atomically, so a failure leaves no half report.
The check is claimed with a lease that a heartbeat renews while the analysis runs
(:mod:`backstride.web.analysis.lease`): if the worker dies, another one runs it again.
"""

from __future__ import annotations

import logging
import time

from django.utils import timezone
from django_tasks import task

from backstride.video.pipeline import analyze_video
from backstride.web.analysis import files, lease
from backstride.web.analysis.models import FormCheck, Status
from backstride.web.analysis.services import summary_fields

logger = logging.getLogger(__name__)

UNEXPECTED = (
    "The analysis stopped because of a problem on our side, not with your video. "
    "Try uploading it again later."
)


def _finish(check_id: int, token: str | None = None, **fields: object) -> bool:
    """Write the outcome; False when the check was deleted or is no longer ours.

    With a lease ``token`` only the lease holder writes: a worker that lost its lease
    (paused too long, then resumed) must not overwrite the run that took over.
    """
    fields.update(finished_at=timezone.now(), lease_token="", lease_expires_at=None)
    if token is None:
        unfinished = FormCheck.objects.filter(pk=check_id, status=Status.QUEUED)
    else:
        unfinished = FormCheck.objects.filter(pk=check_id, status=Status.RUNNING, lease_token=token)
    return unfinished.update(**fields) == 1


@task()
def analyse_form_check(check_id: int) -> str:
    """Analyse check ``check_id`` into its media folder and store the summary.

    Returns the final status (or ``gone`` for a check deleted before it ran) so the
    task result shows what happened.
    """
    check = FormCheck.objects.filter(pk=check_id).first()
    if check is None:
        return "gone"
    if check.finished:
        return check.status
    if not check.upload_path:
        _finish(
            check_id, status=Status.FAILED, error="The uploaded video is missing; upload it again."
        )
        return Status.FAILED
    token = lease.claim(check_id)
    if token is None:  # another worker holds it, or it finished meanwhile
        return (
            FormCheck.objects.filter(pk=check_id).values_list("status", flat=True).first() or "gone"
        )
    folder = files.check_folder(check_id)
    source = files.media_root() / check.upload_path
    out_dir = folder / "report"
    started = time.perf_counter()
    try:
        with lease.heartbeat(check_id, token):
            analysis = analyze_video(
                source, out_dir, source_name=check.original_name, slowmo=check.slowmo_factor
            )
    except ValueError as exc:  # VideoError, KeypointError: the person can act on these
        message = str(exc).replace(str(source), check.original_name)
        message = message.replace(source.name, check.original_name)
        if _finish(check_id, token, status=Status.FAILED, error=message, upload_path=""):
            files.remove_folder(check_id)  # a failed check leaves no (empty) folder
        return Status.FAILED
    except Exception:
        logger.exception("form check %s: analysis failed", check_id)
        if _finish(check_id, token, status=Status.FAILED, error=UNEXPECTED, upload_path=""):
            files.remove_folder(check_id)
        return Status.FAILED
    summary = summary_fields(analysis.to_dict())
    if summary["processing_s"] is None:
        summary["processing_s"] = round(time.perf_counter() - started, 3)
    report_dir = str(out_dir.relative_to(files.media_root()))
    if not _finish(
        check_id,
        token,
        status=Status.DONE,
        error="",
        report_dir=report_dir,
        upload_path="",
        **summary,
    ):
        if not FormCheck.objects.filter(pk=check_id).exists():
            files.remove_folder(check_id)  # deleted meanwhile: leave no orphan files
            return "gone"
        return "superseded"  # lease lost: the run that took over owns the files now
    source.unlink(missing_ok=True)  # the annotated copy is what is kept and shown
    return Status.DONE
