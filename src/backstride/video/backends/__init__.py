"""Pose backends: one small protocol so the model can be swapped without touching the rest.

A backend turns one RGB image into the 33 MediaPipe landmarks of one person, in pixels
of *that* image. Tracking backends keep state between calls (the previous pose guides
the next), so a backend is used for one video at a time and ``reset()`` between shots.
Backends never download anything: one whose weights are not installed raises
:class:`BackendUnavailable` with a message saying what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np


class BackendUnavailable(ValueError):
    """The pose model cannot run here (not installed, or it would need a download)."""


@dataclass
class PoseResult:
    """One person's pose in the pixels of the image given to the backend.

    ``xy`` has shape (33, 2), x right and y down; ``score`` (33,) is the landmark's
    visibility 0..1 as the model reports it.
    """

    xy: np.ndarray
    score: np.ndarray

    def box(self, min_score: float = 0.3) -> tuple[float, float, float, float]:
        """Bounding box (x0, y0, x1, y1) of the confident landmarks (all if none are)."""
        ok = self.score >= min_score
        pts = self.xy[ok] if ok.sum() >= 4 else self.xy
        x0, y0 = np.min(pts, axis=0)
        x1, y1 = np.max(pts, axis=0)
        return float(x0), float(y0), float(x1), float(y1)


@dataclass(frozen=True)
class PersonFound:
    """One person the person detector found, in pixels of the image given to it.

    ``center`` is the middle of the hips; ``box`` (x0, y0, x1, y1) the person's
    estimated extent, from the detector's body-size circle (see
    :class:`~backstride.video.backends.mediapipe_backend.MediaPipePeople`).
    """

    center: tuple[float, float]
    box: tuple[float, float, float, float]
    score: float


class PeopleDetector(Protocol):
    """What the person search needs: the people in an image."""

    def find(self, image: np.ndarray) -> list[PersonFound]:
        """The people the detector finds in ``image`` (RGB uint8), most prominent first."""
        ...

    def close(self) -> None:
        """Release the model."""
        ...


class PoseBackend(Protocol):
    """What the extractor needs from a pose model."""

    name: str

    def detect(self, image: np.ndarray) -> PoseResult | None:
        """Pose of the most prominent person in ``image`` (RGB uint8), or None."""
        ...

    def reset(self) -> None:
        """Forget the tracked person (the next call searches the whole image)."""
        ...

    def close(self) -> None:
        """Release the model."""
        ...


def make_backend(name: str = "mediapipe", *, tracking: bool = True) -> PoseBackend:
    """Build a pose backend by name; ``tracking=False`` treats every image on its own."""
    if name == "mediapipe":
        from backstride.video.backends.mediapipe_backend import MediaPipePose

        return MediaPipePose(tracking=tracking)
    raise BackendUnavailable(f"unknown pose backend {name!r}; available: mediapipe")


def make_people_detector(name: str = "mediapipe") -> PeopleDetector:
    """Build the person detector that goes with pose backend ``name``."""
    if name == "mediapipe":
        from backstride.video.backends.mediapipe_backend import MediaPipePeople

        return MediaPipePeople()
    raise BackendUnavailable(f"unknown pose backend {name!r}; available: mediapipe")
