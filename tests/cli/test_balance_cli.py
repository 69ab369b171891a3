"""``backstride balance``: detected frames, time and meaning as text and JSON; one-line errors.

Input is a keypoint CSV of a generated backward walk with known start and end frames
(the video path runs the same code after ``extract_keypoints``; see
tests/video/test_balance_video.py for a real video).
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from backstride.cli import _register, app
from backstride.gait.io import write_csv
from backstride.gait.transforms import reverse_in_time
from tests.gait.walk_test_helpers import synthetic_walk

_register()
runner = CliRunner()


@pytest.fixture(scope="module")
def walk():
    return synthetic_walk(noise_px=1.0, seed=5)


@pytest.fixture(scope="module")
def walk_csv(walk, tmp_path_factory):
    return write_csv(walk.series, tmp_path_factory.mktemp("kp") / "walk.csv")


def lines(walk) -> list[str]:
    return ["--start-line", f"{walk.start_line_x:.1f}", "--end-line", f"{walk.end_line_x:.1f}"]


def test_json_names_the_detected_frames_time_and_meaning(walk, walk_csv):
    result = runner.invoke(app, ["balance", str(walk_csv), *lines(walk), "--format", "json"])
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    assert abs(d["start"]["frame"] - walk.start_frame) <= 2
    assert abs(d["end"]["frame"] - walk.end_frame) <= 2
    assert d["end"]["heel"] in ("left", "right")
    truth_s = (walk.end_frame - walk.start_frame) / 30
    assert d["duration_s"] == pytest.approx(truth_s, abs=4 / 30)
    assert d["line_from"] == "lines" and d["uncertainty_s"] == pytest.approx(2 / 30, abs=1e-3)
    assert d["trial"]["trials_s"] == [d["duration_s"]] and d["trial"]["complete"] is False
    assert d["trial"]["protocol"]["timed_trials"] == 2
    interp = d["interpretation"]
    assert interp["group"] == "older-adult" and interp["result_s"] == d["duration_s"]
    # A 4.2 s walk in an older adult is between Carter's cut-offs (3.0 / 4.5 s).
    assert interp["band"] == "between" and not interp["talk_to_physio"]
    assert d["change"] is None


def test_text_shows_frames_then_time_then_meaning(walk, walk_csv):
    result = runner.invoke(app, ["balance", str(walk_csv), *lines(walk)])
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())  # Rich wraps at the terminal width
    assert "start (first backward movement)" in out and "end (heel over 3 m)" in out
    assert "s for 3 m backward" in out and "from the two lines" in out
    assert "One timed trial" in out and "mean of 2 timed trials" in out
    assert "does not diagnose" in out
    assert out.index("start (first") < out.index("for 3 m backward") < out.index("Carter")


def test_leg_length_ruler_and_a_previous_result_in_parkinsons(walk, walk_csv):
    args = ["balance", str(walk_csv), "--leg-length", f"{walk.leg_length_m:.3f}"]
    result = runner.invoke(
        app, [*args, "--group", "parkinson", "--previous", "7.0", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    assert d["line_from"] == "leg-length" and d["uncertainty_s"] > 2 / 30
    assert d["interpretation"]["band"] == "risk" and d["interpretation"]["talk_to_physio"]
    assert d["change"]["mdc_s"] == 2.13 and d["change"]["change_s"] < 0


def test_the_detected_frames_can_be_moved_before_the_time_is_taken(walk, walk_csv):
    args = ["balance", str(walk_csv), *lines(walk), "--format", "json"]
    end = walk.end_frame + 9
    d = json.loads(runner.invoke(app, [*args, "--end-frame", str(end)]).stdout)
    assert d["end"]["frame"] == end and d["moved_by_hand"] is True
    assert d["duration_s"] == pytest.approx((end - d["start"]["frame"]) / 30, abs=0.011)
    text = runner.invoke(app, ["balance", str(walk_csv), *lines(walk), "--start-frame", "20"])
    assert "moved by hand" in text.stdout


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            ["--start-frame", "90", "--end-frame", "40"],
            "--end-frame 40 must come after --start-frame 90",
        ),
        (["--end-frame", "5"], "must come after the start"),
        (["--end-frame", "99999"], "not in the clip"),
        (["--start-frame", "x"], "--start-frame must be a frame number"),
    ],
)
def test_end_before_start_and_other_bad_frames_are_refused(walk, walk_csv, extra, message):
    result = runner.invoke(app, ["balance", str(walk_csv), *lines(walk), *extra])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and message in result.stderr


def test_a_backward_walk_played_in_reverse_is_refused(walk, tmp_path):
    path = write_csv(reverse_in_time(walk.series), tmp_path / "forward.csv")
    result = runner.invoke(app, ["balance", str(path), *lines(walk)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no backward movement")
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--start-line", "100"], "give both --start-line and --end-line"),
        ([], "give either --start-line and --end-line, or --leg-length"),
        (["--start-line", "abc", "--end-line", "5"], "--start-line must be an x position"),
        (["--leg-length", "tall"], "--leg-length must be a length in metres"),
        (["--leg-length", "3"], "leg length 3 m is not plausible"),
        (["--leg-length", "0.9", "--group", "martian"], "--group must be one of"),
        (["--leg-length", "0.9", "--previous", "200"], "--previous: 200.00 s is longer than 60 s"),
        (
            ["--leg-length", "0.9", "--previous", "0"],
            "--previous: a trial time must be more than 0 s",
        ),
        (["--leg-length", "0.9", "--fps", "-3"], "--fps must be a positive number"),
    ],
)
def test_bad_options_get_one_error_line(walk_csv, extra, message):
    result = runner.invoke(app, ["balance", str(walk_csv), *extra])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"Error: {message}")
    assert result.stderr.count("\n") == 1


def test_missing_inputs_get_one_error_line(tmp_path):
    for name in ("nothere.csv", "nothere.mp4"):
        result = runner.invoke(app, ["balance", str(tmp_path / name), "--leg-length", "0.9"])
        assert result.exit_code == 1
        assert "no such file" in result.stderr


def test_a_file_that_is_not_a_video_is_a_clear_error(tmp_path):
    fake = tmp_path / "test.mp4"
    fake.write_bytes(b"not a video at all")
    result = runner.invoke(app, ["balance", str(fake), "--leg-length", "0.9"])
    assert result.exit_code == 1
    assert "Error: test.mp4: not a video file" in result.stderr
    assert "Traceback" not in result.output
