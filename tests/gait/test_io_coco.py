"""COCO-17 JSON: the accepted layouts, multi-person frames, and refusals."""

from __future__ import annotations

import json

import numpy as np
import pytest

from backstride.gait.io import read_keypoints
from backstride.gait.io.coco import parse_coco
from backstride.gait.keypoints import KeypointError


def kp(x0: float, conf: float = 0.8) -> list[float]:
    """17 points at (x0 + k, 100 + 10 k) with one confidence."""
    out: list[float] = []
    for k in range(17):
        out += [x0 + k, 100 + 10 * k, conf]
    return out


def test_a_list_of_flat_frames_reads_in_coco_order():
    s = parse_coco([kp(10), kp(20), None], fps=10)
    assert s.joints[:3] == ("nose", "left_eye", "right_eye") and len(s.joints) == 17
    np.testing.assert_allclose(s.times_s, [0.0, 0.1, 0.2])
    np.testing.assert_allclose(s.joint("right_ankle")[1], [36.0, 260.0])
    assert np.isnan(s.xy[2]).all() and not s.has("left_heel")
    assert "heel and toe" in s.meta["missing_points"]


def test_nested_triplets_and_objects_are_accepted():
    nested = [kp(10)[i : i + 3] for i in range(0, 51, 3)]
    s = parse_coco([nested, {"keypoints": kp(12)}], fps=30)
    np.testing.assert_allclose(s.joint("nose")[:, 0], [10.0, 12.0])


def test_coco_results_group_people_by_image_and_keep_gaps_in_time():
    results = [
        {"image_id": 7, "category_id": 1, "keypoints": kp(10), "score": 0.9},
        {"image_id": 7, "category_id": 1, "keypoints": kp(500), "score": 0.95},
        {"image_id": 8, "category_id": 1, "keypoints": kp(512), "score": 0.9},
        {"image_id": 10, "category_id": 1, "keypoints": kp(14), "score": 0.9},
    ]
    s = parse_coco(results, fps=20)
    np.testing.assert_allclose(s.times_s, [0.0, 0.05, 0.15])
    assert s.meta["people_max"] == 2
    # Same size, so the first listed is taken, then the one nearest to it each frame.
    np.testing.assert_allclose(s.joint("nose")[:, 0], [10.0, 512.0, 14.0])


def test_visibility_zero_means_missing_and_two_means_certain():
    points = kp(10, conf=2)
    points[3 * 5 + 2] = 0  # left shoulder not labelled
    s = parse_coco({"annotations": [{"image_id": 1, "keypoints": points}]}, fps=30)
    assert np.isnan(s.joint("left_shoulder")[0]).all()
    assert s.joint_score("nose")[0] == 1.0


@pytest.mark.parametrize(
    "doc, message",
    [
        ({"people": []}, "OpenPose frame"),
        ({"frames": 3}, "expected a list"),
        ([], "no frames"),
        ([[1, 2, 3]], "has 3 numbers, expected 51"),
        ([{"points": []}], "no 'keypoints'"),
        ([{"image_id": "a", "keypoints": kp(1)}], "no integer image_id"),
        ([[True] * 51], "not a number"),
    ],
)
def test_bad_coco_documents_are_refused(doc, message):
    with pytest.raises(KeypointError, match=message):
        parse_coco(doc, fps=30)


def test_coco_files_need_a_frame_rate(tmp_path):
    path = tmp_path / "k.json"
    path.write_text(json.dumps([kp(1)]))
    with pytest.raises(KeypointError, match="give the frame rate"):
        read_keypoints(path)
    assert read_keypoints(path, fps=30).n_frames == 1
