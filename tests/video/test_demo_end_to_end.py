"""The whole demo through pose extraction and the gait engine, forward and reversed.

Manual count (frames viewed one by one, 30 fps): the walker's leading foot lands at
about frames 78, 98, 117, 135, 153, 171 and 189, i.e. 6 steps in 111 frames (3.7 s),
97 steps/min. A walk, so the accepted range is 85-110 steps/min.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from backstride.gait.analysis import analyze
from backstride.video.decode import iter_frames
from backstride.video.extract import extract_keypoints

from .conftest import write_video

MANUAL_CADENCE_SPM = (85.0, 110.0)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def reversed_demo(demo, tmp_path_factory):
    """The demo played backwards (960 px wide); frames kept as JPEG to bound memory."""
    jpegs = [
        cv2.imencode(".jpg", f.image, [cv2.IMWRITE_JPEG_QUALITY, 92])[1]
        for f in iter_frames(demo, max_side=960)
    ]
    frames = (cv2.imdecode(j, cv2.IMREAD_UNCHANGED)[:540] for j in reversed(jpegs))
    return write_video(tmp_path_factory.mktemp("reversed") / "demo-reversed.mp4", frames)


def test_the_demo_walk_is_forward_at_a_walking_cadence(demo):
    series = extract_keypoints(demo)
    report = analyze(series)
    assert report.direction == "forward"
    assert MANUAL_CADENCE_SPM[0] <= report.cadence_spm <= MANUAL_CADENCE_SPM[1]
    hips = (series.joint("left_hip") + series.joint("right_hip")) / 2
    assert np.nanmin(hips[:, 1]) > 0.55 * 994  # the walker, never the man on the box


def test_the_demo_reversed_in_time_comes_out_backward(reversed_demo):
    series = extract_keypoints(reversed_demo)
    report = analyze(series)
    assert report.direction == "backward"
    assert MANUAL_CADENCE_SPM[0] <= report.cadence_spm <= MANUAL_CADENCE_SPM[1]
