"""The background task that analyses an uploaded video (django-tasks, database queue).

Runs in the ``backstride serve`` worker thread or a ``backstride worker`` process. The
record always ends ``done`` with its summary or ``failed`` with a sentence saying why:
``analyze_video`` writes its files atomically, so a failure leaves no half report.
"""

from __future__ import annotations

import logging
import time

from django.utils import timezone
from django_tasks import task

from backstride.video.pipeline import analyze_video
from backstride.web.analysis import files
from backstride.web.analysis.models import FormCheck, Status
from backstride.web.analysis.services import summary_fields

logger = logging.getLogger(__name__)

UNEXPECTED = (
    "The analysis stopped because of a problem on our side, not with your video. "
    "Try uploading it again later."
)


def _finish(check_id: int, **fields: object) -> bool:
    """Write the outcome; False when the check was deleted while it ran."""
    fields["finished_at"] = timezone.now()
    # Only an unfinished check takes an outcome: one already failed as stalled keeps it.
    unfinished = FormCheck.objects.filter(pk=check_id, status__in=[Status.QUEUED, Status.RUNNING])
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
    FormCheck.objects.filter(pk=check_id).update(status=Status.RUNNING, started_at=timezone.now())
    folder = files.check_folder(check_id)
    source = files.media_root() / check.upload_path
    out_dir = folder / "report"
    started = time.perf_counter()
    try:
        analysis = analyze_video(
            source, out_dir, source_name=check.original_name, slowmo=check.slowmo_factor
        )
    except ValueError as exc:  # VideoError, KeypointError: the person can act on these
        message = str(exc).replace(str(source), check.original_name)
        message = message.replace(source.name, check.original_name)
        _finish(check_id, status=Status.FAILED, error=message, upload_path="")
        return Status.FAILED
    except Exception:
        logger.exception("form check %s: analysis failed", check_id)
        _finish(check_id, status=Status.FAILED, error=UNEXPECTED, upload_path="")
        return Status.FAILED
    finally:
        source.unlink(missing_ok=True)  # the annotated copy is what is kept and shown
    summary = summary_fields(analysis.to_dict())
    if summary["processing_s"] is None:
        summary["processing_s"] = round(time.perf_counter() - started, 3)
    report_dir = str(out_dir.relative_to(files.media_root()))
    if not _finish(
        check_id, status=Status.DONE, error="", report_dir=report_dir, upload_path="", **summary
    ):
        files.remove_folder(check_id)  # deleted meanwhile: leave no orphan files
        return "gone"
    return Status.DONE
