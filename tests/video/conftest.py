"""Real media for the video tests: the demo video and clips made from it with PyAV.

The demo (../shared/data/video/walking-side-view-two-people.mp4, Sports2D's demo,
BSD-3) is never copied into the repository; tests skip with a message when it is
absent. Short clips are cut from it once per session to keep the tests fast.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from backstride.video.decode import iter_frames

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO.parent / "shared" / "data" / "video" / "walking-side-view-two-people.mp4"

# 3 s in which the woman walks right to left across the lawn (man on the box above).
CLIP_START_S = 2.3
CLIP_SECONDS = 3.0
CLIP_MAX_SIDE = 960


def write_video(
    path: Path, frames: Iterable[np.ndarray], times_s: Iterable[float] | None = None, fps=30
) -> Path:
    """Encode RGB frames as H.264 MP4; ``times_s`` gives real (possibly uneven) timestamps."""
    out = av.open(str(path), mode="w")
    stream = None
    times = iter(times_s) if times_s is not None else None
    for i, img in enumerate(frames):
        if stream is None:
            stream = out.add_stream("libx264", rate=fps)
            stream.width, stream.height = img.shape[1], img.shape[0]
            stream.pix_fmt = "yuv420p"
            stream.time_base = Fraction(1, 90000)
            stream.codec_context.time_base = Fraction(1, 90000)
        frame = av.VideoFrame.from_ndarray(img, format="rgb24")
        t = next(times) if times is not None else i / fps
        frame.pts = round(t * 90000)
        frame.time_base = Fraction(1, 90000)
        for packet in stream.encode(frame):
            out.mux(packet)
    if stream is not None:
        for packet in stream.encode():
            out.mux(packet)
    out.close()
    return path


@pytest.fixture(scope="session")
def demo() -> Path:
    if not DEMO.exists():
        pytest.skip(f"demo video not found at {DEMO} (see ../shared/data/SOURCES.md)")
    return DEMO


@pytest.fixture(scope="session")
def clip_frames(demo: Path) -> list[np.ndarray]:
    """The 3 s walking segment, shrunk to 960 px wide (about 90 frames, 140 MB)."""
    frames = []
    for f in iter_frames(demo, max_seconds=CLIP_START_S + CLIP_SECONDS, max_side=CLIP_MAX_SIDE):
        if f.time_s >= CLIP_START_S - 1e-6:
            frames.append(f.image[: f.image.shape[0] // 2 * 2])
    return frames


@pytest.fixture(scope="session")
def walking_clip(clip_frames, tmp_path_factory) -> Path:
    return write_video(tmp_path_factory.mktemp("clips") / "walking.mp4", clip_frames)


@pytest.fixture(scope="session")
def reversed_clip(clip_frames, tmp_path_factory) -> Path:
    return write_video(tmp_path_factory.mktemp("clips") / "reversed.mp4", clip_frames[::-1])


@pytest.fixture(scope="session")
def no_person_clip(tmp_path_factory) -> Path:
    """One second of a grey wall with a little sensor noise: a real video, nobody in it."""
    rng = np.random.default_rng(7)
    frames = [
        np.clip(120 + rng.normal(0, 4, (240, 320, 3)), 0, 255).astype(np.uint8) for _ in range(30)
    ]
    return write_video(tmp_path_factory.mktemp("clips") / "wall.mp4", frames)


@pytest.fixture(scope="session")
def audio_only(tmp_path_factory) -> Path:
    """Two seconds of a 440 Hz tone in an MP4 container, no video track."""
    path = tmp_path_factory.mktemp("clips") / "tone.mp4"
    out = av.open(str(path), mode="w")
    stream = out.add_stream("aac", rate=44100)
    t = np.arange(2 * 44100) / 44100
    tone = (0.2 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    for start in range(0, tone.size, 1024):
        chunk = tone[start : start + 1024][None, :]
        frame = av.AudioFrame.from_ndarray(chunk, format="fltp", layout="mono")
        frame.sample_rate = 44100
        frame.pts = start
        for packet in stream.encode(frame):
            out.mux(packet)
    for packet in stream.encode():
        out.mux(packet)
    out.close()
    return path


@pytest.fixture
def bad_files(demo: Path, tmp_path: Path) -> dict[str, Path]:
    """Files a person might pass by mistake, each with the reason it must fail."""
    text = tmp_path / "notes.mp4"
    text.write_text("this is a shopping list, not a video\n")
    empty = tmp_path / "empty.mp4"
    empty.write_bytes(b"")
    data = demo.read_bytes()
    truncated = tmp_path / "truncated.mp4"
    truncated.write_bytes(data[: len(data) // 3])
    return {"text": text, "empty": empty, "truncated": truncated}
