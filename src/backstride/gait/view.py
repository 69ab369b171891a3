"""Is the camera side-on? A check on the one assumption every gait measure makes.

Trunk lean, foot angles, knee and elbow angles and step length are all read from a
sagittal (side) view. A phone held behind, in front of or at 45 degrees to the runner
still gives keypoints, and the engine would turn them into confident but wrong numbers.

The check reads the camera yaw from the body's own width. Seen exactly from the side,
the left and right shoulders (and hips) sit on top of each other in x; turned by a yaw
``psi`` they appear ``W * sin(psi)`` apart, where ``W`` is the full shoulder width
(Winter's table: biacromial breadth ~0.259 of standing height; hip breadth ~0.191). So
the horizontal shoulder gap in body heights is a direct, scale-free reading of yaw:
~0 side-on, ~0.13 at 30 degrees, ~0.26 face-on or from behind.

Head geometry is reported too but does not decide the verdict: from the side the nose
sits clearly ahead of both ears, from the front or back it sits between them, but a
runner glancing over a shoulder (which backward runners should do) puts the nose
between the ears for a second in a perfect side view.

Thresholds were chosen on measured data (docs/science/gait-engine.md, "Camera view
check"): synthetic side views give 0.000, real side-on clips medians of 0.05-0.08,
a synthetic camera turned 30 degrees 0.13 and one at the front or back 0.26-0.30.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from backstride.gait._kinematics import joint_or_nan
from backstride.gait.cues import _unknown
from backstride.gait.keypoints import KeypointSeries
from backstride.gait.results import GaitReport, ViewSummary

SHOULDER_WIDTH_BH = 0.259
"""Full shoulder (biacromial) width as a fraction of standing height (Winter)."""
HIP_WIDTH_BH = 0.191
"""Full hip width as a fraction of standing height (Winter)."""

SIDE_VIEW_CUES = ("posture", "arm_angle", "foot_strike", "leg_drive", "knee_lift", "stride_length")
"""Cues whose value only means something in a side view (withheld for a frontal view)."""
FRONTAL_REASON = "filmed from the front or back; film side-on"
"""Why a side-view cue has no verdict; shown after "cannot be given:" by the CLI."""
SIDE_VIEW_METRICS = (
    "trunk_lean_deg",
    "elbow_angle_deg",
    "knee_extension_deg",
    "hip_extension_deg",
    "knee_lift_deg",
    "step_length_bh",
    "step_length_m",
)
"""Metrics behind those cues: blanked too, so no made-up number reaches the report."""


class SideOnViewCheck:
    """Estimate how side-on the camera is, per frame and overall.

    Parameters
    ----------
    side_on_max_bh
        Largest horizontal shoulder gap (in body heights) counted as side-on, per frame
        and for the clip's median. 0.10 is a yaw of ~23 degrees in the width model. Real
        side-on clips have medians of 0.05-0.08 (the trunk twists with the arm swing and
        nobody films at exactly 90 degrees), a 30-degree synthetic turn 0.13.
    frontal_min_bh
        Median shoulder gap (in body heights) from which the whole clip counts as filmed
        from the front or back. 0.21 is a yaw of ~54 degrees in the width model; measured
        synthetic turns give at most 0.196 at 45 degrees and at least 0.227 at 60, so a
        clip at 45 degrees is only "angled": its measures degrade but do not flip.
    min_score
        Keypoints below this confidence are ignored.

    Attributes
    ----------
    shoulder_width_bh_
        Horizontal shoulder gap per frame in body heights (hip gap scaled to shoulder
        width where shoulders are missing), shape ``(F,)``; NaN where neither is seen.
    side_on_fraction_
        Share of frames with a measured gap that are side-on (0..1), None if none seen.
    median_shoulder_width_bh_
        Median of ``shoulder_width_bh_``; None when no frame has a gap.
    yaw_deg_
        Camera yaw implied by the median gap (0 = side-on, 90 = front or back).
    nose_between_ears_fraction_
        Share of frames where the nose lies horizontally between the ears (a frontal
        sign; also true briefly during shoulder checks). None without nose and ears.
    verdict_
        ``"side-on"``, ``"angled"`` or ``"frontal"`` (``"side-on"`` when nothing can be
        measured, so a missing body part never blocks the analysis).
    warning_
        A sentence for the user when the view is not side-on, else None.
    """

    def __init__(
        self,
        side_on_max_bh: float = 0.10,
        frontal_min_bh: float = 0.21,
        min_score: float = 0.3,
    ) -> None:
        self.side_on_max_bh = side_on_max_bh
        self.frontal_min_bh = frontal_min_bh
        self.min_score = min_score

    def estimate(self, series: KeypointSeries, body_height_px: float) -> SideOnViewCheck:
        """Measure the shoulder gap in ``series`` against ``body_height_px`` and judge the view.

        Raises ValueError for a body height that is not a positive number.
        """
        if not np.isfinite(body_height_px) or body_height_px <= 0:
            raise ValueError(f"body height must be a positive pixel size, not {body_height_px}")
        shoulders = self._gap(series, "shoulder") / body_height_px
        hips = self._gap(series, "hip") / body_height_px * (SHOULDER_WIDTH_BH / HIP_WIDTH_BH)
        width = np.where(np.isfinite(shoulders), shoulders, hips)
        self.shoulder_width_bh_ = width
        seen = np.isfinite(width)
        self.nose_between_ears_fraction_ = self._nose_between_ears(series)
        if not seen.any():
            self.side_on_fraction_ = self.median_shoulder_width_bh_ = self.yaw_deg_ = None
            self.verdict_, self.warning_ = "side-on", None
            return self
        self.side_on_fraction_ = float(np.mean(width[seen] < self.side_on_max_bh))
        median = float(np.median(width[seen]))
        self.median_shoulder_width_bh_ = median
        self.yaw_deg_ = float(np.degrees(np.arcsin(min(median / SHOULDER_WIDTH_BH, 1.0))))
        if median >= self.frontal_min_bh:
            self.verdict_ = "frontal"
            self.warning_ = (
                f"the camera seems to face the runner's front or back (shoulders "
                f"{median:.2f} body heights apart, a turn of about {self.yaw_deg_:.0f} deg): "
                "angles, foot strike and step length need a side view, so they are left out; "
                "film from the side"
            )
        elif median >= self.side_on_max_bh:
            self.verdict_ = "angled"
            self.warning_ = (
                f"the camera is not quite side-on (about {self.yaw_deg_:.0f} deg off, side-on "
                f"in {100 * self.side_on_fraction_:.0f}% of frames): angles and step length "
                "may be off; film at right angles to the running line"
            )
        else:
            self.verdict_, self.warning_ = "side-on", None
        return self

    def _gap(self, series: KeypointSeries, part: str) -> np.ndarray:
        """Horizontal distance between the left and right joint of ``part`` per frame."""
        left = joint_or_nan(series, f"left_{part}", self.min_score)[:, 0]
        right = joint_or_nan(series, f"right_{part}", self.min_score)[:, 0]
        return np.abs(left - right)

    def _nose_between_ears(self, series: KeypointSeries) -> float | None:
        nose = joint_or_nan(series, "nose", self.min_score)[:, 0]
        a = joint_or_nan(series, "left_ear", self.min_score)[:, 0]
        b = joint_or_nan(series, "right_ear", self.min_score)[:, 0]
        ok = np.isfinite(nose) & np.isfinite(a) & np.isfinite(b)
        if not ok.any():
            return None
        lo, hi = np.minimum(a[ok], b[ok]), np.maximum(a[ok], b[ok])
        return float(np.mean((nose[ok] > lo) & (nose[ok] < hi)))


def view_metric(check: SideOnViewCheck) -> ViewSummary:
    """The ``view`` entry of a gait report's metrics."""
    return ViewSummary(
        verdict=check.verdict_,
        side_on_fraction=check.side_on_fraction_,
        shoulder_width_bh=check.median_shoulder_width_bh_,
    )


def withhold_side_view(check: SideOnViewCheck, report: GaitReport) -> GaitReport:
    """For a frontal view, replace side-view verdicts and numbers with "cannot be given".

    Cue order and every field stay as they are (the video pipeline and web app read
    them); only values become None. Angled and side-on views pass through unchanged.
    """
    if check.verdict_ != "frontal":
        return report
    return replace(
        report,
        metrics=report.metrics.without(SIDE_VIEW_METRICS),
        contacts=tuple(replace(c, strike=None) for c in report.contacts),
        cues=tuple(
            _unknown(c.cue, c.unit, c.target, FRONTAL_REASON) if c.cue in SIDE_VIEW_CUES else c
            for c in report.cues
        ),
    )
