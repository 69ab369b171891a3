"""Body geometry and segment motions for the synthetic gait generator (see synthetic.py).

Kept apart from ``synthetic.py`` so that the generator reads as the model description and
this file holds the arithmetic: foot stance/swing cycle, knee inverse kinematics, head
point visibility. Body-frame coordinates: (anterior toward facing, up), metres.
"""

from __future__ import annotations

import numpy as np

BODY_HEIGHT_M = 1.7

SEG: dict[str, float] = {
    name: frac * BODY_HEIGHT_M
    for name, frac in {
        "thigh": 0.245,
        "shank": 0.246,
        "upper_arm": 0.186,
        "forearm": 0.146,
        "foot": 0.152,
        "ankle_height": 0.039,
        "trunk": 0.288,
    }.items()
}
"""Segment lengths from Winter's anthropometric fractions of body height (m)."""

HEAD_POINTS: dict[str, tuple[float, float, float]] = {
    "nose": (0.10, 0.0, 0.0),
    "left_eye_inner": (0.085, 0.015, 0.03),
    "left_eye": (0.08, 0.03, 0.03),
    "left_eye_outer": (0.07, 0.045, 0.03),
    "right_eye_inner": (0.085, -0.015, 0.03),
    "right_eye": (0.08, -0.03, 0.03),
    "right_eye_outer": (0.07, -0.045, 0.03),
    "left_ear": (-0.01, 0.075, 0.0),
    "right_ear": (-0.01, -0.075, 0.0),
    "mouth_left": (0.09, 0.025, -0.05),
    "mouth_right": (0.09, -0.025, -0.05),
}
"""Head points relative to the head centre: (anterior, lateral toward the left, up), m."""

_FOOT = SEG["foot"]
_ANKLE_FROM_HEEL = np.array([0.25 * _FOOT, SEG["ankle_height"]])
_TOE_FROM_HEEL = np.array([_FOOT, 0.0])


def smooth_step(u: np.ndarray) -> np.ndarray:
    """0 -> 1 with zero slope at both ends (half cosine), clipped outside [0, 1]."""
    u = np.clip(u, 0.0, 1.0)
    return 0.5 - 0.5 * np.cos(np.pi * u)


def _rotate(v: np.ndarray, theta: np.ndarray) -> np.ndarray:
    """Rotate vectors ``(n, 2)`` by angles ``(n,)`` (radians, counter-clockwise = toe up)."""
    c, s = np.cos(theta), np.sin(theta)
    return np.stack([v[..., 0] * c - v[..., 1] * s, v[..., 0] * s + v[..., 1] * c], axis=-1)


def _stance_pose(tau, stance_s, vel, strike_deg, push_deg):
    """Heel, toe and ankle during stance (tau = time since contact, s).

    The flat foot rides on ground that moves at ``-vel`` relative to the pelvis and is
    centred under the pelvis at mid-stance. Landing rotates about the point that touched
    first; push-off about the point that leaves last, so that point never moves.
    """
    tau = np.asarray(tau, dtype=float)
    heel_flat = np.stack([-_FOOT / 2 + vel * (stance_s / 2 - tau), np.zeros_like(tau)], -1)
    land = np.radians(strike_deg) * (1.0 - smooth_step(tau / (0.2 * stance_s)))
    push = np.radians(push_deg) * smooth_step((tau - 0.65 * stance_s) / (0.35 * stance_s))
    in_land = tau < 0.2 * stance_s
    theta = np.where(in_land, land, push)
    pivot_is_toe = np.where(in_land, strike_deg < 0, push_deg < 0)
    pivot = heel_flat + np.where(pivot_is_toe[..., None], _TOE_FROM_HEEL, 0.0)
    out = {}
    for name, offset in (("heel", 0.0), ("toe", _TOE_FROM_HEEL), ("ankle", _ANKLE_FROM_HEEL)):
        flat = heel_flat + offset
        out[name] = pivot + _rotate(flat - pivot, theta)
    out["theta"] = theta
    return out


def foot_cycle(tau, stride_s, stance_s, vel, strike_deg, push_deg, lift) -> dict[str, np.ndarray]:
    """Heel, toe and ankle of one foot, body frame, for times ``tau`` since a contact.

    ``vel`` is the signed travel speed (+ = toward facing); ``lift`` holds the swing lift
    ``height_m`` and the fraction of swing where it peaks (``peak_u``).
    """
    tau = np.mod(np.asarray(tau, dtype=float), stride_s)
    swing_s = stride_s - stance_s
    stance = _stance_pose(tau, stance_s, vel, strike_deg, push_deg)
    off = _stance_pose(np.array([stance_s]), stance_s, vel, strike_deg, push_deg)
    on = _stance_pose(np.array([0.0]), stance_s, vel, strike_deg, push_deg)
    u = np.clip((tau - stance_s) / swing_s, 0.0, 1.0)
    h00, h10 = 2 * u**3 - 3 * u**2 + 1, u**3 - 2 * u**2 + u
    h01, h11 = -2 * u**3 + 3 * u**2, u**3 - u**2
    a0, a1 = off["ankle"][0], on["ankle"][0]
    rise = 0.6 if lift["height_m"] > 0.2 else 0.3
    ax = h00 * a0[0] + h01 * a1[0] + (h10 + h11) * (-vel * swing_s)
    k = np.log(0.5) / np.log(lift["peak_u"])
    bump = lift["height_m"] * np.sin(np.pi * u**k) ** 2
    az = h00 * a0[1] + h01 * a1[1] + (h10 - h11) * rise * swing_s + bump
    theta = h00 * off["theta"][0] + h01 * on["theta"][0]
    ankle = np.stack([ax, az], -1)
    swing = {"ankle": ankle, "theta": theta}
    for name, offset in (("heel", -_ANKLE_FROM_HEEL), ("toe", _TOE_FROM_HEEL - _ANKLE_FROM_HEEL)):
        swing[name] = ankle + _rotate(np.broadcast_to(offset, ankle.shape), theta)
    in_stance = (tau < stance_s)[..., None]
    out = {
        name: np.where(in_stance, stance[name], swing[name]) for name in ("heel", "toe", "ankle")
    }
    out["theta"] = np.where(in_stance[..., 0], stance["theta"], swing["theta"])
    return out


def knee_ik(hip: np.ndarray, ankle: np.ndarray, thigh: float, shank: float) -> np.ndarray:
    """Knee position from hip and ankle (two-link chain, knee toward the facing side)."""
    d = ankle - hip
    dist = np.linalg.norm(d, axis=-1)
    dist_c = np.clip(dist, abs(thigh - shank) + 1e-6, thigh + shank - 1e-6)
    cos_b = (thigh**2 + dist_c**2 - shank**2) / (2 * thigh * dist_c)
    beta = np.arccos(np.clip(cos_b, -1.0, 1.0))
    unit = d / np.maximum(dist, 1e-9)[..., None]
    return hip + thigh * _rotate(unit, beta)


def head_depth_score(a: float, lat: float, psi: np.ndarray, near_is_left: bool) -> np.ndarray:
    """Detection score of a head point from its depth toward the camera after yaw ``psi``.

    Points more than ~2 cm behind the head's mid-plane (seen from the camera) fade out, as
    a pose model loses a hidden ear or a nose turned away.
    """
    lateral = a * np.sin(psi) + lat * np.cos(psi)
    depth = lateral if near_is_left else -lateral
    return np.clip(0.95 / (1.0 + np.exp(-(depth + 0.02) / 0.01)), 0.03, 0.97)
