"""annotated.mp4: skeleton colours, contact markers, live figures, and no half-written file."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from backstride.gait.consts import MEDIAPIPE_JOINTS
from backstride.gait.keypoints import KeypointSeries
from backstride.video.decode import VideoError, iter_frames, probe
from backstride.video.render import Contact, _draw, live_figures, render_annotated, text_size

from .conftest import write_video

GREY = 120
POSE = {
    "left_shoulder": (250, 100),
    "right_shoulder": (250, 100),
    "left_hip": (200, 200),
    "right_hip": (300, 200),
    "left_knee": (200, 300),
    "left_ankle": (300, 300),
    "left_heel": (290, 310),
    "right_knee": (300, 300),
    "right_ankle": (300, 400),
}


def pose_series(times_s) -> KeypointSeries:
    n = len(times_s)
    xy = np.full((n, len(MEDIAPIPE_JOINTS), 2), np.nan)
    score = np.zeros((n, len(MEDIAPIPE_JOINTS)))
    for name, p in POSE.items():
        xy[:, MEDIAPIPE_JOINTS.index(name)] = p
        score[:, MEDIAPIPE_JOINTS.index(name)] = 0.9
    return KeypointSeries(np.asarray(times_s, float), xy, score, MEDIAPIPE_JOINTS, {"fps": 30.0})


def test_live_figures_are_trunk_lean_and_knee_angles_in_degrees():
    fig = live_figures(pose_series([0.0]))
    # Hip centre (250, 200) to shoulder centre (250, 100): upright, 0 deg.
    assert fig["trunk lean"][0] == pytest.approx(0.0)
    # Left: thigh straight down, shank straight forward -> 90 deg. Right: straight leg.
    assert fig["L knee"][0] == pytest.approx(90.0)
    assert fig["R knee"][0] == pytest.approx(180.0)


def test_trunk_lean_is_the_tilt_of_the_hip_to_shoulder_line():
    s = pose_series([0.0])
    s.xy[0, MEDIAPIPE_JOINTS.index("left_shoulder")] = (350, 100)
    s.xy[0, MEDIAPIPE_JOINTS.index("right_shoulder")] = (350, 100)
    # Shoulders 100 px ahead of the hips over 100 px of height: 45 deg.
    assert live_figures(s)["trunk lean"][0] == pytest.approx(45.0)


@pytest.fixture
def grey_video(tmp_path):
    frames = [np.full((480, 640, 3), GREY, np.uint8) for _ in range(20)]
    return write_video(tmp_path / "grey.mp4", frames)


def patch(img: np.ndarray, x: int, y: int) -> np.ndarray:
    return img[y - 1 : y + 2, x - 1 : x + 2].reshape(-1, 3).mean(axis=0)


def test_the_skeleton_is_drawn_left_orange_right_blue_only_where_keypoints_exist(
    grey_video, tmp_path
):
    times = np.arange(5, 15) / 30  # keypoints for frames 5..14 only
    keyframes: dict[float, np.ndarray] = {}
    contact = Contact(time_s=8 / 30, side="left", strike="heel")
    out = render_annotated(
        grey_video, pose_series(times), tmp_path / "a.mp4", contacts=[contact], keyframes=keyframes
    )
    frames = list(iter_frames(out))
    assert len(frames) == 20
    np.testing.assert_allclose([f.time_s for f in frames], np.arange(20) / 30, atol=1e-4)

    drawn = frames[10].image
    r, g, b = patch(drawn, 200, 250)  # middle of the left thigh
    assert r > 190 and b < 80  # orange (255, 140, 0)
    r, g, b = patch(drawn, 300, 350)  # middle of the right shank
    assert b > 190 and r < 90  # blue (40, 120, 255)
    # Frame 2 has no keypoints: it stays the plain grey picture.
    assert np.abs(frames[2].image.astype(int) - GREY).max() < 12

    # The left heel contact at frame 8 shows a yellow ring (radius 12 px) for 0.3 s.
    r, g, b = patch(frames[9].image, 290 + 12, 310)
    assert r > 190 and g > 190 and b < 90
    r, g, b = patch(frames[4 + 14].image, 290 + 12, 310)  # after the series ends
    assert abs(r - GREY) < 12 and abs(b - GREY) < 12
    # The drawn frame at the contact is handed back for the report.
    assert list(keyframes) == [8 / 30]
    # Cropped around the drawn joints (x 200-300, y 100-400) with 0.3 * 300 = 90 px
    # around: x 110-390, y 10-480 (the frame's bottom edge).
    assert keyframes[8 / 30].shape == (470, 280, 3)


def test_large_videos_are_drawn_shrunk_to_max_side(grey_video, tmp_path):
    out = render_annotated(grey_video, pose_series([0.1]), tmp_path / "s.mp4", max_side=320)
    info = probe(out)
    assert (info.width, info.height) == (320, 240)


def test_a_failed_render_leaves_no_file_behind(tmp_path):
    bad = tmp_path / "bad.mp4"
    bad.write_text("not a video")
    with pytest.raises(VideoError):
        render_annotated(bad, pose_series([0.0]), tmp_path / "out.mp4")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.mp4"]


@pytest.mark.parametrize("background", [0, 128, 255])
@pytest.mark.parametrize("size", [(720, 1280), (1280, 720), (360, 640)])
def test_the_figures_in_the_corner_are_readable_on_any_background(background, size):
    """Dark band and outline: the bright letters sit on a dark band on a white, grey or
    black picture; the text is 3 % of the shorter side tall, so it
    stays legible when a phone shows the video small."""
    img = np.full((*size, 3), background, dtype=np.uint8)
    series = pose_series([0.0])
    figures = {k: float(v[0]) for k, v in live_figures(series).items()}
    _draw(img, np.full((33, 2), np.nan), np.zeros(33), series.joints, 1.0, [], figures)
    font, weight = text_size(img)
    (_, cap), _ = cv2.getTextSize("H", cv2.FONT_HERSHEY_DUPLEX, font, weight)
    assert cap >= 0.028 * min(size)
    corner = img[: 8 * cap, : 25 * cap].max(axis=2)  # the figures' block, top left
    changed = np.abs(corner.astype(int) - background) > 30
    rows, cols = np.flatnonzero(changed.any(axis=1)), np.flatnonzero(changed.any(axis=0))
    block = corner[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    assert (block > 200).sum() > 50 * cap  # bright letters: three lines of text
    # Around the letters the picture is dark (the band), whatever it was before.
    assert np.median(block) < 100
