"""Pose extraction on the real demo: the walking woman is followed, not the man on the box."""

from __future__ import annotations

import numpy as np
import pytest

from backstride.gait.consts import MEDIAPIPE_JOINTS
from backstride.video.backends import BackendUnavailable, make_backend
from backstride.video.backends.mediapipe_backend import MediaPipePose
from backstride.video.decode import VideoError, iter_frames
from backstride.video.extract import extract_keypoints

from .conftest import CLIP_SECONDS


@pytest.fixture(scope="module")
def walk(walking_clip):
    return extract_keypoints(walking_clip)


@pytest.fixture(scope="module")
def walk_reversed(reversed_clip):
    return extract_keypoints(reversed_clip)


def hips(series) -> np.ndarray:
    return (series.joint("left_hip") + series.joint("right_hip")) / 2


def test_the_walker_is_followed_across_the_lawn_from_right_to_left(walk):
    h = hips(walk)
    ok = np.isfinite(h[:, 0])
    assert ok.mean() > 0.9
    # In the 960 x 540 clip she crosses from x ~ 650 to ~ 250 within 3 s.
    assert h[ok][0, 0] - h[ok][-1, 0] > 300
    assert np.all(np.diff(h[ok][::10, 0]) < 0)  # steadily leftwards, never back
    # Her hips stay on the lawn (lower part of the picture); the man on the box has his
    # hips near y = 0.28 of the height, so a jump to him would show here.
    assert np.nanmin(h[:, 1]) > 0.55 * 540


def test_her_size_in_pixels_is_consistent_from_frame_to_frame(walk):
    nose_y = walk.joint("nose")[:, 1]
    ankle_y = np.fmax(walk.joint("left_ankle")[:, 1], walk.joint("right_ankle")[:, 1])
    height = (ankle_y - nose_y)[np.isfinite(ankle_y - nose_y)]
    median = np.median(height)
    # About 350 of 994 px in the original (0.35 of the picture), 190 px here.
    assert 0.28 * 540 < median < 0.42 * 540
    assert np.mean(np.abs(height / median - 1) < 0.15) > 0.9


def test_keypoints_are_the_33_mediapipe_joints_in_pixels_of_the_frame(walk):
    assert walk.joints == MEDIAPIPE_JOINTS
    xy = walk.xy[np.isfinite(walk.xy[..., 0])]
    assert xy[:, 0].min() >= -20 and xy[:, 0].max() <= 980
    assert xy[:, 1].min() >= 0 and xy[:, 1].max() <= 560
    assert np.all(np.diff(walk.times_s) > 0)
    assert walk.fps == pytest.approx(30.0, rel=0.01)


def test_the_video_facts_are_recorded_in_meta(walk, clip_frames):
    m = walk.video
    assert (m.image_width, m.image_height) == (960, 540)
    assert m.fps == pytest.approx(30.0, rel=1e-3)
    assert m.frames == len(clip_frames) == round(CLIP_SECONDS * 30) + 1
    assert m.frames_with_person >= 0.9 * walk.n_frames
    assert m.people_seen >= 1 and m.person == "moves"
    assert list(m.warnings) == []
    assert m.processing_s > 0
    assert set(m.timings_s) == {"scan_s", "decode_s", "pose_s", "proxy_s", "total_s"}


def test_the_same_walk_reversed_in_time_goes_left_to_right_through_the_same_places(
    walk, walk_reversed
):
    hf, hr = hips(walk), hips(walk_reversed)
    ok = np.isfinite(hr[:, 0])
    assert hr[ok][-1, 0] - hr[ok][0, 0] > 300
    # Reversed time t is forward time T - t: the hip is in the same place (within 15 px).
    end = walk.video.duration_s
    back_t = end - walk_reversed.times_s
    fwd_x = np.interp(back_t, walk.times_s, hf[:, 0], left=np.nan, right=np.nan)
    diff = np.abs(fwd_x - hr[:, 0])
    assert np.nanmedian(diff) < 15


def test_person_left_follows_the_man_on_the_box_instead(walking_clip):
    man = extract_keypoints(walking_clip, person="left")
    h = hips(man)
    # He stands on the box at the left: hips high in the picture, hardly moving sideways.
    assert np.nanmax(h[:, 1]) < 0.35 * 540
    assert np.nanmax(h[:, 0]) - np.nanmin(h[:, 0]) < 60
    assert man.video.person == "left" and man.video.people_seen >= 2


def test_a_video_with_nobody_in_it_is_a_clear_error(no_person_clip):
    with pytest.raises(VideoError, match="no person was found in the video"):
        extract_keypoints(no_person_clip)


def test_the_backend_finds_33_landmarks_with_visibility_in_a_real_frame(walking_clip):
    frame = next(f for f in iter_frames(walking_clip) if f.index == 45)
    backend = make_backend("mediapipe", tracking=False)
    try:
        pose = backend.detect(frame.image)
    finally:
        backend.close()
    assert pose is not None
    assert pose.xy.shape == (33, 2) and pose.score.shape == (33,)
    assert pose.score.min() >= 0 and pose.score.max() <= 1


def test_models_that_would_need_a_download_are_refused_with_a_reason():
    with pytest.raises(BackendUnavailable, match="would need a download"):
        MediaPipePose(model_complexity=2)
    with pytest.raises(BackendUnavailable, match="unknown pose backend 'openpose'"):
        make_backend("openpose")
