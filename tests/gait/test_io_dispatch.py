"""read_keypoints picks the reader from the path; any bytes give a KeypointError at worst."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backstride.gait.io import read_keypoints, reverse_in_time, write_keypoints
from backstride.gait.keypoints import KeypointError
from backstride.gait.validation.synthetic import GaitSpec, generate


def test_the_extension_or_folder_chooses_the_reader(tmp_path):
    series, _ = generate(GaitSpec(duration_s=0.5, joints="coco17"))
    assert read_keypoints(write_keypoints(series, tmp_path / "a.csv")).meta["format"] == "csv"
    assert read_keypoints(write_keypoints(series, tmp_path / "a.TRC")).meta["format"] == "trc"
    (tmp_path / "a.json").write_text(json.dumps([[1.0, 2.0, 0.5] * 17]))
    assert read_keypoints(tmp_path / "a.json", fps=30).meta["format"] == "coco17"
    folder = tmp_path / "op"
    folder.mkdir()
    doc = {"people": [{"pose_keypoints_2d": [5.0, 6.0, 0.9] * 25}]}
    (folder / "v_000000000000_keypoints.json").write_text(json.dumps(doc))
    assert read_keypoints(folder, fps=30).meta["format"] == "openpose-body25"
    # An explicit format wins over the extension.
    (tmp_path / "a.txt").write_text((tmp_path / "a.csv").read_text())
    assert read_keypoints(tmp_path / "a.txt", fmt="csv").n_frames == series.n_frames


@pytest.mark.parametrize(
    "name, fmt, message",
    [
        ("clip.mp4", None, "cannot tell the keypoint format of clip.mp4"),
        ("nothing.xyz", None, "no such file or folder"),
        ("a.csv", "yaml", "unknown keypoint format 'yaml'"),
    ],
)
def test_unknown_formats_are_refused_clearly(tmp_path, name, fmt, message):
    if name != "nothing.xyz":
        (tmp_path / name).write_text("x")
    with pytest.raises(KeypointError, match=message):
        read_keypoints(tmp_path / name, fmt=fmt)


def test_only_csv_and_trc_can_be_written(tmp_path):
    series, _ = generate(GaitSpec(duration_s=0.2))
    with pytest.raises(KeypointError, match=r"written as \.csv or \.trc"):
        write_keypoints(series, tmp_path / "a.json")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400), ext=st.sampled_from([".csv", ".trc", ".json"]))
def test_random_bytes_never_raise_anything_but_a_keypoint_error(tmp_path, data, ext):
    path = tmp_path / f"random{ext}"
    path.write_bytes(data)
    try:
        series = read_keypoints(path, fps=30)
    except KeypointError:
        return
    assert series.n_frames >= 1


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    doc=st.recursive(
        st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=5),
        lambda kids: st.lists(kids, max_size=6) | st.dictionaries(st.text(max_size=8), kids),
        max_leaves=30,
    )
)
def test_random_json_never_raises_anything_but_a_keypoint_error(tmp_path, doc):
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc))
    try:
        read_keypoints(path, fps=30)
    except KeypointError:
        return


def test_reversing_in_time_plays_the_frames_backwards_from_zero():
    series, _ = generate(GaitSpec(direction="forward", duration_s=2.0))
    back = reverse_in_time(series)
    np.testing.assert_allclose(back.times_s, series.times_s)  # regular 30 fps grid
    np.testing.assert_array_equal(back.xy[0], series.xy[-1])
    np.testing.assert_array_equal(back.score[-1], series.score[0])
    hip = back.joint("left_hip")[:, 0]
    assert hip[-1] < hip[0]  # facing right, now travelling left: backward
    assert back.meta["time_reversed"] is True
    assert reverse_in_time(back).meta["time_reversed"] is False
    np.testing.assert_array_equal(reverse_in_time(back).xy, series.xy)


def test_reversing_uneven_times_keeps_the_gaps_in_reverse_order(tmp_path):
    text = "time_s,nose_x,nose_y\n0,1,1\n0.1,2,2\n0.4,3,3\n"
    (tmp_path / "k.csv").write_text(text)
    back = reverse_in_time(read_keypoints(tmp_path / "k.csv"))
    np.testing.assert_allclose(back.times_s, [0.0, 0.3, 0.4])
    np.testing.assert_array_equal(back.joint("nose")[:, 0], [3, 2, 1])
