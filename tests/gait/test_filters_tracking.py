"""Leg-swap repair and jump rejection, checked against the generator's known answers."""

from __future__ import annotations

import numpy as np
import pytest

from backstride.gait.filters import JumpRejection, LegSwapRepair
from backstride.gait.keypoints import KeypointSeries
from backstride.gait.validation.synthetic import GaitSpec, generate


@pytest.mark.parametrize("direction", ["forward", "backward"])
@pytest.mark.parametrize("gait", ["run", "walk"])
def test_generated_leg_swaps_are_found_and_undone_exactly(direction, gait):
    spec = dict(direction=direction, gait=gait, duration_s=8.0, seed=3)
    clean, _ = generate(GaitSpec(**spec))
    swapped, truth = generate(GaitSpec(leg_swaps=4, **spec))
    repair = LegSwapRepair().filter(swapped)
    np.testing.assert_array_equal(repair.swapped_frames_, truth.swapped_frames)
    np.testing.assert_array_equal(repair.series_.xy, clean.xy)
    np.testing.assert_array_equal(repair.series_.score, clean.score)


def test_swaps_are_repaired_through_noise_and_dropouts():
    spec = dict(duration_s=10.0, noise_px=2.0, dropout_rate=0.05, seed=7)
    swapped, truth = generate(GaitSpec(leg_swaps=5, **spec))
    found = set(LegSwapRepair().filter(swapped).swapped_frames_.tolist())
    expected = set(truth.swapped_frames)
    assert len(found & expected) >= 0.9 * len(expected)
    assert len(found - expected) <= 2


@pytest.mark.parametrize("seed", range(4))
def test_clean_gait_is_never_relabelled(seed):
    spec = GaitSpec(
        direction=("forward", "backward")[seed % 2],
        gait=("run", "walk")[seed // 2],
        noise_px=1.0,
        duration_s=6.0,
        seed=seed,
    )
    series, _ = generate(spec)
    assert LegSwapRepair().filter(series).swapped_frames_.size == 0


def test_a_series_without_both_legs_is_left_alone():
    series, _ = generate(GaitSpec(duration_s=1.0))
    keep = [i for i, j in enumerate(series.joints) if not j.startswith("right_")]
    one_side = KeypointSeries(
        series.times_s, series.xy[:, keep], series.score[:, keep], [series.joints[i] for i in keep]
    )
    repair = LegSwapRepair().filter(one_side)
    assert repair.swapped_frames_.size == 0
    np.testing.assert_array_equal(repair.series_.xy, one_side.xy)


def test_a_brief_hop_to_someone_else_is_rejected():
    series, _ = generate(GaitSpec(duration_s=4.0, noise_px=1.5))
    series.xy[50:53] += [600.0, 20.0]  # three frames of a person 1.5 body heights away
    jumps = JumpRejection().filter(series)
    np.testing.assert_array_equal(jumps.rejected_frames_, [50, 51, 52])
    assert np.isnan(jumps.series_.xy[50:53]).all() and jumps.tracks_ == 2
    assert "3 frames" in jumps.warnings_[0] and "1.67-1.73 s" in jumps.warnings_[0]


def test_the_person_seen_longest_is_kept_when_the_tracker_switches_for_good():
    series, _ = generate(GaitSpec(duration_s=4.0))
    series.xy[:40] += [0.0, 900.0]  # someone else for the first 40 of 120 frames
    jumps = JumpRejection().filter(series)
    np.testing.assert_array_equal(jumps.rejected_frames_, np.arange(40))


def test_two_people_alternating_are_split_and_the_majority_kept():
    series, _ = generate(GaitSpec(duration_s=4.0, treadmill=True))
    other = np.zeros(series.n_frames, dtype=bool)
    for start in range(10, 120, 30):
        other[start : start + 8] = True
    series.xy[other] += [-500.0, 0.0]
    jumps = JumpRejection().filter(series)
    np.testing.assert_array_equal(jumps.rejected_frames_, np.flatnonzero(other))
    assert jumps.tracks_ == 2


@pytest.mark.parametrize("pan", [0.0, 400.0])
def test_fast_but_real_motion_is_not_rejected(pan):
    spec = GaitSpec(direction="forward", speed_mps=7.0, pan_px_per_s=pan, noise_px=2.0)
    series, _ = generate(spec)
    series.xy[::7] = np.nan  # frames with nobody do not break the track
    assert JumpRejection().filter(series).rejected_frames_.size == 0


def test_a_skeleton_losing_most_joints_is_judged_on_the_ones_it_keeps():
    series, _ = generate(GaitSpec(duration_s=2.0))
    series.xy[30:, 5:] = np.nan  # only the head remains from frame 30 on
    assert JumpRejection().filter(series).rejected_frames_.size == 0
