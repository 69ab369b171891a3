"""Step length, speed and the stride-length trend, in body heights (and metres if scaled).

Step length is travel speed times step time. Speed comes from the stance foot sliding
past the pelvis (see ``direction``), which works the same on a treadmill, with a panning
camera or a still one, where measuring foot-to-foot distance at contact would not
(in running the other foot is in the air at that moment).
"""

from __future__ import annotations

import numpy as np

from backstride.gait._kinematics import pelvis
from backstride.gait.direction._travel import _foot_x
from backstride.gait.keypoints import KeypointSeries


class StanceSpeedStepLength:
    """Per-step length from the stance foot's relative speed.

    Parameters
    ----------
    min_steps_for_trend
        Fewer steps than this and no trend is reported.

    Attributes
    ----------
    step_lengths_bh_
        ``(time_s, length)`` per step, body heights.
    step_length_bh_, speed_bh_s_
        Medians, body heights and body heights per second.
    step_length_m_, speed_mps_
        The same in metres when a scale is known, else ``None``.
    stride_trend_pct_per_min_
        Linear trend of step length, percent of the mean per minute (+ = lengthening).
    """

    def __init__(self, min_steps_for_trend: int = 6) -> None:
        self.min_steps_for_trend = min_steps_for_trend

    def calculate(
        self,
        series: KeypointSeries,
        strides: dict[str, np.ndarray],
        steps: list[tuple[float, str]],
        body_height_px: float,
        scale_m_per_px: float | None = None,
    ) -> StanceSpeedStepLength:
        """Measure step lengths over each stance of ``strides`` (``steps`` give step times)."""
        t = series.times_s
        hip_x = pelvis(series)[:, 0]
        step_times = np.array([s[0] for s in steps])
        typical = float(np.median(np.diff(step_times))) if step_times.size > 1 else np.nan
        rows = []
        for side, arr in strides.items():
            rel = _foot_x(series, side) - hip_x
            for contact, toe_off, _ in arr:
                sel = (t > contact) & (t < toe_off)
                if sel.sum() < 2:
                    continue
                speed = abs(np.polyfit(t[sel], rel[sel], 1)[0]) / body_height_px
                later = step_times[step_times > contact + 1e-6]
                dt = later[0] - contact if later.size else np.nan
                if np.isfinite(dt) and dt <= 1.5 * typical:
                    rows.append((float(contact), speed * dt, speed))
        rows.sort()
        self.step_lengths_bh_ = [(r[0], r[1]) for r in rows]
        lengths = np.array([r[1] for r in rows])
        speeds = np.array([r[2] for r in rows])
        self.step_length_bh_ = float(np.median(lengths)) if lengths.size else None
        self.speed_bh_s_ = float(np.median(speeds)) if speeds.size else None
        m_per_bh = body_height_px * scale_m_per_px if scale_m_per_px else None
        self.step_length_m_ = (
            self.step_length_bh_ * m_per_bh if m_per_bh and self.step_length_bh_ else None
        )
        self.speed_mps_ = self.speed_bh_s_ * m_per_bh if m_per_bh and self.speed_bh_s_ else None
        self.stride_trend_pct_per_min_ = None
        if lengths.size >= self.min_steps_for_trend:
            times = np.array([r[0] for r in rows])
            if times[-1] - times[0] > 0:
                slope = np.polyfit(times, lengths, 1)[0]
                self.stride_trend_pct_per_min_ = float(100 * slope * 60 / np.mean(lengths))
        return self
