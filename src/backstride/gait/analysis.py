"""The gait pipeline: keypoints in, measured gait, form and cue verdicts out.

Order matters and is the point of the design: events are first found from vertical
foot motion alone (no assumption about direction), then travel is read from how those
stance feet slide; a second event set from feet standing still (which needs that travel
sign) replaces the first only when it explains more believable steps. Facing comes from
body shape, and only then is anything labelled forward or backward. Every later
measure uses the facing sign, never the travel sign, so "lean toward where you face"
means the same thing in both directions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from backstride.gait import cues as cue_rules
from backstride.gait._kinematics import body_height_px, pelvis
from backstride.gait.direction import (
    FacingTravelLocomotion,
    HeelToeFacing,
    StanceFootTravel,
    pelvis_rise_at_midstance,
)
from backstride.gait.events import (
    ContactToContactStrides,
    FootStillnessStance,
    GroundContactDetector,
    HeadTurnShoulderChecks,
    choose_detector,
)
from backstride.gait.keypoints import KeypointError, KeypointSeries
from backstride.gait.parameters import (
    AnkleGapRhythmCadence,
    ArmSwing,
    CadenceChoice,
    FootAngleStrike,
    PushOffExtension,
    StanceSpeedStepLength,
    TemporalParameters,
    TrunkHeadPosture,
    choose_cadence,
)
from backstride.gait.view import SideOnViewCheck, view_metric, withhold_side_view

MIN_FPS = 15.0
"""Below this a frame lasts > 67 ms, longer than the error that makes contact timing useful."""
MIN_DURATION_S = 1.0


@dataclass
class GaitReport:
    """Everything ``analyze`` measured. ``to_dict`` gives the CLI/JSON shape."""

    direction: str | None
    gait: str | None
    facing: str
    cadence_spm: float | None
    contacts: list[dict]
    toe_offs: list[dict]
    shoulder_checks: list[dict]
    metrics: dict[str, float | dict | None]
    cues: list[cue_rules.CueVerdict]
    warnings: list[str]
    fps: float
    duration_s: float
    curves: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    """Per-frame signals for plots (not serialised): times, angles, trunk lean."""

    def to_dict(self) -> dict:
        """The JSON contract of ``backstride gait analyze`` (plus ``metrics`` and context)."""
        m = self.metrics
        return {
            "locomotion": {"direction": self.direction, "gait": self.gait},
            "cadence_spm": _round(self.cadence_spm),
            "contacts": self.contacts,
            "toe_offs": self.toe_offs,
            "contact_time_s": _round(m.get("contact_time_s"), 4),
            "trunk_lean_deg": _round(m.get("trunk_lean_deg")),
            "elbow_angle_deg": _round(m.get("elbow_angle_deg")),
            "shoulder_checks": self.shoulder_checks,
            "cues": [c.to_dict() for c in self.cues],
            "warnings": list(self.warnings),
            "facing": self.facing,
            "metrics": {k: _round(v, 4) for k, v in m.items()},
            "fps": _round(self.fps),
            "duration_s": _round(self.duration_s),
        }


def _round(value: float | dict | str | None, digits: int = 2) -> float | dict | str | None:
    """Round for JSON: NaN becomes None, text stays, a nested metric (``view``) per entry."""
    if isinstance(value, dict):
        return {k: _round(v, digits) for k, v in value.items()}
    if isinstance(value, str):
        return value
    if value is None or not np.isfinite(value):
        return None
    return round(float(value), digits)


def check_usable(series: KeypointSeries) -> None:
    """Refuse input no gait measure could come from, with a message a person can act on."""
    if series.n_frames < 2:
        raise KeypointError(f"only {series.n_frames} frame(s): a gait needs a few seconds of video")
    if not np.all(np.diff(series.times_s) > 0):
        raise KeypointError("frame times must increase")
    if series.fps < MIN_FPS:
        raise KeypointError(
            f"frame rate {series.fps:.1f} fps is too low to time foot contacts "
            f"(at least {MIN_FPS:g} fps needed, 60 fps is best)"
        )
    if series.duration_s < MIN_DURATION_S:
        raise KeypointError(f"recording lasts {series.duration_s:.2f} s: at least 1 s is needed")
    if not np.isfinite(series.xy).any():
        raise KeypointError("no keypoint has a position in any frame (all values missing)")


def trim_to_person(series: KeypointSeries) -> tuple[KeypointSeries, list[str]]:
    """Drop leading and trailing frames where the person (hips and a foot) is not seen.

    Gap filling would otherwise hold the last seen pose still for those frames, which
    looks exactly like a foot planted on the ground.
    """
    feet = np.isfinite(series.joint("left_ankle")[:, 1]) | np.isfinite(
        series.joint("right_ankle")[:, 1]
    )
    present = np.isfinite(pelvis(series)[:, 1]) & feet
    idx = np.flatnonzero(present)
    if idx.size < 2:
        raise KeypointError("the person's hips and feet are visible in fewer than 2 frames")
    a, b = int(idx[0]), int(idx[-1]) + 1
    if a == 0 and b == series.n_frames:
        return series, []
    cut = KeypointSeries(
        series.times_s[a:b], series.xy[a:b], series.score[a:b], series.joints, dict(series.meta)
    )
    note = (
        f"person not visible in {series.n_frames - (b - a)} frame(s) at the start or end; "
        f"analysed {series.times_s[a]:.2f}-{series.times_s[b - 1]:.2f} s"
    )
    return cut, [note]


def jump_warnings(series: KeypointSeries, body_height: float) -> list[str]:
    """Warn when the tracked body leaps further in one frame than a person can move.

    A hip centre that moves more than half a body height between frames is almost
    always the pose model switching to someone else in the picture.
    """
    hip = pelvis(series)
    step = np.linalg.norm(np.diff(hip, axis=0), axis=1)
    jumps = int(np.sum(step > 0.5 * body_height))
    if not jumps:
        return []
    return [
        f"the tracked body jumps {jumps} time(s) between frames: another person may have "
        "been tracked for part of the clip; check the skeleton on the video"
    ]


def prepare(series: KeypointSeries, cutoff_hz: float = 8.0) -> tuple[KeypointSeries, list[str]]:
    """Part A's preprocessing chain (confidence mask, gaps, swaps, jumps, low-pass)."""
    from backstride.gait.filters import ButterworthLowpass
    from backstride.gait.preprocess import Preprocessor

    pre = Preprocessor(lowpass=ButterworthLowpass(cutoff_hz=cutoff_hz)).process(series)
    return pre.series_, list(pre.report_["warnings"])


def find_events(
    clean: KeypointSeries,
    height: float,
    vertical: GroundContactDetector,
    travel_sign: int,
    rhythm: AnkleGapRhythmCadence,
) -> GroundContactDetector | FootStillnessStance:
    """Foot events from the detector whose steps are the more believable.

    The vertical detector (lowest foot point meets the ground) is exact when the foot
    clearly lifts, as in running and in clean recordings. Real walking video barely
    lifts the toe and shows a ground that is not a straight line, so a second detector
    reads stance from the foot standing still; it is used only when it explains more
    alternating steps at the legs' rhythm (``events._select``).
    """
    still = FootStillnessStance().detect(clean, height, travel_sign)
    step_s = 60.0 / rhythm.cadence_spm_ if rhythm.cadence_spm_ else None
    candidates = [vertical, still]
    return candidates[choose_detector([c.contacts_ for c in candidates], step_s)]


def timing(
    clean: KeypointSeries,
    height: float,
    strides: ContactToContactStrides,
    rhythm: AnkleGapRhythmCadence | None = None,
) -> tuple[TemporalParameters, AnkleGapRhythmCadence, CadenceChoice, list[str]]:
    """Temporal parameters with the cadence chosen between contacts and the legs' rhythm.

    Short clips take cadence (and the step time behind flight time) from the rhythm; a
    contact figure no person could step at leaves cadence and step timing empty. When
    only one foot's landings are seen (far leg hidden), each interval between them is a
    stride of two steps, not one: counting it as one would halve the cadence silently.
    Returns the parameters, the rhythm estimate, the choice and warnings for the user.
    """
    notes = []
    temporal = TemporalParameters().calculate(strides.strides_, strides.steps_)
    contacts_spm, n_steps = temporal.contact_cadence_spm_, temporal.n_steps_
    sides = {side for _, side in strides.steps_}
    if len(sides) == 1 and contacts_spm is not None:
        contacts_spm, n_steps = 2 * contacts_spm, 2 * n_steps
        notes.append(
            f"only the {sides.pop()} foot's landings were found (the other leg hidden?): "
            "cadence counts two steps per stride, assuming they are even"
        )
    rhythm = rhythm or AnkleGapRhythmCadence().estimate(clean, height)
    if rhythm.gap_swing_bh_ is not None and rhythm.gap_swing_bh_ < rhythm.min_gap_swing_bh:
        notes.append(
            "left and right feet stay on top of each other: probably one leg is tracked "
            "twice (the far leg hidden), so per-leg measures are unreliable"
        )
    cadence = choose_cadence(contacts_spm, n_steps, rhythm.cadence_spm_)
    if cadence.warning:
        notes.append(cadence.warning)
    if cadence.spm is None:
        temporal.cadence_spm_ = temporal.step_time_s_ = temporal.contact_cadence_spm_ = None
        temporal.flight_time_s_ = temporal.double_support_s_ = None
    elif cadence.spm != temporal.contact_cadence_spm_:
        temporal = TemporalParameters().calculate(
            strides.strides_, strides.steps_, step_time_s=60.0 / cadence.spm
        )
        temporal.contact_cadence_spm_ = contacts_spm
    return temporal, rhythm, cadence, notes


def analyze(
    series: KeypointSeries,
    *,
    scale_m_per_px: float | None = None,
    cutoff_hz: float = 8.0,
    preprocess: bool = True,
) -> GaitReport:
    """Measure gait and form of one person in ``series`` and give the cue verdicts.

    Raises KeypointError (a ValueError) with a one-line reason when the input cannot
    carry a gait analysis (too short, too slow a frame rate, nobody stepping).
    """
    check_usable(series)
    series, trimmed = trim_to_person(series)
    check_usable(series)
    if preprocess:
        clean, warnings = prepare(series, cutoff_hz)
    else:
        clean, warnings = series, []
    scale = scale_m_per_px or series.meta.get("scale_m_per_px")
    height = body_height_px(clean)
    if not np.isfinite(height) or height <= 1.0:
        raise KeypointError(
            "the body is not visible as a person (the joints do not spread out); "
            "check the keypoints or film the whole body side-on"
        )
    warnings = trimmed + jump_warnings(series, height) + warnings
    vertical = GroundContactDetector().detect(clean, height)
    travel = StanceFootTravel().estimate(clean, vertical.stance_masks_, height)
    rhythm = AnkleGapRhythmCadence().estimate(clean, height)
    ground = find_events(clean, height, vertical, travel.travel_sign_, rhythm)
    n_contacts = sum(len(v) for v in ground.contacts_.values())
    if n_contacts < 2:
        raise KeypointError("no steps found: the person does not seem to walk or run here")
    strides = ContactToContactStrides().segment(ground.contacts_, ground.toe_offs_)
    temporal, rhythm, cadence, timing_notes = timing(clean, height, strides, rhythm)
    facing = HeelToeFacing().estimate(clean)
    step_frames = temporal.step_time_s_ * clean.fps if temporal.step_time_s_ else None
    phase = pelvis_rise_at_midstance(pelvis(clean)[:, 1], ground.stance_masks_, step_frames)
    loco = FacingTravelLocomotion().classify(
        facing.facing_sign_,
        travel.travel_sign_,
        temporal.duty_factor_,
        facing.window_signs_,
        travel.window_signs_,
        pelvis_phase=phase,
    )
    warnings += loco.warnings_
    view = SideOnViewCheck().estimate(clean, height)
    warnings += [view.warning_] if view.warning_ else []
    f = facing.facing_sign_
    # Raw head points: preprocessing blanks a nose turned away, the very thing we look for.
    checks = HeadTurnShoulderChecks().detect(series, f)
    posture = TrunkHeadPosture().calculate(clean, f, checks.turn_signal_ > 0.3)
    arms = ArmSwing().calculate(clean, f, temporal.stride_time_s_)
    legs = PushOffExtension().calculate(clean, f, strides.strides_)
    strike = FootAngleStrike().calculate(clean, f, ground.contacts_)
    spatial = StanceSpeedStepLength().calculate(
        clean, strides.strides_, strides.steps_, height, scale
    )
    if loco.gait_ is None:
        warnings.append("no complete stride (contact, toe-off, next contact): walk or run unknown")
    if temporal.cadence_spm_ is None and cadence.warning is None:
        warnings.append("fewer than 4 steps: cadence and timing need a longer clip")
    warnings += timing_notes
    if facing.agreement_ < 0.8:
        warnings.append("facing direction is unclear in part of the clip (turning or tracking)")

    contacts = [
        {"foot": side, "time_s": round(float(t), 4), "strike": strike.strikes_[side][i]}
        for side, times in ground.contacts_.items()
        for i, t in enumerate(times)
    ]
    contacts.sort(key=lambda c: c["time_s"])
    toe_offs = sorted(
        (
            {"foot": side, "time_s": round(float(t), 4)}
            for side, ts in ground.toe_offs_.items()
            for t in ts
        ),
        key=lambda c: c["time_s"],
    )
    metrics = {
        "cadence_contacts_spm": temporal.contact_cadence_spm_,
        "cadence_rhythm_spm": rhythm.cadence_spm_,
        "step_time_s": temporal.step_time_s_,
        "stride_time_s": temporal.stride_time_s_,
        "contact_time_s": temporal.contact_time_s_,
        "flight_time_s": temporal.flight_time_s_,
        "double_support_s": temporal.double_support_s_,
        "duty_factor": temporal.duty_factor_,
        "pelvis_phase": phase,
        "stance_from_stillness": float(isinstance(ground, FootStillnessStance)),
        "contact_symmetry_pct": temporal.contact_symmetry_pct_,
        "step_symmetry_pct": temporal.step_symmetry_pct_,
        "step_length_bh": spatial.step_length_bh_,
        "step_length_m": spatial.step_length_m_,
        "speed_mps": spatial.speed_mps_,
        "speed_bh_s": spatial.speed_bh_s_,
        "stride_trend_pct_per_min": spatial.stride_trend_pct_per_min_,
        "trunk_lean_deg": posture.trunk_lean_deg_,
        "head_pitch_deg": posture.head_pitch_deg_,
        "elbow_angle_deg": arms.elbow_angle_deg_,
        "arm_swing_deg": arms.arm_swing_deg_,
        "contralateral_lag_pct": arms.contralateral_lag_pct_,
        "knee_extension_deg": legs.knee_extension_deg_,
        "hip_extension_deg": legs.hip_extension_deg_,
        "knee_lift_deg": legs.knee_lift_deg_,
        "shoulder_check_interval_s": checks.interval_s_,
        "shoulder_check_alternation": checks.alternation_,
        "body_height_px": height,
        "view": view_metric(view),
    }
    heel_toe = any(np.isfinite(v).any() for v in strike.strike_angles_deg_.values())
    all_strikes = [c["strike"] for c in contacts]
    verdicts = [
        cue_rules.direction_cue(loco.direction_),
        cue_rules.posture_cue(posture.trunk_lean_deg_),
        cue_rules.head_cue(posture.head_pitch_deg_),
        cue_rules.shoulder_check_cue(
            checks.checks_, series.duration_s, loco.direction_ == "backward"
        ),
        cue_rules.elbow_cue(arms.elbow_angle_deg_),
        cue_rules.arm_rhythm_cue(arms.contralateral_lag_pct_),
        cue_rules.strike_cue(all_strikes, heel_toe),
        cue_rules.leg_drive_cue(legs.knee_extension_deg_, legs.hip_extension_deg_),
        cue_rules.knee_lift_cue(legs.knee_lift_deg_, loco.gait_),
        cue_rules.stride_cue(
            spatial.step_length_bh_, loco.gait_, spatial.stride_trend_pct_per_min_
        ),
        cue_rules.cadence_cue(
            temporal.cadence_spm_,
            loco.gait_,
            "foot tracks unreliable" if cadence.warning and cadence.spm is None else None,
            speed_ms=cue_rules.speed_for_cadence(spatial.speed_mps_, spatial.speed_bh_s_),
        ),
    ]
    verdicts = withhold_side_view(view, verdicts, metrics, contacts)
    curves = {
        "times_s": clean.times_s,
        "trunk_lean_deg": posture.trunk_lean_series_deg_,
        **{f"{s}_knee_deg": legs.knee_series_deg_[s] for s in legs.knee_series_deg_},
        **{f"{s}_hip_deg": legs.hip_series_deg_[s] for s in legs.hip_series_deg_},
        **{f"{s}_elbow_deg": arms.elbow_series_deg_[s] for s in arms.elbow_series_deg_},
        **{
            f"{s}_foot_deg": strike.foot_angle_series_deg_[s] for s in strike.foot_angle_series_deg_
        },
    }
    return GaitReport(
        direction=loco.direction_,
        gait=loco.gait_,
        facing="right" if f > 0 else "left",
        cadence_spm=temporal.cadence_spm_,
        contacts=contacts,
        toe_offs=toe_offs,
        shoulder_checks=[{"time_s": round(t, 3), "side": s} for t, s in checks.checks_],
        metrics=metrics,
        cues=verdicts,
        warnings=warnings,
        fps=series.fps,
        duration_s=series.duration_s,
        curves=curves,
    )
