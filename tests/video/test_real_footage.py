"""Slow-motion footage through the whole form check: the tag read, or the rhythm flagged.

A real slow-motion clip is made from the demo walk: every frame shown three times at
30 fps (a 90 fps capture played at 30), once with Android's capture-rate tag and once
without it, as sharing apps often strip it.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from backstride.video.pipeline import analyze_video
from backstride.video.slowmo import slowmo_factor

pytestmark = pytest.mark.slow

FACTOR = 3


def write_tagged(path: Path, frames: list[np.ndarray], capture_fps: float | None) -> Path:
    """H.264 MP4 at 30 fps, with ``com.android.capture.fps`` when given."""
    out = av.open(str(path), mode="w", options={"movflags": "use_metadata_tags"})
    if capture_fps is not None:
        out.metadata["com.android.capture.fps"] = f"{capture_fps:.6f}"
    stream = out.add_stream("libx264", rate=30)
    stream.width, stream.height = frames[0].shape[1], frames[0].shape[0]
    stream.pix_fmt = "yuv420p"
    stream.time_base = Fraction(1, 90000)
    for i, img in enumerate(frames):
        frame = av.VideoFrame.from_ndarray(img, format="rgb24")
        frame.pts, frame.time_base = round(i / 30 * 90000), Fraction(1, 90000)
        for packet in stream.encode(frame):
            out.mux(packet)
    for packet in stream.encode():
        out.mux(packet)
    out.close()
    return path


@pytest.fixture(scope="module")
def slow_frames(clip_frames) -> list[np.ndarray]:
    return [f for f in clip_frames for _ in range(FACTOR)]


def test_the_capture_rate_tag_gives_the_factor_and_plain_videos_have_none(tmp_path):
    frames = [np.full((48, 64, 3), 40 * i, np.uint8) for i in range(6)]
    assert slowmo_factor(write_tagged(tmp_path / "a.mp4", frames, 240.0)) == pytest.approx(8.0)
    assert slowmo_factor(write_tagged(tmp_path / "b.mp4", frames, None)) is None
    assert slowmo_factor(write_tagged(tmp_path / "c.mp4", frames, 30.0)) is None
    (tmp_path / "d.mp4").write_text("not a video")
    assert slowmo_factor(tmp_path / "d.mp4") is None


def test_a_tagged_slow_motion_walk_is_timed_on_the_real_clock(slow_frames, tmp_path):
    clip = write_tagged(tmp_path / "slow.mp4", slow_frames, 30.0 * FACTOR)
    result = analyze_video(clip, tmp_path / "out", html=False)
    doc = json.loads((tmp_path / "out" / "report.json").read_text())
    assert doc["slowmo_factor"] == pytest.approx(FACTOR)
    assert any("slow-motion clip" in w for w in doc["warnings"])
    # the demo walk is about 97 steps/min (hand count); 3 s hold few steps, so +-12 %
    assert result.report.cadence_spm == pytest.approx(97.0, rel=0.12)


def test_an_untagged_slow_motion_walk_is_flagged_and_gets_no_cadence_verdict(slow_frames, tmp_path):
    clip = write_tagged(tmp_path / "slow.mp4", slow_frames, None)
    result = analyze_video(clip, tmp_path / "out", html=False, annotated=False)
    doc = result.to_dict()
    assert doc["slowmo_factor"] is None
    assert any("slow-motion clip" in w and "--slowmo" in w for w in doc["warnings"]), (
        doc["cadence_spm"],
        doc["locomotion"],
        doc["warnings"],
    )
    cadence = next(c for c in doc["cues"] if c["cue"] == "cadence")
    assert cadence["verdict"] is None
