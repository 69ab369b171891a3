"""Synthetic side-view gait with exact ground truth, to validate the gait engine.

Real backward-running recordings with reference events do not exist in any dataset we can
ship, so every accuracy claim of the engine rests on this generator. It is a 2D sagittal
kinematic model, built so that the quantities the engine measures are *defined* by the
model (contacts, toe-offs, strike angle, trunk lean, elbow angle, head turns) and therefore
known exactly.

Model (all lengths in metres, body height 1.7 m, scaled to ``height_px``)
-------------------------------------------------------------------------
* Segment lengths are Winter's anthropometric fractions of height (thigh 0.245, shank
  0.246, upper arm 0.186, forearm 0.146, foot 0.152, ankle height 0.039).
* Each foot follows a stance/swing cycle of period ``T = 120 / cadence_spm`` seconds with
  duty factor 0.40 (forward run), 0.36 (backward run: shorter contact, longer flight,
  Wright & Weyand 2001; Cavagna 2012), 0.60 (forward walk) or 0.62 (backward walk: more
  double support, Laufer 2005). Right foot is half a cycle after the left.
* Stance: the foot rests on the ground, which moves backward relative to the pelvis at the
  travel speed (overground the foot is fixed in the world and the pelvis travels; on a
  treadmill the pelvis stays and the belt carries the foot). The first 20 % of stance
  rotates the foot from its landing angle to flat about the point that touched first; the
  last 35 % rotates it about the point that leaves last.
* Landing angle (foot angle = heel->toe line vs the ground, + = toe up): forefoot -14 deg
  (toe touches first), midfoot 0 deg, heel +16 deg (heel touches first).
* Backward locomotion uses the time-reversal relation (Winter 1989; Grasso 1998): the
  push-off of a forward stride played backwards. Forward: the heel rises and the toe leaves
  last (-25 deg run / -20 deg walk at toe-off) and the swing foot peaks early in swing
  (heel kick). Backward: the toe rises and the **heel leaves last** (+20 deg) and the swing
  peak comes late in swing.
* Swing: ankle position and foot angle are cubic Hermite curves between the toe-off and the
  next landing pose, plus a lift bump (0.07 m walk, 0.28 m run). Knee from two-link inverse
  kinematics (knee points toward where the person faces).
* Pelvis: vertical oscillation per step (running: lowest at mid-stance, 4 cm; walking:
  highest at mid-stance, 2.5 cm); both hips project on the same point.
* Trunk: constant angle ``trunk_lean_deg`` from vertical (+ = toward facing); shoulders at
  0.288 of height above the hips. Head kept upright above the shoulders.
* Arms: upper-arm angle swings +-25 deg (run) / +-15 deg (walk) at the stride frequency,
  contralateral to the legs (right arm ahead when the left foot is ahead); the included
  elbow angle is constant ``elbow_angle_deg``, forearm flexed toward the facing side.
* Shoulder checks: head yaw ``psi`` (Gaussian bump, peak 75 deg, sd 0.25 s) at
  ``interval/2 + k*interval``, alternating left, right, left ... (+ = turn to the person's
  left = look over the left shoulder). Head points (nose, eyes, ears, mouth) rotate about
  the vertical head axis; the image shows only their anterior coordinate
  ``a*cos(psi) - l*sin(psi)``. Visibility (score) falls with depth away from the camera:
  a turn away from the camera hides the nose and near eye and reveals the far ear; a turn
  toward the camera keeps the nose visible and reveals the far eye. In both cases the
  nose's horizontal offset in front of the shoulders shrinks (head centre 3 cm ahead of
  the shoulders, nose 10 cm ahead of the head centre times cos psi); turning away also
  brings the near ear in front of the nose (the nose-minus-near-ear offset flips sign).
* Camera: the person faces +x ("right") or -x ("left"); facing right shows the person's
  right side (near side = right). Far-side joints get scores ~0.85, near-side ~0.95.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from backstride.gait.consts import BODY25_JOINTS, COCO17_JOINTS, MEDIAPIPE_JOINTS
from backstride.gait.keypoints import KeypointSeries
from backstride.gait.validation._synthetic_parts import (
    BODY_HEIGHT_M,
    HEAD_POINTS,
    SEG,
    foot_cycle,
    head_depth_score,
    knee_ik,
)

LEG_PARTS: tuple[str, ...] = ("hip", "knee", "ankle", "heel", "foot_index")
"""Joints relabelled by a simulated left/right leg swap."""

_DUTY = {("run", "forward"): 0.40, ("run", "backward"): 0.36}
_DUTY.update({("walk", "forward"): 0.60, ("walk", "backward"): 0.62})
_STEP_M = {("run", "forward"): 1.0, ("run", "backward"): 0.75}
_STEP_M.update({("walk", "forward"): 0.65, ("walk", "backward"): 0.45})
_STRIKE_DEG = {"forefoot": -14.0, "midfoot": 0.0, "heel": 16.0}
_CHOICES = {
    "direction": ("forward", "backward"),
    "gait": ("walk", "run"),
    "strike": ("forefoot", "midfoot", "heel"),
    "facing": ("right", "left"),
    "joints": ("mediapipe", "coco17", "body25"),
}
_CHECK_PEAK_DEG = 75.0
_CHECK_SD_S = 0.25


@dataclass
class GaitSpec:
    """What to simulate; every field has a plausible default (a backward run at 170 spm)."""

    direction: str = "backward"
    gait: str = "run"
    cadence_spm: float = 170.0
    trunk_lean_deg: float = 5.0
    elbow_angle_deg: float = 90.0
    strike: str = "forefoot"
    shoulder_check_interval_s: float | None = None
    facing: str = "right"
    speed_mps: float | None = None
    treadmill: bool = False
    pan_px_per_s: float = 0.0
    fps: float = 30.0
    duration_s: float = 10.0
    height_px: float = 400.0
    noise_px: float = 0.0
    dropout_rate: float = 0.0
    leg_swaps: int = 0
    joints: str = "mediapipe"
    seed: int = 0


@dataclass
class GroundTruth:
    """The exact answers the engine should recover from the generated keypoints."""

    direction: str
    gait: str
    cadence_spm: float
    contacts: list[tuple[str, float]]
    toe_offs: list[tuple[str, float]]
    strikes: list[str]
    contact_time_s: float
    flight_time_s: float
    trunk_lean_deg: float
    elbow_angle_deg: float
    shoulder_checks: list[tuple[float, str]]
    step_length_m: float
    speed_mps: float
    body_height_m: float
    # Added (optional, at the end): which frames carry swapped leg labels.
    swapped_frames: list[int] = field(default_factory=list)


def _validate(spec: GaitSpec) -> None:
    for name, allowed in _CHOICES.items():
        value = getattr(spec, name)
        if value not in allowed:
            raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
    if not 30.0 <= spec.cadence_spm <= 300.0:
        raise ValueError(f"cadence must be 30-300 steps/min, not {spec.cadence_spm}")
    if spec.fps <= 0 or spec.duration_s <= 0 or spec.height_px <= 0:
        raise ValueError("fps, duration and height must be positive")
    if not -45.0 <= spec.trunk_lean_deg <= 45.0:
        raise ValueError("trunk lean must be between -45 and 45 degrees")
    if not 30.0 <= spec.elbow_angle_deg <= 180.0:
        raise ValueError("elbow angle must be between 30 and 180 degrees")
    if spec.noise_px < 0 or not 0.0 <= spec.dropout_rate < 1.0 or spec.leg_swaps < 0:
        raise ValueError("noise must be >= 0, dropout rate in [0, 1), leg swaps >= 0")
    if spec.shoulder_check_interval_s is not None and spec.shoulder_check_interval_s < 1.5:
        raise ValueError("shoulder checks need at least 1.5 s between them")
    if spec.speed_mps is not None and not 0.0 <= spec.speed_mps <= 8.0:
        raise ValueError("speed must be between 0 and 8 m/s")


def _check_times(spec: GaitSpec) -> list[tuple[float, str]]:
    """Check peaks that fit fully inside the recording, alternating left/right."""
    interval = spec.shoulder_check_interval_s
    if interval is None:
        return []
    checks: list[tuple[float, str]] = []
    t = interval / 2.0
    while t + 3 * _CHECK_SD_S <= spec.duration_s:
        if t - 3 * _CHECK_SD_S >= 0.0:
            checks.append((t, "left" if len(checks) % 2 == 0 else "right"))
        t += interval
    return checks


def generate(spec: GaitSpec) -> tuple[KeypointSeries, GroundTruth]:
    """Simulate ``spec`` and return the keypoints (image pixels, y down) and the truth.

    Raises ValueError for a spec outside the model's range (e.g. cadence 5 spm).
    """
    _validate(spec)
    key = (spec.gait, spec.direction)
    sign_t = 1.0 if spec.direction == "forward" else -1.0
    face = 1.0 if spec.facing == "right" else -1.0
    stride_s = 120.0 / spec.cadence_spm
    duty = _DUTY[key]
    stance_s = duty * stride_s
    speed = spec.speed_mps if spec.speed_mps is not None else _STEP_M[key] * spec.cadence_spm / 60
    run = spec.gait == "run"
    n = max(1, round(spec.duration_s * spec.fps))
    t = np.arange(n) / spec.fps
    first_left = 0.1 * stride_s

    # Legs in the body frame: (anterior toward facing, up), origin under the pelvis.
    push_deg = (-25.0 if run else -20.0) if sign_t > 0 else 20.0
    lift = dict(height_m=0.28 if run else 0.07, peak_u=0.4 if sign_t > 0 else 0.6)
    feet = {}
    for side, t0 in (("left", first_left), ("right", first_left + stride_s / 2)):
        feet[side] = foot_cycle(
            t - t0, stride_s, stance_s, sign_t * speed, _STRIKE_DEG[spec.strike], push_deg, lift
        )

    def pelvis_osc(tt: np.ndarray) -> np.ndarray:
        phase = 2 * np.pi * (tt - first_left - stance_s / 2) / (stride_s / 2)
        return (-0.04 if run else 0.025) * np.cos(phase)

    # Pelvis height: highest that keeps the knee slightly bent (never straight) all stride.
    grid = np.linspace(0.0, stride_s, 600, endpoint=False)
    reach = (0.985 if run else 0.995) * (SEG["thigh"] + SEG["shank"])
    z0 = np.inf
    for t0 in (first_left, first_left + stride_s / 2):
        ankle = foot_cycle(
            grid - t0, stride_s, stance_s, sign_t * speed, _STRIKE_DEG[spec.strike], push_deg, lift
        )["ankle"]
        dx2 = np.minimum(ankle[:, 0] ** 2, reach**2)
        z0 = min(z0, float(np.min(ankle[:, 1] - pelvis_osc(grid) + np.sqrt(reach**2 - dx2))))
    hip = np.stack([np.zeros(n), z0 + pelvis_osc(t)], axis=1)

    body: dict[str, np.ndarray] = {}
    for side in ("left", "right"):
        f = feet[side]
        body[f"{side}_hip"] = hip
        body[f"{side}_ankle"] = f["ankle"]
        body[f"{side}_heel"] = f["heel"]
        body[f"{side}_foot_index"] = f["toe"]
        body[f"{side}_knee"] = knee_ik(hip, f["ankle"], SEG["thigh"], SEG["shank"])

    lean = np.radians(spec.trunk_lean_deg)
    shoulder = hip + SEG["trunk"] * np.array([np.sin(lean), np.cos(lean)])
    swing = np.radians(25.0 if run else 15.0)
    flex = np.radians(180.0 - spec.elbow_angle_deg)
    for side, shift in (("right", 0.0), ("left", np.pi)):
        alpha = np.radians(-5.0) + swing * sign_t * np.cos(
            2 * np.pi * (t - first_left) / stride_s + shift
        )
        upper = np.stack([np.sin(alpha), -np.cos(alpha)], axis=1)
        fore = np.stack([np.sin(alpha + flex), -np.cos(alpha + flex)], axis=1)
        elbow = shoulder + SEG["upper_arm"] * upper
        wrist = elbow + SEG["forearm"] * fore
        body[f"{side}_shoulder"], body[f"{side}_elbow"], body[f"{side}_wrist"] = (
            shoulder,
            elbow,
            wrist,
        )
        for name, dist in (("index", 0.08), ("pinky", 0.07), ("thumb", 0.04)):
            body[f"{side}_{name}"] = wrist + dist * fore

    checks = _check_times(spec)
    psi = np.zeros(n)
    for tc, side in checks:
        sign = 1.0 if side == "left" else -1.0
        psi += sign * np.radians(_CHECK_PEAK_DEG) * np.exp(-0.5 * ((t - tc) / _CHECK_SD_S) ** 2)
    head = shoulder + np.array([0.03, 0.17])
    near = "right" if face > 0 else "left"
    head_score: dict[str, np.ndarray] = {}
    for name, (a, lat, up) in HEAD_POINTS.items():
        anterior = a * np.cos(psi) - lat * np.sin(psi)
        body[name] = head + np.stack([anterior, np.full(n, up)], axis=1)
        head_score[name] = head_depth_score(a, lat, psi, near_is_left=near == "left")

    # Body frame -> image pixels.
    px_per_m = spec.height_px / BODY_HEIGHT_M
    travel = 0.0 if spec.treadmill else 1.0
    pelvis_world = travel * sign_t * speed * (t - spec.duration_s / 2)
    x0, y_ground = 960.0, 50.0 + 1.15 * spec.height_px
    names = {"mediapipe": MEDIAPIPE_JOINTS, "coco17": COCO17_JOINTS, "body25": BODY25_JOINTS}
    joints = names[spec.joints]
    rng = np.random.default_rng(spec.seed)
    xy = np.empty((n, len(joints), 2))
    score = np.empty((n, len(joints)))
    for j, name in enumerate(joints):
        p = body[name]
        xy[:, j, 0] = x0 + face * px_per_m * (p[:, 0] + pelvis_world) + spec.pan_px_per_s * t
        xy[:, j, 1] = y_ground - px_per_m * p[:, 1]
        if name in head_score:
            score[:, j] = head_score[name]
        else:
            base = 0.95 if name.startswith(near) else 0.85
            score[:, j] = base + rng.uniform(-0.03, 0.03, n)
    score = np.clip(score, 0.0, 1.0)

    swapped = _swap_legs(xy, score, joints, spec.leg_swaps, rng)
    if spec.noise_px > 0:
        xy += rng.normal(0.0, spec.noise_px, xy.shape)
    if spec.dropout_rate > 0:
        drop = rng.random(score.shape) < spec.dropout_rate
        xy[drop] = np.nan
        score[drop] = 0.0

    meta = {
        "format": "synthetic",
        "fps": spec.fps,
        "scale_m_per_px": 1.0 / px_per_m,
        "spec": asdict(spec),
    }
    series = KeypointSeries(t, xy, score, joints, meta)
    truth = _truth(spec, t, first_left, stride_s, stance_s, speed, checks, swapped)
    return series, truth


def _swap_legs(
    xy: np.ndarray, score: np.ndarray, joints: tuple[str, ...], count: int, rng
) -> list[int]:
    """Swap left/right leg labels on ``count`` non-overlapping runs of 3-8 frames (in place)."""
    n = xy.shape[0]
    pairs = [
        (joints.index(f"left_{p}"), joints.index(f"right_{p}"))
        for p in LEG_PARTS
        if f"left_{p}" in joints and f"right_{p}" in joints
    ]
    taken = np.zeros(n, dtype=bool)
    swapped: list[int] = []
    for _ in range(count):
        for _attempt in range(50):
            length = int(rng.integers(3, 9))
            if n < length + 4:
                break
            start = int(rng.integers(2, n - length - 1))
            if not taken[start - 2 : start + length + 2].any():
                break
        else:
            continue
        if n < length + 4:
            break
        sl = slice(start, start + length)
        taken[sl] = True
        for li, ri in pairs:
            xy[sl, [li, ri]] = xy[sl, [ri, li]]
            score[sl, [li, ri]] = score[sl, [ri, li]]
        swapped.extend(range(start, start + length))
    return sorted(swapped)


def _truth(spec, t, first_left, stride_s, stance_s, speed, checks, swapped) -> GroundTruth:
    end = float(t[-1]) if len(t) else 0.0
    contacts: list[tuple[str, float]] = []
    toe_offs: list[tuple[str, float]] = []
    for side, t0 in (("left", first_left), ("right", first_left + stride_s / 2)):
        k = -1
        while t0 + k * stride_s <= end:
            tc = t0 + k * stride_s
            if tc >= 0.0:
                contacts.append((side, tc))
            if 0.0 <= tc + stance_s <= end:
                toe_offs.append((side, tc + stance_s))
            k += 1
    contacts.sort(key=lambda c: c[1])
    toe_offs.sort(key=lambda c: c[1])
    return GroundTruth(
        direction=spec.direction,
        gait=spec.gait,
        cadence_spm=spec.cadence_spm,
        contacts=contacts,
        toe_offs=toe_offs,
        strikes=[spec.strike] * len(contacts),
        contact_time_s=stance_s,
        flight_time_s=max(0.0, stride_s / 2 - stance_s),
        trunk_lean_deg=spec.trunk_lean_deg,
        elbow_angle_deg=spec.elbow_angle_deg,
        shoulder_checks=list(checks),
        step_length_m=speed * stride_s / 2,
        speed_mps=speed,
        body_height_m=BODY_HEIGHT_M,
        swapped_frames=swapped,
    )


__all__ = ["GaitSpec", "GroundTruth", "generate"]
