"""Start and end of a filmed 3-metre backward walk test, from side-view keypoints.

Start: the first backward movement. The person stands still with their heels on the
start line, so every foot point and the pelvis have a rest position; the walk has
begun once the pelvis is clearly on its way backward, and the start is the last moment
before that when every point was still at rest (within the camera's noise).

End: the first frame in which a heel is over the 3 m line. Backward, the heel leads, so
this is the heel of the foot that steps over the line first, in the air or on the floor.

The 3 m line comes either from two x positions marked on the picture (start and end
line), or from the person's own leg length as a ruler. Only the first is a measurement
of the floor; the ruler's error is stated with the result (``uncertainty_s_``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.signal import medfilt
from scipy.stats import theilslopes

from backstride.gait._kinematics import fill_gaps, joint_or_nan, pelvis
from backstride.gait.direction import HeelToeFacing
from backstride.gait.keypoints import KeypointSeries
from backstride.gait.walk_test._legs import leg_length_px


class WalkTestError(ValueError):
    """Keypoints in which the test cannot be timed (message is shown to the person)."""


@dataclass(frozen=True)
class Lines:
    """The start and end line as x positions in image pixels (two taps on a frame)."""

    start_x_px: float
    end_x_px: float


_POINTS = ("left_heel", "right_heel", "left_ankle", "right_ankle", "left_foot_index",
           "right_foot_index")  # fmt: skip
_HEELS = ("left_heel", "right_heel")


def _clean_x(series: KeypointSeries, name: str, min_score: float) -> np.ndarray:
    """x of one joint, short gaps filled, single-frame spikes removed (3-frame median)."""
    x = joint_or_nan(series, name, min_score)[:, 0]
    seen = np.isfinite(x)
    if seen.sum() < 3:
        return x
    filled = fill_gaps(x, series.times_s)
    out = medfilt(filled, 3)
    out[:2], out[-2:] = filled[:2], filled[-2:]
    out[~seen] = np.nan  # keep "not seen" visible to the end-line search
    return out


class BackwardWalkTimer:
    """Find the start and end of a 3 m backward walk in one person's keypoints.

    Parameters
    ----------
    distance_m
        Length of the walk (3 m in the 3MBWT).
    min_score
        Keypoints below this confidence count as not seen.
    rest_s
        The first this-many seconds must show the person standing still (film before "go").
    walking_leg
        The pelvis must travel this many leg lengths backward to count as walking (a
        weight shift or a sway back and forth is not the start).
    onset_leg
        A point further than this from its rest position (in leg lengths) has moved;
        raised to 4x the rest noise when the camera is noisier.
    ruler_uncertainty_rel
        Relative error of the leg-length ruler from where the pose model puts hip and
        sole against where a tape measure does (modelling choice, checked on mocap; see
        docs/balance-test.md). Frame-to-frame scatter of the leg is added to it.

    Attributes
    ----------
    facing_sign_, travel_sign_
        +1 image-right / -1 image-left; travel is always against facing (backward).
    start_line_x_px_, end_line_x_px_
        The lines used (given, or from the resting heel and the leg ruler).
    px_per_m_
        Image scale on the walking line.
    leg_length_px_
        Measured leg length in pixels (ruler mode), else None.
    start_frame_, start_s_, end_frame_, end_s_, duration_s_
        Detected frames (indices into the series) and their times.
    end_heel_
        "left" or "right": the heel that crossed the line first.
    moved_
        True when ``move`` put the start or end on frames the person chose.
    uncertainty_s_
        How far the true time may be from ``duration_s_``: one frame at each end, plus
        with the ruler the time to walk the ruler's error at the final speed.
    warnings_
        Things the person should know about the measurement.
    """

    def __init__(
        self,
        distance_m: float = 3.0,
        min_score: float = 0.3,
        rest_s: float = 0.3,
        walking_leg: float = 0.3,
        onset_leg: float = 0.01,
        ruler_uncertainty_rel: float = 0.05,
    ) -> None:
        self.distance_m = distance_m
        self.min_score = min_score
        self.rest_s = rest_s
        self.walking_leg = walking_leg
        self.onset_leg = onset_leg
        self.ruler_uncertainty_rel = ruler_uncertainty_rel

    def detect(
        self,
        series: KeypointSeries,
        lines: Lines | None = None,
        leg_length_m: float | None = None,
    ) -> BackwardWalkTimer:
        """Time the walk in ``series``; give ``lines`` or ``leg_length_m`` (not both)."""
        if (lines is None) == (leg_length_m is None):
            raise WalkTestError("give either the two lines or the leg length, not both or none")
        fps = series.fps
        if series.n_frames < 10 or not np.isfinite(fps):
            raise WalkTestError("too few frames to time a walk (need a video of a few seconds)")
        if not any(series.has(h) for h in _HEELS):
            raise WalkTestError(
                "these keypoints have no heel points (COCO-17 has none), and the end is the "
                "heel crossing the 3 m line: use the video, or MediaPipe or OpenPose BODY_25 "
                "keypoints"
            )
        self.warnings_: list[str] = []
        self.moved_ = False
        self._times = series.times_s
        try:
            self.facing_sign_ = (
                HeelToeFacing(min_score=self.min_score).estimate(series).facing_sign_
            )
            leg = leg_length_px(series, self.min_score)
        except ValueError as exc:
            raise WalkTestError(str(exc)) from None
        self.travel_sign_ = -self.facing_sign_
        xs = {n: _clean_x(series, n, self.min_score) for n in _POINTS}
        xs["pelvis"] = _clean_x_pelvis(series)
        rest = series.times_s <= series.times_s[0] + self.rest_s
        if rest.sum() < 3:
            rest[:3] = True
        self.start_frame_ = self._start(series, xs, rest, leg.length_px)
        self.start_s_ = float(series.times_s[self.start_frame_])
        rest_heel = self._rest_heel(xs, rest)
        if lines is not None:
            self._use_lines(lines, leg.length_px, rest_heel)
            self.leg_length_px_ = None
            ruler_px = 0.0
        else:
            self._use_ruler(float(leg_length_m), leg.length_px, rest_heel)  # type: ignore[arg-type]
            self.leg_length_px_ = leg.length_px
            u_rel = float(np.hypot(self.ruler_uncertainty_rel, leg.scatter_rel))
            ruler_px = self.distance_m * self.px_per_m_ * u_rel
        width = series.meta.get("image_width")
        if width is not None and not 0 <= self.end_line_x_px_ <= width:
            raise WalkTestError(
                f"the 3 m line (x = {self.end_line_x_px_:.0f} px) is outside the picture "
                f"({width} px wide): film from further away so the whole 3 m is in view"
            )
        self._end(series, xs)
        self.duration_s_ = round(self.end_s_ - self.start_s_, 3)
        spread = self._ruler_spread_s(series, xs, xs["pelvis"], ruler_px) if ruler_px else 0.0
        self.uncertainty_s_ = round(2.0 / fps + spread, 3)
        return self

    def move(
        self, start_frame: int | None = None, end_frame: int | None = None
    ) -> BackwardWalkTimer:
        """Put the start and/or the end on frames the person chose after looking at them.

        The detection is a proposal: the person sees both frames and may know better
        (a foot hidden behind a chair, a false start). The uncertainty stays as stated.
        """
        n = len(self._times)
        start = self.start_frame_ if start_frame is None else int(start_frame)
        end = self.end_frame_ if end_frame is None else int(end_frame)
        for name, frame in (("start", start), ("end", end)):
            if not 0 <= frame < n:
                raise WalkTestError(f"the {name} frame {frame} is not in the clip (0 to {n - 1})")
        if end <= start:
            raise WalkTestError(f"the end (frame {end}) must come after the start (frame {start})")
        self.start_frame_, self.end_frame_ = start, end
        self.start_s_, self.end_s_ = float(self._times[start]), float(self._times[end])
        self.duration_s_ = round(self.end_s_ - self.start_s_, 3)
        self.moved_ = start_frame is not None or end_frame is not None
        return self

    # -- start ---------------------------------------------------------------------------

    def _start(self, series: KeypointSeries, xs, rest, leg_px: float) -> int:
        """Frame of the first backward movement (the first frame that is not at rest)."""
        back = self.travel_sign_
        signals = {"pelvis": xs["pelvis"]}
        for side in ("left", "right"):  # one signal per foot: mean of heel, ankle, toe
            parts = np.stack([xs[f"{side}_{p}"] for p in ("heel", "ankle", "foot_index")])
            count = np.isfinite(parts).sum(axis=0)
            signals[side] = np.where(count > 0, np.nansum(parts, axis=0) / count.clip(1), np.nan)
        along, noise, drift = {}, [], {}
        t_rest = series.times_s[rest]
        for name, x in signals.items():
            if not np.isfinite(x[rest]).sum() >= 3:
                continue
            a = (x - np.nanmedian(x[rest])) * back / leg_px
            ok = np.isfinite(a[rest])
            # Theil-Sen: one mislabelled frame (a left/right swap) must not tilt the fit.
            slope, icpt, _, _ = theilslopes(a[rest][ok], t_rest[ok])
            resid = a[rest][ok] - (slope * t_rest[ok] + icpt)
            noise.append(1.4826 * float(np.median(np.abs(resid - np.median(resid)))))
            drift[name] = abs(slope) * (t_rest[-1] - t_rest[0])
            along[name] = a
        if "pelvis" not in along:
            raise WalkTestError("the hips are not visible at the start: film the whole body")
        hip = along["pelvis"]
        walking = np.flatnonzero(hip > self.walking_leg)
        if walking.size == 0:
            forward = np.nanmax(-hip) if np.isfinite(hip).any() else 0.0
            detail = (
                "the person walks forward (the way they face)"
                if forward > self.walking_leg
                else "the person does not walk backward in this clip"
            )
            raise WalkTestError(f"no backward movement: {detail}")
        if drift["pelvis"] > 0.05:
            raise WalkTestError(
                "the person is already moving in the first frames: start filming before 'go', "
                "with the person standing still on the start line"
            )
        onset = max(self.onset_leg, 3.0 * max(noise))
        first = int(walking[0])
        moved = np.fmax.reduce(np.stack(list(along.values())), axis=0) > onset
        still = np.flatnonzero(~moved[: first + 1])
        return int(still[-1] + 1) if still.size else 0

    def _rest_heel(self, xs, rest) -> float:
        """x of the heel furthest back at rest: that heel is on the start line."""
        heels = [np.nanmedian(xs[h][rest]) for h in _HEELS if np.isfinite(xs[h][rest]).any()]
        if not heels:
            raise WalkTestError("the heels are not visible at the start: film the feet")
        return float(max(h * self.travel_sign_ for h in heels) * self.travel_sign_)

    # -- the 3 m line --------------------------------------------------------------------

    def _use_lines(self, lines: Lines, leg_px: float, rest_heel: float) -> None:
        start, end = float(lines.start_x_px), float(lines.end_x_px)
        if not (np.isfinite(start) and np.isfinite(end)) or start == end:
            raise WalkTestError("the start and end lines must be two different x positions")
        if np.sign(end - start) != self.travel_sign_:
            raise WalkTestError(
                "the end line is in front of the person, but they walk backward away from "
                "it: are the start and end lines swapped?"
            )
        span_legs = abs(end - start) / leg_px
        if not 2.0 <= span_legs <= 6.0:
            raise WalkTestError(
                f"the lines are {abs(end - start):.0f} px apart, {span_legs:.1f} leg lengths; "
                f"{self.distance_m:g} m is about 3-4 leg lengths: check the two x positions"
            )
        self.start_line_x_px_, self.end_line_x_px_ = start, end
        self.px_per_m_ = abs(end - start) / self.distance_m
        off_m = (rest_heel - start) * self.travel_sign_ / self.px_per_m_
        if abs(off_m) > 0.15:
            where = "behind" if off_m > 0 else "in front of"
            self.warnings_.append(
                f"at the start the heels were {abs(off_m) * 100:.0f} cm {where} the start line; "
                f"the time covers about {self.distance_m - off_m:.2f} m"
            )

    def _use_ruler(self, leg_m: float, leg_px: float, rest_heel: float) -> None:
        if not (np.isfinite(leg_m) and 0.5 <= leg_m <= 1.3):
            raise WalkTestError(
                f"leg length {leg_m:g} m is not plausible: measure from the floor to the hip "
                "joint, standing, in metres (for example 0.9)"
            )
        self.px_per_m_ = leg_px / leg_m
        self.start_line_x_px_ = rest_heel
        self.end_line_x_px_ = rest_heel + self.travel_sign_ * self.distance_m * self.px_per_m_

    # -- end -----------------------------------------------------------------------------

    def _crossing(self, xs, line: float) -> tuple[int, str] | None:
        """First frame from the start on in which a heel is over ``line``, and which heel."""
        back = self.travel_sign_
        firsts = {}
        for h in _HEELS:
            over = np.flatnonzero((xs[h][self.start_frame_ :] - line) * back >= 0)
            if over.size:
                firsts[h] = int(over[0]) + self.start_frame_
        if not firsts:
            return None
        heel = min(firsts, key=lambda h: firsts[h])
        return firsts[heel], heel.split("_")[0]

    def _end(self, series: KeypointSeries, xs) -> None:
        found = self._crossing(xs, self.end_line_x_px_)
        if found is None:
            raise WalkTestError(self._why_no_end(series, xs))
        self.end_frame_, self.end_heel_ = found
        self.end_s_ = float(series.times_s[self.end_frame_])
        prev = self.end_frame_ - 1
        if prev >= 0 and not any(np.isfinite(xs[h][prev]) for h in _HEELS):
            self.warnings_.append(
                "the heels were hidden just before they crossed the end line: the end may be late"
            )

    def _ruler_spread_s(self, series: KeypointSeries, xs, hip_x, ruler_px: float) -> float:
        """How much the end moves when the line moves by the ruler's error either way.

        Read from the walk itself rather than from a mean speed: the heel advances in
        steps, so a line a few centimetres further can mean a whole step later.
        """
        t, back = series.times_s, self.travel_sign_
        spread = 0.0
        for shift in (-ruler_px, ruler_px):
            found = self._crossing(xs, self.end_line_x_px_ + back * shift)
            if found is not None:
                spread = max(spread, abs(float(t[found[0]]) - self.end_s_))
                continue
            speed = self._final_speed_px_s(series, hip_x)
            if speed <= 0:
                return float("nan")
            spread = max(spread, ruler_px / speed)
            self.warnings_.append(
                "the walk ends too soon after the line to read the ruler's error from it; "
                "the uncertainty uses the final walking speed instead"
            )
        return spread

    def _why_no_end(self, series: KeypointSeries, xs) -> str:
        back, line = self.travel_sign_, self.end_line_x_px_
        width = series.meta.get("image_width")
        stacked = np.stack([xs[h] * back for h in _HEELS])
        seen = np.flatnonzero(np.isfinite(stacked).any(axis=0))
        last = int(seen[-1])
        heel_x = float(np.nanmax(stacked[:, last])) * back
        short_m = (line - heel_x) * back / self.px_per_m_
        t_last = series.times_s[last] - series.times_s[0]
        near_edge = width is not None and not 0.05 * width < heel_x < 0.95 * width
        if last < series.n_frames - 1 or near_edge:
            return (
                f"the person leaves the picture at {t_last:.1f} s, {short_m:.2f} m before the "
                "3 m line: film from further away so the whole 3 m is in view"
            )
        return (
            f"the recording ends before the heel reaches the 3 m line ({short_m:.2f} m short): "
            "keep filming until the person is past the end line"
        )

    def _final_speed_px_s(self, series: KeypointSeries, hip_x: np.ndarray) -> float:
        """Mean pelvis speed over the last second before the end (px/s)."""
        t = series.times_s
        sel = (t >= self.end_s_ - 1.0) & (t <= self.end_s_) & np.isfinite(hip_x)
        idx = np.flatnonzero(sel)
        if idx.size < 2:
            return 0.0
        dt = t[idx[-1]] - t[idx[0]]
        return float(abs(hip_x[idx[-1]] - hip_x[idx[0]]) / dt) if dt > 0 else 0.0


def _clean_x_pelvis(series: KeypointSeries) -> np.ndarray:
    x = pelvis(series)[:, 0]
    seen = np.isfinite(x)
    if seen.sum() < 3:
        return x
    out = medfilt(fill_gaps(x, series.times_s), 3)
    out[~seen] = np.nan
    return out
