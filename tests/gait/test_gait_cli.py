"""``backstride gait analyze``: JSON and text output, plots, and one-line errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from backstride.cli import _register, app
from backstride.gait.io import write_csv
from backstride.gait.validation.synthetic import GaitSpec, generate
from tests.gait.engine_helpers import real_openpose_dir

_register()
runner = CliRunner()


@pytest.fixture(scope="module")
def backward_csv(tmp_path_factory):
    series, _ = generate(GaitSpec(duration_s=6, noise_px=1.0, shoulder_check_interval_s=2.5))
    return write_csv(series, tmp_path_factory.mktemp("kp") / "backward.csv")


def test_json_output_follows_the_contract(backward_csv):
    result = runner.invoke(app, ["gait", "analyze", str(backward_csv), "--format", "json"])
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    assert d["locomotion"] == {"direction": "backward", "gait": "run"}
    assert abs(d["cadence_spm"] - 170.0) < 1.7
    assert d["contacts"] and d["toe_offs"] and d["shoulder_checks"]
    assert {c["cue"] for c in d["cues"]} >= {"posture", "foot_strike", "cadence", "direction"}


def test_text_output_is_a_readable_summary(backward_csv):
    result = runner.invoke(app, ["gait", "analyze", str(backward_csv)])
    assert result.exit_code == 0, result.output
    assert "backward run" in result.stdout
    assert "Form cues" in result.stdout and "foot_strike" in result.stdout


def test_out_folder_gets_report_and_plots_in_png_and_svg(backward_csv, tmp_path):
    out = tmp_path / "report"
    result = runner.invoke(app, ["gait", "analyze", str(backward_csv), "--out", str(out)])
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    for stem in ("joint_angles", "foot_strike", "trunk_lean"):
        assert {f"{stem}.png", f"{stem}.svg"} <= names
        assert (out / f"{stem}.png").read_bytes()[:4] == b"\x89PNG"
    report = json.loads((out / "report.json").read_text())
    assert report["locomotion"]["direction"] == "backward"


def test_real_openpose_folder_with_fps_is_analysed():
    folder = real_openpose_dir()
    result = runner.invoke(app, ["gait", "analyze", str(folder), "--fps", "30", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["locomotion"] == {"direction": "forward", "gait": "run"}


def _one_line_error(result) -> str:
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def test_empty_file_is_a_one_line_error(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("")
    _one_line_error(runner.invoke(app, ["gait", "analyze", str(path)]))


def test_wrong_columns_are_a_one_line_error(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("a,b,c\n1,2,3\n")
    _one_line_error(runner.invoke(app, ["gait", "analyze", str(path)]))


def test_missing_file_is_a_one_line_error(tmp_path):
    _one_line_error(runner.invoke(app, ["gait", "analyze", str(tmp_path / "nope.csv")]))


def test_two_frames_per_second_is_refused_with_the_reason(tmp_path):
    series, _ = generate(GaitSpec(duration_s=6, fps=2.0))
    path = write_csv(series, tmp_path / "slow.csv")
    line = _one_line_error(runner.invoke(app, ["gait", "analyze", str(path)]))
    assert "fps" in line


def test_a_person_standing_still_is_refused(tmp_path):
    series, _ = generate(GaitSpec(duration_s=4))
    series.xy[:] = series.xy[:1]
    path = write_csv(series, tmp_path / "still.csv")
    line = _one_line_error(runner.invoke(app, ["gait", "analyze", str(path)]))
    assert "no steps found" in line


def test_negative_fps_is_refused(backward_csv):
    _one_line_error(runner.invoke(app, ["gait", "analyze", str(backward_csv), "--fps", "-3"]))


def test_a_missing_frame_rate_names_the_option_only_on_the_command_line():
    from backstride.gait.io import read_keypoints
    from backstride.gait.keypoints import KeypointError

    folder = real_openpose_dir()
    with pytest.raises(KeypointError) as err:
        read_keypoints(folder)
    assert err.value.parameter == "fps" and "--" not in str(err.value)
    line = _one_line_error(runner.invoke(app, ["gait", "analyze", str(folder)]))
    assert line == f"Error: {err.value} (--fps)"
