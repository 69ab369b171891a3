"""annotated.mp4: the video with the skeleton, foot contacts and live figures drawn on.

People trust a verdict they can see, so the annotated video shows exactly what the
analysis used: the tracked skeleton (left side orange, right side blue, as the
report's plots), a marker at each foot contact, and the trunk lean and knee angles
of the current frame. Frames are drawn on a copy shrunk to at most ``max_side``
pixels (drawing and encoding 4K would cost more than the pose model) and encoded
with H.264 through PyAV. The file is written next to its destination and renamed at
the end, so a failure never leaves half a video behind.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np

from backstride.gait.consts import SIDE_RGB
from backstride.gait.keypoints import KeypointSeries
from backstride.video import framecache
from backstride.video.decode import iter_frames, prefetched
from backstride.video.parallel import Helper

# Skeleton edges by MediaPipe joint name; the side decides the colour.
_EDGES: tuple[tuple[str, str], ...] = (
    ("left_shoulder", "right_shoulder"),
    ("left_hip", "right_hip"),
    *(
        (f"{s}_{a}", f"{s}_{b}")
        for s in ("left", "right")
        for a, b in (
            ("shoulder", "elbow"),
            ("elbow", "wrist"),
            ("shoulder", "hip"),
            ("hip", "knee"),
            ("knee", "ankle"),
            ("ankle", "heel"),
            ("heel", "foot_index"),
            ("ankle", "foot_index"),
        )
    ),
)
_COLOURS = {**SIDE_RGB, "mid": (230, 230, 230)}  # RGB
_MIN_SCORE = 0.3
_CONTACT_SHOW_S = 0.3
_TIME_BASE = Fraction(1, 90000)  # the MPEG clock: keeps variable frame rates exact

# The annotated video's longer side. It is watched on a phone or in report.html (at
# most 860 CSS px wide), where 960 x 540 is sharp; 1280 x 720 cost a third more CPU
# to shrink, draw and encode (2.45 against 1.8 CPU-s on the demo) for pixels nobody
# sees. The source video is never changed.
ANNOTATED_MAX_SIDE = 960


@dataclass(frozen=True)
class Contact:
    """A foot contact to mark: when, which foot, and (optionally) the strike type.

    ``strike`` is the gait engine's label (``heel``, ``midfoot``, ``forefoot``); the
    marker sits on the part of the foot that landed first.
    """

    time_s: float
    side: str
    strike: str = ""

    @property
    def joint(self) -> str:
        part = {"heel": "heel", "forefoot": "foot_index"}.get(self.strike, "ankle")
        return f"{self.side}_{part}"


class H264Writer:
    """Frames in, an MP4 (H.264) out, each frame at its own timestamp (90 kHz clock).

    The stream is opened on the first frame, whose size (cut to even numbers, as
    yuv420p needs) it keeps. Used for annotated.mp4 and for the pose pass's shrunk
    copy of a large video (see ``extract_keypoints(proxy=...)``).
    """

    def __init__(self, path: str | Path, fps: float, crf: int = 23) -> None:
        self.path = Path(path)
        self.fps = fps
        self.crf = crf
        self._out = av.open(str(self.path), mode="w", format="mp4")
        self._stream: av.VideoStream | None = None

    @staticmethod
    def even(image: np.ndarray) -> np.ndarray:
        """``image`` cut to even width and height (a view, no copy when already even)."""
        return image[: image.shape[0] // 2 * 2, : image.shape[1] // 2 * 2]

    def write(self, image: np.ndarray, time_s: float) -> None:
        """Encode one RGB frame shown at ``time_s``."""
        img = np.ascontiguousarray(self.even(image))
        self._encode(av.VideoFrame.from_ndarray(img, format="rgb24"), img.shape, time_s)

    def write_i420(self, i420: np.ndarray, scale: float, time_s: float) -> None:
        """Encode one frame given as an I420 array ((H * 3 / 2, W), see
        ``Frame.i420``; ``scale`` is ignored): x264's own format, no conversion."""
        h, w = i420.shape[0] * 2 // 3, i420.shape[1]
        self._encode(av.VideoFrame.from_ndarray(i420, format="yuv420p"), (h, w), time_s)

    def _encode(self, out: av.VideoFrame, shape: tuple[int, ...], time_s: float) -> None:
        if self._stream is None:
            stream = self._out.add_stream(
                "libx264", rate=Fraction(self.fps).limit_denominator(1001)
            )
            stream.width, stream.height = shape[1], shape[0]
            stream.pix_fmt = "yuv420p"
            # One encoder thread: x264's default (1.5 x cores plus lookahead) buys
            # nothing when the decoder and drawing keep the other core busy.
            stream.options = {"crf": str(self.crf), "preset": "ultrafast", "threads": "1"}
            stream.time_base = _TIME_BASE
            stream.codec_context.time_base = _TIME_BASE
            self._stream = stream
        out.pts = round(time_s / _TIME_BASE)
        out.time_base = _TIME_BASE
        for packet in self._stream.encode(out):
            self._out.mux(packet)

    def close(self) -> None:
        """Flush the encoder and close the file (safe to call twice)."""
        if self._out is None:
            return
        try:
            if self._stream is not None:
                for packet in self._stream.encode():
                    self._out.mux(packet)
        finally:
            self._out.close()
            self._out = None


def _angle_deg(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Included angle at ``b`` (degrees, 180 = straight), row-wise; NaN where missing."""
    u, v = a - b, c - b
    cos = np.sum(u * v, axis=-1) / (np.linalg.norm(u, axis=-1) * np.linalg.norm(v, axis=-1))
    return np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))


def live_figures(series: KeypointSeries) -> dict[str, np.ndarray]:
    """Per-frame figures shown on the video: trunk lean and knee angles, in degrees.

    Trunk lean is the hip-to-shoulder line's tilt from vertical, unsigned (which way
    is "forward" needs the gait engine's facing direction, shown in the report).
    """
    mid_hip = (series.joint("left_hip") + series.joint("right_hip")) / 2
    mid_sh = (series.joint("left_shoulder") + series.joint("right_shoulder")) / 2
    d = mid_sh - mid_hip
    lean = np.degrees(np.arctan2(np.abs(d[:, 0]), -d[:, 1]))
    out = {"trunk lean": lean}
    for side in ("left", "right"):
        out[f"{side[0].upper()} knee"] = _angle_deg(
            series.joint(f"{side}_hip"), series.joint(f"{side}_knee"), series.joint(f"{side}_ankle")
        )
    return out


def _draw(
    img: np.ndarray,
    xy: np.ndarray,
    score: np.ndarray,
    joints: tuple[str, ...],
    scale: float,
    contacts_now: list[Contact],
    figures: dict[str, float],
) -> dict[str, tuple[int, int]]:
    """Draw one frame's overlay in place; returns the drawn joint positions."""
    thick = max(2, round(img.shape[0] / 300))
    pos = {
        j: (int(xy[k, 0] * scale), int(xy[k, 1] * scale))
        for k, j in enumerate(joints)
        if score[k] >= _MIN_SCORE and np.isfinite(xy[k]).all()
    }
    for a, b in _EDGES:
        if a in pos and b in pos:
            side = a.split("_")[0] if a.split("_")[0] == b.split("_")[0] else "mid"
            cv2.line(img, pos[a], pos[b], _COLOURS[side], thick, cv2.LINE_AA)
    for j, p in pos.items():
        cv2.circle(img, p, thick + 1, _COLOURS.get(j.split("_")[0], _COLOURS["mid"]), -1)
    for c in contacts_now:
        foot = pos.get(c.joint) or pos.get(f"{c.side}_ankle")
        if foot:
            cv2.circle(img, foot, 6 * thick, (255, 255, 0), thick, cv2.LINE_AA)
    lines = [f"{name}: {value:.0f} deg" for name, value in figures.items() if np.isfinite(value)]
    lines += [f"{c.side} foot lands {c.strike}".rstrip() for c in contacts_now]
    font, weight = text_size(img)
    (_, line_h), _ = cv2.getTextSize("Hg", _FONT, font, weight)
    for i, text in enumerate(lines):
        _label(img, text, (line_h, round((i + 1.5) * line_h * 1.7)), font, weight)
    # The same angles next to the joints, so a still frame explains itself.
    for side in ("left", "right"):
        value = figures.get(f"{side[0].upper()} knee", np.nan)
        if f"{side}_knee" in pos and np.isfinite(value):
            x, y = pos[f"{side}_knee"]
            _label(img, f"{value:.0f}", (x + 3 * thick, y), 0.8 * font, weight, _COLOURS[side])
    return pos


_FONT = cv2.FONT_HERSHEY_DUPLEX

# Text height (capital letters) as a share of the picture's shorter side: 3 % is about
# 16 px on the 960 x 540 video, still about 6 px when a phone shows it 360 px wide in
# portrait and 20 px full-screen in landscape.
TEXT_SHARE = 0.03


def text_size(img: np.ndarray) -> tuple[float, int]:
    """(OpenCV font scale, stroke width) for text ``TEXT_SHARE`` of the shorter side tall."""
    cap_px = TEXT_SHARE * min(img.shape[:2])
    font = cap_px / 15.0  # FONT_HERSHEY_DUPLEX capitals are about 15 px at scale 1
    return font, max(1, round(font * 1.6))


def _label(
    img: np.ndarray,
    text: str,
    at: tuple[int, int],
    font: float,
    thick: int,
    colour: tuple[int, int, int] = (255, 255, 255),
) -> None:
    """Text on a darkened band, with a black outline: readable on snow, grass, sky and
    skin alike (the band keeps contrast on white, the outline on busy backgrounds)."""
    (tw, th), base = cv2.getTextSize(text, _FONT, font, thick)
    x, y = at
    pad = max(2, th // 3)
    h, w = img.shape[:2]
    x0, y0 = max(0, x - pad), max(0, y - th - pad)
    x1, y1 = min(w, x + tw + pad), min(h, y + base + pad)
    if x1 > x0 and y1 > y0:
        band = img[y0:y1, x0:x1]
        band //= 4  # a quarter of the brightness: dark whatever was there
    cv2.putText(img, text, at, _FONT, font, (0, 0, 0), thick + 2, cv2.LINE_AA)
    cv2.putText(img, text, at, _FONT, font, colour, thick, cv2.LINE_AA)


def _person_crop(img: np.ndarray, pos: dict[str, tuple[int, int]]) -> np.ndarray:
    """The person with some surroundings: the report's key frames are about the body."""
    if len(pos) < 4:
        return img.copy()
    pts = np.array(list(pos.values()))
    (x0, y0), (x1, y1) = pts.min(axis=0), pts.max(axis=0)
    pad = int(0.3 * max(y1 - y0, x1 - x0, 1))
    h, w = img.shape[:2]
    return img[max(0, y0 - pad) : min(h, y1 + pad), max(0, x0 - pad) : min(w, x1 + pad)].copy()


def render_annotated(
    video_path: str | Path | Sequence[Path],
    series: KeypointSeries,
    out_path: str | Path,
    *,
    contacts: Sequence[Contact] = (),
    max_side: int = ANNOTATED_MAX_SIDE,
    max_seconds: float | None = None,
    progress: Callable[[str, int, int | None], None] | None = None,
    keyframes: dict[float, np.ndarray] | None = None,
    max_keyframes: int = 6,
    pixel_scale: float | None = None,
    helper: Helper | None = None,
    split_s: float | None = None,
) -> Path:
    """Write ``out_path`` (MP4, H.264): the video with ``series`` drawn on every frame.

    Frames are matched to keypoints by timestamp (within half a frame), so a series
    that covers only part of the video is drawn only there. When a ``keyframes``
    dict is given, the drawn frame at each of the first ``max_keyframes`` contacts is
    stored in it by contact time, cropped around the person (the report shows them;
    no extra decoding pass). ``pixel_scale`` is the size of ``video_path``'s frames
    relative to the frames ``series`` was measured in, when they differ (drawing on the
    shrunk copy of a large video); by default they are the same video. A list of
    paths is played one after the other (the shrunk copy written in two parts).

    With a ``helper`` process (:mod:`backstride.video.parallel`), the helper draws and
    encodes the frames from ``split_s`` on (or the second of two files) while this
    process does the first part; the two H.264 streams, made with the same settings
    and size, are then joined packet by packet, without encoding again.
    Returns ``out_path``.
    """
    out_path = Path(out_path)
    # A list of files is the shrunk copy (in parts): their own timestamps are the video's.
    parts = not isinstance(video_path, str | Path)
    sources = list(video_path) if parts else [Path(video_path)]
    tmp = out_path.with_name(f".{out_path.name}.part")
    kwargs = dict(
        contacts=tuple(contacts),
        max_side=max_side,
        max_seconds=max_seconds,
        max_keyframes=max_keyframes,
        pixel_scale=pixel_scale,
        stored_times=parts,
    )
    two = helper is not None and (len(sources) == 2 or (len(sources) == 1 and split_s))
    try:
        if not two:
            done = [0]

            def tick() -> None:
                done[0] += 1
                if progress:
                    progress("drawing video", done[0], None)

            found = render_part(sources, series, tmp, on_frame=tick, **kwargs)
        else:
            assert helper is not None
            tail = tmp.with_name(f"{tmp.name}.1.mp4")
            head = tmp.with_name(f"{tmp.name}.0.mp4")
            first, second = (sources[:1], sources[1:]) if len(sources) == 2 else (sources, sources)
            span0 = {} if len(sources) == 2 else {"end_s": split_s}
            span1 = {} if len(sources) == 2 else {"start_s": split_s}
            report = progress or (lambda stage, done, total: None)
            later = helper.submit(render_part, second, series, tail, **span1, **kwargs)
            found = render_part(
                first,
                series,
                head,
                on_frame=helper.progress(report, "drawing video", None, count=True),
                **span0,
                **kwargs,
            )
            found.update(helper.wait(later, report, "drawing video", None))
            join_mp4([head, tail], tmp)
            head.unlink()
            tail.unlink()
    except BaseException:
        for f in tmp.parent.glob(f"{tmp.name}*"):
            f.unlink(missing_ok=True)
        raise
    if keyframes is not None:
        for t in sorted(found)[: max(0, max_keyframes - len(keyframes))]:
            keyframes.setdefault(t, found[t])
    os.replace(tmp, out_path)
    return out_path


def render_part(
    sources: Sequence[Path],
    series: KeypointSeries,
    out_path: Path,
    *,
    contacts: Sequence[Contact],
    max_side: int,
    max_seconds: float | None,
    max_keyframes: int,
    pixel_scale: float | None,
    start_s: float | None = None,
    end_s: float | None = None,
    stored_times: bool = False,
    on_frame: Callable[[], None] | None = None,
) -> dict[float, np.ndarray]:
    """Draw and encode the frames ``start_s <= t < end_s`` of ``sources`` (played in
    order) into ``out_path``; returns the key frames (drawn frame at each of the first
    ``max_keyframes`` contacts in this part, cropped around the person)."""
    figures = live_figures(series)
    fps = series.fps if np.isfinite(series.fps) else float(series.meta.get("fps", 30.0))
    half_frame = 0.5 / max(fps, 1.0)
    keyframes: dict[float, np.ndarray] = {}
    writer = H264Writer(out_path, fps)
    try:
        for time_s, i420, scale in _shrunk_frames(
            sources, max_seconds, max_side, start_s, end_s, stored_times
        ):
            # Shrunk in YUV; turned into RGB only when something is drawn on it.
            scale *= pixel_scale or 1.0
            i = int(np.searchsorted(series.times_s, time_s - half_frame))
            if i < series.n_frames and abs(series.times_s[i] - time_s) <= half_frame:
                img = cv2.cvtColor(i420, cv2.COLOR_YUV2RGB_I420)
                now = [c for c in contacts if 0 <= time_s - c.time_s <= _CONTACT_SHOW_S]
                values = {k: float(v[i]) for k, v in figures.items()}
                pos = _draw(img, series.xy[i], series.score[i], series.joints, scale, now, values)
                for c in now:
                    if c.time_s not in keyframes and len(keyframes) < max_keyframes:
                        keyframes[c.time_s] = _person_crop(img, pos)
                i420 = cv2.cvtColor(img, cv2.COLOR_RGB2YUV_I420)
            writer.write_i420(i420, 1.0, time_s)
            if on_frame is not None:
                on_frame()
    finally:
        writer.close()
        framecache.clear()
    return keyframes


def _shrunk_frames(
    sources: Sequence[Path],
    max_seconds: float | None,
    max_side: int,
    start_s: float | None,
    end_s: float | None,
    stored_times: bool,
) -> Iterator[tuple[float, np.ndarray, float]]:
    """(time, I420 shrunk to ``max_side``, its scale to the original frame) of each
    frame to draw: the ones the pose pass kept in this process when it kept them all
    (:mod:`backstride.video.framecache`), else decoded again."""
    kept = (
        framecache.take(sources[0], start_s, end_s)
        if len(sources) == 1 and not stored_times and max_side == ANNOTATED_MAX_SIDE
        else None
    )
    if kept is not None:
        yield from kept
        return
    for source in sources:
        frames = iter_frames(
            source,
            max_seconds=max_seconds,
            max_side=max_side,
            start_s=start_s,
            end_s=end_s,
            yuv=True,
            stored_times=stored_times,
        )
        for frame in prefetched(frames):
            i420, shrink = frame.i420(max_side)
            yield frame.time_s, i420, frame.scale * shrink


def join_mp4(parts: Sequence[Path], out_path: Path) -> Path:
    """Join MP4 files holding one H.264 stream each, made by :class:`H264Writer` with the
    same settings and frame size, into one file, copying packets (no encoding).

    Their timestamps are already those of the whole video. Raises ``ValueError`` if
    the streams' codec headers differ (they could not be played as one stream).
    """
    inputs = [av.open(str(p)) for p in parts]
    try:
        headers = {bytes(c.streams.video[0].codec_context.extradata or b"") for c in inputs}
        if len(headers) != 1:
            raise ValueError("the parts of the annotated video were encoded differently")
        out = av.open(str(out_path), mode="w", format="mp4")
        try:
            stream = out.add_stream_from_template(inputs[0].streams.video[0])
            for container in inputs:
                for packet in container.demux(container.streams.video[0]):
                    if packet.dts is None:  # the demuxer's end-of-stream marker
                        continue
                    packet.stream = stream
                    out.mux(packet)
        finally:
            out.close()
    finally:
        for container in inputs:
            container.close()
    return out_path
