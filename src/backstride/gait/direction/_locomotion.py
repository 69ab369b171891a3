"""Name the locomotion: forward or backward, walking or running.

Backward means travel opposite to facing. Running means the stride has a flight phase;
we use the duty factor (share of the stride a foot is on the ground): walking always
keeps it above 0.5 (double support), running below it (flight). The 0.5 boundary is
the textbook definition, not a tuned number.
"""

from __future__ import annotations

import numpy as np


class FacingTravelLocomotion:
    """Combine facing, travel and duty factor into a locomotion label.

    Parameters
    ----------
    max_run_duty_factor
        Duty factor at or below which the gait counts as running.

    Attributes
    ----------
    direction_
        ``"backward"`` or ``"forward"`` (``None`` when travel could not be measured).
    gait_
        ``"run"`` or ``"walk"`` (``None`` without a duty factor).
    warnings_
        Human-readable notes, e.g. when the person turned around mid-recording.
    """

    def __init__(self, max_run_duty_factor: float = 0.5) -> None:
        self.max_run_duty_factor = max_run_duty_factor

    def classify(
        self,
        facing_sign: int,
        travel_sign: int,
        duty_factor: float | None,
        window_facing: np.ndarray | None = None,
        window_travel: np.ndarray | None = None,
    ) -> FacingTravelLocomotion:
        """Label the gait; per-window signs (same windows) are used to flag turns."""
        self.warnings_: list[str] = []
        if travel_sign == 0:
            self.direction_ = None
            self.warnings_.append("the body does not travel: direction cannot be given")
        else:
            self.direction_ = "backward" if travel_sign != facing_sign else "forward"
        if window_facing is not None and window_travel is not None:
            both = (window_facing != 0) & (window_travel != 0)
            labels = np.where(window_facing[both] == window_travel[both], 1, -1)
            if labels.size and labels.sum() != 0 and travel_sign != 0:
                self.direction_ = "forward" if labels.sum() > 0 else "backward"
            if labels.size and len(set(labels.tolist())) > 1:
                self.warnings_.append(
                    "direction changes during the recording (the person turns or stops); "
                    "the label is the majority"
                )
        if duty_factor is None or not np.isfinite(duty_factor):
            self.gait_ = None
        else:
            self.gait_ = "run" if duty_factor <= self.max_run_duty_factor else "walk"
        return self
