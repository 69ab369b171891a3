"""``backstride analyze VIDEO``: keypoints, gait analysis, annotated video, reports.

Everything is written into a hidden temporary folder next to the output folder and
moved into place only when every file is complete, so a failure (bad file, nobody
walking, disk full, Ctrl-C) leaves the output folder as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from backstride.gait.analysis import GaitReport, analyze
from backstride.gait.io import write_keypoints
from backstride.gait.keypoints import KeypointSeries
from backstride.video.decode import key_frame_times, nearest_key_frame, probe
from backstride.video.extract import (
    FRAME_MAX_SIDE,
    ProgressFn,
    clip_limit,
    extract_keypoints,
    no_progress,
    written_proxy,
)
from backstride.video.parallel import Helper, worker_count
from backstride.video.render import Contact, render_annotated

# Above this many pixels a frame (1440p), the pose pass keeps a shrunk H.264 copy and
# annotated.mp4 is drawn on that copy instead of decoding the source a third time:
# decoding one 4K H.264 frame costs about five times encoding and decoding it at 1280 px.
PROXY_MIN_PIXELS = 2560 * 1440

VIDEO_FACT_KEYS: tuple[str, ...] = (
    "source",
    "image_width",
    "image_height",
    "rotation_deg",
    "codec",
    "fps",
    "frames",
    "duration_s",
    "frames_with_person",
    "people_seen",
    "person",
    "person_height_px",
    "person_span_s",
    "absent_spans_s",
    "max_seconds",
    "backend",
)


@contextmanager
def lean_threads() -> Iterator[None]:
    """Keep OpenCV to one thread while a video is analysed, then restore its setting.

    One analysis already spreads over two cores by itself (a read-ahead decoding thread
    beside the pose model, MediaPipe's own graph threads). OpenCV's thread pool on top
    of that only oversubscribes the machine when two videos are analysed at once.
    """
    before = cv2.getNumThreads()
    cv2.setNumThreads(1)
    try:
        yield
    finally:
        cv2.setNumThreads(before)


@dataclass
class VideoAnalysis:
    """What ``analyze_video`` produced: the parsed results and where the files went."""

    series: KeypointSeries
    report: GaitReport
    document: dict
    files: list[Path] = field(default_factory=list)


def video_facts(series: KeypointSeries, timings_s: dict[str, float]) -> dict:
    """The ``video`` block of report.json: source facts and where the time went."""
    facts = {k: series.meta.get(k) for k in VIDEO_FACT_KEYS}
    facts["processing_s"] = round(sum(timings_s.values()), 3)
    facts["timings_s"] = {k: round(v, 3) for k, v in timings_s.items()}
    facts["warnings"] = list(series.meta.get("warnings", []))
    return facts


def analyze_video(
    video: str | Path,
    out_dir: str | Path,
    *,
    person: str = "moves",
    max_seconds: float | None = None,
    annotated: bool = True,
    html: bool = True,
    progress: ProgressFn = no_progress,
    workers: int | None = None,
) -> VideoAnalysis:
    """Analyse one video and write report.json, keypoints.csv, annotated.mp4, report.html.

    ``workers``: processes working on the video (default: two on a machine with two or
    more cores, see :mod:`backstride.video.parallel`; 1 keeps everything in this one).

    Raises ``ValueError`` subclasses (VideoError, KeypointError) with a user-facing
    message when the video cannot be analysed; nothing is written in that case, and
    the same holds for any other failure or Ctrl-C part-way (the temporary folder is
    removed on the way out).
    """
    with lean_threads():
        return _analyze_video(
            Path(video),
            Path(out_dir),
            person=person,
            max_seconds=max_seconds,
            annotated=annotated,
            html=html,
            progress=progress,
            workers=workers,
        )


def _analyze_video(
    video: Path,
    out_dir: Path,
    *,
    person: str,
    max_seconds: float | None,
    annotated: bool,
    html: bool,
    progress: ProgressFn,
    workers: int | None,
) -> VideoAnalysis:
    video, out_dir = Path(video), Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise ValueError(f"--out {out_dir} is a file, not a folder")
    parent = out_dir.parent if out_dir.parent != Path("") else Path(".")
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".part", dir=parent))
    helper: Helper | None = None
    try:
        info = probe(video)
        limit, _ = clip_limit(info.duration_s, max_seconds)
        end_s = info.duration_s if limit is None else min(info.duration_s, limit)
        if worker_count(workers, end_s) > 1:
            # Started first: it loads MediaPipe while this process starts the scan.
            helper = Helper.start()
        proxy = (
            tmp / ".frames.mp4"
            if annotated and info.width * info.height > PROXY_MIN_PIXELS
            else None
        )
        series = extract_keypoints(
            video,
            person=person,
            max_seconds=max_seconds,
            progress=progress,
            proxy=proxy,
            workers=workers,
            helper=helper,
        )
        timings = dict(series.meta.get("timings_s", {}))
        timings.pop("total_s", None)
        t0 = time.perf_counter()
        report = analyze(series)
        timings["analysis_s"] = time.perf_counter() - t0
        write_keypoints(series, tmp / "keypoints.csv")
        keyframes: dict[float, np.ndarray] = {}
        if annotated:
            t0 = time.perf_counter()
            contacts = [
                Contact(c["time_s"], c["foot"], c.get("strike") or "") for c in report.contacts
            ]
            render_annotated(
                written_proxy(proxy) if proxy else video,
                series,
                tmp / "annotated.mp4",
                contacts=contacts,
                max_seconds=series.meta.get("max_seconds", max_seconds),
                progress=lambda stage, done, _: progress(stage, done, series.meta["frames"]),
                keyframes=keyframes,
                # The copy's frames are the pose pass's: shrunk to FRAME_MAX_SIDE.
                pixel_scale=_shrink(info.width, info.height) if proxy else None,
                helper=helper,
                split_s=nearest_key_frame(key_frame_times(video, limit), end_s / 2, end_s / 4)
                if helper is not None
                else None,
            )
            if proxy:
                for part in written_proxy(proxy):
                    part.unlink()
            timings["render_s"] = time.perf_counter() - t0
        document = report.to_dict()
        document["video"] = video_facts(series, timings)
        document["warnings"] = document["video"]["warnings"] + document["warnings"]
        if html:
            from backstride.video.report_html import build_report_html

            (tmp / "report.html").write_text(
                build_report_html(document, report, keyframes), encoding="utf-8"
            )
        (tmp / "report.json").write_text(json.dumps(document, indent=2), encoding="utf-8")
        files = _move_into_place(tmp, out_dir)
    finally:
        if helper is not None:
            helper.close()
        shutil.rmtree(tmp, ignore_errors=True)
    return VideoAnalysis(series=series, report=report, document=document, files=files)


def _shrink(width: int, height: int) -> float:
    """Scale of the pose pass's frames (see ``iter_frames(max_side=FRAME_MAX_SIDE)``)."""
    return min(1.0, FRAME_MAX_SIDE / max(width, height))


def _move_into_place(tmp: Path, out_dir: Path) -> list[Path]:
    """Rename every finished file from ``tmp`` into ``out_dir`` (same file system)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    moved = []
    for f in sorted(tmp.iterdir()):
        target = out_dir / f.name
        os.replace(f, target)
        moved.append(target)
    return moved
