"""Name the locomotion: forward or backward, walking or running.

Backward means travel opposite to facing. Running means the stride has a flight phase;
the duty factor (share of the stride a foot is on the ground) is above 0.5 in walking
(double support) and below it in running (flight): the textbook boundary. On real 2D
pose a detector trims or widens each stance by a frame or two, which at 30 fps moves a
walk's duty factor from 0.6 to near 0.5. So the duty factor decides only when it is
clearly on one side (a hysteresis band, 0.4-0.6); in between, the pelvis decides: an
inverted pendulum (walking) is highest at mid-stance, a spring (running) lowest
(Cavagna's two mechanisms, forward or backward). Both duty factor and that phase are
unchanged when a clip is played backwards, so a reversed walk stays a walk.
"""

from __future__ import annotations

import numpy as np
from scipy.ndimage import uniform_filter1d


def pelvis_rise_at_midstance(
    hip_y_px: np.ndarray, stance_masks: dict[str, np.ndarray], step_frames: float | None
) -> float | None:
    """How high the pelvis rides at mid-stance: about +1 walking, -1 running.

    ``hip_y_px`` is the image y (down) of the hip centre. It is detrended with a
    one-step moving mean (the bounce repeats every step, and what remains is camera
    perspective), then read at the middle of each complete stance and scaled by the
    bounce amplitude. ``None`` without a step time, a visible bounce or two stances.
    """
    if not step_frames or step_frames < 3 or not np.isfinite(hip_y_px).all():
        return None
    up = -(hip_y_px - uniform_filter1d(hip_y_px, size=round(step_frames), mode="nearest"))
    amp = float(np.std(up)) * np.sqrt(2)
    mids = []
    for mask in stance_masks.values():
        edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(int), [0]])))
        for a, b in zip(edges[::2], edges[1::2], strict=True):
            if a > 0 and b < mask.size and b - a >= 3:
                mids.append(up[(a + b - 1) // 2])
    if len(mids) < 2 or amp <= 0:
        return None
    return float(np.clip(np.median(mids) / amp, -1.0, 1.0))


class FacingTravelLocomotion:
    """Combine facing, travel and duty factor into a locomotion label.

    Parameters
    ----------
    max_run_duty_factor
        Duty factor at or below which the gait counts as running.
    duty_band
        Half-width of the band around ``max_run_duty_factor`` where the duty factor
        alone is not trusted and the pelvis phase decides.
    min_pelvis_phase
        Smallest pelvis phase (see ``pelvis_rise_at_midstance``) taken as a verdict.

    Attributes
    ----------
    direction_
        ``"backward"`` or ``"forward"`` (``None`` when travel could not be measured).
    gait_
        ``"run"`` or ``"walk"`` (``None`` without a duty factor).
    warnings_
        Human-readable notes, e.g. when the person turned around mid-recording.
    """

    def __init__(
        self,
        max_run_duty_factor: float = 0.5,
        duty_band: float = 0.1,
        min_pelvis_phase: float = 0.25,
    ) -> None:
        self.max_run_duty_factor = max_run_duty_factor
        self.duty_band = duty_band
        self.min_pelvis_phase = min_pelvis_phase

    def classify(
        self,
        facing_sign: int,
        travel_sign: int,
        duty_factor: float | None,
        window_facing: np.ndarray | None = None,
        window_travel: np.ndarray | None = None,
        pelvis_phase: float | None = None,
    ) -> FacingTravelLocomotion:
        """Label the gait; per-window signs (same windows) are used to flag turns.

        ``pelvis_phase`` (+ highest at mid-stance, - lowest) settles a duty factor near
        0.5 and stands in when there is no duty factor at all.
        """
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
        self.gait_ = self._gait(duty_factor, pelvis_phase)
        return self

    def _gait(self, duty_factor: float | None, pelvis_phase: float | None) -> str | None:
        """Walk or run: a clear duty factor, else the pelvis phase, else the bare boundary."""
        df = duty_factor if duty_factor is not None and np.isfinite(duty_factor) else None
        if df is not None and abs(df - self.max_run_duty_factor) >= self.duty_band:
            return "run" if df <= self.max_run_duty_factor else "walk"
        if pelvis_phase is not None and abs(pelvis_phase) >= self.min_pelvis_phase:
            return "walk" if pelvis_phase > 0 else "run"
        if df is None:
            return None
        return "run" if df <= self.max_run_duty_factor else "walk"
