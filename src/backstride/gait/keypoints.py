"""The keypoint sequence every reader produces and every algorithm consumes."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from backstride.gait.consts import MEDIAPIPE_JOINTS


class InputError(ValueError):
    """Input the person has to change; the message is written for them.

    ``parameter`` names the argument at fault by its Python name (``"fps"``,
    ``"person"``, ``"out_dir"``), never by a shell's spelling of it: the CLI turns it
    into its option (``--fps``), so the library's sentence reads the same everywhere.
    """

    def __init__(self, message: str, parameter: str | None = None) -> None:
        super().__init__(message)
        self.parameter = parameter


class KeypointError(InputError):
    """Input that cannot be turned into a usable keypoint sequence (message is user-facing)."""


@dataclass
class KeypointSeries:
    """A 2D pose sequence of one person.

    Attributes
    ----------
    times_s
        Frame times in seconds, shape ``(F,)``, strictly increasing.
    xy
        Joint positions in image pixels (x right, y down), shape ``(F, J, 2)``;
        NaN where a joint is missing.
    score
        Detection confidence 0..1, shape ``(F, J)``; 0 where missing.
    joints
        Joint names (MediaPipe snake case), length ``J``.
    meta
        Free-form facts about the source (format, fps, image size, scale_m_per_px ...).
    """

    times_s: np.ndarray
    xy: np.ndarray
    score: np.ndarray
    joints: tuple[str, ...]
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.times_s = np.asarray(self.times_s, dtype=float)
        self.xy = np.asarray(self.xy, dtype=float)
        self.score = np.asarray(self.score, dtype=float)
        self.joints = tuple(self.joints)
        n = self.times_s.shape[0]
        if self.times_s.ndim != 1:
            raise KeypointError("times must be a 1-D sequence")
        if self.xy.shape != (n, len(self.joints), 2):
            raise KeypointError(
                f"positions have shape {self.xy.shape}, expected ({n}, {len(self.joints)}, 2)"
            )
        if self.score.shape != (n, len(self.joints)):
            raise KeypointError(
                f"scores have shape {self.score.shape}, expected ({n}, {len(self.joints)})"
            )
        unknown = [j for j in self.joints if j not in MEDIAPIPE_JOINTS]
        if unknown:
            raise KeypointError(f"unknown joint names: {', '.join(unknown[:5])}")

    @property
    def n_frames(self) -> int:
        return int(self.times_s.shape[0])

    @property
    def fps(self) -> float:
        """Median frame rate (frames per second) from the timestamps."""
        if self.n_frames < 2:
            return float("nan")
        return float(1.0 / np.median(np.diff(self.times_s)))

    @property
    def duration_s(self) -> float:
        return float(self.times_s[-1] - self.times_s[0]) if self.n_frames else 0.0

    def has(self, joint: str) -> bool:
        return joint in self.joints

    def index(self, joint: str) -> int:
        return self.joints.index(joint)

    def joint(self, name: str) -> np.ndarray:
        """Positions of one joint, shape ``(F, 2)``; all-NaN when the joint is absent."""
        if name not in self.joints:
            return np.full((self.n_frames, 2), np.nan)
        return self.xy[:, self.joints.index(name), :]

    def joint_score(self, name: str) -> np.ndarray:
        if name not in self.joints:
            return np.zeros(self.n_frames)
        return self.score[:, self.joints.index(name)]

    def copy(self) -> KeypointSeries:
        return KeypointSeries(
            self.times_s.copy(), self.xy.copy(), self.score.copy(), self.joints, dict(self.meta)
        )
