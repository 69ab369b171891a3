"""OpenPose BODY_25 JSON folders: one ``*_keypoints.json`` file per video frame.

OpenPose writes ``{"people": [{"pose_keypoints_2d": [x0, y0, c0, ... x24, y24, c24]}]}``
for every frame and no time stamps, so the frame rate must be given. BODY_25 points map
to our names (Nose -> nose, REye -> right_eye, RBigToe -> right_foot_index, RHeel ->
right_heel ...); Neck, MidHip and the small toes have no MediaPipe twin and are dropped.
A point at (0, 0) or with confidence 0 is missing.

Several people in a frame: the largest person of the first frame with anyone is tracked,
then in each frame the person whose centre is nearest the previous pick (``meta``:
``people_max``, ``person_index`` per frame, ``picks_not_largest``). Frames with nobody
are kept with every joint missing, so the time base stays regular. Frame numbers are
taken from the file names (``..._000000000012_keypoints.json``) so skipped files leave
a gap in time instead of shifting later frames.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from backstride.gait.consts import MEDIAPIPE_JOINTS
from backstride.gait.io._common import (
    joint_name,
    numbers,
    read_json,
    require_fps,
    track_person,
    triplets_to_points,
)
from backstride.gait.keypoints import KeypointError, KeypointSeries

BODY25_NAMES: tuple[str, ...] = (
    "Nose", "Neck", "RShoulder", "RElbow", "RWrist", "LShoulder", "LElbow", "LWrist",
    "MidHip", "RHip", "RKnee", "RAnkle", "LHip", "LKnee", "LAnkle", "REye", "LEye",
    "REar", "LEar", "LBigToe", "LSmallToe", "LHeel", "RBigToe", "RSmallToe", "RHeel",
)  # fmt: skip
"""BODY_25 keypoint order as OpenPose documents it."""

_KEEP = sorted(
    ((i, joint_name(n)) for i, n in enumerate(BODY25_NAMES) if joint_name(n)),
    key=lambda pair: MEDIAPIPE_JOINTS.index(pair[1]),
)
_FRAME_NO = re.compile(r"(\d+)_keypoints\.json$")


def _frame_files(folder: Path) -> list[Path]:
    if not folder.exists():
        raise KeypointError(f"no such folder: {folder}")
    if not folder.is_dir():
        raise KeypointError(f"{folder} is not a folder of OpenPose *_keypoints.json files")
    files = sorted(folder.glob("*_keypoints.json"))
    if not files:
        raise KeypointError(f"{folder} holds no OpenPose *_keypoints.json files")
    return files


def _frame_numbers(files: list[Path]) -> tuple[np.ndarray, np.ndarray]:
    """Frame numbers (from 0) and the file order that sorts them."""
    found = [_FRAME_NO.search(f.name) for f in files]
    if all(found):
        nums = np.array([int(m.group(1)) for m in found])
        if len(set(nums.tolist())) == len(nums):
            order = np.argsort(nums, kind="stable")
            return nums[order] - nums[order][0], order
    return np.arange(len(files)), np.arange(len(files))


def _people(doc, name: str) -> list[tuple[np.ndarray, np.ndarray]]:
    if not isinstance(doc, dict) or not isinstance(doc.get("people"), list):
        raise KeypointError(f"{name} is not an OpenPose frame (no 'people' list)")
    out = []
    for k, person in enumerate(doc["people"]):
        if not isinstance(person, dict) or "pose_keypoints_2d" not in person:
            raise KeypointError(f"{name}: person {k} has no pose_keypoints_2d")
        values = person["pose_keypoints_2d"]
        what = f"{name}: person {k} (BODY_25 needs 25 x, y, confidence)"
        out.append(triplets_to_points(numbers(values, what, 75)))
    return out


def read_openpose(folder: str | Path, fps: float | None = None) -> KeypointSeries:
    """Read an OpenPose BODY_25 output folder (see module docstring); ``fps`` is required."""
    folder = Path(folder)
    rate = require_fps(fps, "OpenPose")
    files = _frame_files(folder)
    nums, order = _frame_numbers(files)
    files = [files[i] for i in order]
    frames = [_people(read_json(f), f.name) for f in files]
    picks, not_largest = track_person([[xy for xy, _ in people] for people in frames])
    keep_idx = [i for i, _ in _KEEP]
    joints = tuple(j for _, j in _KEEP)
    n = len(files)
    xy = np.full((n, len(joints), 2), np.nan)
    score = np.zeros((n, len(joints)))
    for f, (people, pick) in enumerate(zip(frames, picks, strict=True)):
        if pick >= 0:
            xy[f] = people[pick][0][keep_idx]
            score[f] = people[pick][1][keep_idx]
    meta = {
        "format": "openpose-body25",
        "source": str(folder),
        "fps": rate,
        "people_max": max((len(p) for p in frames), default=0),
        "person_index": picks,
        "picks_not_largest": not_largest,
        "frames_without_person": int(sum(p < 0 for p in picks)),
        "single_frame": n == 1,
    }
    return KeypointSeries(nums / rate, xy, score, joints, meta)
