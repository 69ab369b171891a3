"""Turn measured gait into the form cues a backward runner is coached on.

One verdict per cue of the form checklist (posture, head and shoulder checks, arms,
foot strike, leg drive, knee lift, stride length, cadence, direction), each ``ok`` / ``watch`` /
``fix`` with the measured value, the target band and a one-line tip. When a value could
not be measured the verdict is ``None`` with the reason, never a guess.

The bands are coaching targets chosen for this tool, not published norms: the science
says backward running has shorter steps and a higher step rate than forward running
(Uthoff 2018; Cavagna 2012) and toes-first landings (Winter 1989's time reversal), but
no study gives thresholds for "good" backward form. Every target string ends with its
source or "Backstride rule of thumb" (``cue_sources``), so the report says which is which.
Walking cadence depends on speed: the expected cadence comes from the walk ratio.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backstride.gait.results import GaitReport

from backstride.gait.cue_sources import note

WALK_RATIO_M_PER_SPM = 0.0060  # step length / cadence, older adults (Bogen et al. 2018)
WALK_RATIO_MIN_SPEED_MS = 1.0  # below ~62 m/min the walk ratio no longer holds (Murakami 2017)
SLOW_RUN_MS = 2.0  # backward jogs below this get a lower cadence band (rule of thumb)


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


def _banded(
    cue: str,
    unit: str,
    value: float | None,
    bands: tuple[tuple[float, float], tuple[float, float]],
    target: str,
    missing: str,
    tips: tuple[str, str, str],
    digits: int = 1,
) -> CueVerdict:
    """Judge one measured value against its ok/watch bands and pick the matching tip.

    Most cues share this shape: no value means no verdict (with ``missing`` as the reason),
    otherwise the band gives the verdict and the tip depends on whether the value sits
    below, inside or above the ok band. ``tips`` is ``(below, inside, above)``; cues with a
    single corrective tip pass it twice.
    """
    if value is None:
        return _unknown(cue, unit, target, missing)
    ok, watch = bands
    v = band_verdict(value, ok, watch)
    below, inside, above = tips
    tip = inside if v == "ok" else below if value < ok[0] else above
    return CueVerdict(cue, v, round(value, digits), unit, target, tip)


def posture_cue(lean_deg: float | None) -> CueVerdict:
    ok, watch = (0.0, 10.0), (-5.0, 15.0)
    tips = (
        "You lean back into your path: bring the chest a touch over the toes.",
        "Tall body with a slight tilt toward your toes: keep it.",
        "You fold forward too much: stand taller, keep just a hint of lean.",
    )
    target = f"{_fmt(ok)} deg toward where you face" + note("posture")
    why = "shoulders or hips not visible"
    return _banded("posture", "deg", lean_deg, (ok, watch), target, why, tips)


def head_cue(pitch_deg: float | None) -> CueVerdict:
    ok, watch = (-20.0, 20.0), (-30.0, 30.0)
    tips = (
        "Lift your chin: a dropped head pulls the trunk forward and down.",
        "Head level, gaze ahead: good.",
        "Drop the chin a little so the neck stays relaxed.",
    )
    target = f"{_fmt(ok)} deg (0 = eyes level)" + note("head")
    return _banded("head", "deg", pitch_deg, (ok, watch), target, "nose or ears not visible", tips)


def shoulder_check_cue(
    checks: list[tuple[float, str | None]], duration_s: float, backward: bool
) -> CueVerdict:
    target = "a look back every 5-15 s, alternating sides" + note("shoulder_checks")
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
    tips = (
        "Elbows clamped tight: open them to about a right angle.",
        "Elbows near a right angle: good.",
        "Arms too straight: bend the elbows to about a right angle.",
    )
    target = f"{_fmt(ok)} deg at the elbow" + note("arm_angle")
    why = "shoulder, elbow or wrist not visible"
    return _banded("arm_angle", "deg", elbow_deg, (ok, watch), target, why, tips)


def arm_rhythm_cue(lag_pct: float | None) -> CueVerdict:
    target = "0 to 10 % of a stride between arm and opposite leg" + note("arm_rhythm")
    fix = "Let each arm swing with the opposite leg, not on its own beat."
    tips = (fix, "Arms swing with the opposite leg: good rhythm.", fix)
    why = "arms or legs not visible, or too few strides"
    bands = ((0.0, 10.0), (0.0, 20.0))
    return _banded("arm_rhythm", "%", lag_pct, bands, target, why, tips)


def strike_cue(strikes: list[str | None], heel_toe_tracked: bool) -> CueVerdict:
    target = "no more than 10 % heel-first landings" + note("foot_strike")
    if not heel_toe_tracked:
        return _unknown("foot_strike", "% heel", target, "heel and toe not tracked")
    known = [s for s in strikes if s]
    if len(known) < 4:
        return _unknown("foot_strike", "% heel", target, "fewer than 4 landings measured")
    heel = 100.0 * sum(s == "heel" for s in known) / len(known)
    fix = "Heel lands first: reach back with the toes and let the heel settle after."
    tips = (fix, "Landing toes or mid-foot first: good.", fix)
    return _banded("foot_strike", "% heel", heel, ((0.0, 10.0), (0.0, 30.0)), target, "", tips)


def leg_drive_cue(knee_deg: float | None, hip_deg: float | None = None) -> CueVerdict:
    """Drive from knee extension, judged on the knee alone.

    Backward running is close to forward running played in reverse, so the hip *flexes*
    through stance and is still bent as the foot leaves the ground: a bent hip at push-off
    is normal and is not judged. ``hip_deg`` is accepted for callers but not used.
    """
    ok, watch = (150.0, 180.0), (135.0, 180.0)
    target = f"knee {_fmt(ok)} deg as the foot leaves the ground" + note("leg_drive")
    fix = "Push the ground away by straightening the knee before the foot lifts."
    tips = (fix, "Knee opens well as you push away: good drive.", fix)
    why = "hip, knee or ankle not visible at push-off"
    return _banded("leg_drive", "deg", knee_deg, (ok, watch), target, why, tips)


def knee_lift_cue(lift_deg: float | None, gait: str | None) -> CueVerdict:
    """Knees should rise, but less than in forward running (thigh angle from vertical)."""
    ok, watch = ((15.0, 50.0), (10.0, 65.0)) if gait != "walk" else ((10.0, 40.0), (5.0, 50.0))
    tips = (
        "Feet shuffle: lift the knees a touch so the toes clear the ground.",
        "Knees come up a little and stay low: right for going backward.",
        "Knees rise high: going backward needs only a small lift, keep it low and quick.",
    )
    target = f"thigh {_fmt(ok)} deg forward of vertical at its highest" + note("knee_lift")
    why = "hip or knee not visible, or no full stride"
    return _banded("knee_lift", "deg", lift_deg, (ok, watch), target, why, tips)


def stride_cue(step_bh: float | None, gait: str | None, trend: float | None) -> CueVerdict:
    ok, watch = ((0.0, 0.5), (0.0, 0.6)) if gait != "walk" else ((0.0, 0.35), (0.0, 0.45))
    fix = "Steps are long for going backward: shorten them and keep the feet under you."
    tips = (fix, "Short, controlled steps: lengthen them only as balance grows.", fix)
    target = f"step up to {ok[1]:g} x your height" + note("stride_length")
    why = "too few strides measured"
    result = _banded("stride_length", "x height", step_bh, (ok, watch), target, why, tips, 3)
    if result.verdict is not None and trend is not None and abs(trend) >= 10:
        result.tip += " Step length drifts during the clip: keep it steady."
    return result


ASSUMED_HEIGHT_M = 1.70  # converts body heights/s to m/s when the clip has no scale


def speed_for_cadence(speed_mps: float | None, speed_bh_s: float | None) -> float | None:
    """Measured speed in m/s, else body heights/s times an assumed 1.70 m height.

    The cadence band is wide (-15 %/+40 %) and grows with the square root of speed, so a
    height 10 % off moves the band by about 5 %.
    """
    if speed_mps is not None and math.isfinite(speed_mps):
        return float(speed_mps)
    if speed_bh_s is not None and math.isfinite(speed_bh_s):
        return float(speed_bh_s) * ASSUMED_HEIGHT_M
    return None


def expected_walk_cadence(speed_ms: float) -> float:
    """Cadence (steps/min) at which the walk ratio holds: v = ratio x C^2 / 60."""
    return math.sqrt(60.0 * speed_ms / WALK_RATIO_M_PER_SPM)


def cadence_bands(
    gait: str | None, speed_ms: float | None = None, older: bool = False
) -> tuple[tuple[float, float], tuple[float, float], str]:
    """(ok band, watch band, source key) for cadence at this gait, speed and population.

    Walking at 1 m/s or faster: around the cadence the walk ratio predicts (Bogen 2018;
    backward cadence matches forward, Laufer 2005), -15 %/+40 % ok (backward steps are
    shorter, so the rate may be higher), -30 %/+70 % watch. Slower than 1 m/s, with no
    speed, or for an older adult: nothing is judged too slow, because slow walkers step
    slowly and the walk ratio no longer holds there (Murakami & Otaka 2017); only a very
    quick rate draws a "watch". Running bands are the project's rule of thumb, lower for
    slow jogs.
    """
    if gait == "walk":
        if speed_ms is not None and speed_ms >= WALK_RATIO_MIN_SPEED_MS and not older:
            c = expected_walk_cadence(speed_ms)
            return (0.85 * c, 1.4 * c), (0.7 * c, 1.7 * c), "cadence_walk"
        return (0.0, 140.0), (0.0, 170.0), "cadence_walk"
    if speed_ms is not None and speed_ms < SLOW_RUN_MS:
        return (140.0, 220.0), (125.0, 235.0), "cadence_run"
    return (160.0, 220.0), (145.0, 235.0), "cadence_run"


def cadence_cue(
    cadence_spm: float | None,
    gait: str | None,
    reason: str | None = None,
    *,
    speed_ms: float | None = None,
    older: bool = False,
) -> CueVerdict:
    """Cadence against a band that depends on gait, speed and population (``cadence_bands``)."""
    ok, watch, source = cadence_bands(gait, speed_ms, older)
    tips = (
        "Take quicker, smaller steps.",
        "Quick, light steps: good." if gait != "walk" else "Step rate suits your speed: good.",
        "Steps are very quick: relax and let them lengthen a little.",
    )
    low = "up to" if ok[0] <= 0 else f"{ok[0]:.0f} to"
    at = f" at {speed_ms:.1f} m/s" if speed_ms is not None else ""
    target = f"{low} {ok[1]:.0f} steps/min{at}" + note(source)
    why = reason or "too few steps measured"
    return _banded("cadence", "steps/min", cadence_spm, (ok, watch), target, why, tips)


def direction_cue(direction: str | None) -> CueVerdict:
    target = "backward" + note("direction")
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
        "This clip shows forward movement: film yourself going backward, side-on.",
    )


UPPER_BODY_CUES = ("posture", "head", "shoulder_checks", "arm_angle", "arm_rhythm")
"""Cues that need the trunk, arms or head in the picture."""

NOT_IN_PICTURE = "cannot be given: not in the picture (the clip shows hips to feet)"

SLOW_MOTION = "the clip seems to be slow motion: give its slow-motion factor to time the steps"

FORWARD_CLIP = "this clip shows forward movement: film yourself going backward, side-on"
"""Why a forward clip gets no form verdicts: every band is a backward-running target."""


def withhold(cue: CueVerdict, reason: str) -> CueVerdict:
    """The same cue with no verdict and no value, saying why (the target stays shown)."""
    return _unknown(cue.cue, cue.unit, cue.target, reason)


class FormCues:
    """The cue stage of the gait pipeline: one verdict per checklist cue, in checklist order.

    It reads only the measured report (no keypoints), so every shell that shows a verdict
    shows the one computed here.

    Attributes
    ----------
    cues_
        The verdicts: direction, posture, head, shoulder checks, arm angle, arm rhythm,
        foot strike, leg drive, knee lift, stride length, cadence.
    """

    def judge(
        self,
        report: GaitReport,
        *,
        heel_toe_tracked: bool,
        cadence_unreliable: bool,
        upper_body_visible: bool = True,
        slow_motion: bool = False,
    ) -> FormCues:
        """Judge ``report`` (its ``cues`` are ignored).

        ``heel_toe_tracked`` says whether any foot angle could be read (without heel and
        toe there is no strike verdict); ``cadence_unreliable`` that the cadence was left
        empty because the foot tracks disagreed with the legs' rhythm;
        ``upper_body_visible`` False (a clip of hips to feet) withholds the trunk, head
        and arm cues as not in the picture; ``slow_motion`` (a rhythm too slow to be real
        time) withholds the cadence verdict. A forward clip keeps only the direction
        verdict: the other cues are backward-running targets (``FORWARD_CLIP``).
        """
        m = report.metrics
        checks = [(c.time_s, c.side) for c in report.shoulder_checks]
        cues = (
            direction_cue(report.direction),
            posture_cue(m.trunk_lean_deg),
            head_cue(m.head_pitch_deg),
            shoulder_check_cue(checks, report.duration_s, report.direction == "backward"),
            elbow_cue(m.elbow_angle_deg),
            arm_rhythm_cue(m.contralateral_lag_pct),
            strike_cue([c.strike for c in report.contacts], heel_toe_tracked),
            leg_drive_cue(m.knee_extension_deg, m.hip_extension_deg),
            knee_lift_cue(m.knee_lift_deg, report.gait),
            stride_cue(m.step_length_bh, report.gait, m.stride_trend_pct_per_min),
            cadence_cue(
                report.cadence_spm,
                report.gait,
                "foot tracks unreliable" if cadence_unreliable else None,
                speed_ms=speed_for_cadence(m.speed_mps, m.speed_bh_s),
            ),
        )
        if not upper_body_visible:
            cues = tuple(
                withhold(c, NOT_IN_PICTURE) if c.cue in UPPER_BODY_CUES else c for c in cues
            )
        if slow_motion:
            cues = tuple(withhold(c, SLOW_MOTION) if c.cue == "cadence" else c for c in cues)
        if report.direction == "forward":
            # Every band is a backward target: judging a forward walk against them would
            # tell a forward walker to "fix" a heel strike that is right for forward gait.
            cues = tuple(c if c.cue == "direction" else withhold(c, FORWARD_CLIP) for c in cues)
        self.cues_ = cues
        return self
