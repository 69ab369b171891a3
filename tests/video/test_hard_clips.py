"""Clips that go wrong in real life: the person leaves, is far away, the file is long,
or the run is interrupted. Each clip is made here from the demo with OpenCV/PyAV."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from backstride.video import extract, pipeline
from backstride.video.decode import VideoError, iter_frames
from backstride.video.extract import absent_spans, clip_limit, extract_keypoints
from backstride.video.pipeline import analyze_video
from backstride.video.render import Contact, render_annotated

from .conftest import write_video


def in_corner(frames: list[np.ndarray], share: float) -> list[np.ndarray]:
    """Each frame shrunk to ``share`` of its size in the lower right of a black canvas."""
    h, w = frames[0].shape[:2]
    sw, sh = round(w * share) // 2 * 2, round(h * share) // 2 * 2
    out = []
    for img in frames:
        canvas = np.zeros_like(img)
        canvas[h - sh :, w - sw :] = cv2.resize(img, (sw, sh), interpolation=cv2.INTER_AREA)
        out.append(canvas)
    return out


@pytest.fixture(scope="module")
def leaves_at_2s(clip_frames, tmp_path_factory):
    """The walking clip with everything from 2.0 s on blacked out (frames 60-90)."""
    frames = [img if i < 60 else np.zeros_like(img) for i, img in enumerate(clip_frames)]
    return write_video(tmp_path_factory.mktemp("hard") / "leaves.mp4", frames)


# -- absent stretches ----------------------------------------------------------------


def test_absent_spans_are_the_stretches_without_the_person_of_half_a_second_or_more():
    times = np.arange(20) / 10  # 0.0 .. 1.9 s at 10 fps
    found = np.ones(20, dtype=bool)
    found[0:6] = False  # 0.0-0.5 s: 6 frames = 0.6 s, reported
    found[9:11] = False  # 0.9-1.0 s: 0.2 s, a blink, not reported
    found[15:] = False  # 1.5-1.9 s: 5 frames = 0.5 s, reported
    spans = absent_spans(times, found)
    assert np.allclose(spans, [(0.0, 0.5), (1.5, 1.9)])
    assert absent_spans(times, np.ones(20, dtype=bool)) == []
    assert absent_spans(np.zeros(0), np.zeros(0, dtype=bool)) == []


@given(st.lists(st.booleans(), min_size=1, max_size=60), st.floats(0.05, 1.0))
def test_every_absent_span_is_a_whole_run_of_missing_frames_long_enough(flags, min_s):
    found = np.array(flags)
    times = np.arange(found.size) / 10
    for a, b in absent_spans(times, found, min_s=min_s):
        i, j = round(a * 10), round(b * 10)
        assert not found[i : j + 1].any()
        assert i == 0 or found[i - 1]
        assert j == found.size - 1 or found[j + 1]
        assert (j - i + 1) / 10 >= min_s - 1e-9


def test_someone_walking_out_of_the_picture_is_reported_and_only_the_visible_part_is_used(
    leaves_at_2s,
):
    series = extract_keypoints(leaves_at_2s)
    m = series.video
    # The last frame with her is at 1.97 s; the scan samples every 0.5 s, so her path
    # may end up to half a second early, never later.
    assert 1.4 <= series.times_s[-1] < 2.0
    assert m.person_span_s[1] == pytest.approx(series.times_s[-1], abs=1e-3)
    (start, end), *_ = m.absent_spans_s
    assert 1.4 < start <= 2.0 and end == pytest.approx(3.0)
    warning = next(w for w in m.warnings if w.startswith("nobody to analyse"))
    assert f"{start:.1f}-3.0 s" in warning
    assert f"only 0.0-{series.times_s[-1]:.1f} s" in warning


# -- a person far away ---------------------------------------------------------------


@pytest.mark.slow  # the close-up scan of a small person: 4-12 s on the shared machine
def test_a_small_person_is_found_by_the_close_up_scan_with_a_warning(clip_frames, tmp_path):
    # She is about 190 of 540 px tall in the clip; at 0.4 x about 76 px, 14 %.
    video = write_video(tmp_path / "far.mp4", in_corner(clip_frames, 0.4))
    series = extract_keypoints(video)
    assert 60 < series.video.person_height_px < 0.15 * 540
    assert any("small in the picture" in w for w in series.video.warnings)
    # She is in the lower right corner, where the shrunk clip is.
    hip_x = np.nanmedian(series.joint("left_hip")[:, 0])
    assert hip_x > 960 * 0.6


def test_a_person_too_small_to_follow_is_a_clear_error(clip_frames, tmp_path):
    # At 0.3 x she is about 57 px tall (11 %): seen by the scan, lost by the pose model.
    video = write_video(tmp_path / "tiny.mp4", in_corner(clip_frames, 0.3))
    with pytest.raises(VideoError, match=r"too small in the picture to follow \(about \d+ of 540"):
        extract_keypoints(video)


# -- long videos ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("duration", "asked", "used", "warned"),
    [
        (600.0, None, 120.0, True),
        (600.0, 30.0, 30.0, False),
        (600.0, 900.0, 900.0, False),
        (60.0, None, None, False),
        (120.0, None, None, False),
    ],
)
def test_long_videos_are_cut_at_two_minutes_unless_asked_otherwise(duration, asked, used, warned):
    limit, warning = clip_limit(duration, asked)
    assert limit == used
    assert (warning is not None) == warned
    if warned:
        assert warning.startswith("the video is 10.0 min long; only the first 120 s")


def test_a_cut_video_is_cut_in_the_keypoints_and_the_annotated_video_alike(
    walking_clip, tmp_path, monkeypatch
):
    monkeypatch.setattr(extract, "LONG_VIDEO_S", 1.5)  # the 3 s clip counts as long
    result = analyze_video(walking_clip, tmp_path / "out", html=False)
    v = result.to_dict()["video"]
    assert v["max_seconds"] == 1.5
    assert v["frames"] == 46  # frames at 0, 1/30, ... 1.5 s
    assert result.series.times_s[-1] <= 1.5
    assert any("only the first 1.5 s were analysed" in w for w in result.to_dict()["warnings"])
    assert sum(1 for _ in iter_frames(tmp_path / "out" / "annotated.mp4", max_side=160)) == 46


# -- interrupted runs ----------------------------------------------------------------


class Stop(Exception):
    """Raised from the progress callback to interrupt a run part-way."""


@pytest.mark.parametrize("stage", ["extracting pose", "drawing video"])
@pytest.mark.parametrize("exc", [KeyboardInterrupt, Stop])
def test_an_interrupted_run_leaves_neither_output_nor_temporary_folder(
    walking_clip, tmp_path, stage, exc
):
    threads_before = cv2.getNumThreads()
    seen_threads = []

    def progress(name: str, done: int, total: int | None) -> None:
        seen_threads.append(cv2.getNumThreads())
        if name == stage and done == 20:
            raise exc("stop")

    out = tmp_path / "out"
    with pytest.raises(exc):
        analyze_video(walking_clip, out, progress=progress, max_seconds=1.5)
    assert list(tmp_path.iterdir()) == []
    # OpenCV ran on one thread during the run and got its setting back afterwards.
    assert set(seen_threads) == {1}
    assert cv2.getNumThreads() == threads_before


# -- large videos: annotated.mp4 drawn on the pose pass's shrunk copy -------------------


@pytest.mark.slow  # a 1080p clip analysed and drawn twice: 6-15 s on the shared machine
def test_a_large_video_is_drawn_from_the_shrunk_copy_at_the_right_places(
    clip_frames, tmp_path, monkeypatch
):
    big = [cv2.resize(f, (1920, 1080), interpolation=cv2.INTER_LINEAR) for f in clip_frames[:60]]
    video = write_video(tmp_path / "big.mp4", big)
    monkeypatch.setattr(pipeline, "PROXY_MIN_PIXELS", 1920 * 1080 - 1)
    result = analyze_video(video, tmp_path / "out", html=False)
    assert result.to_dict()["video"]["timings_s"]["proxy_s"] > 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "annotated.mp4",
        "keypoints.csv",
        "report.json",
    ]
    # The same contacts as the pipeline drew: their text lines cover a few % of the frame.
    contacts = [Contact(c.time_s, c.foot, c.strike or "") for c in result.report.contacts]
    direct = render_annotated(video, result.series, tmp_path / "direct.mp4", contacts=contacts)
    a = [f.image for f in iter_frames(tmp_path / "out" / "annotated.mp4")]
    b = [f.image for f in iter_frames(direct)]
    assert len(a) == len(b) == 60 and a[0].shape == b[0].shape == (540, 960, 3)
    # Same skeleton at the same places: only re-encoding noise differs (measured 0.05 %
    # of pixels more than 80 levels apart); a skeleton drawn just 2 % off scale gives 0.6 %.
    far = [np.mean(np.abs(x.astype(int) - y).max(axis=2) > 80) for x, y in zip(a, b, strict=True)]
    assert np.mean(far) < 0.002


def test_a_clip_of_the_legs_alone_says_the_model_needs_head_and_trunk(clip_frames, tmp_path):
    # Hips to feet only (the lower 160 of 540 rows): MediaPipe finds a body now and then,
    # too seldom for a gait. Either the run is refused or it gives no figure that needs
    # steps, and either way it says why (which of the two depends on a frame or two).
    legs = [cv2.resize(f[380:540], (960, 160)) for f in clip_frames]
    video = write_video(tmp_path / "legs.mp4", legs)
    try:
        doc = analyze_video(video, tmp_path / "out", workers=1, html=False).to_dict()
    except ValueError as refused:
        assert "legs.mp4: the person could be followed for only" in str(refused)
        assert "needs the head and trunk in the picture" in str(refused)
        assert not (tmp_path / "out").exists()
        return
    assert doc["cadence_spm"] is None
    assert all(c["verdict"] in (None, "watch") for c in doc["cues"])
    assert any("needs the head and trunk in the picture" in w for w in doc["warnings"])
