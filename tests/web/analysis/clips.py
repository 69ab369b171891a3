"""Short real clips cut in the test from the shared demo recording.

The recording is never copied into the repository: tests read it from
../shared/data (relative to the repository root) and skip, saying so, when it is absent.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
DEMO_VIDEO = REPO_ROOT.parent / "shared" / "data" / "video" / "walking-side-view-two-people.mp4"


def demo_video() -> Path:
    """The shared recording, or a skip that says where it was looked for."""
    if not DEMO_VIDEO.is_file():
        pytest.skip(f"real recording not found at {DEMO_VIDEO} (shared data is absent)")
    return DEMO_VIDEO


def cut_clip(out: Path, start_s: float = 1.2, seconds: float = 3.3, width: int = 884) -> Path:
    """Re-encode ``seconds`` of the demo from ``start_s`` at ``width`` px as H.264.

    The walker enters at about 1.3 s, so the default window holds about three seconds
    of them walking; half the width keeps the pose pass quick on a shared machine.
    """
    source = demo_video()
    with av.open(str(source)) as src, av.open(str(out), "w") as dst:
        stream_in = src.streams.video[0]
        rate = stream_in.average_rate or Fraction(30)
        height = round(stream_in.codec_context.height * width / stream_in.codec_context.width)
        stream_out = dst.add_stream("libx264", rate=rate)
        stream_out.width, stream_out.height = width, height - height % 2
        stream_out.pix_fmt = "yuv420p"
        index = 0
        for frame in src.decode(stream_in):
            t = float(frame.time or 0.0)
            if t < start_s:
                continue
            if t >= start_s + seconds:
                break
            small = frame.reformat(width=stream_out.width, height=stream_out.height)
            small = small.reformat(format="yuv420p")
            small.pts, small.time_base = index, 1 / Fraction(rate)
            index += 1
            for packet in stream_out.encode(small):
                dst.mux(packet)
        for packet in stream_out.encode():
            dst.mux(packet)
    return out
