"""``backstride analyze`` and ``backstride video keypoints`` end to end, on real files."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from typer.testing import CliRunner

import backstride.cli.video_commands  # noqa: F401  (registers the commands)
from backstride.cli import app
from backstride.gait.io import read_keypoints
from backstride.video.decode import iter_frames

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def analysed(walking_clip, tmp_path_factory):
    out = tmp_path_factory.mktemp("analyze") / "walk-report"
    result = run("analyze", walking_clip, "--out", out)
    return result, out


def test_analyze_writes_the_four_outputs_and_says_what_it_found(analysed):
    result, out = analysed
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == ["annotated.mp4", "keypoints.csv", "report.html", "report.json"]
    assert "written to" in result.output and "frames in" in result.output
    # No temporary folder is left next to the output.
    assert sorted(p.name for p in out.parent.iterdir()) == ["walk-report"]


def test_report_json_is_the_gait_json_plus_the_video_facts(analysed, clip_frames):
    _, out = analysed
    doc = json.loads((out / "report.json").read_text())
    assert {"locomotion", "cadence_spm", "contacts", "cues", "warnings"} <= set(doc)
    v = doc["video"]
    assert v["frames"] == len(clip_frames)
    assert v["fps"] == pytest.approx(30.0, rel=1e-3)
    assert v["duration_s"] == pytest.approx((len(clip_frames) - 1) / 30, abs=0.01)
    assert 0.9 * len(clip_frames) <= v["frames_with_person"] <= len(clip_frames)
    assert v["processing_s"] > 0
    assert {"scan_s", "decode_s", "pose_s", "proxy_s", "analysis_s", "render_s"} == set(
        v["timings_s"]
    )


def test_report_html_is_self_contained_with_cues_plots_and_key_frames(analysed):
    _, out = analysed
    page = (out / "report.html").read_text()
    # Nothing is fetched: no external src/href/url() (SVG xmlns names are not fetches).
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert not re.search(r"url\((?!#)", page)  # only in-page references such as url(#clip)
    assert "@import" not in page and "<script" not in page
    assert page.count("<svg") == 3  # trunk lean, joint angles, foot strike
    assert "data:image/jpeg;base64," in page
    assert "What to keep, what to change" in page
    assert "name='viewport'" in page


def test_the_annotated_video_has_every_frame_of_the_clip(analysed, clip_frames):
    _, out = analysed
    assert sum(1 for _ in iter_frames(out / "annotated.mp4", max_side=160)) == len(clip_frames)


def test_the_keypoints_csv_reads_back_with_the_gait_reader(analysed):
    _, out = analysed
    series = read_keypoints(out / "keypoints.csv")
    assert len(series.joints) == 33
    hips = (series.joint("left_hip") + series.joint("right_hip")) / 2
    ok = np.isfinite(hips[:, 0])
    assert hips[ok][0, 0] - hips[ok][-1, 0] > 300  # she walks right to left


@pytest.mark.parametrize("suffix", [".csv", ".trc"])
def test_video_keypoints_writes_csv_or_trc_that_read_back(walking_clip, tmp_path, suffix):
    out = tmp_path / f"walk{suffix}"
    result = run("video", "keypoints", walking_clip, "--out", out, "--max-seconds", "1")
    assert result.exit_code == 0, result.output
    series = read_keypoints(out)
    assert series.n_frames > 20
    assert np.nanmax(series.times_s) <= 1.0 + 1e-6
    assert np.isfinite(series.joint("left_ankle")).all()
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_video_keypoints_refuses_other_extensions(walking_clip, tmp_path):
    result = run("video", "keypoints", walking_clip, "--out", tmp_path / "k.json")
    assert result.exit_code == 1
    assert "--out must end in .csv or .trc" in result.output


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("text", "not a video file that can be read"),
        ("empty", "the file is empty (0 bytes)"),
        ("truncated", "the video is cut short"),
        ("audio", "has no video track"),
        ("nobody", "no person was found in the video"),
        ("missing", "no such file"),
    ],
)
def test_bad_input_is_one_error_line_and_nothing_in_the_output_folder(
    bad_files, audio_only, no_person_clip, tmp_path, kind, message
):
    files = {**bad_files, "audio": audio_only, "nobody": no_person_clip}
    files["missing"] = tmp_path / "missing.mp4"
    out = tmp_path / "out"
    result = run("analyze", files[kind], "--out", out)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1 and message in lines[0]
    assert "Traceback" not in result.output
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--person", "tallest", "--person must be one of moves, left, right, largest"),
        ("--max-seconds", "abc", "--max-seconds must be a positive number of seconds"),
        ("--max-seconds", "-3", "--max-seconds must be a positive number of seconds"),
        (
            "--slowmo",
            "fast",
            "--slowmo must be a factor from 1 to 64, e.g. 4 for 120 fps played at 30",
        ),
        (
            "--slowmo",
            "0.5",
            "--slowmo must be a factor from 1 to 64, e.g. 4 for 120 fps played at 30",
        ),
    ],
)
def test_bad_option_values_get_one_error_line_not_a_usage_box(
    walking_clip, tmp_path, option, value, message
):
    result = run("analyze", walking_clip, "--out", tmp_path / "out", option, value)
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Error: {message} (got '{value}')"]
    assert not (tmp_path / "out").exists()
