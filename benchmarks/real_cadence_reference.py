"""Recount the real runner's reference cadence from the raw foot trajectories.

Data
    ``../shared/data/keypoints/openpose-running-side`` (OpenPose BODY_25, 30 fps, forward
    run from image-right to image-left, still camera; the pelvis moves ~33 px/frame).
Method
    The five landings seen in full (right, left, right, left, right) were picked by eye
    from a frame-by-frame dump of heel, ankle and toe positions; the windows below hold
    one landing each. Within a window, a landing is where the point's horizontal speed
    (px per frame, between consecutive frames) first falls below a threshold, placed by
    linear interpolation between frame mid-points. Frame 16 repeats frame 15 exactly, so
    the zero-speed pair 15-16 is skipped rather than read as a stop. Step time is the
    least-squares slope of landing frame against step number over all five landings
    (file time, frame k at k/30 s). The reference is the median over the 9 point x
    threshold variants. A second, threshold-free event checks it: the frames where the
    two ankles pass each other (sign change of left x - right x).
Run
    ``.venv/bin/python benchmarks/real_cadence_reference.py`` (well under a second).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from backstride.gait.io import read_openpose

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "../shared/data/keypoints/openpose-running-side"
FPS = 30.0
LANDINGS = [
    ("right", 2, 9),
    ("left", 11, 20),
    ("right", 23, 31),
    ("left", 33, 41),
    ("right", 44, 52),
]
"""(foot, first, last frame interval searched) per landing; left near 58 is cut off."""
REPEATED_INTERVAL = 15
"""Frame 16 repeats frame 15: the 15 -> 16 interval shows no motion at all."""


def landing_frame(x: np.ndarray, first: int, last: int, threshold: float) -> float:
    """First crossing of ``|dx| < threshold`` in intervals ``first..last`` (frame units)."""
    speed = np.abs(np.diff(x))
    for i in range(first, last):
        if i == REPEATED_INTERVAL or not speed[i] < threshold:
            continue
        j = i - 1 if i - 1 != REPEATED_INTERVAL else i - 2
        share = (speed[j] - threshold) / (speed[j] - speed[i])
        return (j + 0.5) + share * (i - j)
    return float("nan")


def cadence_spm(frames: np.ndarray) -> float:
    """60 * fps / (least-squares frames per step) over consecutive steps."""
    return 60.0 * FPS / float(np.polyfit(np.arange(frames.size), frames, 1)[0])


def main() -> None:
    series = read_openpose(REAL, fps=FPS)
    results = []
    for point in ("heel", "ankle", "foot_index"):
        for threshold in (5.0, 10.0, 16.0):
            frames = np.array(
                [
                    landing_frame(series.joint(f"{foot}_{point}")[:, 0], a, b, threshold)
                    for foot, a, b in LANDINGS
                ]
            )
            results.append(cadence_spm(frames))
            print(
                f"{point:10s} {threshold:4.0f} px/frame  {np.round(frames, 2)}  {results[-1]:.1f}"
            )
    gap = series.joint("left_ankle")[:, 0] - series.joint("right_ankle")[:, 0]
    ok = np.isfinite(gap[:-1]) & np.isfinite(gap[1:]) & (np.sign(gap[:-1]) != np.sign(gap[1:]))
    passes = np.array([i + gap[i] / (gap[i] - gap[i + 1]) for i in np.flatnonzero(ok)])
    print(f"reference (median of 9): {np.median(results):.1f} steps/min")
    print(f"range: {min(results):.1f}-{max(results):.1f}")
    print(f"ankles pass at {np.round(passes, 1)}: {cadence_spm(passes):.1f} steps/min")


if __name__ == "__main__":
    main()
