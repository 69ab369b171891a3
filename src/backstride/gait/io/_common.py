"""Shared pieces of the keypoint readers: safe file access, name mapping, person tracking.

Every reader must turn any malformed input into a one-line ``KeypointError``; the helpers
here do the parts that are the same for every format so each reader stays short.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np

from backstride.gait.consts import MEDIAPIPE_JOINTS
from backstride.gait.keypoints import KeypointError

_SIDE = {"l": "left", "r": "right", "left": "left", "right": "right"}
_PART = {
    "eye": "eye",
    "ear": "ear",
    "shoulder": "shoulder",
    "elbow": "elbow",
    "wrist": "wrist",
    "hip": "hip",
    "knee": "knee",
    "ankle": "ankle",
    "heel": "heel",
    "bigtoe": "foot_index",
    "footindex": "foot_index",
    "toe": "foot_index",
}


def _squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _build_aliases() -> dict[str, str]:
    aliases = {_squash(j): j for j in MEDIAPIPE_JOINTS}
    aliases["nose"] = "nose"
    for short, side in _SIDE.items():
        for part, ours in _PART.items():
            aliases[_squash(short + part)] = f"{side}_{ours}"
    return aliases


ALIASES: dict[str, str] = _build_aliases()
"""Marker names of OpenPose, COCO, HALPE_26 and Sports2D (``RHip``, ``LBigToe``,
``right_knee`` ...) squashed to lower-case letters and digits -> our joint name.
The big toe stands in for MediaPipe's foot_index; small toes, neck, head and mid-hip have
no MediaPipe twin and are ignored."""


def joint_name(marker: str) -> str | None:
    """Our joint name for a marker name from another tool, or None when it has no twin."""
    return ALIASES.get(_squash(marker))


def read_text(path: Path) -> str:
    """The file's text, or a KeypointError that says why it cannot be read."""
    if not path.exists():
        raise KeypointError(f"no such file: {path}")
    if path.is_dir():
        raise KeypointError(f"{path} is a folder, expected a file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise KeypointError(f"cannot read {path}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise KeypointError(f"{path.name} is not a UTF-8 text file") from None
    if not text.strip():
        raise KeypointError(f"{path.name} is empty")
    return text


def read_json(path: Path):
    """Parsed JSON, or a KeypointError naming the file and the line of the syntax error."""
    text = read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise KeypointError(f"{path.name} is not valid JSON (line {exc.lineno})") from None
    except RecursionError:
        raise KeypointError(f"{path.name} is nested too deeply to be keypoints") from None


def numbers(values, what: str, count: int) -> np.ndarray:
    """``values`` as a float array of length ``count``, or a KeypointError about ``what``."""
    if not isinstance(values, list):
        raise KeypointError(f"{what}: expected a list of {count} numbers")
    if len(values) != count:
        raise KeypointError(f"{what}: has {len(values)} numbers, expected {count}")
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        raise KeypointError(f"{what}: contains something that is not a number")
    arr = np.asarray(values, dtype=float)
    if not np.isfinite(arr).all():
        raise KeypointError(f"{what}: contains NaN or infinite numbers")
    return arr


def triplets_to_points(arr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(x, y, c) triplets -> positions (NaN where c <= 0 or x = y = 0) and scores 0..1."""
    trip = arr.reshape(-1, 3)
    xy = trip[:, :2].copy()
    score = np.clip(trip[:, 2], 0.0, 1.0)
    missing = (trip[:, 2] <= 0) | ((trip[:, 0] == 0) & (trip[:, 1] == 0))
    xy[missing] = np.nan
    score[missing] = 0.0
    return xy, score


def track_person(candidates: list[list[np.ndarray]]) -> tuple[list[int], int]:
    """Pick one person per frame: the largest first, then the one nearest the last pick.

    ``candidates[f]`` holds each detected person's ``(K, 2)`` points (NaN = missing).
    Returns the chosen index per frame (-1 = nobody) and how often the pick was not the
    largest person in its frame (a hint that someone else was bigger in view).
    """
    picks: list[int] = []
    last: np.ndarray | None = None
    not_largest = 0
    for people in candidates:
        centres, sizes = [], []
        for pts in people:
            ok = np.isfinite(pts).all(axis=1)
            if ok.sum() == 0:
                centres.append(None)
                sizes.append(-1.0)
                continue
            p = pts[ok]
            centres.append(p.mean(axis=0))
            sizes.append(float(np.ptp(p[:, 1]) + np.ptp(p[:, 0])))
        valid = [i for i, c in enumerate(centres) if c is not None]
        if not valid:
            picks.append(-1)
            continue
        largest = max(valid, key=lambda i: sizes[i])
        if last is None:
            pick = largest
        else:
            pick = min(valid, key=lambda i: float(np.hypot(*(centres[i] - last))))
        not_largest += pick != largest
        last = centres[pick]
        picks.append(pick)
    return picks, not_largest


def require_fps(fps: float | None, fmt: str) -> float:
    """Frame rate for formats that carry no time stamps (OpenPose, COCO)."""
    if fps is None:
        raise KeypointError(f"{fmt} files carry no timing: give the frame rate", "fps")
    if not (isinstance(fps, int | float) and math.isfinite(fps) and fps > 0):
        raise KeypointError(f"frame rate must be a positive number, not {fps!r}", "fps")
    return float(fps)
