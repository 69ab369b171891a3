"""Turn measured gait into the form cues a backward runner is coached on.

One verdict per cue of the form checklist (posture, head and shoulder checks, arms,
foot strike, leg drive, knee lift, stride length, cadence, direction), each ``ok`` / ``watch`` /
``fix`` with the measured value, the target band and a one-line tip. When a value could
not be measured the verdict is ``None`` with the reason, never a guess.

The bands are coaching targets chosen for this tool, not published norms: the science
says backward running has shorter steps and a higher step rate than forward running
(Uthoff 2018; Cavagna 2012) and toes-first landings (Winter 1989's time reversal), but
no study gives thresholds for "good" backward form.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass
class CueVerdict:
    """The verdict on one form cue (``verdict`` None = cannot be given, see ``reason``)."""

    cue: str
    verdict: str | None
    value: float | str | None
    unit: str
    target: str
    tip: str
    reason: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def band_verdict(value: float, ok: tuple[float, float], watch: tuple[float, float]) -> str:
    """``ok`` inside the ok band, ``watch`` inside the wider watch band, else ``fix``."""
    if ok[0] <= value <= ok[1]:
        return "ok"
    if watch[0] <= value <= watch[1]:
        return "watch"
    return "fix"


def _unknown(cue: str, unit: str, target: str, reason: str) -> CueVerdict:
    return CueVerdict(cue, None, None, unit, target, "No verdict for this cue.", reason)


def _fmt(band: tuple[float, float]) -> str:
    return f"{band[0]:g} to {band[1]:g}"


def posture_cue(lean_deg: float | None) -> CueVerdict:
    ok, watch = (0.0, 10.0), (-5.0, 15.0)
    target = f"{_fmt(ok)} deg toward where you face"
    if lean_deg is None:
        return _unknown("posture", "deg", target, "shoulders or hips not visible")
    v = band_verdict(lean_deg, ok, watch)
    if lean_deg < ok[0]:
        tip = "You lean back into your path: bring the chest a touch over the toes."
    elif lean_deg > ok[1]:
        tip = "You fold forward too much: stand taller, keep just a hint of lean."
    else:
        tip = "Tall body with a slight tilt toward your toes: keep it."
    return CueVerdict("posture", v, round(lean_deg, 1), "deg", target, tip)


def head_cue(pitch_deg: float | None) -> CueVerdict:
    ok, watch = (-20.0, 20.0), (-30.0, 30.0)
    target = f"{_fmt(ok)} deg (0 = eyes level)"
    if pitch_deg is None:
        return _unknown("head", "deg", target, "nose or ears not visible")
    v = band_verdict(pitch_deg, ok, watch)
    tip = (
        "Head level, gaze ahead: good."
        if v == "ok"
        else "Lift your chin: a dropped head pulls the trunk forward and down."
        if pitch_deg < 0
        else "Drop the chin a little so the neck stays relaxed."
    )
    return CueVerdict("head", v, round(pitch_deg, 1), "deg", target, tip)


def shoulder_check_cue(
    checks: list[tuple[float, str | None]], duration_s: float, backward: bool
) -> CueVerdict:
    target = "a look back every 5-15 s, alternating sides"
    if not checks:
        if duration_s < 15.0 or not backward:
            why = "recording shorter than 15 s" if backward else "not moving backward"
            return _unknown("shoulder_checks", "checks/min", target, why)
        return CueVerdict(
            "shoulder_checks",
            "watch",
            0.0,
            "checks/min",
            target,
            "No look behind seen: glance over a shoulder every few strides to scan your path.",
        )
    per_min = 60.0 * len(checks) / max(duration_s, 1e-9)
    sides = [s for _, s in checks if s]
    one_sided = len(sides) >= 3 and len(set(sides)) == 1
    if one_sided:
        v, tip = (
            "watch",
            f"All checks over the {sides[0]} shoulder: switch sides to spare the neck.",
        )
    elif per_min < 4.0 and duration_s >= 15.0:
        v, tip = "watch", "Look back more often: every 5-15 s keeps your path clear."
    else:
        v, tip = "ok", "Regular looks behind, both sides: keep scanning like this."
    return CueVerdict("shoulder_checks", v, round(per_min, 1), "checks/min", target, tip)


def elbow_cue(elbow_deg: float | None) -> CueVerdict:
    ok, watch = (75.0, 105.0), (60.0, 120.0)
    target = f"{_fmt(ok)} deg at the elbow"
    if elbow_deg is None:
        return _unknown("arm_angle", "deg", target, "shoulder, elbow or wrist not visible")
    v = band_verdict(elbow_deg, ok, watch)
    tip = (
        "Elbows near a right angle: good."
        if v == "ok"
        else "Arms too straight: bend the elbows to about a right angle."
        if elbow_deg > ok[1]
        else "Elbows clamped tight: open them to about a right angle."
    )
    return CueVerdict("arm_angle", v, round(elbow_deg, 1), "deg", target, tip)


def arm_rhythm_cue(lag_pct: float | None) -> CueVerdict:
    target = "0 to 10 % of a stride between arm and opposite leg"
    if lag_pct is None:
        return _unknown("arm_rhythm", "%", target, "arms or legs not visible, or too few strides")
    v = band_verdict(lag_pct, (0.0, 10.0), (0.0, 20.0))
    tip = (
        "Arms swing with the opposite leg: good rhythm."
        if v == "ok"
        else "Let each arm swing with the opposite leg, not on its own beat."
    )
    return CueVerdict("arm_rhythm", v, round(lag_pct, 1), "%", target, tip)


def strike_cue(strikes: list[str | None], heel_toe_tracked: bool) -> CueVerdict:
    target = "no more than 10 % heel-first landings"
    if not heel_toe_tracked:
        return _unknown("foot_strike", "% heel", target, "heel and toe not tracked")
    known = [s for s in strikes if s]
    if len(known) < 4:
        return _unknown("foot_strike", "% heel", target, "fewer than 4 landings measured")
    heel = 100.0 * sum(s == "heel" for s in known) / len(known)
    v = band_verdict(heel, (0.0, 10.0), (0.0, 30.0))
    tip = (
        "Landing toes or mid-foot first: good."
        if v == "ok"
        else "Heel lands first: reach back with the toes and let the heel settle after."
    )
    return CueVerdict("foot_strike", v, round(heel, 1), "% heel", target, tip)


def leg_drive_cue(knee_deg: float | None, hip_deg: float | None = None) -> CueVerdict:
    """Drive from knee and hip extension, judged on the knee; a folded hip is flagged too.

    The hip band is deliberately wide: in backward running the pushing foot leaves the
    ground ahead of the body, so some hip bend at toe-off is normal; only a trunk folded
    well over the thigh means the drive did not come from the hip.
    """
    ok, watch = (150.0, 180.0), (135.0, 180.0)
    hip_ok = 125.0
    target = f"knee {_fmt(ok)} deg and hip at least {hip_ok:g} deg as the foot leaves the ground"
    if knee_deg is None:
        return _unknown("leg_drive", "deg", target, "hip, knee or ankle not visible at push-off")
    v = band_verdict(knee_deg, ok, watch)
    tip = (
        "Knee opens well as you push away: good drive."
        if v == "ok"
        else "Push the ground away by straightening the knee before the foot lifts."
    )
    if hip_deg is not None and hip_deg < hip_ok:
        v = "fix" if v == "fix" else "watch"
        tip = (
            f"The hip stays folded at push-off ({hip_deg:.0f} deg): stand tall and let the "
            "hip open as the leg pushes."
        )
    return CueVerdict("leg_drive", v, round(knee_deg, 1), "deg", target, tip)


def knee_lift_cue(lift_deg: float | None, gait: str | None) -> CueVerdict:
    """Knees should rise, but less than in forward running (thigh angle from vertical)."""
    ok, watch = ((15.0, 50.0), (10.0, 65.0)) if gait != "walk" else ((10.0, 40.0), (5.0, 50.0))
    target = f"thigh {_fmt(ok)} deg forward of vertical at its highest"
    if lift_deg is None:
        return _unknown("knee_lift", "deg", target, "hip or knee not visible, or no full stride")
    v = band_verdict(lift_deg, ok, watch)
    if v == "ok":
        tip = "Knees come up a little and stay low: right for going backward."
    elif lift_deg < ok[0]:
        tip = "Feet shuffle: lift the knees a touch so the toes clear the ground."
    else:
        tip = "Knees rise high: going backward needs only a small lift, keep it low and quick."
    return CueVerdict("knee_lift", v, round(lift_deg, 1), "deg", target, tip)


def stride_cue(step_bh: float | None, gait: str | None, trend: float | None) -> CueVerdict:
    ok, watch = ((0.0, 0.5), (0.0, 0.6)) if gait != "walk" else ((0.0, 0.35), (0.0, 0.45))
    target = f"step up to {ok[1]:g} x your height"
    if step_bh is None:
        return _unknown("stride_length", "x height", target, "too few strides measured")
    v = band_verdict(step_bh, ok, watch)
    tip = (
        "Short, controlled steps: lengthen them only as balance grows."
        if v == "ok"
        else "Steps are long for going backward: shorten them and keep the feet under you."
    )
    if trend is not None and abs(trend) >= 10:
        tip += " Step length drifts during the clip: keep it steady."
    return CueVerdict("stride_length", v, round(step_bh, 3), "x height", target, tip)


def cadence_cue(
    cadence_spm: float | None, gait: str | None, reason: str | None = None
) -> CueVerdict:
    ok, watch = (
        ((160.0, 220.0), (145.0, 235.0)) if gait != "walk" else ((90.0, 140.0), (70.0, 160.0))
    )
    target = f"{_fmt(ok)} steps/min"
    if cadence_spm is None:
        return _unknown("cadence", "steps/min", target, reason or "too few steps measured")
    v = band_verdict(cadence_spm, ok, watch)
    tip = (
        "Quick, light steps: good."
        if v == "ok"
        else "Take quicker, smaller steps."
        if cadence_spm < ok[0]
        else "Steps are very quick: relax and let them lengthen a little."
    )
    return CueVerdict("cadence", v, round(cadence_spm, 1), "steps/min", target, tip)


def direction_cue(direction: str | None) -> CueVerdict:
    target = "backward"
    if direction is None:
        return _unknown("direction", "", target, "the body does not travel")
    if direction == "backward":
        return CueVerdict("direction", "ok", direction, "", target, "Moving backward as intended.")
    return CueVerdict(
        "direction",
        "watch",
        direction,
        "",
        target,
        "This clip shows forward movement: the other cues are tuned for going backward.",
    )
