"""The whole demo through pose extraction and the gait engine, forward and reversed.

Manual count (a contact sheet of every 4th frame of the walker's legs, 30 fps): her
leading foot lands at about frames 78, 98, 117, 135, 153, 171 and 189 (+-2 frames),
i.e. 6 steps in 111 frames (3.7 s), 97 steps/min. A walk, so the accepted range is
85-110 steps/min.
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


@pytest.fixture(scope="module")
def forward(demo):
    series = extract_keypoints(demo)
    return series, analyze(series)


def test_the_demo_walk_comes_out_forward_and_follows_the_walker(forward):
    series, report = forward
    assert report.direction == "forward"
    hips = (series.joint("left_hip") + series.joint("right_hip")) / 2
    assert np.nanmin(hips[:, 1]) > 0.55 * 994  # the walker, never the man on the box
    # She is in the picture from about 1.5 s to 6.6 s; we follow her at least 2.5-6.2 s.
    assert series.times_s[0] < 2.5 and series.times_s[-1] > 6.2
    # She walks out at the left edge: joints the model guessed beyond it are blanked.
    assert np.nanmin(series.xy[..., 0]) >= 0 and np.nanmax(series.xy[..., 0]) < 1768


def test_the_demo_walk_has_a_walking_cadence(forward):
    _, report = forward
    assert report.cadence_spm is not None
    assert MANUAL_CADENCE_SPM[0] <= report.cadence_spm <= MANUAL_CADENCE_SPM[1]


@pytest.fixture(scope="module")
def reversed_report(reversed_demo):
    return analyze(extract_keypoints(reversed_demo))


def test_the_demo_reversed_in_time_comes_out_backward(reversed_report):
    assert reversed_report.direction == "backward"


def test_the_reversed_demo_has_the_same_walking_cadence(reversed_report):
    assert reversed_report.cadence_spm is not None
    low, high = MANUAL_CADENCE_SPM
    assert low <= reversed_report.cadence_spm <= high
