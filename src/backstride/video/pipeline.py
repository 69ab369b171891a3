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
from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np

from backstride.gait.analysis import analyze
from backstride.gait.io import write_keypoints
from backstride.gait.keypoints import InputError, KeypointError
from backstride.gait.results import GaitReport
from backstride.gait.transforms import to_real_time
from backstride.video import framecache
from backstride.video.decode import key_frame_times, nearest_key_frame, probe
from backstride.video.extract import (
    ProgressFn,
    clip_limit,
    extract_keypoints,
    no_progress,
    written_proxy,
)
from backstride.video.facts import VideoFacts, VideoKeypoints
from backstride.video.parallel import Helper, worker_count
from backstride.video.render import ANNOTATED_MAX_SIDE, Contact, render_annotated
from backstride.video.slowmo import slowmo_factor, slowmo_note

# Above this many pixels a frame (1440p), the pose pass keeps a shrunk H.264 copy and
# annotated.mp4 is drawn on that copy instead of decoding the source a third time:
# decoding one 4K H.264 frame costs several times encoding and decoding it at 960 px.
PROXY_MIN_PIXELS = 2560 * 1440


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


@dataclass(frozen=True)
class VideoAnalysis:
    """What ``analyze_video`` produced: the typed results and where the files went.

    ``facts`` are the video's facts with the whole pipeline's timings (extraction,
    analysis, rendering); ``to_dict`` is report.json's content.
    """

    series: VideoKeypoints
    report: GaitReport
    facts: VideoFacts
    files: tuple[Path, ...] = ()
    slowmo_factor: float | None = None

    def to_dict(self) -> dict:
        """report.json: the gait report, the ``video`` block, the video's warnings first."""
        document = self.report.to_dict()
        document["video"] = self.facts.to_dict()
        document["slowmo_factor"] = self.slowmo_factor
        document["warnings"] = list(self.facts.warnings) + document["warnings"]
        return document


def with_timings(facts: VideoFacts, timings_s: dict[str, float]) -> VideoFacts:
    """The facts with the pipeline's own timings: where the time went, and the sum."""
    return replace(
        facts,
        processing_s=round(sum(timings_s.values()), 3),
        timings_s={k: round(v, 3) for k, v in timings_s.items()},
    )


def analyze_video(
    video: str | Path,
    out_dir: str | Path,
    *,
    person: str = "moves",
    max_seconds: float | None = None,
    annotated: bool = True,
    html: bool = True,
    progress: ProgressFn = no_progress,
    source_name: str | None = None,
    workers: int | None = None,
    slowmo: float | None = None,
) -> VideoAnalysis:
    """Analyse one video and write report.json, keypoints.csv, annotated.mp4, report.html.

    ``slowmo`` is a slow-motion clip's factor (capture over playback rate, e.g. 4 for
    120 fps played at 30); without it the factor is read from the container's capture
    rate tag when there is one (``video.slowmo``). The gait is then measured on the real
    clock; keypoints.csv and annotated.mp4 keep the clip's own times.

    ``source_name`` is the name the reports give the video (the web app passes the name
    the person uploaded, not the path it is stored under); by default the path.
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
            source_name=source_name,
            workers=workers,
            slowmo=slowmo,
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
    source_name: str | None,
    workers: int | None,
    slowmo: float | None = None,
) -> VideoAnalysis:
    video, out_dir = Path(video), Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir} is a file, not a folder", parameter="out_dir")
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
            keep_frames=annotated and proxy is None,
        )
        timings = dict(series.video.timings_s)
        timings.pop("total_s", None)
        factor, how = (slowmo, "given") if slowmo else (slowmo_factor(video), "metadata")
        factor = factor if factor and factor != 1.0 else None
        t0 = time.perf_counter()
        try:
            report = analyze(to_real_time(series, factor) if factor else series)
        except KeypointError as exc:
            if series.video.frames_with_person >= 0.5 * series.video.frames:
                raise
            raise KeypointError(_too_little_seen(video, series, exc)) from None
        timings["analysis_s"] = time.perf_counter() - t0
        write_keypoints(series, tmp / "keypoints.csv")
        keyframes: dict[float, np.ndarray] = {}
        if annotated:
            t0 = time.perf_counter()
            clock = factor or 1.0  # the annotated video runs on the clip's own clock
            contacts = [Contact(c.time_s * clock, c.foot, c.strike or "") for c in report.contacts]
            render_annotated(
                written_proxy(proxy) if proxy else video,
                series,
                tmp / "annotated.mp4",
                contacts=contacts,
                max_seconds=series.video.max_seconds,
                progress=lambda stage, done, _: progress(stage, done, series.video.frames),
                keyframes=keyframes,
                # The copy's frames are already shrunk to the annotated video's size.
                pixel_scale=_shrink(info.width, info.height) if proxy else None,
                helper=helper,
                split_s=_render_split(video, limit, end_s) if helper is not None else None,
            )
            if proxy:
                for part in written_proxy(proxy):
                    part.unlink()
            timings["render_s"] = time.perf_counter() - t0
        facts = with_timings(series.video, timings)
        if source_name is not None:
            facts = replace(facts, source=source_name)
        if factor:
            facts = replace(facts, warnings=(*facts.warnings, slowmo_note(factor, how)))
        result = VideoAnalysis(series=series, report=report, facts=facts, slowmo_factor=factor)
        if html:
            from backstride.video.report_html import PLOTS, build_report_html, svg_plots

            plots = None
            if helper is not None:
                # The figures cost about 0.3 CPU-s, after everything else: the helper,
                # idle by then, draws the costliest while this process draws the others.
                later = helper.submit(svg_plots, report, names=PLOTS[1:2], frames=False)
                own = svg_plots(report, names=PLOTS[:1] + PLOTS[2:])
                theirs = helper.wait(later, lambda *_: None, "report", None)
                plots = own[:1] + theirs + own[1:] if own and theirs else own + theirs
            (tmp / "report.html").write_text(
                build_report_html(result, keyframes, plots), encoding="utf-8"
            )
        (tmp / "report.json").write_text(json.dumps(result.to_dict(), indent=2), encoding="utf-8")
        files = _move_into_place(tmp, out_dir)
    finally:
        framecache.clear()
        if helper is not None:
            helper.close()
        shutil.rmtree(tmp, ignore_errors=True)
    return replace(result, files=tuple(files))


def _too_little_seen(video: Path, series: VideoKeypoints, exc: KeypointError) -> str:
    """The gait engine's refusal, said about the video: how much of it showed the person.

    A clip that shows a person only in part (hips to feet, a head cut off) is where
    this happens: the pose model finds a body only now and then, and "recording lasts
    0.67 s" alone would not say why."""
    facts = series.video
    return (
        f"{video.name}: the person could be followed for only {facts.frames_with_person} "
        f"of {facts.frames} frames ({exc}). The pose model needs the head and trunk in "
        "the picture to find someone: film the whole body side-on, 3-4 m away (a clip "
        "of the legs alone can be analysed from its keypoints: backstride gait analyze)"
    )


def _render_split(video: Path, limit: float | None, end_s: float) -> float:
    """Where the two processes' parts of annotated.mp4 meet: where their pose passes
    met when each kept its frames (each draws what it decoded), else at a key frame
    near the middle (the helper then decodes nothing twice)."""
    kept = framecache.kept_until(video)
    if kept is not None and kept < end_s:
        return kept
    return nearest_key_frame(key_frame_times(video, limit), end_s / 2, end_s / 4)


def _shrink(width: int, height: int) -> float:
    """Scale of the shrunk copy's frames (written at ``ANNOTATED_MAX_SIDE``)."""
    return min(1.0, ANNOTATED_MAX_SIDE / max(width, height))


def _move_into_place(tmp: Path, out_dir: Path) -> list[Path]:
    """Rename every finished file from ``tmp`` into ``out_dir`` (same file system)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    moved = []
    for f in sorted(tmp.iterdir()):
        target = out_dir / f.name
        os.replace(f, target)
        moved.append(target)
    return moved
