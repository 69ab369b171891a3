"""Joint names and the image frame, defined once for the whole gait engine.

Frame: image pixels, x to the right, y **down** (as video and pose models give them).
Joint names follow MediaPipe Pose's 33 landmarks in snake case.
"""

from __future__ import annotations

MEDIAPIPE_JOINTS: tuple[str, ...] = (
    "nose",
    "left_eye_inner",
    "left_eye",
    "left_eye_outer",
    "right_eye_inner",
    "right_eye",
    "right_eye_outer",
    "left_ear",
    "right_ear",
    "mouth_left",
    "mouth_right",
    "left_shoulder",
    "right_shoulder",
    "left_elbow",
    "right_elbow",
    "left_wrist",
    "right_wrist",
    "left_pinky",
    "right_pinky",
    "left_index",
    "right_index",
    "left_thumb",
    "right_thumb",
    "left_hip",
    "right_hip",
    "left_knee",
    "right_knee",
    "left_ankle",
    "right_ankle",
    "left_heel",
    "right_heel",
    "left_foot_index",
    "right_foot_index",
)

_COCO17_BODY = ("shoulder", "elbow", "wrist", "hip", "knee", "ankle")

COCO17_JOINTS: tuple[str, ...] = (
    "nose",
    "left_eye",
    "right_eye",
    "left_ear",
    "right_ear",
    *(j for j in MEDIAPIPE_JOINTS if j.partition("_")[2] in _COCO17_BODY),
)
"""COCO-17 keypoints in their COCO order, with our names (its shoulder-to-ankle points
keep MediaPipe's order: left before right, joint by joint down the body)."""

BODY25_JOINTS: tuple[str, ...] = (
    *COCO17_JOINTS,
    "left_heel",
    "right_heel",
    "left_foot_index",
    "right_foot_index",
)
"""The BODY_25 points that have a MediaPipe twin (big toe = foot_index)."""

SIDES: tuple[str, str] = ("left", "right")

# The colour of each body side wherever a person sees one (the annotated video, the
# report's plots): left orange, right blue, as RGB 0-255.
SIDE_RGB: dict[str, tuple[int, int, int]] = {"left": (255, 140, 0), "right": (40, 120, 255)}
