"""Video -> :class:`KeypointSeries` of one person, in pixels of the original frame.

Two passes over the file, both streamed:

1. *Find people*: a few frames per second, shrunk, searched for everyone
   (:func:`backstride.video.tracking.find_everyone`); sightings are linked into tracks
   and one track is chosen (``person``).
2. *Extract*: every frame is cropped around the chosen person's predicted box and
   the tracking-mode model runs on that crop only, so a second person can never take
   over. Poses whose hips leave the predicted box are rejected.

Decoding twice costs far less than running the model on everyone in every frame.
Frames before the person appears and after they leave are dropped; frames inside
that span where the model loses them are kept as NaN (score 0), so gaps are visible.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from backstride.gait.consts import MEDIAPIPE_JOINTS
from backstride.video import framecache
from backstride.video.backends import PoseBackend, make_backend, make_people_detector
from backstride.video.decode import (
    VideoError,
    fit_within,
    iter_frames,
    key_frame_times,
    nearest_key_frame,
    prefetched,
    probe,
)
from backstride.video.facts import VideoFacts, VideoKeypoints
from backstride.video.parallel import SEAM_WARMUP_S, Helper, worker_count
from backstride.video.render import ANNOTATED_MAX_SIDE, H264Writer
from backstride.video.tracking import (
    PersonChoice,
    Sighting,
    TargetPath,
    Track,
    choose_track,
    crop_around,
    find_everyone,
    link_tracks,
)

# (stage name, frames done, frames expected or None); the CLI draws a Rich bar with it.
ProgressFn = Callable[[str, int, int | None], None]

# A person shorter than this share of the picture gives unreliable joint angles.
_SMALL_PERSON_SHARE = 0.15
# Below this share the model cannot follow the person at all: in the demo walk shrunk
# to 10 % of the picture's height (55 px) it lost her in 30 of 67 frames and placed
# the joints of the rest roughly; at 13.5 % (73 px) it lost none. Refused, not guessed.
_TOO_SMALL_SHARE = 0.12

# The pose pass works on frames shrunk to this (the crop around the person is then
# at most 640 px for the model, whose landmark stage sees 256 px).
FRAME_MAX_SIDE = 1280

# Without --max-seconds, only this much of a longer video is analysed. A form check
# needs 20-60 s of running; the whole of a 10-minute 4K clip would take about half an
# hour on a 2-core machine (three decoding passes of 18 000 frames) for no better verdict.
LONG_VIDEO_S = 120.0

# The close-up scan (see scan_people): tiles this share of the picture's height, used
# when no one was seen in at least this many samples of the ordinary scan.
_TILE_SHARE = 0.55
_MIN_SIGHTINGS = 3

# Stretches without the person shorter than this are sampling noise at the edges.
_ABSENT_MIN_S = 0.5


def clip_limit(duration_s: float, max_seconds: float | None) -> tuple[float | None, str | None]:
    """The seconds to analyse and, when a long video is cut, the warning that says so.

    An explicit ``max_seconds`` is always honoured (even beyond ``LONG_VIDEO_S``);
    without one, videos longer than ``LONG_VIDEO_S`` are cut there, up front, so a
    10-minute file costs minutes, not half an hour.
    """
    if max_seconds is not None or duration_s <= LONG_VIDEO_S:
        return max_seconds, None
    return LONG_VIDEO_S, (
        f"the video is {duration_s / 60:.1f} min long; only the first "
        f"{LONG_VIDEO_S:g} s were analysed (use --max-seconds to choose how much)"
    )


def absent_spans(
    times_s: np.ndarray, found: np.ndarray, min_s: float = _ABSENT_MIN_S
) -> list[tuple[float, float]]:
    """Stretches of the video where the person was not found, as (first, last) frame times.

    A stretch counts when it lasts at least ``min_s`` (counting each frame as one
    median frame interval), so a frame or two lost at an edge is not reported.
    """
    times_s, found = np.asarray(times_s, dtype=float), np.asarray(found, dtype=bool)
    if times_s.size == 0:
        return []
    step = float(np.median(np.diff(times_s))) if times_s.size > 1 else 0.0
    edges = np.diff(np.concatenate(([0], (~found).astype(np.int8), [0])))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) - 1
    return [
        (float(times_s[a]), float(times_s[b]))
        for a, b in zip(starts, ends, strict=True)
        if times_s[b] - times_s[a] + step >= min_s - 1e-9
    ]


def _absent_warning(spans: list[tuple[float, float]], first_s: float, last_s: float) -> str:
    where = ", ".join(f"{a:.1f}-{b:.1f} s" for a, b in spans)
    return (
        f"nobody to analyse at {where} of the video (out of the picture or hidden); "
        f"only {first_s:.1f}-{last_s:.1f} s, where the person is visible, was used"
    )


@dataclass
class ExtractTimings:
    """Where the time went, in seconds (the benchmark reports these)."""

    scan_s: float = 0.0
    decode_s: float = 0.0
    pose_s: float = 0.0
    proxy_s: float = 0.0
    total_s: float = 0.0


def no_progress(stage: str, done: int, total: int | None) -> None:
    return None


def scan_people(
    path: str | Path,
    *,
    person: PersonChoice | str = "moves",
    sample_hz: float = 2.0,
    max_seconds: float | None = None,
    scan_max_side: int = 960,
    backend: str = "mediapipe",
    progress: ProgressFn = no_progress,
    expected_frames: int | None = None,
    helper: Helper | None = None,
    split_s: float | None = None,
    fps: float = 30.0,
) -> tuple[TargetPath, int]:
    """Pass 1: the chosen person's path through the video, and how many tracks were seen.

    When nobody is followed for at least ``_MIN_SIGHTINGS`` samples, the scan is done
    once more in smaller tiles (``_TILE_SHARE`` of the picture's height), where a
    distant person looks twice as large to the detector. That second scan costs
    about five times the first, so it is only done when the first one failed.

    With a ``helper`` process, the samples from ``split_s`` on are searched there while
    this process searches those before it (samples lie on a fixed time grid, so the
    result is the same as one process reading the whole video).
    """
    tracks: list[Track] = []
    for tile_share in (None, _TILE_SHARE):
        stage = "finding people" if tile_share is None else "looking closer"
        kwargs = dict(
            tile_share=tile_share,
            every_s=1.0 / sample_hz,
            max_seconds=max_seconds,
            scan_max_side=scan_max_side,
            backend=backend,
        )
        if helper is not None and split_s:
            later = helper.submit(
                scan_span,
                path,
                start_s=split_s,
                progress_offset=round(split_s * fps),
                **kwargs,
            )
            samples = scan_span(
                path,
                end_s=split_s,
                on_frame=helper.progress(progress, stage, expected_frames),
                **kwargs,
            )
            samples += helper.wait(later, progress, stage, expected_frames)
        else:
            samples = scan_span(
                path, on_frame=lambda i, s=stage: progress(s, i + 1, expected_frames), **kwargs
            )
        tracks = link_tracks(samples)
        if any(len(t.sightings) >= _MIN_SIGHTINGS for t in tracks):
            break
    if not tracks:
        raise VideoError(
            f"{Path(path).name}: no person was found in the video "
            "(is the whole body in the picture and lit well enough?)"
        )
    return TargetPath.from_track(choose_track(tracks, person)), len(tracks)


def scan_span(
    path: str | Path,
    *,
    tile_share: float | None,
    every_s: float,
    max_seconds: float | None,
    scan_max_side: int,
    backend: str,
    start_s: float | None = None,
    end_s: float | None = None,
    on_frame: Callable[[int], None] | None = None,
) -> list[tuple[float, list[Sighting]]]:
    """Everyone found in the sampled frames of ``start_s <= t < end_s`` (one process)."""
    detector = make_people_detector(backend)
    samples: list[tuple[float, list[Sighting]]] = []
    try:
        frames = iter_frames(
            path,
            max_seconds=max_seconds,
            every_s=every_s,
            max_side=scan_max_side,
            start_s=start_s,
            end_s=end_s,
        )
        for frame in prefetched(frames):
            side = None if tile_share is None else round(tile_share * min(frame.image.shape[:2]))
            samples.append(
                (
                    frame.time_s,
                    find_everyone(frame.time_s, frame.image, detector, frame.scale, side),
                )
            )
            if on_frame is not None:
                on_frame(frame.index)
    finally:
        detector.close()
    return samples


@dataclass
class PoseSpan:
    """The pose pass over part of a video: every frame's time, keypoints and score."""

    times: list[float] = field(default_factory=list)
    xy: list[np.ndarray] = field(default_factory=list)
    score: list[np.ndarray] = field(default_factory=list)
    decode_s: float = 0.0
    pose_s: float = 0.0
    proxy_s: float = 0.0

    def extend(self, other: PoseSpan) -> None:
        self.times += other.times
        self.xy += other.xy
        self.score += other.score


def pose_span(
    path: str | Path,
    target: TargetPath,
    *,
    max_seconds: float | None,
    model_max_side: int,
    frame_max_side: int,
    backend: str,
    fps: float,
    start_s: float | None = None,
    end_s: float | None = None,
    keep_from_s: float | None = None,
    proxy: Path | None = None,
    keep_frames: bool = False,
    on_frame: Callable[[], None] | None = None,
) -> PoseSpan:
    """Pass 2 over the frames ``start_s <= t < end_s``: the chosen person's pose in each.

    Frames before ``keep_from_s`` only warm the tracker up and are dropped: a second
    process starting in the middle of a video runs the model on a few frames before
    its share, so its tracker and landmark smoothing have settled by the seam.

    With ``keep_frames``, the frames of this share are also kept in this process,
    shrunk for the annotated video (:mod:`backstride.video.framecache`).
    """
    n_joints = len(MEDIAPIPE_JOINTS)
    span = PoseSpan()
    tracker: PoseBackend = make_backend(backend, tracking=True)
    lost = True
    proxy_writer = H264Writer(proxy, fps or 30.0, crf=18) if proxy else None
    if keep_frames:
        framecache.begin(path, keep_from_s if keep_from_s is not None else start_s or 0.0, end_s)
    t_mark = time.perf_counter()
    try:
        frames = iter_frames(
            path,
            max_seconds=max_seconds,
            max_side=frame_max_side,
            start_s=start_s,
            end_s=end_s,
            yuv=True,
        )
        for frame in prefetched(frames):
            t_decoded = time.perf_counter()
            span.decode_s += t_decoded - t_mark
            keep = keep_from_s is None or frame.time_s >= keep_from_s - 1e-6
            if proxy_writer is not None and keep:
                proxy_writer.write_i420(*frame.i420(ANNOTATED_MAX_SIDE), frame.time_s)
                t_mark, t_decoded = t_decoded, time.perf_counter()
                span.proxy_s += t_decoded - t_mark
            xy = np.full((n_joints, 2), np.nan)
            score = np.zeros(n_joints)
            box = target.box_at(frame.time_s)
            if box is None:
                if not lost:
                    tracker.reset()
                    lost = True
            else:
                # Work in the frame's pixels (shrunk when decoded shrunk); keypoints go
                # back to original pixels. Only the crop is turned into RGB.
                fs = frame.scale
                w, h = frame.size
                bx0, by0, bx1, by1 = (v * fs for v in box)
                crop, cx0, cy0 = frame.rgb_crop(*crop_around((bx0, by0, bx1, by1), w, h))
                crop, scale = fit_within(crop, model_max_side)
                pose = tracker.detect(np.ascontiguousarray(crop))
                if pose is not None:
                    cand = pose.xy / scale + (cx0, cy0)
                    hx, hy = np.mean(cand[[23, 24]], axis=0)
                    slack = 0.3 * (by1 - by0)
                    inside = (bx0 - slack <= hx <= bx1 + slack) and (
                        by0 - slack <= hy <= by1 + slack
                    )
                    if inside:
                        xy, score = _drop_off_frame(cand, pose.score, w, h)
                        xy = xy / fs
                        lost = False
                    else:
                        tracker.reset()
                        lost = True
            if keep:
                if keep_frames:
                    shrunk, shrink = frame.i420(ANNOTATED_MAX_SIDE)
                    framecache.keep(frame.time_s, shrunk, frame.scale * shrink)
                span.times.append(frame.time_s)
                span.xy.append(xy)
                span.score.append(score)
                if on_frame is not None:
                    on_frame()
            t_mark = time.perf_counter()
            span.pose_s += t_mark - t_decoded
        if proxy_writer is not None:
            proxy_writer.close()
    finally:
        tracker.close()
        if proxy_writer is not None:
            proxy_writer.close()
    return span


def pose_split_s(
    target: TargetPath,
    end_s: float,
    keys: Sequence[float] = (),
    *,
    fps: float = 30.0,
    decode_share: float = 0.2,
    warmup_s: float = SEAM_WARMUP_S,
) -> tuple[float, float]:
    """Where the helper starts reading and where its share begins: ``(start, split)``.

    This process runs frames ``[0, split)``; the helper decodes from the key frame at
    or before ``start`` (the decoder cannot begin elsewhere), runs the model from
    ``start`` (``warmup_s`` of warm-up) and keeps ``[split, end)``. Every frame costs
    a decode (``decode_share`` of a model call), frames with the person also the
    model. The cut is the one whose slower side finishes first, counting the
    helper's extra decoding and warm-up; on the demo this left the helper idle
    0.35 s at the end of the pass when the cut was simply moved to a key frame.
    """
    step = 1.0 / max(fps, 1.0)
    times = np.arange(0.0, max(end_s, step), step)
    person = np.array([target.box_at(t) is not None for t in times], dtype=float)
    cost = decode_share + person
    before = np.concatenate(([0.0], np.cumsum(cost)))  # cost of frames [0, i)
    model_from = np.concatenate((np.cumsum(person[::-1])[::-1], [0.0]))  # model [i, n)
    n = len(times)
    key_idx = np.array(sorted({0, *(round(k / step) for k in keys if 0 <= k < end_s)}))
    warm = max(1, round(warmup_s / step))
    best: tuple[float, int] = (np.inf, n)
    for split in range(warm, n):
        first = split - warm
        key = key_idx[np.searchsorted(key_idx, first, side="right") - 1]
        helper = decode_share * (n - key) + model_from[first]
        slower = max(before[split], helper)
        if slower < best[0]:
            best = (slower, split)
    split = best[1]
    return float(times[split - warm]) if split < n else end_s, (
        float(times[split]) if split < n else end_s
    )


def extract_keypoints(
    path: str | Path,
    *,
    person: PersonChoice | str = "moves",
    max_seconds: float | None = None,
    model_max_side: int = 640,
    frame_max_side: int = FRAME_MAX_SIDE,
    backend: str = "mediapipe",
    progress: ProgressFn = no_progress,
    proxy: Path | None = None,
    workers: int | None = None,
    helper: Helper | None = None,
    keep_frames: bool = False,
) -> VideoKeypoints:
    """Keypoints of one person in a video (MediaPipe 33 joints, original-frame pixels).

    ``video`` holds the facts the report shows (``VideoFacts``): fps, frames, duration,
    image size, rotation, frames with a person, people seen, processing time and
    ``warnings`` (e.g. person too small). With ``proxy``, the pose pass also writes
    the frames it decoded (shrunk to ``ANNOTATED_MAX_SIDE``) to that MP4 (in parts, see
    :func:`proxy_parts`), so a large video can be drawn on without decoding it a third
    time. ``workers`` is how many processes share the work (default: 2 on a machine
    with two or more cores, for videos of at least :data:`MIN_SPLIT_S`; see
    :mod:`backstride.video.parallel`); a running ``helper`` process can be handed in
    instead (it is then left running for the caller). ``keep_frames``: each process
    keeps its share of the frames for the annotated video (see
    :mod:`backstride.video.framecache`). Raises :class:`VideoError` for unusable files
    and when nobody is found.
    """
    path = Path(path)
    person = PersonChoice(person)  # before minutes of decoding, not after
    t_start = time.perf_counter()
    info = probe(path)
    max_seconds, cut_warning = clip_limit(info.duration_s, max_seconds)
    timings = ExtractTimings()
    expected = info.frames_declared or int(info.duration_s * info.fps_nominal) or None
    if max_seconds is not None and expected:
        expected = min(expected, int(max_seconds * info.fps_nominal) + 1)
    end_s = info.duration_s if max_seconds is None else min(info.duration_s, max_seconds)
    own_helper = helper is None and worker_count(workers, end_s) > 1
    if own_helper:
        helper = Helper.start(backend)
    # The parts meet at key frames where possible: the helper then decodes nothing twice.
    keys = key_frame_times(path, max_seconds) if helper is not None else []
    try:
        target, n_tracks = scan_people(
            path,
            person=person,
            max_seconds=max_seconds,
            backend=backend,
            progress=progress,
            expected_frames=expected,
            helper=helper,
            split_s=nearest_key_frame(keys, end_s / 2, end_s / 4),
            fps=info.fps_nominal or 30.0,
        )
        timings.scan_s = time.perf_counter() - t_start
        span = _pose_pass(
            path,
            target,
            info.fps_nominal,
            end_s,
            helper,
            max_seconds=max_seconds,
            model_max_side=model_max_side,
            frame_max_side=frame_max_side,
            backend=backend,
            proxy=proxy,
            progress=progress,
            expected=expected,
            keys=keys,
            keep_frames=keep_frames,
        )
    finally:
        if own_helper and helper is not None:
            helper.close()
    timings.decode_s, timings.pose_s, timings.proxy_s = span.decode_s, span.pose_s, span.proxy_s
    timings.total_s = time.perf_counter() - t_start
    return _series(
        path, info, span, target, n_tracks, person, max_seconds, cut_warning, timings, backend
    )


def _pose_pass(
    path: Path,
    target: TargetPath,
    fps: float,
    end_s: float,
    helper: Helper | None,
    *,
    proxy: Path | None,
    progress: ProgressFn,
    expected: int | None,
    keys: list[float],
    **kwargs,
) -> PoseSpan:
    """The pose pass in this process, or in two halves with ``helper`` (see parallel.py)."""
    stage = "extracting pose"
    if helper is None:
        done = [0]

        def tick() -> None:
            done[0] += 1
            progress(stage, done[0], expected)

        return pose_span(path, target, fps=fps, proxy=proxy, on_frame=tick, **kwargs)
    t0 = time.perf_counter()
    start, split = pose_split_s(target, end_s, keys, fps=fps or 30.0)
    parts = proxy_parts(proxy, 2) if proxy else [None, None]
    later = helper.submit(
        pose_span,
        path,
        target,
        fps=fps,
        start_s=max(0.0, start),
        keep_from_s=split,
        proxy=parts[1],
        **kwargs,
    )
    span = pose_span(
        path,
        target,
        fps=fps,
        end_s=split,
        proxy=parts[0],
        on_frame=helper.progress(progress, stage, expected, count=True),
        **kwargs,
    )
    t_own = time.perf_counter()
    span.extend(helper.wait(later, progress, stage, expected))
    # The wall time spent waiting for the second half counts as pose time.
    span.pose_s += time.perf_counter() - t_own
    span.decode_s = min(span.decode_s, time.perf_counter() - t0)
    return span


def proxy_parts(proxy: Path, parts: int) -> list[Path]:
    """The files of a shrunk copy written in ``parts`` pieces, in playing order (the
    pose pass writes ``proxy`` itself when one process does it all)."""
    if parts == 1:
        return [proxy]
    return [proxy.with_name(f"{proxy.stem}.{k}{proxy.suffix}") for k in range(parts)]


def written_proxy(proxy: Path) -> list[Path]:
    """The shrunk copy's files that the pose pass wrote, in playing order."""
    return [p for p in (proxy, *proxy_parts(proxy, 2)) if p.exists()]


def _series(
    path: Path,
    info,
    span: PoseSpan,
    target: TargetPath,
    n_tracks: int,
    person: PersonChoice,
    max_seconds: float | None,
    cut_warning: str | None,
    timings: ExtractTimings,
    backend: str,
) -> VideoKeypoints:
    """The person's keypoints from the first to the last frame they were found in, with
    the video facts and warnings (``VideoFacts``)."""
    n_joints = len(MEDIAPIPE_JOINTS)
    times, xys, scores = span.times, span.xy, span.score
    frames_total = len(times)
    video_end_s = times[-1] if times else 0.0
    xy_all = np.array(xys).reshape(-1, n_joints, 2)
    found = ~np.isnan(xy_all[:, 0, 0]) if len(xys) else np.zeros(0, dtype=bool)
    if not found.any():
        seen_px = float(np.median(target.boxes[:, 3] - target.boxes[:, 1]))
        if seen_px < _SMALL_PERSON_SHARE * info.height:
            raise VideoError(_too_small(path, seen_px, info.height))
        raise VideoError(
            f"{path.name}: a person was glimpsed but could not be followed "
            "(too dark, or mostly out of the picture?)"
        )
    first, last = int(np.argmax(found)), len(found) - int(np.argmax(found[::-1]))
    xy_person = xy_all[first:last]
    heights = [_body_height(xy_person[i]) for i in np.flatnonzero(found[first:last])]
    median_height = float(np.nanmedian(heights)) if heights else float("nan")
    warnings: list[str] = [cut_warning] if cut_warning else []
    spans = absent_spans(np.array(times), found)
    if spans:
        warnings.append(_absent_warning(spans, times[first], times[last - 1]))
    if median_height < _TOO_SMALL_SHARE * info.height:
        raise VideoError(_too_small(path, median_height, info.height))
    if median_height < _SMALL_PERSON_SHARE * info.height:
        warnings.append(
            f"the person is small in the picture ({median_height:.0f} of {info.height} px "
            "tall); angles will be rough, film closer"
        )
    with_person = int(found.sum())
    if with_person < 0.8 * (last - first):
        warnings.append(
            f"the person was lost in {last - first - with_person} of {last - first} frames "
            "(out of the picture or hidden? The pose model needs the head and trunk in the "
            "picture to find someone)"
        )
    facts = VideoFacts(
        source=str(path),
        backend=backend,
        image_width=info.width,
        image_height=info.height,
        rotation_deg=info.rotation_deg,
        codec=info.codec,
        fps=info.fps_nominal,
        frames=frames_total,
        duration_s=video_end_s,
        frames_with_person=with_person,
        people_seen=n_tracks,
        person=str(person),
        person_height_px=median_height,
        person_span_s=(round(times[first], 3), round(times[last - 1], 3)),
        absent_spans_s=tuple((round(a, 3), round(b, 3)) for a, b in spans),
        max_seconds=max_seconds,
        processing_s=round(timings.total_s, 3),
        timings_s={k: round(v, 3) for k, v in vars(timings).items()},
        warnings=tuple(warnings),
    )
    return VideoKeypoints(
        times_s=np.array(times[first:last]),
        xy=xy_person,
        score=np.array(scores).reshape(-1, n_joints)[first:last],
        joints=MEDIAPIPE_JOINTS,
        meta={"format": "video", "source": str(path)},
        video=facts,
    )


def _too_small(path: Path, height_px: float, frame_height: int) -> str:
    return (
        f"{path.name}: the person is too small in the picture to follow (about "
        f"{height_px:.0f} of {frame_height} px tall); film closer, so that they fill "
        "at least a third of the picture's height"
    )


def _drop_off_frame(
    xy: np.ndarray, score: np.ndarray, w: int, h: int
) -> tuple[np.ndarray, np.ndarray]:
    """Blank joints the model placed outside the picture: they are guesses, not seen.

    At the frame edge (someone walking in or out) MediaPipe still returns all 33
    points; a foot "seen" beyond the border would look like a real step.
    """
    off = (xy[:, 0] < 0) | (xy[:, 0] >= w) | (xy[:, 1] < 0) | (xy[:, 1] >= h)
    xy, score = xy.copy(), score.copy()
    xy[off] = np.nan
    score[off] = 0.0
    return xy, score


def _body_height(xy: np.ndarray) -> float:
    """Nose to the lower ankle, in pixels: a rough, pose-independent size of the person."""
    nose_y = xy[0, 1]
    ankle_y = np.nanmax(xy[[27, 28], 1])
    return float(ankle_y - nose_y)
