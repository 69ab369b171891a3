"""TRC files (Pose2Sim/Sports2D): y-up convention, units, marker names, round trip."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from backstride.gait.io import read_keypoints, write_keypoints
from backstride.gait.io.trc import format_trc, parse_trc
from backstride.gait.keypoints import KeypointError, KeypointSeries
from backstride.gait.validation.synthetic import GaitSpec, generate


def sports2d_text(units: str = "m") -> str:
    """A two-frame TRC laid out as Sports2D writes it (HALPE_26-style names, tabs)."""
    names = ["Hip", "RHip", "RKnee", "LBigToe", "Nose"]
    head = [
        "PathFileType\t4\t(X/Y/Z)\tdemo_Sports2D.trc",
        "DataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\tOrigDataRate"
        "\tOrigDataStartFrame\tOrigNumFrames",
        f"30\t30\t2\t5\t{units}\t30\t1\t2",
        "Frame#\tTime\t" + "\t\t\t".join(names) + "\t\t",
        "\t\t" + "\t".join(f"{a}{k}" for k in range(1, 6) for a in "XYZ"),
        "",
    ]
    rows = [
        "1\t0.0\t1.0\t-0.9\t0\t1.0\t-0.9\t0\t1.1\t-1.3\t0\t1.2\t-1.7\t0\t1.05\t-0.1\t0",
        "2\t0.0333\t1.2\t-0.9\t0\t1.2\t-0.9\t0\t1.3\t-1.3\t0\t\t\t\t1.25\t-0.1\t0",
    ]
    return "\n".join(head + rows) + "\n"


def test_sports2d_metres_become_y_down_millimetres_with_a_scale():
    s = parse_trc(sports2d_text("m"))
    assert s.joints == ("nose", "right_hip", "right_knee", "left_foot_index")
    np.testing.assert_allclose(s.joint("right_knee")[0], [1100.0, 1300.0])
    np.testing.assert_allclose(s.joint("nose")[1], [1250.0, 100.0])
    assert s.joint("nose")[0, 1] < s.joint("right_knee")[0, 1]  # head above knee: y down
    assert s.meta["scale_m_per_px"] == 0.001 and s.meta["ignored_markers"] == ["Hip"]
    # Empty cells are missing, with score 0; present markers score 1.
    assert np.isnan(s.joint("left_foot_index")[1]).all()
    np.testing.assert_array_equal(s.joint_score("left_foot_index"), [1.0, 0.0])


def test_pixel_trc_keeps_pixels_and_has_no_metre_scale():
    s = parse_trc(sports2d_text("px"))
    np.testing.assert_allclose(s.joint("right_knee")[0], [1.1, 1.3])
    assert "scale_m_per_px" not in s.meta


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda t: "hello\n" + t, "not a TRC file"),
        (lambda t: t.replace("Frame#", "Frames"), "no 'Frame#'"),
        (lambda t: t.replace("RHip", "Tail").replace("RKnee", "Fin").replace("LBigToe", "Wing")
         .replace("Nose", "Beak"), "no marker matches"),
        (lambda t: t.replace("1.05\t", "abc\t", 1), "line 7: 'abc' is not a number"),
        (lambda t: t.replace("0.0333", "0.0"), "times must increase"),
        (lambda t: t.split("1\t0.0\t")[0], "no frames"),
    ],
)  # fmt: skip
def test_broken_trc_is_refused_with_a_clear_message(mutate, message):
    with pytest.raises(KeypointError, match=message):
        parse_trc(mutate(sports2d_text()))


def test_generated_keypoints_round_trip_through_a_trc_file(tmp_path):
    series, _ = generate(GaitSpec(duration_s=1.5, dropout_rate=0.1, noise_px=0.5))
    back = read_keypoints(write_keypoints(series, tmp_path / "k.trc"))
    assert back.joints == series.joints
    np.testing.assert_allclose(back.xy, series.xy, rtol=1e-9, equal_nan=True)
    np.testing.assert_array_equal(back.score == 0, series.score == 0)
    text = (tmp_path / "k.trc").read_text()
    assert text.splitlines()[2].split("\t")[:5] == ["30", "30", "45", "33", "px"]


def test_writing_metres_needs_a_scale_and_uses_it():
    series, truth = generate(GaitSpec(duration_s=0.2))
    metres = parse_trc(format_trc(series, units="m"))
    # Metres come back as millimetres (the reader's convention for metric files).
    px_per_m = 400.0 / truth.body_height_m
    np.testing.assert_allclose(metres.xy, series.xy / px_per_m * 1000.0, rtol=1e-9)
    series.meta.pop("scale_m_per_px")
    with pytest.raises(KeypointError, match="needs a known scale"):
        format_trc(series, units="m")


@settings(max_examples=40, deadline=None)
@given(data=st.data(), n=st.integers(1, 10), j=st.integers(1, 6))
def test_any_valid_series_round_trips_through_trc(data, n, j):
    joints = ("nose", "left_hip", "right_knee", "left_heel", "right_foot_index", "left_wrist")
    steps = data.draw(hnp.arrays(float, n, elements=st.floats(1e-3, 5.0)))
    xy = data.draw(hnp.arrays(float, (n, j, 2), elements=st.floats(-1e5, 1e5) | st.just(np.nan)))
    missing = np.isnan(xy).any(axis=2)
    xy[missing] = np.nan
    series = KeypointSeries(np.cumsum(steps), xy, np.where(missing, 0.0, 1.0), joints[:j])
    back = parse_trc(format_trc(series))
    order = [back.index(name) for name in joints[:j]]
    np.testing.assert_allclose(back.times_s, series.times_s, rtol=1e-9)
    np.testing.assert_allclose(back.xy[:, order], xy, rtol=1e-9, atol=1e-9, equal_nan=True)


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_random_text_after_a_trc_header_only_raises_keypoint_errors(tail):
    text = sports2d_text()
    try:
        series = parse_trc(text[: len(text) // 2] + tail)
    except KeypointError:
        return
    assert series.n_frames >= 1 and np.all(np.diff(series.times_s) > 0)
