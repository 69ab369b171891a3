"""What a gait analysis finds, as typed values; ``to_dict`` is the only way to JSON.

Inside the library every consumer (plots, the HTML report, the video renderer, the web
summary) reads these attributes, so a misspelt name fails at once instead of reading
None from a dict. The JSON shape (report.json, ``gait analyze --format json``) is a
public contract: the ``to_dict`` methods write exactly its keys, in its order, with its
rounding (NaN becomes null).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace

import numpy as np

from backstride.gait.cues import CueVerdict


def round_or_none(value: float | None, digits: int = 2) -> float | None:
    """Round for JSON: None and NaN become None (JSON has no NaN)."""
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), digits)


@dataclass(frozen=True)
class Contact:
    """One foot landing: which foot, when (s from the clip's start), how it struck.

    ``strike`` is ``"forefoot"``, ``"midfoot"``, ``"heel"`` or None when the foot angle
    at landing could not be read (no heel and toe points, or a view that is not side-on).
    """

    foot: str
    time_s: float
    strike: str | None

    def to_dict(self) -> dict:
        return {"foot": self.foot, "time_s": self.time_s, "strike": self.strike}


@dataclass(frozen=True)
class ToeOff:
    """One foot leaving the ground: which foot and when (s)."""

    foot: str
    time_s: float

    def to_dict(self) -> dict:
        return {"foot": self.foot, "time_s": self.time_s}


@dataclass(frozen=True)
class ShoulderCheck:
    """One look over a shoulder: when (s) and over which shoulder (None when unclear)."""

    time_s: float
    side: str | None

    def to_dict(self) -> dict:
        return {"time_s": self.time_s, "side": self.side}


@dataclass(frozen=True)
class ViewSummary:
    """How side-on the camera was (``SideOnViewCheck``): the ``view`` entry of the metrics.

    ``verdict`` is ``"side-on"``, ``"angled"`` or ``"frontal"``; ``side_on_fraction`` the
    share of frames seen side-on; ``shoulder_width_bh`` the median horizontal shoulder
    gap in body heights.
    """

    verdict: str
    side_on_fraction: float | None
    shoulder_width_bh: float | None

    def to_dict(self, digits: int = 4) -> dict:
        return {
            "verdict": self.verdict,
            "side_on_fraction": round_or_none(self.side_on_fraction, digits),
            "shoulder_width_bh": round_or_none(self.shoulder_width_bh, digits),
        }


@dataclass(frozen=True)
class GaitMetrics:
    """Every gait and form measure of one clip; None where it could not be measured.

    Units are in the names: ``_spm`` steps per minute, ``_s`` seconds, ``_pct`` per cent,
    ``_bh`` body heights, ``_m`` metres, ``_mps`` metres per second, ``_deg`` degrees
    (angles as defined in docs/science/gait-engine.md). ``duty_factor`` is contact time
    over stride time; ``pelvis_phase`` the pelvis rise at mid-stance in body heights
    (> 0 walking, < 0 running); ``stance_from_stillness`` says which contact detector
    was trusted (the foot standing still rather than its lowest point meeting the ground).
    ``cadence_min_spm`` / ``cadence_max_spm`` are the slowest and fastest pace over
    four steps (two strides) inside the clip: how far the pace moves around the mean.
    The field order is the key order of the JSON ``metrics`` block.
    """

    cadence_contacts_spm: float | None
    cadence_rhythm_spm: float | None
    step_time_s: float | None
    stride_time_s: float | None
    contact_time_s: float | None
    flight_time_s: float | None
    double_support_s: float | None
    duty_factor: float | None
    pelvis_phase: float | None
    stance_from_stillness: bool
    contact_symmetry_pct: float | None
    step_symmetry_pct: float | None
    step_length_bh: float | None
    step_length_m: float | None
    speed_mps: float | None
    speed_bh_s: float | None
    stride_trend_pct_per_min: float | None
    trunk_lean_deg: float | None
    head_pitch_deg: float | None
    elbow_angle_deg: float | None
    arm_swing_deg: float | None
    contralateral_lag_pct: float | None
    knee_extension_deg: float | None
    hip_extension_deg: float | None
    knee_lift_deg: float | None
    shoulder_check_interval_s: float | None
    shoulder_check_alternation: float | None
    body_height_px: float
    view: ViewSummary
    cadence_min_spm: float | None = None
    cadence_max_spm: float | None = None

    def without(self, names: tuple[str, ...]) -> GaitMetrics:
        """A copy with the named measures emptied (None), e.g. those a frontal view voids."""
        return replace(self, **{name: None for name in names})

    def to_dict(self, digits: int = 4) -> dict:
        out: dict = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, ViewSummary):
                out[f.name] = value.to_dict(digits)
            elif isinstance(value, bool):
                out[f.name] = float(value)  # the JSON contract has 0.0 / 1.0 here
            else:
                out[f.name] = round_or_none(value, digits)
        return out


@dataclass(frozen=True)
class GaitReport:
    """Everything ``GaitAnalysis`` found in one clip. ``to_dict`` gives the JSON shape.

    ``direction`` is ``"forward"``, ``"backward"`` or None (no travel); ``gait``
    ``"walk"``, ``"run"`` or None; ``facing`` ``"right"`` or ``"left"`` in the image.
    Events are sorted by time. ``curves`` holds per-frame signals for the plots (times,
    trunk lean, joint and foot angles per side); it is not serialised.
    """

    direction: str | None
    gait: str | None
    facing: str
    cadence_spm: float | None
    contacts: tuple[Contact, ...]
    toe_offs: tuple[ToeOff, ...]
    shoulder_checks: tuple[ShoulderCheck, ...]
    metrics: GaitMetrics
    cues: tuple[CueVerdict, ...]
    warnings: tuple[str, ...]
    fps: float
    duration_s: float
    curves: dict[str, np.ndarray] = field(default_factory=dict, repr=False, compare=False)

    def to_dict(self) -> dict:
        """The JSON contract of ``backstride gait analyze`` (plus ``metrics`` and context)."""
        m = self.metrics
        return {
            "locomotion": {"direction": self.direction, "gait": self.gait},
            "cadence_spm": round_or_none(self.cadence_spm),
            "contacts": [c.to_dict() for c in self.contacts],
            "toe_offs": [t.to_dict() for t in self.toe_offs],
            "contact_time_s": round_or_none(m.contact_time_s, 4),
            "trunk_lean_deg": round_or_none(m.trunk_lean_deg),
            "elbow_angle_deg": round_or_none(m.elbow_angle_deg),
            "shoulder_checks": [s.to_dict() for s in self.shoulder_checks],
            "cues": [c.to_dict() for c in self.cues],
            "warnings": list(self.warnings),
            "facing": self.facing,
            "metrics": m.to_dict(4),
            "fps": round_or_none(self.fps),
            "duration_s": round_or_none(self.duration_s),
        }
