"""Two processes on one video give what one process gives (backstride.video.parallel).

The second process starts its share of the pose pass half a second early so that its
tracker has settled by the seam; the gait engine must see the same walk either way:
foot contacts within one frame and cadence within 0.5 %.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from backstride.video import pipeline
from backstride.video.decode import VideoError, iter_frames
from backstride.video.parallel import Helper
from backstride.video.pipeline import analyze_video
from backstride.video.render import join_mp4, render_annotated

from .conftest import write_video
from .test_render import pose_series


def test_a_video_read_in_two_parts_gives_the_frames_it_gives_whole(walking_clip):
    whole = list(iter_frames(walking_clip, max_side=320))
    cut = whole[len(whole) // 2].time_s
    parts = list(iter_frames(walking_clip, max_side=320, end_s=cut)) + list(
        iter_frames(walking_clip, max_side=320, start_s=cut)
    )
    assert [f.index for f in parts] == [f.index for f in whole]
    np.testing.assert_allclose([f.time_s for f in parts], [f.time_s for f in whole])
    assert all(np.array_equal(a.image, b.image) for a, b in zip(parts, whole, strict=True))
    # Samples lie on a fixed grid, so the two parts sample the frames the whole does.
    sampled = [f.time_s for f in iter_frames(walking_clip, every_s=0.5, max_side=160)]
    halves = [
        f.time_s
        for span in ({"end_s": cut}, {"start_s": cut})
        for f in iter_frames(walking_clip, every_s=0.5, max_side=160, **span)
    ]
    assert halves == sampled


def test_the_annotated_video_drawn_in_two_processes_is_one_whole_video(walking_clip, tmp_path):
    frames = list(iter_frames(walking_clip, max_side=320))
    series = pose_series([f.time_s for f in frames])
    one = render_annotated(walking_clip, series, tmp_path / "one.mp4", max_side=320)
    helper = Helper.start()
    try:
        two = render_annotated(
            walking_clip,
            series,
            tmp_path / "two.mp4",
            max_side=320,
            helper=helper,
            split_s=frames[len(frames) // 2].time_s,
        )
    finally:
        helper.close()
    a, b = list(iter_frames(one)), list(iter_frames(two))
    assert len(a) == len(b) == len(frames)
    np.testing.assert_allclose([f.time_s for f in b], [f.time_s for f in frames], atol=1e-4)
    # Both are lossy encodings of the same drawing; the second half starts on a key
    # frame of its own, so its first frames differ by a few grey levels at most.
    diff = [
        np.abs(x.image.astype(int) - y.image.astype(int)).mean() for x, y in zip(a, b, strict=True)
    ]
    assert max(diff) < 5
    assert not list(tmp_path.glob(".*part*"))  # the two halves were removed
    assert not mp.active_children()  # the helper process has ended


def test_parts_encoded_differently_are_not_joined(walking_clip, tmp_path):
    series = pose_series([0.0])
    small = render_annotated(walking_clip, series, tmp_path / "a.mp4", max_side=320)
    large = render_annotated(walking_clip, series, tmp_path / "b.mp4", max_side=480)
    with pytest.raises(ValueError, match="encoded differently"):
        join_mp4([small, large], tmp_path / "joined.mp4")


def test_an_error_in_the_second_process_is_one_clear_line(bad_files, tmp_path):
    out = tmp_path / "report"
    with pytest.raises(VideoError) as err:
        analyze_video(bad_files["truncated"], out, workers=2)
    assert "the video is cut short" in str(err.value)
    assert "\n" not in str(err.value)
    assert not out.exists() and not list(tmp_path.glob(".report*"))
    assert not mp.active_children()


@pytest.mark.slow
def test_two_processes_find_the_contacts_and_cadence_of_one_on_the_demo(demo, tmp_path):
    one = analyze_video(demo, tmp_path / "one", workers=1)
    two = analyze_video(demo, tmp_path / "two", workers=2)
    assert not mp.active_children()
    frame_s = 1.0 / one.facts.fps
    a = [(c.foot, c.time_s) for c in one.report.contacts]
    b = [(c.foot, c.time_s) for c in two.report.contacts]
    assert len(a) == len(b) >= 6
    for (foot_a, t_a), (foot_b, t_b) in zip(a, b, strict=True):
        assert foot_a == foot_b
        assert abs(t_a - t_b) <= frame_s + 1e-6
    assert one.report.cadence_spm is not None and two.report.cadence_spm is not None
    assert abs(two.report.cadence_spm / one.report.cadence_spm - 1) <= 0.005
    assert two.report.direction == one.report.direction
    # The same frames, the same facts, the same files.
    np.testing.assert_array_equal(one.series.times_s, two.series.times_s)
    for key in ("frames", "frames_with_person", "people_seen", "person_span_s"):
        assert getattr(one.facts, key) == getattr(two.facts, key)
    assert sorted(p.name for p in one.files) == sorted(p.name for p in two.files)
    drawn = [list(iter_frames(r.files[0].parent / "annotated.mp4")) for r in (one, two)]
    assert len(drawn[0]) == len(drawn[1]) == one.facts.frames


@pytest.mark.slow
def test_a_large_video_in_two_processes_is_drawn_from_both_parts_of_the_copy(
    clip_frames, tmp_path, monkeypatch
):
    """Above 1440p each process writes its part of the shrunk copy; the second part's
    timestamps start mid-video and must stay so in annotated.mp4."""
    video = write_video(tmp_path / "big.mp4", (cv2.resize(f, (1920, 1080)) for f in clip_frames))
    monkeypatch.setattr(pipeline, "PROXY_MIN_PIXELS", 1920 * 1080 - 1)
    result = analyze_video(video, tmp_path / "out", html=False, workers=2)
    assert result.facts.timings_s["proxy_s"] > 0
    drawn = list(iter_frames(tmp_path / "out" / "annotated.mp4"))
    # The second part's start passes through the MP4 edit list (millisecond clock):
    # within 1 ms, a thirtieth of a frame.
    np.testing.assert_allclose(
        [f.time_s for f in drawn], [f.time_s for f in iter_frames(video)], atol=1e-3
    )
    assert drawn[0].image.shape == (540, 960, 3)
    assert not list(tmp_path.glob(".out*")) and not mp.active_children()


# Run in a fresh interpreter: whether the helper may be a fork depends on what the
# process has done before (another test's pose graph rules a fork out).
_HELPER_METHODS = """
import sys, threading
from backstride.video.backends import make_backend
from backstride.video.decode import iter_frames
from backstride.video.extract import no_progress, scan_span
from backstride.video.parallel import Helper

path = sys.argv[1]
options = dict(tile_share=None, every_s=1.0, max_seconds=None, scan_max_side=320)
expected = [f.time_s for f in iter_frames(path, every_s=1.0, max_side=320)]

def run_in_helper():
    helper = Helper.start()
    try:
        task = helper.submit(scan_span, path, backend="mediapipe", progress_offset=0, **options)
        samples = helper.wait(task, no_progress, "x", None)
        assert [t for t, _ in samples] == expected, samples
        assert any(found for _, found in samples), "nobody found in the helper"
        return helper.method
    finally:
        helper.close()

methods = [run_in_helper()]
stop = threading.Event()
other = threading.Thread(target=stop.wait)
other.start()
methods.append(run_in_helper())
stop.set()
other.join()
make_backend("mediapipe", tracking=True).close()
methods.append(run_in_helper())
print(" ".join(methods))
"""


@pytest.mark.skipif("fork" not in mp.get_all_start_methods(), reason="no fork on this system")
def test_the_helper_is_a_fork_only_before_any_thread_or_pose_graph(walking_clip):
    """A fork starts with the libraries loaded (no import to pay); with a second thread
    running (a lock it holds would be copied locked) or after a pose graph has run here
    (MediaPipe then aborts in the copy), the helper is a fresh process, and works too."""
    done = subprocess.run(
        [sys.executable, "-c", _HELPER_METHODS, str(walking_clip)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["fork", "spawn", "spawn"]


@pytest.mark.slow
def test_the_command_with_its_forked_helper_finds_what_one_process_finds(demo, tmp_path):
    """``backstride analyze`` in a fresh process forks its helper (no pose graph has run
    there yet); its report must match one process: contacts within one frame, cadence
    within 0.5 %."""
    cli = Path(sys.executable).with_name("backstride")
    done = subprocess.run(
        [str(cli), "analyze", str(demo), "--out", str(tmp_path / "cli")],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    two = json.loads((tmp_path / "cli" / "report.json").read_text())
    one = analyze_video(demo, tmp_path / "one", workers=1, annotated=False, html=False)
    frame_s = 1.0 / one.facts.fps
    assert len(two["contacts"]) == len(one.report.contacts) >= 6
    for c2, c1 in zip(two["contacts"], one.report.contacts, strict=True):
        assert c2["foot"] == c1.foot
        assert abs(c2["time_s"] - c1.time_s) <= frame_s + 1e-3  # report.json rounds
    assert abs(two["cadence_spm"] / one.report.cadence_spm - 1) <= 0.005
    assert two["video"]["frames"] == one.facts.frames
