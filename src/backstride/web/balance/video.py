"""A filmed balance test on the web: upload, then time it with the person's lines.

Every step calls the library the command line calls (``backstride balance``): the
worker runs ``video.extract.extract_keypoints``; here ``gait.walk_test.BackwardWalkTimer``
finds the start and end from the stored keypoints and ``move`` puts them where the
person chose; the time is saved through ``services.record_test`` (so a 0 s or 200 s
trial is refused by ``balance_test.check_trial`` and nothing is written).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from backstride.gait.io import read_keypoints
from backstride.gait.walk_test import BackwardWalkTimer, Lines, WalkTestError
from backstride.web.balance import files, services
from backstride.web.balance.models import BalanceSource, BalanceTest, BalanceVideo, VideoStatus


class VideoRefused(ValueError):
    """The upload or the marking cannot be used; the message says why, in a sentence."""


def create_video(
    athlete: AbstractBaseUser, upload: UploadedFile | None, uploaded_by: AbstractBaseUser
) -> BalanceVideo:
    """Store the upload and queue it for the worker; nothing is kept when anything fails."""
    problem = files.upload_problem(upload)
    if problem:
        raise VideoRefused(problem)
    from backstride.web.balance.tasks import analyse_balance_video

    video_id = None
    try:
        with transaction.atomic():
            video = BalanceVideo.objects.create(
                athlete=athlete,
                uploaded_by=uploaded_by,
                original_name=(upload.name or "video")[-255:],
            )
            video_id = video.pk
            video.upload_path = files.store_upload(video.pk, upload)
            video.save(update_fields=["upload_path"])
            analyse_balance_video.enqueue(video.pk)
    except BaseException:
        if video_id is not None:
            files.remove(video_id)
        raise
    return video


@dataclass(frozen=True)
class Marking:
    """What the person gave: two lines (image pixels) or a leg length, and moved frames."""

    start_line: float | None = None
    end_line: float | None = None
    leg_length_m: float | None = None
    start_frame: int | None = None
    end_frame: int | None = None


def _number(raw: str | None, what: str) -> float | None:
    if raw is None or not str(raw).strip():
        return None
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise VideoRefused(f"{what} must be a number (got {raw!r})")
    return value


def _frame(raw: str | None, what: str) -> int | None:
    if raw is None or not str(raw).strip():
        return None
    if not str(raw).strip().isdigit():
        raise VideoRefused(f"the {what} frame must be a frame number, 0 or more (got {raw!r})")
    return int(raw)


def marking_from(data: dict) -> Marking:
    """Parse the form (or API) fields into a marking; the same rules as the CLI options."""
    start = _number(data.get("start_line"), "the start line")
    end = _number(data.get("end_line"), "the 3 m line")
    leg = _number(data.get("leg_length"), "the leg length")
    if (start is None) != (end is None):
        raise VideoRefused("tap both lines (start and 3 m) on the picture, or give a leg length")
    if start is not None and leg is not None:
        leg = None  # the lines measure the floor; the ruler is only the fallback
    if start is None and leg is None:
        raise VideoRefused("tap the start and the 3 m line on the picture, or give a leg length")
    return Marking(
        start,
        end,
        leg,
        _frame(data.get("start_frame"), "start"),
        _frame(data.get("end_frame"), "end"),
    )


def time_video(video: BalanceVideo, marking: Marking) -> BackwardWalkTimer:
    """Detect the start and end with the person's lines, then move them if they chose to."""
    if video.status != VideoStatus.DONE or not files.keypoints_path(video.pk).is_file():
        raise VideoRefused("This video is not ready to be timed.")
    series = read_keypoints(files.keypoints_path(video.pk))
    if video.image_width:
        series.meta["image_width"] = video.image_width
    lines = Lines(marking.start_line, marking.end_line) if marking.start_line is not None else None
    try:
        timer = BackwardWalkTimer().detect(series, lines=lines, leg_length_m=marking.leg_length_m)
        if marking.start_frame is not None or marking.end_frame is not None:
            timer.move(marking.start_frame, marking.end_frame)
    except WalkTestError as exc:
        raise VideoRefused(str(exc)) from None
    return timer


def save_video_test(
    video: BalanceVideo,
    marking: Marking,
    recorded_by: AbstractBaseUser,
    *,
    present: str,
    helper_confirmed: bool,
    group: str | None,
    taken_on: dt.date,
) -> BalanceTest:
    """Time the video as marked and save it as one timed walk of a test."""
    if video.test_id is not None:
        raise VideoRefused("This video's time is already saved.")
    timer = time_video(video, marking)
    with transaction.atomic():
        test = services.record_test(
            video.athlete,
            recorded_by,
            trials_s=[timer.duration_s_],
            near_fall=False,
            present=present,
            helper_confirmed=helper_confirmed,
            group=group,
            source=BalanceSource.VIDEO,
            taken_on=taken_on,
        )
        updated = BalanceVideo.objects.filter(pk=video.pk, test__isnull=True).update(test=test)
        if updated != 1:
            raise VideoRefused("This video's time is already saved.")
    return test
