"""Decoding: real timestamps, rotation, shrinking, sampling, and every kind of bad file."""

from __future__ import annotations

from fractions import Fraction

import av
import numpy as np
import pytest

from backstride.video.decode import (
    Frame,
    VideoError,
    fit_within,
    iter_frames,
    prefetched,
    probe,
    upright,
)

from .conftest import write_video


def test_the_demo_header_is_read_as_30_fps_vp9_1768_by_994(demo):
    info = probe(demo)
    assert (info.width, info.height) == (1768, 994)
    assert info.fps_nominal == pytest.approx(30.0)
    assert info.frames_declared == 230
    assert info.codec == "vp9"
    assert info.rotation_deg == 0


def test_frame_times_are_the_presentation_times_starting_at_zero(demo):
    frames = list(iter_frames(demo, max_seconds=1.0, max_side=320))
    # 0, 1/30, ..., 30/30: 31 frames up to and including 1.0 s.
    assert len(frames) == 31
    assert [f.index for f in frames] == list(range(31))
    np.testing.assert_allclose([f.time_s for f in frames], np.arange(31) / 30, atol=1e-6)


def test_sampling_every_half_second_converts_only_those_frames(demo):
    frames = list(iter_frames(demo, max_seconds=2.0, every_s=0.5, max_side=320))
    assert [f.index for f in frames] == [0, 15, 30, 45, 60]
    np.testing.assert_allclose([f.time_s for f in frames], [0.0, 0.5, 1.0, 1.5, 2.0], atol=1e-6)


def test_large_frames_are_shrunk_by_the_decoder_with_their_scale(demo):
    frame = next(iter_frames(demo, max_side=884))
    assert frame.image.shape == (497, 884, 3)
    assert frame.scale == pytest.approx(0.5)
    full = next(iter_frames(demo))
    assert full.image.shape == (994, 1768, 3) and full.scale == 1.0


def test_variable_frame_rate_keeps_the_real_uneven_timestamps(tmp_path):
    times = [0.0, 0.033, 0.1, 0.12, 0.2, 0.35, 0.4]
    frames = [np.full((64, 96, 3), 20 * i, np.uint8) for i in range(len(times))]
    path = write_video(tmp_path / "vfr.mp4", frames, times)
    got = [f.time_s for f in iter_frames(path)]
    np.testing.assert_allclose(got, times, atol=0.0015)


def test_a_portrait_phone_clip_is_turned_upright_from_its_display_matrix(tmp_path):
    path = tmp_path / "portrait.mp4"
    out = av.open(str(path), mode="w")
    stream = out.add_stream("libx264", rate=30)
    stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
    stream.set_display_rotation(-90)  # what a phone held upright writes
    for i in range(5):
        img = np.zeros((48, 64, 3), np.uint8)
        img[:10, :20] = 255  # white block in the stored top-left corner
        frame = av.VideoFrame.from_ndarray(img, format="rgb24")
        frame.pts, frame.time_base = i, Fraction(1, 30)
        for packet in stream.encode(frame):
            out.mux(packet)
    for packet in stream.encode():
        out.mux(packet)
    out.close()

    info = probe(path)
    assert (info.width, info.height, info.rotation_deg) == (48, 64, 90)
    image = next(iter_frames(path)).image
    assert image.shape == (64, 48, 3)
    ys, xs = np.nonzero(image[..., 0] > 128)
    # A quarter turn clockwise moves the top-left block to the top-right corner.
    assert (ys.min(), ys.max(), xs.min(), xs.max()) == (0, 19, 38, 47)


def test_upright_turns_counter_clockwise_by_quarter_turns():
    a = np.arange(6).reshape(2, 3)
    assert upright(a, 0) is a
    np.testing.assert_array_equal(upright(a, 1), [[2, 5], [1, 4], [0, 3]])
    np.testing.assert_array_equal(upright(a, 3), [[3, 0], [4, 1], [5, 2]])
    np.testing.assert_array_equal(upright(a, -1), upright(a, 3))


def test_fit_within_leaves_small_images_alone_and_shrinks_large_ones():
    small = np.zeros((100, 50, 3), np.uint8)
    same, scale = fit_within(small, 640)
    assert same is small and scale == 1.0
    big, scale = fit_within(np.zeros((1000, 2000, 3), np.uint8), 500)
    assert big.shape == (250, 500, 3) and scale == 0.25


def test_a_reversed_copy_of_the_walk_decodes_with_increasing_times(reversed_clip, clip_frames):
    frames = list(iter_frames(reversed_clip))
    assert len(frames) == len(clip_frames)
    times = np.array([f.time_s for f in frames])
    assert np.all(np.diff(times) > 0)
    assert times[-1] == pytest.approx((len(frames) - 1) / 30, abs=0.002)


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("text", "not a video file that can be read"),
        ("empty", "the file is empty (0 bytes)"),
        ("truncated", "the video is cut short: 63 of 230 frames"),
    ],
)
def test_bad_files_fail_with_a_one_line_reason(bad_files, kind, message):
    with pytest.raises(VideoError) as err:
        list(iter_frames(bad_files[kind], max_side=320))
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_a_file_cut_before_its_index_is_reported_as_unreadable(demo, tmp_path):
    head = tmp_path / "head.mp4"
    head.write_bytes(demo.read_bytes()[:2000])  # the index (moov) itself is cut
    with pytest.raises(VideoError, match="not a video file that can be read"):
        probe(head)


def test_an_audio_only_file_is_refused_as_having_no_video_track(audio_only):
    with pytest.raises(VideoError, match=r"has no video track \(it contains audio\)"):
        list(iter_frames(audio_only))


def test_a_missing_file_and_a_folder_are_named_as_such(tmp_path):
    with pytest.raises(VideoError, match="no such file"):
        probe(tmp_path / "nope.mp4")
    with pytest.raises(VideoError, match="is a folder"):
        probe(tmp_path)


def test_max_seconds_must_be_positive(demo):
    with pytest.raises(VideoError, match="positive"):
        next(iter_frames(demo, max_seconds=0))


def test_read_ahead_gives_the_same_frames_in_the_same_order(demo):
    direct = [(f.index, f.time_s) for f in iter_frames(demo, max_seconds=0.5, max_side=160)]
    ahead = [
        (f.index, f.time_s) for f in prefetched(iter_frames(demo, max_seconds=0.5, max_side=160))
    ]
    assert ahead == direct and len(ahead) == 16


def test_read_ahead_hands_decoding_errors_to_the_reader_after_the_good_frames():
    def source():
        yield Frame(0, 0.0, np.zeros((2, 2, 3), np.uint8))
        yield Frame(1, 0.1, np.zeros((2, 2, 3), np.uint8))
        raise VideoError("clip.mp4: the video is damaged")

    got = []
    with pytest.raises(VideoError, match="damaged"):
        for f in prefetched(source()):
            got.append(f.index)
    assert got == [0, 1]


def test_stopping_early_closes_the_source_and_keeps_at_most_depth_frames_ahead():
    produced = []
    closed = []

    def source():
        try:
            for i in range(1000):
                produced.append(i)
                yield Frame(i, i / 30, np.zeros((2, 2, 3), np.uint8))
        finally:
            closed.append(True)

    for f in prefetched(source(), depth=4):
        if f.index == 2:
            break
    assert closed == [True]
    # 3 consumed + at most 4 buffered + 1 waiting to be put.
    assert len(produced) <= 8


@pytest.mark.parametrize(
    ("suffix", "codec"),
    [(".mp4", "libx264"), (".mkv", "libx264"), (".avi", "mpeg4"), (".webm", "libvpx-vp9")],
)
def test_common_containers_and_codecs_decode_with_their_timestamps(tmp_path, suffix, codec):
    path = tmp_path / f"clip{suffix}"
    out = av.open(str(path), mode="w")
    stream = out.add_stream(codec, rate=25)
    stream.width, stream.height, stream.pix_fmt = 96, 64, "yuv420p"
    for i in range(10):
        frame = av.VideoFrame.from_ndarray(np.full((64, 96, 3), 25 * i, np.uint8), "rgb24")
        frame.pts, frame.time_base = i, Fraction(1, 25)
        for packet in stream.encode(frame):
            out.mux(packet)
    for packet in stream.encode():
        out.mux(packet)
    out.close()
    frames = list(iter_frames(path))
    assert len(frames) == 10
    np.testing.assert_allclose([f.time_s for f in frames], np.arange(10) / 25, atol=1e-3)
    assert frames[0].image.shape == (64, 96, 3)


def test_a_240_fps_slow_motion_clip_keeps_its_4_ms_frame_spacing(tmp_path):
    frames = [np.full((48, 64, 3), 10 * i, np.uint8) for i in range(24)]
    path = write_video(tmp_path / "slowmo.mp4", frames, fps=240)
    times = [f.time_s for f in iter_frames(path)]
    np.testing.assert_allclose(times, np.arange(24) / 240, atol=2e-5)
    assert probe(path).fps_nominal == pytest.approx(240)
