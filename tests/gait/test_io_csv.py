"""Wide CSV keypoints: what is read, what is refused, and that writing round-trips."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from backstride.gait.io.csv import format_csv, parse_csv, read_csv, write_csv
from backstride.gait.keypoints import KeypointError, KeypointSeries
from backstride.gait.validation.synthetic import GaitSpec, generate

GOOD = """time_s,left_knee_x,left_knee_y,left_knee_score,nose_x,nose_y
0.0,100,200,0.9,110,50
0.5,102,201,,111,51
1.0,,,0.8,112,52
"""


def test_a_small_csv_reads_with_hand_checked_values():
    s = parse_csv(GOOD)
    assert s.joints == ("nose", "left_knee")  # MediaPipe order, whatever the column order
    np.testing.assert_array_equal(s.times_s, [0.0, 0.5, 1.0])
    np.testing.assert_array_equal(s.joint("left_knee")[:2], [[100, 200], [102, 201]])
    # Empty score cell -> 0; missing position -> NaN and score 0; no score column -> 1.
    np.testing.assert_array_equal(s.joint_score("left_knee"), [0.9, 0.0, 0.0])
    assert np.isnan(s.joint("left_knee")[2]).all()
    np.testing.assert_array_equal(s.joint_score("nose"), [1.0, 1.0, 1.0])
    assert s.fps == pytest.approx(2.0)


def test_semicolon_and_tab_separated_files_are_recognised():
    for sep in (";", "\t"):
        s = parse_csv(GOOD.replace(",", sep))
        np.testing.assert_array_equal(s.joint("nose")[:, 0], [110, 111, 112])


def test_a_single_frame_is_read_but_marked():
    s = parse_csv("time_s,nose_x,nose_y\n0.0,1,2\n")
    assert s.n_frames == 1 and s.meta["single_frame"] is True


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "empty"),
        ("   \n\n", "empty"),
        ("nose_x,nose_y\n1,2\n", "no time_s column"),
        ("time_s\n0\n1\n", "no joint columns"),
        ("time_s,nose_x,nose_y\n", "no frames"),
        ("time_s,nose_x,nose_y\n0,abc,2\n", "row 2, column nose_x: 'abc' is not a number"),
        ("time_s,nose_x,nose_y\n0,1,2\n0,1,2\n", "time_s must increase"),
        ("time_s,nose_x,nose_y\n1,1,2\n0.5,1,2\n", "row 3 does not"),
        ("time_s,left_toe_x,left_toe_y,tail_x,tail_y\n0,1,2,3,4\n", "left_toe, tail"),
        ("time_s,nose_x\n0,1\n", "both _x and _y"),
        ("time_s,nose_x,nose_y,speed\n0,1,2,3\n", "not: speed"),
        ("time_s,nose_x,nose_y\n0,1\n", "row 2 has 2 cells"),
        ("time_s,nose_x,nose_y\n,1,2\n", "time_s has empty"),
        ("time_s,nose_x,nose_x,nose_y\n0,1,1,2\n", "more than once"),
    ],
)
def test_bad_csv_is_refused_with_a_clear_message(text, message):
    with pytest.raises(KeypointError, match=message):
        parse_csv(text)


def test_missing_and_binary_files_are_refused(tmp_path):
    with pytest.raises(KeypointError, match="no such file"):
        read_csv(tmp_path / "nope.csv")
    binary = tmp_path / "b.csv"
    binary.write_bytes(b"\xff\xfe\x00\x81garbage")
    with pytest.raises(KeypointError, match="not a UTF-8 text file"):
        read_csv(binary)


def test_generated_keypoints_round_trip_through_a_file(tmp_path):
    series, _ = generate(GaitSpec(duration_s=2.0, dropout_rate=0.1, noise_px=1.0))
    back = read_csv(write_csv(series, tmp_path / "k.csv"))
    assert back.joints == series.joints
    np.testing.assert_allclose(back.xy, series.xy, rtol=1e-9, equal_nan=True)
    np.testing.assert_allclose(back.score, series.score, rtol=1e-9)
    np.testing.assert_allclose(back.times_s, series.times_s, rtol=1e-9)


joint_subsets = st.lists(
    st.sampled_from(["nose", "left_knee", "right_heel", "left_foot_index", "right_wrist"]),
    min_size=1,
    max_size=5,
    unique=True,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), joints=joint_subsets, n=st.integers(1, 12))
def test_any_valid_series_round_trips_through_csv(data, joints, n):
    steps = data.draw(hnp.arrays(float, n, elements=st.floats(1e-3, 10.0)))
    xy = data.draw(
        hnp.arrays(float, (n, len(joints), 2), elements=st.floats(-1e5, 1e5) | st.just(np.nan))
    )
    score = data.draw(hnp.arrays(float, (n, len(joints)), elements=st.floats(0.0, 1.0)))
    missing = np.isnan(xy).any(axis=2)
    xy[missing] = np.nan
    score[missing] = 0.0
    series = KeypointSeries(np.cumsum(steps), xy, score, tuple(joints))
    back = parse_csv(format_csv(series))
    order = [back.index(j) for j in joints]
    np.testing.assert_allclose(back.times_s, series.times_s, rtol=1e-9)
    np.testing.assert_allclose(back.xy[:, order], xy, rtol=1e-9, atol=1e-9, equal_nan=True)
    np.testing.assert_allclose(back.score[:, order], score, rtol=1e-9, atol=1e-12)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('time_s,noe_xy.0123456789-\n"e '))) | st.text())
def test_random_text_only_ever_raises_a_keypoint_error(text):
    try:
        series = parse_csv(text)
    except KeypointError:
        return
    assert series.n_frames >= 1 and np.all(np.diff(series.times_s) > 0)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(["", "1", "-2.5", "nan", "inf", "x", "1e400", " 3 "]),
            min_size=3,
            max_size=3,
        ),
        max_size=6,
    )
)
def test_random_cells_under_a_valid_header_only_raise_keypoint_errors(rows):
    text = "time_s,nose_x,nose_y\n" + "\n".join(",".join(r) for r in rows)
    try:
        s = parse_csv(text)
    except KeypointError:
        return
    assert np.all(np.diff(s.times_s) > 0) and np.isfinite(s.times_s).all()
