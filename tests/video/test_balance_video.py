"""``backstride balance`` on a real video: MediaPipe keypoints of a real person.

The demo clip (a woman walking forward, right to left) played backwards is a real
backward walk. A one-second freeze of its first frame in front of it makes the standing
start, so the true start is known exactly: video frame 31, the first one that differs
from the still picture. Played forwards again, the same keypoints are a forward walk and
must be refused.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from backstride.cli import _register, app
from backstride.gait.transforms import reverse_in_time
from backstride.gait.walk_test import BackwardWalkTimer, Lines, WalkTestError
from tests.video.conftest import write_video

pytestmark = pytest.mark.slow

_register()
runner = CliRunner()
FREEZE = 30
FIRST_MOVING = FREEZE + 1
START_LINE, END_LINE = 291.0, 650.0  # x of her resting back heel; a line 3 legs away


@pytest.fixture(scope="module")
def standing_start_clip(clip_frames, tmp_path_factory):
    backward = clip_frames[::-1]
    return write_video(
        tmp_path_factory.mktemp("balance") / "standback.mp4", [backward[0]] * FREEZE + backward
    )


@pytest.fixture(scope="module")
def keypoints(standing_start_clip):
    from backstride.video.extract import extract_keypoints

    return extract_keypoints(standing_start_clip)


def test_cli_times_a_real_backward_walk_from_video(standing_start_clip, keypoints):
    result = runner.invoke(
        app,
        [
            "balance",
            str(standing_start_clip),
            "--start-line",
            str(START_LINE),
            "--end-line",
            str(END_LINE),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    assert abs(d["start"]["video_frame"] - FIRST_MOVING) <= 2
    # The end: the first frame in which one of her (raw) heel points is past the line.
    heels = np.stack([keypoints.joint(f"{s}_heel")[:, 0] for s in ("left", "right")])
    over = np.flatnonzero(np.nanmax(heels, axis=0) >= END_LINE)
    assert abs(d["end"]["video_frame"] - int(over[0])) <= 2
    assert d["duration_s"] == pytest.approx(d["end"]["time_s"] - d["start"]["time_s"], abs=0.01)
    assert d["warnings"] == []


def test_the_same_keypoints_played_forward_are_refused(keypoints):
    forward = reverse_in_time(keypoints)
    with pytest.raises(WalkTestError, match="no backward movement: the person walks forward"):
        BackwardWalkTimer().detect(forward, lines=Lines(END_LINE, START_LINE))
