"""Reference foot contacts from real 3D motion capture, to score the engine against.

The engine sees only 2D keypoints; the motion capture knows where each foot is in 3D.
A foot is on the ground when one of its points (heel or toe) is both **low** (within
``height_tol_cm`` of that point's own floor level) and **still** (moving over the
ground slower than ``speed_tol_frac`` of the body's walking speed). That share, 30 %,
is the engine's own definition of a planted foot (``FootStillnessStance.still_frac``,
set earlier on real video): the reference applies it to the true 3D feet, so the
scores measure how well the engine recovers that moment from 2D keypoints, not a
difference between two definitions. (With 20 % the reference moves about half a
frame later; the figures in docs/benchmarks.md say which was used.) A contact is the
first moment of such a stretch; the time is interpolated between frames where the
speed crosses the threshold, so the reference is finer than a frame.

Why both rules: height alone calls a foot gliding just above the floor (forward
walking, heel a centimetre up at full speed) a contact, and speed alone calls the top
of a slow swing one. Together they mark the moment the foot arrives and stops, for a
heel landing (forward) and a toe landing (backward) alike, and a clip played backward
gives the same stances (contact and toe-off trade places).

Foot points: the BVH has an ankle joint (``Foot_L``/``Foot_R``) and a toe joint
(``Toes_*``) but no heel. The heel is placed rigidly below and behind the ankle in the
foot's vertical plane, the same geometry the shared side-view CSVs use
(``HEEL_ALONG``/``HEEL_BELOW`` of the ankle-toe length), so 3D reference and 2D input
describe the same point.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.signal import savgol_filter

from backstride.gait.io.bvh import MotionCapture
from backstride.gait.keypoints import KeypointSeries
from backstride.gait.validation.evaluation import match_events

HEEL_ALONG = 0.22
"""Heel offset along the ankle->toe axis, as a share of its length (from the CSVs)."""
HEEL_BELOW = 0.65
"""Heel offset perpendicular to that axis, downward, as a share of its length."""

JOINTS = {"left": ("Foot_L", "Toes_L"), "right": ("Foot_R", "Toes_R")}


@dataclass(frozen=True)
class ReferenceEvents:
    """Reference stance of one clip: contact and toe-off times per side (seconds)."""

    contacts: dict[str, np.ndarray]
    toe_offs: dict[str, np.ndarray]
    first_point: dict[str, list[str]]
    """Per contact, which point met the ground first (``"heel"`` or ``"toe"``)."""
    duration_s: float

    def cadence_spm(self) -> float:
        """Mean cadence: steps between the first and last contact of either foot."""
        times = np.sort(np.concatenate(list(self.contacts.values())))
        return 60.0 * (times.size - 1) / float(times[-1] - times[0])

    def step_cadences_spm(self) -> np.ndarray:
        """Cadence of each step (60 / contact-to-contact time), in order."""
        times = np.sort(np.concatenate(list(self.contacts.values())))
        return 60.0 / np.diff(times)


def heel_and_toe(mocap: MotionCapture, side: str) -> tuple[np.ndarray, np.ndarray]:
    """World heel and toe positions (n, 3) of one foot (see the module docstring)."""
    ankle, toe = (mocap.positions[j] for j in JOINTS[side])
    axis = toe - ankle
    length = np.linalg.norm(axis, axis=1, keepdims=True)
    unit = axis / length
    down = np.array([0.0, -1.0, 0.0])
    perp = down - (unit @ down)[:, None] * unit
    perp /= np.linalg.norm(perp, axis=1, keepdims=True)
    heel = ankle + HEEL_ALONG * axis + HEEL_BELOW * length * perp
    return heel, toe


def _crossing(t: np.ndarray, v: np.ndarray, i: int, level: float) -> float:
    """Sub-frame time between frames ``i`` and ``i + 1`` where ``v`` crosses ``level``."""
    a, b = v[i] - level, v[i + 1] - level
    w = a / (a - b) if a != b and a * b <= 0 else 0.5
    return float(t[i] + w * (t[i + 1] - t[i]))


def reference_events(
    mocap: MotionCapture,
    height_tol_cm: float = 2.0,
    speed_tol_frac: float = 0.3,
    min_stance_s: float = 0.1,
) -> ReferenceEvents:
    """Contacts and toe-offs per foot from foot height and speed (module docstring).

    Heights are y (up); speeds are horizontal (x, z), smoothed with a 5-frame
    Savitzky-Golay derivative. The walking speed is the median horizontal speed of the
    hips. Stances shorter than ``min_stance_s`` (a foot brushing the floor) are dropped.
    A stance already under way in the first frame (or still in the last) has no
    contact (toe-off). For the clip played backward, reverse the capture
    (``MotionCapture.reversed``): the same stances come out with contact and toe-off
    swapped.
    """
    t = mocap.times_s
    n, dt = t.size, mocap.frame_time_s
    hips = mocap.positions["Hips"][:, [0, 2]]
    body = np.linalg.norm(savgol_filter(hips, 5, 2, deriv=1, delta=dt, axis=0), axis=1)
    speed_tol = speed_tol_frac * float(np.median(body))
    contacts, toe_offs, first = {}, {}, {}
    for side in JOINTS:
        points = dict(zip(("heel", "toe"), heel_and_toe(mocap, side), strict=True))
        down, speed = {}, {}
        for name, p in points.items():
            h = p[:, 1]
            floor = float(np.percentile(h, 5))
            d = savgol_filter(p[:, [0, 2]], 5, 2, deriv=1, delta=dt, axis=0)
            speed[name] = np.linalg.norm(d, axis=1)
            down[name] = (h < floor + height_tol_cm) & (speed[name] < speed_tol)
        stance = down["heel"] | down["toe"]
        edges = np.flatnonzero(np.diff(np.concatenate([[0], stance.astype(int), [0]])))
        side_on, side_off, side_first = [], [], []
        for a, b in zip(edges[::2], edges[1::2] - 1, strict=True):
            if (b - a + 1) * dt < min_stance_s:
                continue
            if a > 0:
                name = min((k for k in points if down[k][a]), key=lambda k: speed[k][a])
                side_on.append(_crossing(t, speed[name], a - 1, speed_tol))
                side_first.append(name)
            if b < n - 1:
                name = min((k for k in points if down[k][b]), key=lambda k: -speed[k][b])
                side_off.append(_crossing(t, speed[name], b, speed_tol))
        contacts[side], toe_offs[side] = np.array(side_on), np.array(side_off)
        first[side] = side_first
    return ReferenceEvents(contacts, toe_offs, first, float(t[-1]))


@dataclass(frozen=True)
class MocapScore:
    """How the engine did on one mocap clip (as recorded or reversed).

    ``contact_errors_frames`` are detected minus reference contact times in frames for
    matched contacts (+ = late); contacts more than half a step from any reference
    contact count as false, reference contacts without a match as missed.
    """

    name: str
    reversed: bool
    direction: str | None
    expected_direction: str
    gait: str | None
    contact_errors_frames: np.ndarray
    n_reference: int
    n_detected: int
    cadence_spm: float | None
    reference_cadence_spm: float
    reference_step_spm_range: tuple[float, float]
    heel_labelled: int
    heel_reference: int
    warnings: tuple[str, ...]

    @property
    def cadence_error_pct(self) -> float:
        if self.cadence_spm is None:
            return float("inf")
        return (
            100.0 * abs(self.cadence_spm - self.reference_cadence_spm) / self.reference_cadence_spm
        )


def score_clip(
    name: str,
    series: KeypointSeries,
    mocap: MotionCapture,
    reversed_in_time: bool,
    expected_direction: str,
) -> MocapScore:
    """Run the default engine on ``series`` and score it against the capture's events.

    ``series`` is the side-view keypoints of ``mocap``; with ``reversed_in_time`` both
    are played backward (a forward walk becomes a backward one and vice versa, and
    ``expected_direction`` must say which).
    """
    from backstride.gait.analysis import analyze
    from backstride.gait.transforms import reverse_in_time

    if reversed_in_time:
        series, mocap = reverse_in_time(series), mocap.reversed()
    ref = reference_events(mocap)
    report = analyze(series)
    fps = mocap.fps
    ref_all = np.sort(np.concatenate(list(ref.contacts.values())))
    step_s = float(np.median(np.diff(ref_all)))
    errors: list[float] = []
    n_det = 0
    heel_ok = heel_ref = 0
    for side in JOINTS:
        det = [c for c in report.contacts if c.foot == side]
        n_det += len(det)
        match = match_events([c.time_s for c in det], ref.contacts[side], 0.5 * step_s)
        errors += list(match.errors_s * fps)
        for r_t, r_first in zip(ref.contacts[side], ref.first_point[side], strict=True):
            if r_first != "heel":
                continue
            heel_ref += 1
            near = [c for c in det if abs(c.time_s - r_t) <= 0.5 * step_s]
            if near and min(near, key=lambda c: abs(c.time_s - r_t)).strike == "heel":
                heel_ok += 1
    steps = ref.step_cadences_spm()
    return MocapScore(
        name=name,
        reversed=reversed_in_time,
        direction=report.direction,
        expected_direction=expected_direction,
        gait=report.gait,
        contact_errors_frames=np.array(errors),
        n_reference=int(ref_all.size),
        n_detected=n_det,
        cadence_spm=report.cadence_spm,
        reference_cadence_spm=ref.cadence_spm(),
        reference_step_spm_range=(float(np.min(steps)), float(np.max(steps))),
        heel_labelled=heel_ok,
        heel_reference=heel_ref,
        warnings=report.warnings,
    )
