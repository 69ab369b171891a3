"""Which way the body travels over the ground, without needing a still camera.

Principle: while a foot is on the ground it does not move over the ground, so in any
camera that moves with the runner (panning) or with a treadmill belt under a still
runner, the stance foot slides past the pelvis *against* the direction of travel. The
sign of the stance foot's velocity relative to the pelvis therefore gives travel,
and its size gives speed in body heights per second.
"""

from __future__ import annotations

import numpy as np

from backstride.gait._kinematics import pelvis
from backstride.gait.direction._windows import time_windows
from backstride.gait.keypoints import KeypointSeries


def _foot_x(series: KeypointSeries, side: str) -> np.ndarray:
    """Horizontal foot position: ankle (tracked by every model), heel/toe mid as fallback."""
    x = series.joint(f"{side}_ankle")[:, 0]
    if np.isfinite(x).sum() < series.n_frames / 2:
        heel, toe = series.joint(f"{side}_heel")[:, 0], series.joint(f"{side}_foot_index")[:, 0]
        x = (heel + toe) / 2
    return x


class StanceFootTravel:
    """Estimate travel direction (image +x or -x) and speed from stance-foot sliding.

    Parameters
    ----------
    window_s
        Length of the windows used to notice a change of travel direction (a remainder
        under half a window joins the one before: ``_windows.time_windows``).
    min_speed_bh_s
        Below this relative speed (body heights per second) the person is taken to be
        standing or marking time and no direction is claimed.

    Attributes
    ----------
    travel_sign_
        +1 when the body travels toward image-right, -1 toward left, 0 when not moving.
    speed_bh_s_
        Median stance-foot speed relative to the pelvis, body heights per second.
    window_signs_, window_starts_s_
        Travel sign per window (0 = no stance data or no motion) and window start times.
    """

    def __init__(self, window_s: float = 2.0, min_speed_bh_s: float = 0.1) -> None:
        self.window_s = window_s
        self.min_speed_bh_s = min_speed_bh_s

    def estimate(
        self,
        series: KeypointSeries,
        stance_masks: dict[str, np.ndarray],
        body_height_px: float,
    ) -> StanceFootTravel:
        """Estimate travel from ``series`` and per-foot stance masks (contact detector)."""
        t = series.times_s
        hip_x = pelvis(series)[:, 0]
        vel, when = [], []
        for side, mask in stance_masks.items():
            rel = _foot_x(series, side) - hip_x
            v = np.gradient(rel, t)
            # Frames next to a contact or toe-off carry landing/push-off motion; use the core.
            core = mask & np.roll(mask, 1) & np.roll(mask, -1)
            keep = core & np.isfinite(v)
            vel.append(v[keep])
            when.append(t[keep])
        v_all = np.concatenate(vel) / body_height_px if vel else np.array([])
        t_all = np.concatenate(when) if when else np.array([])
        self.speed_bh_s_ = float(np.median(np.abs(v_all))) if v_all.size else 0.0
        self.travel_sign_ = self._sign(v_all)
        windows = time_windows(t[0], t[-1], self.window_s)
        self.window_starts_s_ = np.array([a for a, _ in windows])
        self.window_signs_ = np.array(
            [self._sign(v_all[(t_all >= a) & (t_all < b)]) for a, b in windows], dtype=int
        )
        return self

    def _sign(self, rel_vel_bh_s: np.ndarray) -> int:
        """Travel sign from stance-foot velocities: the foot slides opposite to travel."""
        if rel_vel_bh_s.size < 3:
            return 0
        med = float(np.median(rel_vel_bh_s))
        if abs(med) < self.min_speed_bh_s:
            return 0
        return -1 if med > 0 else 1
