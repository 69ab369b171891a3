"""MediaPipe Pose (``mediapipe==0.10.21``, ``model_complexity=1``) as a :class:`PoseBackend`.

Why this model: it is the only registry package found whose wheel ships pose weights
(``pose_detection.tflite`` and ``pose_landmark_full.tflite``), so analysis works
offline. Complexity 0 and 2 are *not* shipped and MediaPipe would fetch them from the
internet; we refuse instead (:class:`BackendUnavailable`). Tracking mode
(``static_image_mode=False``) reuses the previous pose to place the next crop, which
is about 1.5x faster than detecting every frame and sticks to one person.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from backstride.video.backends import BackendUnavailable, PersonFound, PoseResult

_MODEL_FILES = {
    0: "modules/pose_landmark/pose_landmark_lite.tflite",
    1: "modules/pose_landmark/pose_landmark_full.tflite",
    2: "modules/pose_landmark/pose_landmark_heavy.tflite",
}
_DETECTOR_FILE = "modules/pose_detection/pose_detection.tflite"


@contextmanager
def _quiet_native_stderr() -> Iterator[None]:
    """Silence the C++ log lines MediaPipe prints on start-up (they look like errors)."""
    try:
        fd = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(fd, 2)
        os.close(fd)


# Body height over the radius of the detector's body circle (hips to its "full body"
# key point), and the box's half width: measured on the demo video
# (walking-side-view-two-people.mp4, 24 sightings of two people at 2 Hz, detector
# against the box of the 33 landmarks): height / radius median 1.6 (range 1.33-1.78),
# hips at 0.46-0.49 of the height from the top, walking box width 0.25-0.9 of the height.
_HEIGHT_PER_RADIUS = 1.6
_HALF_WIDTH_PER_HEIGHT = 0.3

# Pose graphs created in this process. Once MediaPipe has run a graph, a forked copy of
# the process aborts when it creates its own (global native state copied mid-use), so
# backstride.video.parallel forks a helper only while this is 0.
_graphs_made = 0


def graphs_made() -> int:
    """How many MediaPipe pose graphs this process has created (see ``_graphs_made``)."""
    return _graphs_made


def _mediapipe_root() -> Path:
    try:
        with _quiet_native_stderr():
            import mediapipe
    except ImportError as exc:
        raise BackendUnavailable(
            "the MediaPipe pose backend is not installed (pip install --no-deps "
            f"mediapipe==0.10.21, see docs/video.md): {exc}"
        ) from None
    return Path(mediapipe.__file__).parent


class MediaPipePose:
    """MediaPipe Pose landmarker for one video at a time.

    Parameters
    ----------
    tracking
        True for video (the previous pose guides the next frame), False to treat each
        image on its own (used to look for several people in one frame).
    model_complexity
        Only 1 is shipped in the wheel; 0 and 2 raise :class:`BackendUnavailable`.
    min_confidence
        Detection and tracking threshold, 0..1.
    """

    name = "mediapipe"

    def __init__(
        self, tracking: bool = True, model_complexity: int = 1, min_confidence: float = 0.5
    ) -> None:
        root = _mediapipe_root()
        missing = [
            f
            for f in (_MODEL_FILES.get(model_complexity, "?"), _DETECTOR_FILE)
            if not (root / f).is_file()
        ]
        if model_complexity not in _MODEL_FILES or missing:
            raise BackendUnavailable(
                f"MediaPipe Pose model_complexity={model_complexity} is not installed "
                f"({', '.join(missing) or 'unknown complexity'}) and would need a download; "
                "Backstride never downloads models, use model_complexity=1"
            )
        import mediapipe as mp

        global _graphs_made
        _graphs_made += 1
        self.tracking = tracking
        self.model_complexity = model_complexity
        with _quiet_native_stderr():
            self._pose = mp.solutions.pose.Pose(
                static_image_mode=not tracking,
                model_complexity=model_complexity,
                smooth_landmarks=tracking,
                min_detection_confidence=min_confidence,
                min_tracking_confidence=min_confidence,
            )
        self._warm = False

    def detect(self, image: np.ndarray) -> PoseResult | None:
        if image.ndim != 3 or image.shape[2] != 3:
            raise ValueError("the pose model needs an RGB image of shape (H, W, 3)")
        if not self._warm:
            # The first call initialises the graph and logs from C++; keep that quiet.
            with _quiet_native_stderr():
                out = self._pose.process(image)
            self._warm = True
        else:
            out = self._pose.process(image)
        if not out.pose_landmarks:
            return None
        h, w = image.shape[:2]
        lm = out.pose_landmarks.landmark
        xy = np.array([(p.x * w, p.y * h) for p in lm], dtype=float)
        score = np.clip(np.array([p.visibility for p in lm], dtype=float), 0.0, 1.0)
        return PoseResult(xy=xy, score=score)

    def reset(self) -> None:
        self._pose.reset()

    def close(self) -> None:
        self._pose.close()


class MediaPipePeople:
    """MediaPipe's person detector on its own (the first stage of MediaPipe Pose).

    Looking for everyone in a frame with the whole pose graph costs a detector run and
    a landmark run per call (about 28 CPU-ms here), and the landmarks are thrown
    away: the search only needs where each person is and how tall. The detector
    stage alone (about 10 CPU-ms) answers that: the same weights
    (``pose_detection.tflite``), run through the ``PoseDetectionCpu`` subgraph that
    the wheel already registers. Each detection gives the hips' centre and a circle
    around the body, from which :data:`_HEIGHT_PER_RADIUS` makes a box.
    """

    def __init__(self) -> None:
        root = _mediapipe_root()
        if not (root / _DETECTOR_FILE).is_file():
            raise BackendUnavailable(
                f"MediaPipe's person detector ({_DETECTOR_FILE}) is not installed"
            )
        from mediapipe.framework import calculator_pb2
        from mediapipe.python.solution_base import SolutionBase

        config = calculator_pb2.CalculatorGraphConfig()
        config.input_stream.append("image")
        config.output_stream.append("detections")
        node = config.node.add()
        node.calculator = "PoseDetectionCpu"
        node.input_stream.append("IMAGE:image")
        node.output_stream.append("DETECTIONS:detections")
        global _graphs_made
        _graphs_made += 1
        with _quiet_native_stderr():
            self._graph = SolutionBase(graph_config=config, outputs=["detections"])
        self._warm = False

    def find(self, image: np.ndarray) -> list[PersonFound]:
        if image.ndim != 3 or image.shape[2] != 3:
            raise ValueError("the person detector needs an RGB image of shape (H, W, 3)")
        if not self._warm:
            with _quiet_native_stderr():
                out = self._graph.process({"image": image})
            self._warm = True
        else:
            out = self._graph.process({"image": image})
        h, w = image.shape[:2]
        found = []
        for detection in out.detections or []:
            hips, around = detection.location_data.relative_keypoints[:2]
            cx, cy = hips.x * w, hips.y * h
            radius = float(np.hypot((around.x - hips.x) * w, (around.y - hips.y) * h))
            height = _HEIGHT_PER_RADIUS * radius
            half_w = _HALF_WIDTH_PER_HEIGHT * height
            box = (cx - half_w, cy - 0.5 * height, cx + half_w, cy + 0.5 * height)
            found.append(PersonFound((float(cx), float(cy)), box, float(detection.score[0])))
        found.sort(key=lambda p: -p.score)
        return found

    def close(self) -> None:
        self._graph.close()
