"""The background task that turns a filmed balance test into keypoints and stills.

Queued exactly like the form check's ``analyse_form_check`` (django-tasks, database
queue, run by the ``backstride serve`` worker thread or ``backstride worker``). The pose
pass is the library's ``video.extract.extract_keypoints``, as in ``backstride balance``;
the timing itself runs later, on the page, once the person has marked the lines, with
the same ``gait.walk_test.BackwardWalkTimer``. A video in which nobody walks backward
is refused here already, with the timer's own sentence.
"""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task

from backstride.gait.io import write_keypoints
from backstride.gait.walk_test import BackwardWalkTimer, WalkTestError
from backstride.video.extract import extract_keypoints
from backstride.video.pipeline import lean_threads
from backstride.video.stills import write_stills
from backstride.web.balance import files
from backstride.web.balance.models import BalanceVideo, VideoStatus

logger = logging.getLogger(__name__)

UNEXPECTED = (
    "The video could not be read because of a problem on our side, not with your video. "
    "Try uploading it again later."
)
# Timer refusals that no line or leg length can change: said now, not after marking.
REFUSED_AT_ONCE = ("no backward movement", "the person is already moving", "the hips", "the heels")


def _finish(video_id: int, **fields: object) -> bool:
    fields["finished_at"] = timezone.now()
    unfinished = BalanceVideo.objects.filter(
        pk=video_id, status__in=[VideoStatus.QUEUED, VideoStatus.RUNNING]
    )
    return unfinished.update(**fields) == 1


def early_refusal(series) -> str | None:
    """The timer's sentence when no marking could make this clip a backward walk."""
    try:
        BackwardWalkTimer().detect(series, leg_length_m=0.9)
    except WalkTestError as exc:
        message = str(exc)
        if message.startswith(REFUSED_AT_ONCE) or "no heel points" in message:
            return message
    return None


@task()
def analyse_balance_video(video_id: int) -> str:
    """Keypoints and stills for video ``video_id``; returns the final status (or ``gone``)."""
    video = BalanceVideo.objects.filter(pk=video_id).first()
    if video is None:
        return "gone"
    if video.status not in (VideoStatus.QUEUED, VideoStatus.RUNNING):
        return video.status
    if not video.upload_path:
        _finish(video_id, status=VideoStatus.FAILED, error="The upload is missing; upload again.")
        return VideoStatus.FAILED
    BalanceVideo.objects.filter(pk=video_id).update(status=VideoStatus.RUNNING)
    source = files.folder(video_id).parent.parent / video.upload_path
    try:
        with lean_threads():
            series = extract_keypoints(source)
        refusal = early_refusal(series)
        if refusal is None:
            write_keypoints(series, files.keypoints_path(video_id))
            write_stills(source, series.times_s, lambda i: files.frame_path(video_id, i))
    except ValueError as exc:  # VideoError and friends: a sentence the person can act on
        message = str(exc).replace(str(source), video.original_name)
        message = message.replace(source.name, video.original_name)
        _finish(video_id, status=VideoStatus.FAILED, error=message, upload_path="")
        files.remove(video_id)
        return VideoStatus.FAILED
    except Exception:
        logger.exception("balance video %s: analysis failed", video_id)
        _finish(video_id, status=VideoStatus.FAILED, error=UNEXPECTED, upload_path="")
        files.remove(video_id)
        return VideoStatus.FAILED
    finally:
        source.unlink(missing_ok=True)
    if refusal is not None:
        _finish(video_id, status=VideoStatus.FAILED, error=refusal, upload_path="")
        files.remove(video_id)
        return VideoStatus.FAILED
    done = _finish(
        video_id,
        status=VideoStatus.DONE,
        error="",
        upload_path="",
        fps=float(series.fps),
        image_width=series.video.image_width,
        image_height=series.video.image_height,
        frame_times=[round(float(t), 4) for t in series.times_s],
    )
    if not done:
        files.remove(video_id)
        return "gone"
    return VideoStatus.DONE
