"""OpenPose BODY_25 folders: mapping, person tracking, timing, the real recording."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from backstride.gait.io import read_keypoints
from backstride.gait.io.openpose import BODY25_NAMES, read_openpose
from backstride.gait.keypoints import KeypointError

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "keypoints"
REAL = REAL / "openpose-running-side"


def person(offset_x: float = 0.0, scale: float = 1.0, conf: float = 0.9) -> list[float]:
    """A BODY_25 person whose point k sits at (offset + 10 k + 10, 5 k + 5) * scale."""
    values: list[float] = []
    for k in range(25):
        values += [(offset_x + 10 * k + 10) * scale, (5 * k + 5) * scale, conf]
    return values


def write_frames(folder: Path, frames: list[list[list[float]]], numbers=None) -> Path:
    folder.mkdir(exist_ok=True)
    for i, people in enumerate(frames):
        number = numbers[i] if numbers else i
        doc = {"version": 1.3, "people": [{"pose_keypoints_2d": p} for p in people]}
        (folder / f"clip_{number:012d}_keypoints.json").write_text(json.dumps(doc))
    return folder


def test_body25_points_map_to_our_names(tmp_path):
    s = read_openpose(write_frames(tmp_path / "op", [[person()]]), fps=25)
    k = BODY25_NAMES.index
    np.testing.assert_array_equal(s.joint("nose")[0], [10, 5])
    assert k("RBigToe") == 22 and k("LHeel") == 21
    np.testing.assert_array_equal(s.joint("right_foot_index")[0], [230, 115])
    np.testing.assert_array_equal(s.joint("left_heel")[0], [220, 110])
    assert "neck" not in " ".join(s.joints) and len(s.joints) == 21


def test_zero_points_are_missing_and_frame_numbers_set_the_time(tmp_path):
    p = person()
    p[3 * 10 : 3 * 10 + 3] = [0, 0, 0]  # RKnee not detected
    folder = write_frames(tmp_path / "op", [[p], [], [person()]], numbers=[4, 5, 8])
    s = read_openpose(folder, fps=10)
    np.testing.assert_allclose(s.times_s, [0.0, 0.1, 0.4])
    assert np.isnan(s.joint("right_knee")[0]).all() and s.joint_score("right_knee")[0] == 0
    assert np.isnan(s.xy[1]).all() and s.meta["frames_without_person"] == 1


def test_the_largest_person_is_tracked_even_when_someone_else_grows(tmp_path):
    runner = [person(0, 1.0), person(0.5, 1.0), person(1.0, 1.0)]
    other = [person(1000, 0.5), person(1000, 3.0), person(1000, 3.0)]
    frames = [
        [o, r] if i % 2 else [r, o] for i, (r, o) in enumerate(zip(runner, other, strict=True))
    ]
    s = read_openpose(write_frames(tmp_path / "op", frames), fps=30)
    np.testing.assert_allclose(s.joint("nose")[:, 0], [10.0, 10.5, 11.0])
    assert s.meta["people_max"] == 2 and s.meta["person_index"] == [0, 1, 0]
    assert s.meta["picks_not_largest"] == 2


def test_openpose_needs_a_frame_rate(tmp_path):
    folder = write_frames(tmp_path / "op", [[person()]])
    with pytest.raises(KeypointError, match="give the frame rate"):
        read_keypoints(folder)
    with pytest.raises(KeypointError, match="positive number"):
        read_openpose(folder, fps=-3)


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "no 'people' list"),
        ('{"people": [{"face": []}]}', "no pose_keypoints_2d"),
        ('{"people": [{"pose_keypoints_2d": [1, 2, 3]}]}', "has 3 numbers, expected 75"),
        ('{"people": [{"pose_keypoints_2d": ' + json.dumps(["a"] * 75) + "}]}", "not a number"),
    ],
)
def test_broken_frames_are_named_in_the_error(tmp_path, content, message):
    folder = tmp_path / "op"
    folder.mkdir()
    (folder / "x_000000000000_keypoints.json").write_text(content)
    with pytest.raises(KeypointError, match=message):
        read_openpose(folder, fps=30)


def test_a_folder_without_openpose_files_is_refused(tmp_path):
    with pytest.raises(KeypointError, match="no OpenPose"):
        read_openpose(tmp_path, fps=30)
    with pytest.raises(KeypointError, match="no such folder"):
        read_openpose(tmp_path / "missing", fps=30)


@pytest.mark.skipif(not REAL.is_dir(), reason=f"real OpenPose data not found at {REAL}")
def test_the_real_side_view_runner_loads_with_sensible_values():
    s = read_keypoints(REAL, fps=30)
    assert s.n_frames == 88 and s.duration_s == pytest.approx(87 / 30)
    seen = s.score > 0
    assert seen.any(axis=1).sum() == 63  # 25 files have nobody in them
    # The runner is upright: nose above hips above knees above ankles (image y down).
    frames = seen[:, [s.index(j) for j in ("nose", "right_hip", "right_knee", "right_ankle")]]
    ok = frames.all(axis=1)
    y = {j: s.joint(j)[ok, 1] for j in ("nose", "right_hip", "right_knee", "right_ankle")}
    assert np.all(y["nose"] < y["right_hip"]) and np.all(y["right_hip"] < y["right_knee"])
    assert np.median(y["right_knee"]) < np.median(y["right_ankle"])
    # The runner crosses the image from right to left at a few body heights per second.
    nose_x = s.joint("nose")[:, 0]
    valid = np.isfinite(nose_x)
    slope = np.polyfit(s.times_s[valid], nose_x[valid], 1)[0]
    height = np.nanmedian(s.joint("right_ankle")[:, 1] - s.joint("nose")[:, 1])
    assert -6.0 < slope / height < -1.0
