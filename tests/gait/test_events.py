"""Foot contacts, toe-offs, strides and shoulder checks, on hand-made and generated gaits."""

from __future__ import annotations

import numpy as np
import pytest

from backstride.gait.analysis import analyze
from backstride.gait.events import (
    ContactToContactStrides,
    GroundContactDetector,
    HeadTurnShoulderChecks,
)
from backstride.gait.validation.evaluation import match_events, match_labelled_events
from backstride.gait.validation.synthetic import GaitSpec, generate
from tests.gait.engine_helpers import make_series

GROUND = 500.0


def _foot_y(t: np.ndarray, stances: list[tuple[float, float]], speed: float = 500.0):
    """A foot on the ground during ``stances``, rising at ``speed`` px/s up to 100 px."""
    dist = np.full(t.shape, np.inf)
    for a, b in stances:
        d = np.where(t < a, a - t, np.where(t > b, t - b, 0.0))
        dist = np.minimum(dist, d)
    return GROUND - np.minimum(100.0, speed * dist)


def _two_feet(fps: float = 100.0):
    t = np.arange(0, 3.0, 1 / fps)
    left = [(0.2, 0.5), (1.2, 1.5), (2.2, 2.5)]
    right = [(0.7, 1.0), (1.7, 2.0)]
    pts = {}
    for side, st in (("left", left), ("right", right)):
        y = _foot_y(t, st)
        pts[f"{side}_heel"] = np.stack([np.full(t.size, 100.0), y], 1)
        pts[f"{side}_foot_index"] = np.stack([np.full(t.size, 130.0), y], 1)
    return make_series(t, pts), left, right


def test_contacts_and_toe_offs_land_on_the_hand_made_times():
    series, left, right = _two_feet()
    # The made-up foot stops dead on the ground; a higher cut-off keeps that corner sharp.
    det = GroundContactDetector(cutoff_hz=30.0).detect(series, body_height_px=500.0)
    np.testing.assert_allclose(det.contacts_["left"], [a for a, _ in left], atol=0.006)
    np.testing.assert_allclose(det.toe_offs_["left"], [b for _, b in left], atol=0.006)
    np.testing.assert_allclose(det.contacts_["right"], [a for a, _ in right], atol=0.006)
    np.testing.assert_allclose(det.toe_offs_["right"], [b for _, b in right], atol=0.006)


def test_a_foot_that_only_wobbles_on_the_ground_makes_no_extra_contact():
    series, left, _ = _two_feet()
    i = series.index("left_heel")
    wobble = (series.times_s > 0.3) & (series.times_s < 0.33)  # 30 ms lift of 20 px
    series.xy[wobble, i, 1] -= 20
    series.xy[wobble, series.index("left_foot_index"), 1] -= 20
    det = GroundContactDetector().detect(series, body_height_px=500.0)
    assert len(det.contacts_["left"]) == len(left)


def test_no_visible_feet_is_a_clear_error():
    t = np.arange(30) / 30
    series = make_series(t, {"left_hip": np.zeros((30, 2))})
    with pytest.raises(ValueError, match="no foot is visible"):
        GroundContactDetector().detect(series, body_height_px=400.0)


def test_strides_pair_each_contact_with_the_next_and_the_toe_off_between():
    seg = ContactToContactStrides().segment(
        {"left": np.array([0.0, 1.0, 2.0]), "right": np.array([0.5, 1.5])},
        {"left": np.array([0.4, 1.4]), "right": np.array([0.9])},
    )
    np.testing.assert_allclose(seg.strides_["left"], [[0.0, 0.4, 1.0], [1.0, 1.4, 2.0]])
    np.testing.assert_allclose(seg.strides_["right"], [[0.5, 0.9, 1.5]])
    assert [s for _, s in seg.steps_] == ["left", "right", "left", "right", "left"]


def test_a_stride_without_its_toe_off_or_spanning_a_pause_is_dropped():
    seg = ContactToContactStrides(max_stride_s=1.5).segment(
        {"left": np.array([0.0, 1.0, 4.0])}, {"left": np.array([3.0])}
    )
    assert seg.strides_["left"].shape == (0, 3)


CASES = [
    GaitSpec(direction="backward", gait="run", noise_px=2.0, seed=1),
    GaitSpec(direction="backward", gait="walk", noise_px=2.0, seed=2, facing="left"),
    GaitSpec(direction="forward", gait="run", noise_px=2.0, seed=3, strike="heel"),
    GaitSpec(direction="forward", gait="walk", noise_px=2.0, seed=4, strike="midfoot"),
    GaitSpec(direction="backward", gait="run", noise_px=2.0, seed=5, treadmill=True),
]


@pytest.mark.parametrize("spec", CASES, ids=lambda s: f"{s.direction}-{s.gait}-{s.facing}")
def test_noisy_generated_contacts_and_toe_offs_are_within_a_frame(spec):
    series, truth = generate(spec)
    report = analyze(series)
    frame = 1 / spec.fps
    for found, ref in (
        (report.contacts, truth.contacts),
        (report.toe_offs, truth.toe_offs),
    ):
        match = match_events([c.time_s for c in found], [t for _, t in ref], 3 * frame)
        assert match.recall >= 0.95
        assert match.n_false <= 1
        assert match.mean_abs_error_s < frame


def test_backward_contacts_are_not_swapped_with_toe_offs():
    """The classic failure: a tool that assumes facing = travel reports toe-off as contact."""
    series, truth = generate(GaitSpec(direction="backward", gait="run"))
    report = analyze(series)
    contacts = [c.time_s for c in report.contacts]
    assert match_events(contacts, [t for _, t in truth.contacts], 0.02).recall == 1.0
    assert match_events(contacts, [t for _, t in truth.toe_offs], 0.02).n_matched == 0


@pytest.mark.parametrize("facing", ["right", "left"])
def test_shoulder_checks_are_found_with_their_side(facing):
    spec = GaitSpec(shoulder_check_interval_s=3.0, duration_s=15, facing=facing, noise_px=1.5)
    series, truth = generate(spec)
    checks = HeadTurnShoulderChecks().detect(series, 1 if facing == "right" else -1)
    right, found, false = match_labelled_events(checks.checks_, truth.shoulder_checks, 0.5)
    assert right == found == len(truth.shoulder_checks)
    assert false == 0
    assert checks.alternation_ == 1.0
    assert checks.interval_s_ == pytest.approx(3.0, abs=0.1)


def test_a_runner_who_never_looks_back_has_no_shoulder_checks():
    series, _ = generate(GaitSpec(duration_s=20, noise_px=2.0, seed=7))
    checks = HeadTurnShoulderChecks().detect(series, 1)
    assert checks.checks_ == []
    assert checks.interval_s_ is None
