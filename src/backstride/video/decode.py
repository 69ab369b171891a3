"""Video decoding: frames with real timestamps, upright, one at a time.

Phone videos carry their orientation as metadata instead of rotated pixels, often
have a variable frame rate, and can be minutes long in 4K. So this module streams
(never holds more than one frame), turns every frame upright using the display
matrix, and reports each frame's presentation time instead of ``index / fps``.
Every way a file can be unusable ends in one :class:`VideoError` whose message
tells the person what is wrong with *their* file.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import av
import av.error
import cv2
import numpy as np

from backstride.gait.keypoints import InputError

# A stream that delivers fewer frames than its header promises by more than this is
# treated as cut short (a copy interrupted, an upload that stopped).
_TRUNCATION_TOLERANCE = 0.9

# Decoder threads per pass. One is enough: each pass already decodes in its own
# read-ahead thread (:func:`prefetched`) while the pose model or the encoder works, and
# FFmpeg's default (cores + 1 frame threads per pass) only makes two analyses running
# side by side fight over the same two cores. Measured: no change in CPU seconds.
DECODE_THREADS = 1


class VideoError(InputError):
    """A video that cannot be used; the message is meant for the person who gave it."""


@dataclass(frozen=True)
class VideoInfo:
    """What the container says about the video, before any frame is decoded.

    ``width``/``height`` are the *displayed* size (after rotation), which is the frame
    that keypoints refer to. ``rotation_deg`` is the clockwise turn applied to show
    the video upright (what phones call the ``rotate`` tag: 90 for most portrait clips).
    """

    path: Path
    width: int
    height: int
    rotation_deg: int
    fps_nominal: float
    frames_declared: int
    duration_s: float
    codec: str
    container: str


@dataclass
class Frame:
    """One decoded frame: RGB pixels (H, W, 3) upright, and its time from the first frame.

    ``scale`` is image size / original size (below 1 when decoded shrunk). Frames read
    with ``iter_frames(yuv=True)`` carry the decoder's own planes instead (``yuv``:
    Y, U, V views at full size, no copy, no colour conversion, ``image`` None), and
    are turned into RGB only where needed: :meth:`rgb_crop` converts just the part
    around the person, :meth:`i420` shrinks without leaving YUV (what the H.264
    encoder takes). Converting a whole 1280 px frame to RGB costs more than decoding
    it; the pose model needs a crop of a quarter of that.
    """

    index: int
    time_s: float
    image: np.ndarray | None
    scale: float = 1.0
    yuv: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
    # How the planes encode colour (the stream's own tags): the matrix as PyAV numbers
    # it (1 = BT.709, 9 = BT.2020, else BT.601) and full (JPEG) or limited range.
    yuv_matrix: int | None = None
    yuv_full_range: bool = False

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) of the frame's pixels."""
        h, w = (self.image if self.yuv is None else self.yuv[0]).shape[:2]
        return w, h

    def rgb_crop(self, x0: int, y0: int, x1: int, y1: int) -> tuple[np.ndarray, int, int]:
        """RGB pixels of ``[y0:y1, x0:x1]`` and the crop's actual top-left corner (moved
        to even pixels for YUV 4:2:0, whose colour samples cover 2 x 2 pixels)."""
        if self.yuv is None:
            assert self.image is not None
            return self.image[y0:y1, x0:x1], x0, y0
        y, u, v = self.yuv
        h_all, w_all = y.shape
        x0, y0 = x0 - x0 % 2, y0 - y0 % 2
        x1, y1 = min(w_all - w_all % 2, x1 + x1 % 2), min(h_all - h_all % 2, y1 + y1 % 2)
        x1, y1 = max(x1, x0 + 2), max(y1, y0 + 2)
        return (
            _i420_to_rgb(
                y[y0:y1, x0:x1],
                u[y0 // 2 : y1 // 2, x0 // 2 : x1 // 2],
                v[y0 // 2 : y1 // 2, x0 // 2 : x1 // 2],
                self.yuv_matrix,
                self.yuv_full_range,
            ),
            x0,
            y0,
        )

    def i420(self, max_side: int | None = None) -> tuple[np.ndarray, float]:
        """The frame as one I420 array ((H * 3 / 2, W), what ``cv2`` and x264 take), shrunk
        so its longer side is at most ``max_side``, and the scale applied."""
        if self.yuv is None:
            assert self.image is not None
            img, scale = fit_within(self.image, max_side) if max_side else (self.image, 1.0)
            img = img[: img.shape[0] // 2 * 2, : img.shape[1] // 2 * 2]
            return cv2.cvtColor(np.ascontiguousarray(img), cv2.COLOR_RGB2YUV_I420), scale
        y, u, v = self.yuv
        h, w = y.shape
        scale = 1.0 if not max_side or max(h, w) <= max_side else max_side / max(h, w)
        nw, nh = max(2, round(w * scale) // 2 * 2), max(2, round(h * scale) // 2 * 2)
        if (nw, nh) != (w, h):
            y = cv2.resize(y, (nw, nh), interpolation=cv2.INTER_LINEAR)
            u = cv2.resize(u, (nw // 2, nh // 2), interpolation=cv2.INTER_LINEAR)
            v = cv2.resize(v, (nw // 2, nh // 2), interpolation=cv2.INTER_LINEAR)
        else:
            y, u, v = y[:nh, :nw], u[: nh // 2, : nw // 2], v[: nh // 2, : nw // 2]
        return _stack_i420(y, u, v), scale


def _stack_i420(y: np.ndarray, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Y (H, W), U and V (H/2, W/2) planes as one contiguous I420 array (H * 3 / 2, W)."""
    h, w = y.shape
    out = np.empty((h * 3 // 2, w), dtype=np.uint8)
    out[:h] = y
    flat = out.reshape(-1)
    quarter = (h // 2) * (w // 2)
    flat[h * w : h * w + quarter] = u.reshape(-1) if u.flags.c_contiguous else u.ravel()
    flat[h * w + quarter :] = v.reshape(-1) if v.flags.c_contiguous else v.ravel()
    return out


# (Kr, Kb) of the Y'CbCr matrices by PyAV's colorspace number; anything else is BT.601,
# which is also what FFmpeg assumes for untagged video.
_KR_KB = {1: (0.2126, 0.0722), 9: (0.2627, 0.0593)}
_BT601 = (0.299, 0.114)


def _i420_to_rgb(
    y: np.ndarray,
    u: np.ndarray,
    v: np.ndarray,
    matrix: int | None = None,
    full_range: bool = False,
) -> np.ndarray:
    """RGB of 4:2:0 planes with the stream's own matrix and range, chroma upsampled
    bilinearly: what the whole-frame conversion (``to_ndarray("rgb24")``) gives.

    Why not ``cv2.COLOR_YUV2RGB_I420``: it always assumes limited-range BT.601 with
    nearest chroma, so HD (BT.709) and full-range phone video came out with shifted
    colours, and the pose model placed joints differently from the whole-frame path
    (a hand-counted landing of the demo moved from 1.8 to 3.3 frames off).
    """
    h, w = y.shape
    ycc = cv2.merge(
        (
            y,
            cv2.resize(u, (w, h), interpolation=cv2.INTER_LINEAR),
            cv2.resize(v, (w, h), interpolation=cv2.INTER_LINEAR),
        )
    )
    # One affine map per pixel, in OpenCV (rounded and clipped to 0..255 there): about
    # a fifth of the cost of the same arithmetic as numpy float arrays.
    return cv2.transform(ycc, _yuv_to_rgb_matrix(matrix, full_range))


@lru_cache(maxsize=8)
def _yuv_to_rgb_matrix(matrix: int | None, full_range: bool) -> np.ndarray:
    """The 3 x 4 affine map (Y, Cb, Cr, 1) -> (R, G, B) of a matrix and range."""
    kr, kb = _KR_KB.get(matrix or 0, _BT601)
    kg = 1.0 - kr - kb
    if full_range:
        ys, y0, c = 1.0, 0.0, 1.0
    else:
        ys, y0, c = 255.0 / 219.0, 16.0, 255.0 / 224.0
    cr_r = c * 2 * (1 - kr)
    cb_b = c * 2 * (1 - kb)
    cb_g = -c * 2 * kb * (1 - kb) / kg
    cr_g = -c * 2 * kr * (1 - kr) / kg
    rows = np.array(
        [
            [ys, 0.0, cr_r],
            [ys, cb_g, cr_g],
            [ys, cb_b, 0.0],
        ]
    )
    offset = -ys * y0 - 128.0 * rows[:, 1] - 128.0 * rows[:, 2]
    return np.column_stack((rows, offset)).astype(np.float32)


# Decoder pixel formats whose planes can be used as they are (8-bit 4:2:0).
_I420_FORMATS = {"yuv420p", "yuvj420p"}


def _planes(raw: av.VideoFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Views of an 8-bit 4:2:0 frame's Y, U, V planes (no copy; they keep ``raw`` alive)."""
    out = []
    for plane in raw.planes:
        rows = np.frombuffer(plane, np.uint8).reshape(-1, plane.line_size)
        out.append(rows[: plane.height, : plane.width])
    w, h = raw.width, raw.height
    return out[0], out[1][: h // 2, : w // 2], out[2][: h // 2, : w // 2]


def _open(path: Path) -> av.container.InputContainer:
    if not path.exists():
        raise VideoError(f"{path}: no such file")
    if path.is_dir():
        raise VideoError(f"{path}: is a folder, not a video file")
    if path.stat().st_size == 0:
        raise VideoError(f"{path}: the file is empty (0 bytes)")
    try:
        container = av.open(str(path), mode="r")
    except av.error.FFmpegError as exc:
        raise VideoError(
            f"{path.name}: not a video file that can be read "
            f"(damaged, cut short, or another kind of file): {exc.strerror or exc}"
        ) from None
    if not container.streams.video:
        kinds = sorted({s.type for s in container.streams}) or ["nothing"]
        container.close()
        raise VideoError(f"{path.name}: has no video track (it contains {', '.join(kinds)})")
    return container


def _rotation_steps(frame: av.VideoFrame) -> int:
    """Quarter turns counter-clockwise needed to show ``frame`` upright.

    FFmpeg's display-matrix angle is counter-clockwise; a portrait phone clip usually
    says -90, i.e. turn the stored landscape pixels a quarter turn clockwise.
    """
    try:
        angle = float(frame.rotation or 0)
    except (AttributeError, TypeError, ValueError):
        angle = 0.0
    return round(angle / 90.0) % 4


def upright(image: np.ndarray, quarter_turns_ccw: int) -> np.ndarray:
    """Rotate ``image`` by ``quarter_turns_ccw`` * 90 degrees counter-clockwise."""
    k = quarter_turns_ccw % 4
    return image if k == 0 else np.ascontiguousarray(np.rot90(image, k))


def _same_file(path: Path) -> tuple[str, int, int] | None:
    """What identifies a file's current content cheaply: path, change time, size."""
    try:
        st = path.stat()
    except OSError:
        return None
    return str(path.resolve()), st.st_mtime_ns, st.st_size


def cached_per_file(fn):  # type: ignore[no-untyped-def]
    """Remember ``fn(path, *args)`` for the same unchanged file: one form check asks for
    the header and the key frames from several stages (about 30-50 ms each, while
    the second process waits); a changed or missing file is read again."""
    remembered = lru_cache(maxsize=32)(lambda key, path, *args: fn(path, *args))

    def cached(path: str | Path, *args):  # type: ignore[no-untyped-def]
        path = Path(path)
        key = _same_file(path)
        return fn(path, *args) if key is None else remembered(key, path, *args)

    cached.__doc__, cached.__name__ = fn.__doc__, fn.__name__
    return cached


@cached_per_file
def probe(path: str | Path) -> VideoInfo:
    """Read the container header (and the first frame, for rotation) without decoding all."""
    path = Path(path)
    container = _open(path)
    try:
        stream = container.streams.video[0]
        fps = float(stream.average_rate or stream.guessed_rate or 0.0)
        if stream.duration is not None and stream.time_base is not None:
            duration = float(stream.duration * stream.time_base)
        elif container.duration is not None:
            duration = container.duration / 1_000_000
        else:
            duration = 0.0
        rotation = 0
        try:
            first = next(container.decode(stream))
            rotation = _rotation_steps(first)
        except (StopIteration, av.error.FFmpegError):
            pass
        width, height = stream.codec_context.width, stream.codec_context.height
        if rotation % 2:
            width, height = height, width
        return VideoInfo(
            path=path,
            width=int(width),
            height=int(height),
            rotation_deg=(-rotation * 90) % 360,
            fps_nominal=fps,
            frames_declared=int(stream.frames or 0),
            duration_s=duration,
            codec=stream.codec_context.name,
            container=container.format.name,
        )
    finally:
        container.close()


def iter_frames(
    path: str | Path,
    *,
    max_seconds: float | None = None,
    every_s: float | None = None,
    max_side: int | None = None,
    threads: int = DECODE_THREADS,
    start_s: float | None = None,
    end_s: float | None = None,
    yuv: bool = False,
    stored_times: bool = False,
) -> Iterator[Frame]:
    """Yield upright RGB frames in presentation order, with real timestamps.

    With ``every_s``, frames are sampled on a fixed grid (the first frame at or after
    each multiple of ``every_s``); only those are converted and yielded (the rest are
    decoded, which the codec requires, but never turned into pixels). A fixed grid
    means a video read in two parts samples exactly the frames it samples when read
    whole. ``index`` counts every frame (estimated from the time after a seek). With
    ``max_side``, larger frames are shrunk by the decoder's scaler (cheaper than
    converting full size and resizing after). ``threads`` is the decoder's thread
    count (0 lets FFmpeg choose).

    ``start_s`` / ``end_s`` read only the frames with ``start_s <= time < end_s``
    (times still count from the video's first frame): the decoder seeks to the key
    frame before ``start_s``, so a second process can work on the second half of a
    video without decoding the first half.

    With ``yuv``, 8-bit 4:2:0 frames that need no turning are handed over as the
    decoder's planes (see :class:`Frame`), at full size, whatever ``max_side`` says
    (the consumer shrinks what it uses); other frames come as RGB as usual.

    With ``stored_times``, times are the file's own timestamps instead of counting from
    its first frame: for the parts of the shrunk copy written by two processes, whose
    second part starts in the middle of the video.

    Times start at 0 for the first frame. Frames whose timestamp does not advance
    (duplicates some variable-rate recorders write) are skipped so that times stay
    strictly increasing, which the gait engine requires. Memory use is one frame.

    Raises :class:`VideoError` when the file is not a video, has no video track,
    holds no frame, or ends well before its header says it should (truncated).
    """
    path = Path(path)
    if max_seconds is not None and max_seconds <= 0:
        raise VideoError("the seconds to analyse must be a positive number", "max_seconds")
    container = _open(path)
    stream = container.streams.video[0]
    stream.thread_type = "AUTO"
    stream.codec_context.thread_count = threads
    fps = float(stream.average_rate or stream.guessed_rate or 30.0)
    declared = int(stream.frames or 0)
    t0: float | None = None
    last_t = -np.inf
    index = 0
    decoded = 0
    stopped_early = False
    next_sample_s = 0.0
    seeking = bool(start_s and start_s > 0)
    try:
        if seeking:
            t0 = _seek(container, stream, float(start_s))
            next_sample_s = float(start_s)
            if every_s is not None:
                next_sample_s = np.ceil(start_s / every_s - 1e-6) * every_s
        for raw in container.decode(stream):
            decoded += 1
            t_abs = float(raw.time) if raw.time is not None else decoded / fps
            if t0 is None:
                t0 = 0.0 if stored_times else t_abs
            t = t_abs - t0
            if t <= last_t:
                continue
            if seeking and t < start_s - 1e-6:
                continue  # decoded from the key frame on, but before the span
            if (max_seconds is not None and t > max_seconds) or (
                end_s is not None and t >= end_s - 1e-6
            ):
                stopped_early = True
                break
            if seeking and index == 0:
                index = round(t * fps)
            if every_s is None or t >= next_sample_s - 1e-6:
                if yuv and raw.format.name in _I420_FORMATS and _rotation_steps(raw) == 0:
                    yield Frame(
                        index=index,
                        time_s=t,
                        image=None,
                        yuv=_planes(raw),
                        yuv_matrix=raw.colorspace,
                        yuv_full_range=raw.color_range == 2 or raw.format.name == "yuvj420p",
                    )
                else:
                    image, scale = _to_rgb(raw, max_side)
                    yield Frame(index=index, time_s=t, image=image, scale=scale)
                if every_s is not None:
                    next_sample_s = (np.floor(t / every_s + 1e-6) + 1) * every_s
            last_t = t
            index += 1
    except av.error.FFmpegError as exc:
        if declared and decoded < _TRUNCATION_TOLERANCE * declared:
            raise _cut_short(path, decoded, declared) from None
        raise VideoError(
            f"{path.name}: the video is damaged or cut short; decoding stopped after "
            f"{decoded} frames ({exc.strerror or exc})"
        ) from None
    finally:
        container.close()
    if seeking:
        # Only part was decoded: judge truncation by how far into the video it reached.
        reached = round(last_t * fps) + 1 if index else 0
        if not stopped_early and declared and reached < _TRUNCATION_TOLERANCE * declared:
            raise _cut_short(path, reached, declared)
        return
    if index == 0:
        raise VideoError(f"{path.name}: the video contains no frames")
    if not stopped_early and declared and decoded < _TRUNCATION_TOLERANCE * declared:
        raise _cut_short(path, decoded, declared)


def _seek(container: av.container.InputContainer, stream: av.VideoStream, start_s: float) -> float:
    """Decode the first frame (its time is the video's zero), then seek to the key frame
    at or before ``start_s``; returns the first frame's absolute time in seconds."""
    first = next(container.decode(stream), None)
    if first is None or first.time is None:
        return 0.0
    t0 = float(first.time)
    target = round((t0 + start_s) / float(stream.time_base))
    container.seek(target, stream=stream, backward=True, any_frame=False)
    return t0


def _cut_short(path: Path, decoded: int, declared: int) -> VideoError:
    # Depending on the decoder's threading, a cut file either ends early or raises part-way;
    # the person gets the same message either way.
    return VideoError(
        f"{path.name}: the video is cut short: {decoded} of {declared} frames could be "
        "decoded (was the copy or upload interrupted?)"
    )


def _to_rgb(raw: av.VideoFrame, max_side: int | None) -> tuple[np.ndarray, float]:
    longest = max(raw.width, raw.height)
    if max_side is None or longest <= max_side:
        return upright(raw.to_ndarray(format="rgb24"), _rotation_steps(raw)), 1.0
    scale = max_side / longest
    small = raw.reformat(
        width=max(2, round(raw.width * scale)),
        height=max(2, round(raw.height * scale)),
        format="rgb24",
        interpolation="FAST_BILINEAR",
    )
    return upright(small.to_ndarray(), _rotation_steps(raw)), scale


def fit_within(image: np.ndarray, max_side: int) -> tuple[np.ndarray, float]:
    """Shrink ``image`` so its longer side is at most ``max_side``; return it and the scale.

    The pose model works on a 256-pixel crop, so feeding it 4K pixels only costs time.
    ``scale`` maps shrunk coordinates back: ``original = shrunk / scale``.
    """
    h, w = image.shape[:2]
    longest = max(h, w)
    if longest <= max_side:
        return image, 1.0
    scale = max_side / longest
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA), scale


_DONE = object()


def prefetched(frames: Iterable[Frame], depth: int = 4) -> Iterator[Frame]:
    """Decode ahead in a background thread, keeping at most ``depth`` frames in memory.

    FFmpeg decoding releases the GIL, so on two cores the next frames are decoded while
    the pose model works on this one. Errors raised while decoding (VideoError) are
    re-raised here, in the consumer, at the point where the frames ran out.
    """
    buffer: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def work() -> None:
        try:
            for frame in frames:
                while not stop.is_set():
                    try:
                        buffer.put(frame, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            buffer.put(_DONE)
        except BaseException as exc:  # handed to the consumer thread
            buffer.put(exc)
        finally:
            close = getattr(frames, "close", None)
            if close is not None:
                close()  # releases the container when the consumer stopped early

    thread = threading.Thread(target=work, name="backstride-decode", daemon=True)
    thread.start()
    try:
        while True:
            item = buffer.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while thread.is_alive():
            try:
                buffer.get_nowait()
            except queue.Empty:
                thread.join(timeout=0.05)


def key_frame_times(path: str | Path, max_seconds: float | None = None) -> list[float]:
    """Times (from the first frame) of the video's key frames, read from the packets
    without decoding: where a second process can start reading at no extra cost."""
    return list(_key_frame_times(path, max_seconds))


@cached_per_file
def _key_frame_times(path: str | Path, max_seconds: float | None = None) -> tuple[float, ...]:
    container = _open(Path(path))
    try:
        stream = container.streams.video[0]
        tb = float(stream.time_base or 0) or 1 / 90000
        first: float | None = None
        keys: list[float] = []
        for packet in container.demux(stream):
            if packet.pts is None:
                continue
            t = packet.pts * tb
            first = t if first is None else min(first, t)
            if max_seconds is not None and t - first > max_seconds:
                break
            if packet.is_keyframe:
                keys.append(t)
    except av.error.FFmpegError:
        return ()  # a damaged file: decoding will say what is wrong with it
    finally:
        container.close()
    return tuple(sorted(k - (first or 0.0) for k in keys))


def nearest_key_frame(keys: list[float], target_s: float, within_s: float) -> float:
    """The key frame time nearest ``target_s`` if one is within ``within_s``, else
    ``target_s`` itself (reading then starts at the key frame before it)."""
    near = [k for k in keys if k > 0 and abs(k - target_s) <= within_s]
    return min(near, key=lambda k: abs(k - target_s)) if near else target_s
