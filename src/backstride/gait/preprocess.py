"""The preprocessing chain every analysis runs before measuring anything."""

from __future__ import annotations

import copy

import numpy as np

from backstride.gait.filters import (
    ButterworthLowpass,
    ConfidenceMask,
    GapFiller,
    JumpRejection,
    LegSwapRepair,
)
from backstride.gait.keypoints import KeypointSeries

_MASK = ConfidenceMask()
_JUMPS = JumpRejection()
_SWAPS = LegSwapRepair()
_GAPS = GapFiller()
_LOWPASS = ButterworthLowpass()


class Preprocessor:
    """Clean a keypoint series: mask, reject jumps, repair leg swaps, fill gaps, smooth.

    Why this order: unsure points are removed first so no later step trusts them; frames
    showing someone else go next, before they can confuse the leg-swap check; labels are
    repaired before any interpolation or smoothing would blend left into right; short
    gaps are filled so that the low-pass filter sees long unbroken runs; smoothing comes
    last.

    Parameters
    ----------
    mask, jumps, swaps, gaps, lowpass
        Configured filter objects (see ``backstride.gait.filters``), or None to skip the
        step. The objects passed are copied before use, so one configuration can be
        shared between runs.

    Attributes
    ----------
    series_
        The cleaned series.
    steps_
        The filter objects that ran, in order, with their results (``rejected_frames_``
        ...), for plots and debugging.
    report_
        A JSON-ready summary: ``frames``, ``points_masked``, ``frames_rejected``,
        ``frames_swapped``, ``gaps_filled``, ``points_filled``, ``smoothed``,
        ``cutoff_hz``, ``missing_fraction`` (of points after cleaning) and ``warnings``
        (sentences for the user).
    """

    def __init__(
        self,
        mask: ConfidenceMask | None = _MASK,
        jumps: JumpRejection | None = _JUMPS,
        swaps: LegSwapRepair | None = _SWAPS,
        gaps: GapFiller | None = _GAPS,
        lowpass: ButterworthLowpass | None = _LOWPASS,
    ) -> None:
        self.mask = mask
        self.jumps = jumps
        self.swaps = swaps
        self.gaps = gaps
        self.lowpass = lowpass

    def process(self, series: KeypointSeries) -> Preprocessor:
        """Run the chain on ``series`` (not modified); results in ``series_``/``report_``."""
        report: dict = {
            "frames": series.n_frames,
            "points_masked": 0,
            "frames_rejected": [],
            "frames_swapped": [],
            "gaps_filled": 0,
            "points_filled": 0,
            "smoothed": False,
            "cutoff_hz": None,
            "warnings": [],
        }
        self.steps_ = []
        current = series
        for step in (self.mask, self.jumps, self.swaps, self.gaps, self.lowpass):
            if step is None:
                continue
            step = copy.deepcopy(step).filter(current)
            self.steps_.append(step)
            current = step.series_
            _record(step, report)
        missing = float(np.mean(~np.isfinite(current.xy).all(axis=2))) if current.n_frames else 1.0
        report["missing_fraction"] = missing
        if series.n_frames == 1:
            report["warnings"].append("There is only one frame, so no movement can be measured.")
        elif missing > 0.5:
            report["warnings"].append(
                f"{missing:.0%} of the body points are missing after cleaning; results will be"
                " rough or impossible."
            )
        self.series_ = current
        self.report_ = report
        return self


def _record(step, report: dict) -> None:
    """Copy one filter's results into the summary report."""
    if isinstance(step, ConfidenceMask):
        report["points_masked"] = int(step.masked_.sum())
    elif isinstance(step, JumpRejection):
        report["frames_rejected"] = step.rejected_frames_.tolist()
        report["warnings"] += step.warnings_
    elif isinstance(step, LegSwapRepair):
        report["frames_swapped"] = step.swapped_frames_.tolist()
        if len(step.swapped_frames_):
            report["warnings"].append(
                f"Left and right legs were mixed up in {len(step.swapped_frames_)} frames and"
                " have been swapped back."
            )
    elif isinstance(step, GapFiller):
        report["gaps_filled"] = int(step.gaps_filled_)
        report["points_filled"] = int(step.filled_.sum())
    elif isinstance(step, ButterworthLowpass):
        report["smoothed"] = bool(step.applied_)
        report["cutoff_hz"] = float(step.cutoff_hz) if step.applied_ else None
        report["warnings"] += step.warnings_
