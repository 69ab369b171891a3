"""Balance-video fixtures: a private media folder, and real clips of a backward walk.

The clips are cut from the shared demo recording (never copied into the repository):
the woman walking right to left, played backwards, is a real backward walk; a one-second
freeze of its first frame in front of it is the standing start. Played forward after the
same freeze, it is a forward walk that must be refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

FREEZE = 30
START_LINE, END_LINE = 291.0, 650.0  # her resting back heel; a line about 3 legs away


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def _frames():
    from tests.video.conftest import CLIP_MAX_SIDE, CLIP_SECONDS, CLIP_START_S, DEMO

    if not DEMO.exists():
        pytest.skip(f"demo video not found at {DEMO} (see ../shared/data/SOURCES.md)")
    from backstride.video.decode import iter_frames

    frames = []
    for f in iter_frames(DEMO, max_seconds=CLIP_START_S + CLIP_SECONDS, max_side=CLIP_MAX_SIDE):
        if f.time_s >= CLIP_START_S - 1e-6:
            frames.append(f.image[: f.image.shape[0] // 2 * 2])
    return frames


@pytest.fixture(scope="session")
def demo_frames() -> list:
    return _frames()


@pytest.fixture(scope="session")
def backward_clip(demo_frames, tmp_path_factory) -> bytes:
    from tests.video.conftest import write_video

    backward = demo_frames[::-1]
    path = tmp_path_factory.mktemp("balance-web") / "standback.mp4"
    return write_video(path, [backward[0]] * FREEZE + backward).read_bytes()


@pytest.fixture(scope="session")
def forward_clip(demo_frames, tmp_path_factory) -> bytes:
    from tests.video.conftest import write_video

    path = tmp_path_factory.mktemp("balance-web") / "forward.mp4"
    return write_video(path, [demo_frames[0]] * FREEZE + demo_frames).read_bytes()
