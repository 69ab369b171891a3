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

import copy
import itertools
from dataclasses import replace
from typing import TypeVar

import numpy as np

from backstride.gait._kinematics import body_height_px, pelvis, upper_body_in_picture
from backstride.gait.cues import FORWARD_CLIP, FormCues
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
from backstride.gait.filters import ButterworthLowpass
from backstride.gait.keypoints import KeypointError, KeypointSeries
from backstride.gait.parameters import (
    AnkleGapRhythmCadence,
    ArmSwing,
    FootAngleStrike,
    PushOffExtension,
    StanceSpeedStepLength,
    TemporalParameters,
    TrunkHeadPosture,
    choose_cadence,
)
from backstride.gait.plausibility import slow_motion_warning
from backstride.gait.preprocess import Preprocessor
from backstride.gait.results import (
    Contact,
    GaitMetrics,
    GaitReport,
    ShoulderCheck,
    ToeOff,
)
from backstride.gait.shots import longest_shot
from backstride.gait.view import SideOnViewCheck, view_metric, withhold_side_view

__all__ = ["GaitAnalysis", "GaitReport", "analyze"]

MIN_FPS = 15.0
"""Below this a frame lasts > 67 ms, longer than the error that makes contact timing useful."""
MIN_DURATION_S = 1.0

SLOWEST_HUMAN_SPM = 40.0
"""The lower end of ``choose_cadence``'s human range: slower contacts are slowed footage."""

PACE_CHANGE_RATIO = 1.08
"""Fastest over slowest two-stride cadence above which the clip is said to change pace:
8 % is well above what a frame of contact timing error makes over four steps (about
2 % for a walk at 30 fps) and below a change a person would notice in themselves."""

A = TypeVar("A")


def rough_spm(steps: list[tuple[float, str]]) -> float | None:
    """Step rate from the median interval between alternating contacts, for clips with
    too few steps for a cadence: enough to tell slowed footage from real time (a
    slow-motion walk may hold only three landings), never reported as cadence."""
    gaps = [t1 - t0 for (t0, s0), (t1, s1) in itertools.pairwise(steps) if s0 != s1]
    if len(gaps) < 2:
        return None
    return 60.0 / float(np.median(gaps))


def cadence_range(window_spm: np.ndarray, cadence_spm: float | None) -> tuple[float, float] | None:
    """Slowest and fastest two-stride cadence, or None with fewer than two windows or
    no cadence (a range around a figure that was not given would mislead)."""
    if cadence_spm is None or window_spm.size < 2:
        return None
    return float(np.min(window_spm)), float(np.max(window_spm))


def _fresh(algorithm: A) -> A:
    """A copy of a configured stage to run, so one configuration serves many analyses
    (and threads) without one run's results showing up in another's."""
    return copy.deepcopy(algorithm)


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


class GaitAnalysis:
    """Measure gait and form of one person in a keypoint series and judge each cue.

    Stages run in this order, one method each: filters (``_filter``), events
    (``_find_events``), timing (``_measure_timing``), direction (``_find_direction``),
    form parameters (``_measure_form``) and cues (``_judge_cues``). Timing comes before
    the direction label because walk or run is read from the duty factor; the form
    measures come after it because they all use the facing sign.

    Parameters
    ----------
    preprocessor
        The filter chain (mask, jumps, leg swaps, gaps, low-pass); None analyses the
        keypoints as given.
    contact_detector, stillness_detector
        The two foot-event detectors (lowest foot point meets the ground; foot stands
        still on it). The second is used only when it explains more believable steps.
    strides
        Cuts contacts into strides.
    shoulder_checks
        Finds looks over the shoulder from the raw head points.
    travel, facing, locomotion
        Direction stage: travel from the stance feet, facing from body shape, and the
        forward/backward and walk/run label from both.
    rhythm, temporal, spatial, posture, arms, legs, strike, view
        Parameter stage: the legs' rhythm (cadence on short clips), temporal parameters,
        step length and speed, trunk and head, arms, push-off and knee lift, foot strike,
        and the side-on view check.
    cues
        The cue stage (``FormCues``).
    scale_m_per_px
        Metres per pixel for lengths in metres; None takes the series' own scale
        (``meta["scale_m_per_px"]``, e.g. from a TRC file) or leaves metres empty.

    Every stage object is copied before it runs, so instances can be shared.

    Attributes
    ----------
    report_
        The typed result (``GaitReport``).
    series_
        The series analysed (trimmed to the frames where the person is seen).
    clean_series_
        That series after the filter chain.
    body_height_px_
        Body height in pixels, the scale of every tolerance.
    events_
        The contact detector that was trusted, with its results.
    strides_, temporal_, rhythm_, cadence_
        Strides, temporal parameters, the legs' rhythm and the cadence choice.
    travel_, facing_, locomotion_
        The direction stage's results.

    Raises KeypointError (a ValueError) with a one-line reason when the input cannot
    carry a gait analysis (too short, too slow a frame rate, nobody stepping).
    """

    def __init__(
        self,
        preprocessor: Preprocessor | None = Preprocessor(),  # noqa: B008 (copied before use)
        contact_detector: GroundContactDetector = GroundContactDetector(),  # noqa: B008
        stillness_detector: FootStillnessStance = FootStillnessStance(),  # noqa: B008
        strides: ContactToContactStrides = ContactToContactStrides(),  # noqa: B008
        shoulder_checks: HeadTurnShoulderChecks = HeadTurnShoulderChecks(),  # noqa: B008
        travel: StanceFootTravel = StanceFootTravel(),  # noqa: B008
        facing: HeelToeFacing = HeelToeFacing(),  # noqa: B008
        locomotion: FacingTravelLocomotion = FacingTravelLocomotion(),  # noqa: B008
        rhythm: AnkleGapRhythmCadence = AnkleGapRhythmCadence(),  # noqa: B008
        temporal: TemporalParameters = TemporalParameters(),  # noqa: B008
        spatial: StanceSpeedStepLength = StanceSpeedStepLength(),  # noqa: B008
        posture: TrunkHeadPosture = TrunkHeadPosture(),  # noqa: B008
        arms: ArmSwing = ArmSwing(),  # noqa: B008
        legs: PushOffExtension = PushOffExtension(),  # noqa: B008
        strike: FootAngleStrike = FootAngleStrike(),  # noqa: B008
        view: SideOnViewCheck = SideOnViewCheck(),  # noqa: B008
        cues: FormCues = FormCues(),  # noqa: B008
        scale_m_per_px: float | None = None,
    ) -> None:
        self.preprocessor = preprocessor
        self.contact_detector, self.stillness_detector = contact_detector, stillness_detector
        self.strides, self.shoulder_checks = strides, shoulder_checks
        self.travel, self.facing, self.locomotion = travel, facing, locomotion
        self.rhythm, self.temporal, self.spatial = rhythm, temporal, spatial
        self.posture, self.arms, self.legs, self.strike = posture, arms, legs, strike
        self.view, self.cues = view, cues
        self.scale_m_per_px = scale_m_per_px

    def analyze(self, series: KeypointSeries) -> GaitAnalysis:
        """Run every stage on ``series`` (not modified); the result is ``report_``."""
        check_usable(series)
        series, trimmed = trim_to_person(series)
        check_usable(series)
        try:
            raw_height = body_height_px(series)
        except ValueError:
            raw_height = float("nan")
        if np.isfinite(raw_height) and raw_height > 1.0:
            series, cuts = longest_shot(series, raw_height)
            trimmed += cuts
            check_usable(series)
        self.series_ = series
        filter_notes = self._filter(series)
        notes = trimmed + jump_warnings(series, self.body_height_px_) + filter_notes
        self._find_events()
        timing_notes = self._measure_timing()
        self._find_direction()
        measured = self._measure_form()
        self.report_ = self._judge_cues(measured, notes, timing_notes)
        return self

    # -- stages ---------------------------------------------------------------------

    def _filter(self, series: KeypointSeries) -> list[str]:
        """Filters: clean the keypoints and size the body; returns the filters' warnings."""
        if self.preprocessor is None:
            self.clean_series_, notes = series, []
        else:
            pre = _fresh(self.preprocessor).process(series)
            self.clean_series_, notes = pre.series_, list(pre.report_["warnings"])
        height = body_height_px(self.clean_series_)
        if not np.isfinite(height) or height <= 1.0:
            raise KeypointError(
                "the body is not visible as a person (the joints do not spread out); "
                "check the keypoints or film the whole body side-on"
            )
        self.body_height_px_ = height
        self.upper_body_visible_ = upper_body_in_picture(self.clean_series_)
        return notes

    def _find_events(self) -> None:
        """Events: foot contacts from the detector whose steps are the more believable.

        The vertical detector (lowest foot point meets the ground) is exact when the foot
        clearly lifts, as in running and in clean recordings. Real walking video barely
        lifts the toe and shows a ground that is not a straight line, so a second
        detector reads stance from the foot standing still; it is used only when it
        explains more alternating steps at the legs' rhythm (``events._select``). That
        detector needs the travel direction, read here from the first one's stance feet.
        """
        clean, height = self.clean_series_, self.body_height_px_
        vertical = _fresh(self.contact_detector).detect(clean, height)
        self.travel_ = _fresh(self.travel).estimate(clean, vertical.stance_masks_, height)
        self.rhythm_ = _fresh(self.rhythm).estimate(clean, height)
        still = _fresh(self.stillness_detector).detect(clean, height, self.travel_.travel_sign_)
        rhythm_spm = self.rhythm_.cadence_spm_
        step_s = 60.0 / rhythm_spm if rhythm_spm else None
        candidates = [vertical, still]
        self.events_ = candidates[choose_detector([c.contacts_ for c in candidates], step_s)]
        if sum(len(v) for v in self.events_.contacts_.values()) < 2:
            raise KeypointError("no steps found: the person does not seem to walk or run here")
        self.strides_ = _fresh(self.strides).segment(self.events_.contacts_, self.events_.toe_offs_)

    def _measure_timing(self) -> list[str]:
        """Timing: temporal parameters with the cadence chosen between contacts and rhythm.

        Short clips take cadence (and the step time behind flight time) from the rhythm;
        a contact figure no person could step at leaves cadence and step timing empty.
        When only one foot's landings are seen (far leg hidden), each interval between
        them is a stride of two steps, not one: counting it as one would halve the
        cadence silently. Returns warnings for the user.
        """
        strides, rhythm = self.strides_, self.rhythm_
        notes = []
        temporal = _fresh(self.temporal).calculate(strides.strides_, strides.steps_)
        contacts_spm, n_steps = temporal.contact_cadence_spm_, temporal.n_steps_
        sides = {side for _, side in strides.steps_}
        if len(sides) == 1 and contacts_spm is not None:
            contacts_spm, n_steps = 2 * contacts_spm, 2 * n_steps
            notes.append(
                f"only the {sides.pop()} foot's landings were found (the other leg hidden?): "
                "cadence counts two steps per stride, assuming they are even"
            )
        if rhythm.gap_swing_bh_ is not None and rhythm.gap_swing_bh_ < rhythm.min_gap_swing_bh:
            notes.append(
                "left and right feet stay on top of each other: probably one leg is tracked "
                "twice (the far leg hidden), so per-leg measures are unreliable"
            )
        cadence = choose_cadence(contacts_spm, n_steps, rhythm.cadence_spm_)
        self.cadence_range_ = cadence_range(temporal.step_cadences_spm_, cadence.spm)
        low, high = self.cadence_range_ or (0.0, 0.0)
        pace_changes = cadence.spm is not None and high > PACE_CHANGE_RATIO * low
        if pace_changes:
            # The rhythm reads one dominant period, so it differs from the contacts'
            # mean whenever the pace changes; the range says why, a "differ" note would not.
            notes.append(
                f"the pace changes in this clip: cadence runs from {low:.0f} to "
                f"{high:.0f} steps/min over two strides (mean {cadence.spm:.0f})"
            )
        self.contacts_spm_ = contacts_spm if contacts_spm is not None else rough_spm(strides.steps_)
        # Contacts slower than any person steps are slowed footage, not bad foot tracks:
        # the slow-motion sentence (cue stage) says so instead.
        too_slow = contacts_spm is not None and contacts_spm < SLOWEST_HUMAN_SPM
        if cadence.warning and not (pace_changes and cadence.source == "contacts") and not too_slow:
            notes.append(cadence.warning)
        if cadence.spm is None:
            temporal.cadence_spm_ = temporal.step_time_s_ = temporal.contact_cadence_spm_ = None
            temporal.flight_time_s_ = temporal.double_support_s_ = None
        elif cadence.spm != temporal.contact_cadence_spm_:
            temporal = _fresh(self.temporal).calculate(
                strides.strides_, strides.steps_, step_time_s=60.0 / cadence.spm
            )
            temporal.contact_cadence_spm_ = contacts_spm
        self.temporal_, self.cadence_ = temporal, cadence
        return notes

    def _find_direction(self) -> None:
        """Direction: facing from body shape, then forward/backward and walk/run."""
        clean, temporal = self.clean_series_, self.temporal_
        self.facing_ = _fresh(self.facing).estimate(clean)
        step_frames = temporal.step_time_s_ * clean.fps if temporal.step_time_s_ else None
        self.pelvis_phase_ = pelvis_rise_at_midstance(
            pelvis(clean)[:, 1], self.events_.stance_masks_, step_frames
        )
        self.locomotion_ = _fresh(self.locomotion).classify(
            self.facing_.facing_sign_,
            self.travel_.travel_sign_,
            temporal.duty_factor_,
            self.facing_.window_signs_,
            self.travel_.window_signs_,
            pelvis_phase=self.pelvis_phase_,
        )

    def _measure_form(self) -> GaitReport:
        """Form parameters, all signed by facing; returns the report before any verdict."""
        series, clean, height = self.series_, self.clean_series_, self.body_height_px_
        temporal, strides, ground = self.temporal_, self.strides_, self.events_
        f = self.facing_.facing_sign_
        view = _fresh(self.view).estimate(clean, height)
        # Raw head points: preprocessing blanks a nose turned away, the very thing we look for.
        checks = _fresh(self.shoulder_checks).detect(series, f)
        posture = _fresh(self.posture).calculate(clean, f, checks.turn_signal_ > 0.3)
        arms = _fresh(self.arms).calculate(clean, f, temporal.stride_time_s_)
        legs = _fresh(self.legs).calculate(clean, f, strides.strides_)
        strike = _fresh(self.strike).calculate(clean, f, ground.contacts_)
        scale = self.scale_m_per_px or series.meta.get("scale_m_per_px")
        spatial = _fresh(self.spatial).calculate(
            clean, strides.strides_, strides.steps_, height, scale
        )
        self.view_, self.strike_ = view, strike
        metrics = GaitMetrics(
            body_height_px=height,
            view=view_metric(view),
            cadence_min_spm=self.cadence_range_[0] if self.cadence_range_ else None,
            cadence_max_spm=self.cadence_range_[1] if self.cadence_range_ else None,
            cadence_contacts_spm=temporal.contact_cadence_spm_,
            cadence_rhythm_spm=self.rhythm_.cadence_spm_,
            step_time_s=temporal.step_time_s_,
            stride_time_s=temporal.stride_time_s_,
            contact_time_s=temporal.contact_time_s_,
            flight_time_s=temporal.flight_time_s_,
            double_support_s=temporal.double_support_s_,
            duty_factor=temporal.duty_factor_,
            pelvis_phase=self.pelvis_phase_,
            stance_from_stillness=isinstance(ground, FootStillnessStance),
            contact_symmetry_pct=temporal.contact_symmetry_pct_,
            step_symmetry_pct=temporal.step_symmetry_pct_,
            step_length_bh=spatial.step_length_bh_,
            step_length_m=spatial.step_length_m_,
            speed_mps=spatial.speed_mps_,
            speed_bh_s=spatial.speed_bh_s_,
            stride_trend_pct_per_min=spatial.stride_trend_pct_per_min_,
            trunk_lean_deg=posture.trunk_lean_deg_,
            head_pitch_deg=posture.head_pitch_deg_,
            elbow_angle_deg=arms.elbow_angle_deg_,
            arm_swing_deg=arms.arm_swing_deg_,
            contralateral_lag_pct=arms.contralateral_lag_pct_,
            knee_extension_deg=legs.knee_extension_deg_,
            hip_extension_deg=legs.hip_extension_deg_,
            knee_lift_deg=legs.knee_lift_deg_,
            shoulder_check_interval_s=checks.interval_s_,
            shoulder_check_alternation=checks.alternation_,
        )
        contacts = sorted(
            (
                Contact(side, round(float(t), 4), strike.strikes_[side][i])
                for side, times in ground.contacts_.items()
                for i, t in enumerate(times)
            ),
            key=lambda c: c.time_s,
        )
        toe_offs = sorted(
            (
                ToeOff(side, round(float(t), 4))
                for side, times in ground.toe_offs_.items()
                for t in times
            ),
            key=lambda c: c.time_s,
        )
        curves = {
            "times_s": clean.times_s,
            "trunk_lean_deg": posture.trunk_lean_series_deg_,
            **{f"{s}_knee_deg": v for s, v in legs.knee_series_deg_.items()},
            **{f"{s}_hip_deg": v for s, v in legs.hip_series_deg_.items()},
            **{f"{s}_elbow_deg": v for s, v in arms.elbow_series_deg_.items()},
            **{f"{s}_foot_deg": v for s, v in strike.foot_angle_series_deg_.items()},
        }
        return GaitReport(
            direction=self.locomotion_.direction_,
            gait=self.locomotion_.gait_,
            facing="right" if f > 0 else "left",
            cadence_spm=temporal.cadence_spm_,
            contacts=tuple(contacts),
            toe_offs=tuple(toe_offs),
            shoulder_checks=tuple(ShoulderCheck(round(t, 3), s) for t, s in checks.checks_),
            metrics=metrics,
            cues=(),
            warnings=(),
            fps=series.fps,
            duration_s=series.duration_s,
            curves=curves,
        )

    def _judge_cues(
        self, measured: GaitReport, early_notes: list[str], timing_notes: list[str]
    ) -> GaitReport:
        """Cues: the verdicts, then what a frontal view voids, then the warnings in order."""
        known = [v for v in (measured.cadence_spm, self.contacts_spm_) if v is not None]
        spm = min(known) if known else None
        self.slow_motion_warning_ = slow_motion_warning(measured.gait, spm)
        heel_toe = any(np.isfinite(v).any() for v in self.strike_.strike_angles_deg_.values())
        cadence = self.cadence_
        cues = _fresh(self.cues).judge(
            measured,
            heel_toe_tracked=heel_toe,
            cadence_unreliable=bool(cadence.warning) and cadence.spm is None,
            upper_body_visible=self.upper_body_visible_,
            slow_motion=self.slow_motion_warning_ is not None,
        )
        report = withhold_side_view(self.view_, replace(measured, cues=cues.cues_))
        return replace(report, warnings=tuple(self._warnings(early_notes, timing_notes)))

    def _warnings(self, early_notes: list[str], timing_notes: list[str]) -> list[str]:
        """Every stage's sentences for the user, in the order a person reads them.

        ``early_notes`` come from trimming and filtering (and the body jumping between
        frames), ``timing_notes`` from the timing stage.
        """
        warnings = list(early_notes)
        if not self.upper_body_visible_:
            warnings.append(
                "only the hips to the feet are in the picture: cadence, contacts, foot "
                "strike, contact time, leg drive and knee lift are measured; posture, head "
                "and arm cues cannot be given (not in the picture), and the body's size "
                "comes from the legs alone"
            )
        if self.locomotion_.direction_ == "forward":
            warnings.append(
                f"{FORWARD_CLIP}; the form verdicts are for backward movement, so only "
                "direction-neutral figures (cadence, contacts, timing) are given"
            )
        if self.slow_motion_warning_:
            warnings.append(self.slow_motion_warning_)
        warnings += self.locomotion_.warnings_
        warnings += [self.view_.warning_] if self.view_.warning_ else []
        if self.locomotion_.gait_ is None:
            warnings.append(
                "no complete stride (contact, toe-off, next contact): walk or run unknown"
            )
        if self.temporal_.cadence_spm_ is None and self.cadence_.warning is None:
            warnings.append("fewer than 4 steps: cadence and timing need a longer clip")
        warnings += timing_notes
        if self.facing_.agreement_ < 0.8:
            warnings.append("facing direction is unclear in part of the clip (turning or tracking)")
        return warnings


def analyze(
    series: KeypointSeries,
    *,
    scale_m_per_px: float | None = None,
    cutoff_hz: float = 8.0,
    preprocess: bool = True,
) -> GaitReport:
    """``GaitAnalysis`` with the default stages: the one call the CLI and video use.

    ``cutoff_hz`` sets the filter chain's low-pass; ``preprocess=False`` skips the chain.
    Raises KeypointError (a ValueError) with a one-line reason for unusable input.
    """
    preprocessor = (
        Preprocessor(lowpass=ButterworthLowpass(cutoff_hz=cutoff_hz)) if preprocess else None
    )
    pipeline = GaitAnalysis(preprocessor=preprocessor, scale_m_per_px=scale_m_per_px)
    return pipeline.analyze(series).report_
