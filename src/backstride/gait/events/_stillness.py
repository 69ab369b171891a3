"""Stance from a foot that stops moving over the ground (horizontal motion).

Why a second detector: the vertical rule (``_ground_contact``) needs the lowest foot
point to rise clearly off the ground in swing. Running does that; walking barely does
(toe clearance is a centimetre or two), and on real video the ground under the feet is
not a straight line (lens, perspective, uneven grass). What every gait does, walking or
running, forward or backward, is hold the stance foot still on the ground while the
body passes over it. So here stance is "some point of the foot (heel early in stance,
toe late) moves with the ground", and contact / toe-off are the start / end of stance.

The ground's own image velocity is zero for a still camera, minus the belt speed on a
treadmill and the pan speed for a panning camera. It is estimated as a rolling median
of the velocity of the foot point that moves most against the direction of travel:
while walking one foot is always down, and while running one is down most of the time.
Stance intervals are the same set of frames whichever way time runs, so a clip played
backwards gives the same steps (contact and toe-off trade places).
"""

from __future__ import annotations

import numpy as np

from backstride.gait._kinematics import fill_gaps, joint_or_nan, lowpass, pelvis
from backstride.gait.consts import SIDES
from backstride.gait.events._ground_contact import clean_intervals, nanmedian_rows
from backstride.gait.keypoints import KeypointSeries

FOOT_POINTS = ("heel", "foot_index", "ankle")


def _rolling_median(values: np.ndarray, size: int) -> np.ndarray:
    """Centred rolling median ignoring NaN; edges use the shorter window they have.

    Shrinking the window at the ends (rather than repeating the edge value) matters:
    a person walking into the picture moves fast in the first frames, and a repeated
    edge would make that the ground's velocity.
    """
    half = size // 2
    padded = np.concatenate([np.full(half, np.nan), values, np.full(half, np.nan)])
    return nanmedian_rows(np.lib.stride_tricks.sliding_window_view(padded, 2 * half + 1))


def _crossings(t: np.ndarray, d: np.ndarray, level: float, entering: bool) -> np.ndarray:
    """Sub-frame times where ``d`` drops below (``entering``) or rises above ``level``."""
    e = d - level
    idx = (
        np.flatnonzero((e[:-1] >= 0) & (e[1:] < 0))
        if entering
        else np.flatnonzero((e[:-1] < 0) & (e[1:] >= 0))
    )
    w = e[idx] / (e[idx] - e[idx + 1])
    return t[idx] + w * (t[idx + 1] - t[idx])


class FootStillnessStance:
    """Find stance phases, contacts and toe-offs from horizontal foot stillness.

    Parameters
    ----------
    still_frac
        A foot point moving over the ground slower than this share of the body's speed
        counts as planted (walking heels and toes settle well below it; a swinging foot
        moves two to three times the body's speed).
    min_still_bh_s
        Floor on that tolerance in body heights per second, so keypoint jitter of a slow
        walker is never read as lifting the foot.
    ground_window_s
        Window of the rolling median that estimates the ground's image velocity.
    cutoff_hz
        Low-pass cut-off for foot positions before differentiating.
    min_stance_ms, min_swing_ms
        Shorter ground or air phases are jitter (or a one-frame leg swap) and are merged.
    min_score
        Foot points scored below this are treated as unseen.
    min_swing_advance_bh
        A swing must carry the foot this far over the ground (body heights) in the
        direction of travel; a "swing" that puts the foot back where it was is the pose
        model losing the foot for a few frames (occlusion, left/right mix-up).
    short_stance_frac
        Complete stances shorter than this share of the median stance are dropped.

    Attributes
    ----------
    contacts_, toe_offs_, stance_masks_
        As ``GroundContactDetector``: event times per side, per-frame stance per side.
    ground_velocity_px_s_
        Estimated image velocity of the ground per frame.
    speed_bh_s_
        Median speed of the body over the ground, body heights per second.
    stillness_bh_s_
        Per side, the slowest foot point's speed over the ground (body heights / s).
    """

    def __init__(
        self,
        still_frac: float = 0.3,
        min_still_bh_s: float = 0.08,
        ground_window_s: float = 0.7,
        cutoff_hz: float = 6.0,
        min_stance_ms: float = 100.0,
        min_swing_ms: float = 120.0,
        min_score: float = 0.3,
        min_swing_advance_bh: float = 0.12,
        short_stance_frac: float = 0.4,
    ) -> None:
        self.still_frac = still_frac
        self.min_still_bh_s = min_still_bh_s
        self.ground_window_s = ground_window_s
        self.cutoff_hz = cutoff_hz
        self.min_stance_ms = min_stance_ms
        self.min_swing_ms = min_swing_ms
        self.min_score = min_score
        self.min_swing_advance_bh = min_swing_advance_bh
        self.short_stance_frac = short_stance_frac

    def detect(
        self, series: KeypointSeries, body_height_px: float, travel_sign: int
    ) -> FootStillnessStance:
        """Detect stance in ``series`` for a body travelling toward ``travel_sign`` (+1/-1)."""
        t, n = series.times_s, series.n_frames
        self.contacts_ = {s: np.array([]) for s in SIDES}
        self.toe_offs_ = {s: np.array([]) for s in SIDES}
        self.stance_masks_ = {s: np.zeros(n, dtype=bool) for s in SIDES}
        self.stillness_bh_s_: dict[str, np.ndarray] = {}
        self.ground_velocity_px_s_ = np.zeros(n)
        self.speed_bh_s_ = 0.0
        if travel_sign == 0 or n < 6:
            return self
        vel = self._point_velocities(series)
        if not vel:
            return self
        stack = np.stack([v for side in vel.values() for v in side])
        with np.errstate(invalid="ignore"):
            backmost = np.where(
                np.isfinite(stack).any(axis=0),
                np.nanmin(np.where(np.isfinite(stack), travel_sign * stack, np.inf), axis=0),
                np.nan,
            )
        win = max(5, round(self.ground_window_s * series.fps) | 1)
        ground = fill_gaps(_rolling_median(backmost, win), t) * travel_sign
        self.ground_velocity_px_s_ = ground
        hip_x = fill_gaps(pelvis(series)[:, 0], t)
        body = travel_sign * (np.gradient(hip_x, t) - ground)
        speed_px = float(np.nanmedian(body)) if np.isfinite(body).any() else 0.0
        self.speed_bh_s_ = max(speed_px, 0.0) / body_height_px
        tol = max(self.still_frac * max(speed_px, 0.0), self.min_still_bh_s * body_height_px)
        per_side: dict[str, list[tuple]] = {}
        for side, points in vel.items():
            rel = np.stack([np.abs(v - ground) for v in points])
            d = np.where(
                np.isfinite(rel).any(axis=0),
                np.nanmin(np.nan_to_num(rel, nan=np.inf), axis=0),
                np.nan,
            )
            self.stillness_bh_s_[side] = d / body_height_px
            d = fill_gaps(d, t)
            on = _crossings(t, d, tol, entering=True)
            off = _crossings(t, d, tol, entering=False)
            if d[0] < tol:  # already planted when the clip starts: open interval
                on = on[on > t[0]]
            # Order: close short and in-place swings first, so a glitch inside a stance
            # cannot leave two short pieces that are then dropped as too short.
            on, off = clean_intervals(on, off, 0.0, self.min_swing_ms)
            pos = self._ground_position(series, side, ground)
            on, off = self._drop_swings_in_place(t, pos, on, off, travel_sign, body_height_px)
            on, off = clean_intervals(on, off, self.min_stance_ms, 0.0)
            per_side[side] = _intervals(on, off, t[0], t[-1])
        for side, ivs in self._drop_short_stances(per_side).items():
            self.contacts_[side] = np.array([a for a, _, has_on, _ in ivs if has_on])
            self.toe_offs_[side] = np.array([b for _, b, _, has_off in ivs if has_off])
            mask = np.zeros(n, dtype=bool)
            for a, b, _, _ in ivs:
                mask |= (t >= a) & (t <= b)
            self.stance_masks_[side] = mask
        return self

    def _drop_short_stances(self, per_side: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
        """Drop complete stances far shorter than this person's typical stance.

        A person's stances last about the same from step to step; a "stance" under
        ``short_stance_frac`` of the median is a foot the model saw still for a moment
        in mid-swing (low scores at the image edge, a leg passing behind the other).
        """
        full = [b - a for ivs in per_side.values() for a, b, c, o in ivs if c and o]
        if len(full) < 3:
            return per_side
        floor = self.short_stance_frac * float(np.median(full))
        return {
            side: [iv for iv in ivs if not (iv[2] and iv[3] and iv[1] - iv[0] < floor)]
            for side, ivs in per_side.items()
        }

    def _ground_position(
        self, series: KeypointSeries, side: str, ground_v: np.ndarray
    ) -> np.ndarray:
        """Foot x in a frame fixed to the ground (camera pan or belt motion removed)."""
        t = series.times_s
        xs = [joint_or_nan(series, f"{side}_{p}", self.min_score)[:, 0] for p in FOOT_POINTS]
        x = nanmedian_rows(np.stack(xs).T)
        drift = np.concatenate([[0.0], np.cumsum(np.diff(t) * (ground_v[1:] + ground_v[:-1]) / 2)])
        return x - drift

    def _drop_swings_in_place(
        self,
        t: np.ndarray,
        pos: np.ndarray,
        on: np.ndarray,
        off: np.ndarray,
        travel_sign: int,
        body_height_px: float,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Merge stances separated by a "swing" that did not move the foot forward.

        The foot's ground position is the median over each stance, so a few glitched
        frames at its edges do not matter.
        """
        ivs = _intervals(on, off, t[0], t[-1])
        merged: list[list[float]] = []
        for iv in ivs:
            if merged:
                before = _median_in(t, pos, merged[-1][0], merged[-1][1])
                after = _median_in(t, pos, iv[0], iv[1])
                advance = travel_sign * (after - before)
                if np.isfinite(advance) and advance < self.min_swing_advance_bh * body_height_px:
                    merged[-1][1] = iv[1]
                    merged[-1][3] = iv[3]
                    continue
            merged.append(list(iv))
        contacts = np.array([iv[0] for iv in merged if iv[2]])
        toe_offs = np.array([iv[1] for iv in merged if iv[3]])
        return contacts, toe_offs

    def _point_velocities(self, series: KeypointSeries) -> dict[str, list[np.ndarray]]:
        """Horizontal image velocity of each foot point seen in at least half the frames."""
        t = series.times_s
        out: dict[str, list[np.ndarray]] = {}
        for side in SIDES:
            vs = []
            for point in FOOT_POINTS:
                x = joint_or_nan(series, f"{side}_{point}", self.min_score)[:, 0]
                seen = np.isfinite(x)
                if seen.sum() < max(6, series.n_frames / 2):
                    continue
                v = np.gradient(lowpass(fill_gaps(x, t), series.fps, self.cutoff_hz), t)
                v[~seen] = np.nan
                vs.append(v)
            if vs:
                out[side] = vs
        return out


def _intervals(on: np.ndarray, off: np.ndarray, t0: float, t1: float) -> list[tuple]:
    """Stance intervals ``(start, end, has_contact, has_toe_off)`` from paired events."""
    events = sorted([(x, 1) for x in on] + [(x, 0) for x in off])
    out, start = [], None
    for time, is_on in events:
        if is_on:
            start = time
        else:
            out.append((t0 if start is None else start, time, start is not None, True))
            start = None
    if start is not None:
        out.append((start, t1, True, False))
    return out


def _median_in(t: np.ndarray, values: np.ndarray, a: float, b: float) -> float:
    """Median of the finite ``values`` sampled between times ``a`` and ``b`` (sorted ``t``)."""
    lo, hi = np.searchsorted(t, a, side="left"), np.searchsorted(t, b, side="right")
    chunk = values[lo:hi]
    chunk = chunk[np.isfinite(chunk)]
    return float(np.median(chunk)) if chunk.size else np.nan
