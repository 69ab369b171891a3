"""COCO-17 keypoints in JSON (one file), as written by many 2D pose models.

Accepted layouts (the frame rate must be given; frames are ``1/fps`` apart):

1. **A list of frames.** Each frame is a list of 51 numbers (17 x, y, score) or of 17
   ``[x, y, score]`` lists, an object
   ``{"keypoints": [51 numbers]}``, a list of such objects (several people), or
   ``null`` / ``[]`` when nobody was detected.
2. **COCO results / annotations.** A list of objects with ``image_id`` and
   ``keypoints`` (optionally ``score``), or an object with an ``annotations`` list of
   them. Objects sharing an ``image_id`` are the people of one frame; frames are ordered
   by ``image_id`` and placed ``(image_id - first) / fps`` seconds apart, so missing
   images leave gaps in time.

The third number of a point is its confidence (detections) or COCO visibility 0/1/2
(annotations); either way it is clipped to 0..1, and 0 (or x = y = 0) means missing.
Several people in a frame: the same tracking as the OpenPose reader (largest first, then
nearest to the previous pick). COCO-17 has no heel or toe points, so the analysis cannot
judge foot strike from it and will say so.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from backstride.gait.consts import COCO17_JOINTS
from backstride.gait.io._common import (
    numbers,
    read_json,
    require_fps,
    track_person,
    triplets_to_points,
)
from backstride.gait.keypoints import KeypointError, KeypointSeries

Person = tuple[np.ndarray, np.ndarray]


def _person(item, what: str) -> Person:
    if isinstance(item, dict):
        if "keypoints" not in item:
            raise KeypointError(f"{what}: object has no 'keypoints'")
        item = item["keypoints"]
    return triplets_to_points(numbers(item, f"{what} (COCO-17 needs 17 x, y, score)", 51))


def _is_triplet(value) -> bool:
    return (
        isinstance(value, list) and len(value) == 3 and not any(isinstance(v, list) for v in value)
    )


def _frame(item, what: str) -> list[Person]:
    if item is None or item == []:
        return []
    if isinstance(item, dict):
        return [_person(item, what)]
    if isinstance(item, list) and len(item) == 17 and all(_is_triplet(v) for v in item):
        return [_person([c for v in item for c in v], what)]
    if isinstance(item, list) and item and all(isinstance(v, dict | list) for v in item):
        return [_person(p, f"{what}, person {k}") for k, p in enumerate(item)]
    return [_person(item, what)]


def _from_results(items: list, name: str) -> tuple[np.ndarray, list[list[Person]]]:
    by_image: dict[int, list[Person]] = {}
    for k, item in enumerate(items):
        image = item.get("image_id")
        if not isinstance(image, int) or isinstance(image, bool):
            raise KeypointError(f"{name}: entry {k} has no integer image_id")
        by_image.setdefault(image, []).append(_person(item, f"{name}: entry {k}"))
    ids = sorted(by_image)
    return np.array(ids, dtype=float) - ids[0], [by_image[i] for i in ids]


def parse_coco(doc, fps: float | None, name: str = "COCO") -> KeypointSeries:
    """Keypoints from parsed COCO JSON (see module docstring); KeypointError on problems."""
    rate = require_fps(fps, "COCO keypoint")
    if isinstance(doc, dict) and "people" in doc:
        raise KeypointError(f"{name} looks like one OpenPose frame: give the whole folder")
    if isinstance(doc, dict) and isinstance(doc.get("annotations"), list):
        doc = doc["annotations"]
    if not isinstance(doc, list):
        raise KeypointError(f"{name}: expected a list of frames or of COCO results")
    if not doc:
        raise KeypointError(f"{name} holds no frames")
    if all(isinstance(d, dict) and "image_id" in d for d in doc):
        index, frames = _from_results(doc, name)
    else:
        frames = [_frame(item, f"{name}: frame {k}") for k, item in enumerate(doc)]
        index = np.arange(len(frames), dtype=float)
    picks, not_largest = track_person([[xy for xy, _ in people] for people in frames])
    n = len(frames)
    xy = np.full((n, 17, 2), np.nan)
    score = np.zeros((n, 17))
    for f, (people, pick) in enumerate(zip(frames, picks, strict=True)):
        if pick >= 0:
            xy[f], score[f] = people[pick]
    meta = {
        "format": "coco17",
        "source": name,
        "fps": rate,
        "people_max": max((len(p) for p in frames), default=0),
        "person_index": picks,
        "picks_not_largest": not_largest,
        "single_frame": n == 1,
        "missing_points": "heel and toe (COCO-17 has none)",
    }
    return KeypointSeries(index / rate, xy, score, COCO17_JOINTS, meta)


def read_coco(path: str | Path, fps: float | None = None) -> KeypointSeries:
    """Read a COCO-17 keypoint JSON file (see module docstring); ``fps`` is required."""
    path = Path(path)
    require_fps(fps, "COCO keypoint")
    series = parse_coco(read_json(path), fps, name=path.name)
    series.meta["source"] = str(path)
    return series
