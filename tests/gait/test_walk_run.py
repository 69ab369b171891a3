"""Walk or run: duty factor when clear, the pelvis bounce when not; occluded walkers."""

from __future__ import annotations

import numpy as np
import pytest

from backstride.gait.analysis import analyze
from backstride.gait.direction import FacingTravelLocomotion, pelvis_rise_at_midstance
from backstride.gait.transforms import reverse_in_time
from backstride.gait.validation.evaluation import match_events
from backstride.gait.validation.synthetic import GaitSpec, generate

FOOT = ("heel", "foot_index", "ankle")


def _bounce(highest_at_midstance: bool, frames: int = 120, step: int = 20):
    """Hip y (image, down) bouncing once per step, and stances centred on frames 10, 30 ...

    Stance of each foot lasts 12 frames around its mid-stance; feet alternate per step.
    """
    k = np.arange(frames)
    up = np.cos(2 * np.pi * (k - 10) / step)  # + at mid-stance (frames 10, 30, ...)
    y = 500.0 - 8.0 * (up if highest_at_midstance else -up) + 0.5 * k  # drift: perspective
    masks = {"left": np.zeros(frames, bool), "right": np.zeros(frames, bool)}
    for i, mid in enumerate(range(10, frames, step)):
        masks["left" if i % 2 == 0 else "right"][max(mid - 6, 0) : mid + 6] = True
    return y, masks


def test_pelvis_highest_at_midstance_reads_as_plus_one_and_lowest_as_minus_one():
    y, masks = _bounce(highest_at_midstance=True)
    assert pelvis_rise_at_midstance(y, masks, 20) == pytest.approx(1.0, abs=0.1)
    y, masks = _bounce(highest_at_midstance=False)
    assert pelvis_rise_at_midstance(y, masks, 20) == pytest.approx(-1.0, abs=0.1)


def test_pelvis_phase_needs_a_step_time_and_two_stances():
    y, masks = _bounce(True)
    assert pelvis_rise_at_midstance(y, masks, None) is None
    one = {"left": np.zeros(120, bool), "right": np.zeros(120, bool)}
    one["left"][4:16] = True
    assert pelvis_rise_at_midstance(y, one, 20) is None


@pytest.mark.parametrize(
    ("duty", "phase", "gait"),
    [
        (0.65, -0.9, "walk"),  # clearly double support: the duty factor wins
        (0.33, 0.9, "run"),  # clearly flight
        (0.53, -0.6, "run"),  # near 0.5: the pelvis decides
        (0.47, 0.6, "walk"),
        (0.53, 0.1, "walk"),  # near 0.5, no clear bounce: the textbook boundary
        (0.47, None, "run"),
        (None, 0.7, "walk"),  # no complete stride, but a clear bounce
        (None, None, None),
    ],
)
def test_walk_or_run_from_duty_factor_and_pelvis_phase(duty, phase, gait):
    loco = FacingTravelLocomotion().classify(1, 1, duty, pelvis_phase=phase)
    assert loco.gait_ == gait


def _occlude_far_foot(series, far: str, near: str, seed: int):
    """What MediaPipe does to the far foot: low scores, jitter, and brief copies of the
    near foot (the far leg hidden behind the near one for 4 frames, three times)."""
    rng = np.random.default_rng(seed)
    out = series.copy()
    n = out.n_frames
    starts = rng.choice(np.arange(10, n - 10), size=3, replace=False)
    for p in FOOT:
        i, j = out.index(f"{far}_{p}"), out.index(f"{near}_{p}")
        out.score[:, i] = rng.uniform(0.35, 0.6, n)
        out.xy[:, i] += rng.normal(0.0, 3.0, (n, 2))
        for s in starts:
            out.xy[s : s + 4, i] = out.xy[s : s + 4, j]
    return out


@pytest.mark.parametrize("direction", ["forward", "backward"])
@pytest.mark.parametrize("seed", [1, 2])
def test_a_walker_whose_far_foot_is_half_hidden_is_still_timed_and_labelled(direction, seed):
    spec = GaitSpec(
        direction=direction,
        gait="walk",
        cadence_spm=100.0 + 10 * seed,
        strike="heel" if direction == "forward" else "forefoot",
        facing="right",
        duration_s=8.0,
        noise_px=1.5,
        seed=seed,
    )
    series, truth = generate(spec)
    report = analyze(_occlude_far_foot(series, far="left", near="right", seed=seed))
    assert report.direction == direction
    assert report.gait == "walk"
    assert report.cadence_spm == pytest.approx(truth.cadence_spm, rel=0.02)
    found = [(c.foot, c.time_s) for c in report.contacts]
    match = match_events([t for _, t in found], [t for _, t in truth.contacts], 3 / 30)
    assert match.recall >= 0.85


@pytest.mark.parametrize("gait", ["walk", "run"])
def test_a_generated_gait_keeps_its_label_when_played_backwards(gait):
    spec = GaitSpec(direction="forward", gait=gait, cadence_spm=110 if gait == "walk" else 170)
    series, _ = generate(spec)
    assert analyze(series).gait == gait
    assert analyze(reverse_in_time(series)).gait == gait
