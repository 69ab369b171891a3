"""Choosing the person: linking sightings into tracks and the --person rules, by hand."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from backstride.gait.keypoints import InputError
from backstride.video.backends import PersonFound
from backstride.video.tracking import (
    PersonChoice,
    Sighting,
    TargetPath,
    Track,
    choose_track,
    crop_around,
    link_tracks,
    search_tiles,
    search_windows,
)


def sighting(t: float, cx: float, cy: float = 500.0, h: float = 300.0) -> Sighting:
    return Sighting(time_s=t, box=(cx - 50, cy - h / 2, cx + 50, cy + h / 2), center=(cx, cy))


def test_a_sighting_puts_the_detectors_window_answer_back_in_original_pixels():
    # Found in a window starting at x=300 of a frame shrunk by half.
    person = PersonFound(center=(50.0, 200.0), box=(20.0, 100.0, 80.0, 300.0), score=0.9)
    s = Sighting.from_found(1.5, person, offset=(300.0, 0.0), scale=0.5)
    assert s.time_s == 1.5
    assert s.box == pytest.approx((640.0, 200.0, 760.0, 600.0))
    assert s.center == pytest.approx((700.0, 400.0))
    assert s.height == pytest.approx(400.0)


def test_a_walker_and_a_person_exercising_on_the_spot_become_two_tracks():
    samples = []
    for k in range(6):
        t = k / 3
        walker = sighting(t, 1500 - 300 * t)  # 1 body height per second to the left
        exerciser = sighting(t, 400 + (20 if k % 2 else -20), cy=250, h=200)
        samples.append((t, [walker, exerciser]))
    tracks = link_tracks(samples)
    assert len(tracks) == 2
    walker, exerciser = sorted(tracks, key=lambda tr: -tr.median_x)
    assert len(walker.sightings) == len(exerciser.sightings) == 6
    # 5 steps of 100 px = 500 px = 5/3 body heights (300 px).
    assert walker.travel_bh() == pytest.approx(500 / 300)
    # 5 jumps of 40 px on a 200 px person = 1 body height.
    assert exerciser.travel_bh() == pytest.approx(1.0)
    assert choose_track(tracks, "moves") is walker


def test_someone_appearing_far_away_right_after_the_walker_leaves_is_a_new_track():
    samples = [(k / 3, [sighting(k / 3, 1200 - 300 * k / 3)]) for k in range(4)]
    samples.append((4 / 3, [sighting(4 / 3, 1500)]))  # against the walker's motion
    tracks = link_tracks(samples)
    assert [len(tr.sightings) for tr in tracks] == [4, 1]


def test_a_person_who_grows_to_more_than_twice_the_size_is_not_the_same_track():
    samples = [(0.0, [sighting(0.0, 500, h=100)]), (0.2, [sighting(0.2, 510, h=250)])]
    assert len(link_tracks(samples)) == 2


def test_a_track_not_seen_for_longer_than_the_gap_is_closed():
    samples = [(0.0, [sighting(0.0, 500)]), (1.5, [sighting(1.5, 500)])]
    assert len(link_tracks(samples, max_gap_s=1.0)) == 2
    assert len(link_tracks(samples, max_gap_s=2.0)) == 1


def test_person_left_right_and_largest_pick_by_median_position_and_height():
    left = Track([sighting(0, 300, h=200), sighting(1, 320, h=200)])
    right = Track([sighting(0, 1400, h=250), sighting(1, 1390, h=250)])
    big = Track([sighting(0, 800, h=400), sighting(1, 800, h=400)])
    tracks = [left, big, right]
    assert choose_track(tracks, "left") is left
    assert choose_track(tracks, "right") is right
    assert choose_track(tracks, "largest") is big


def test_a_person_seen_once_is_ignored_when_someone_is_seen_twice():
    flicker = Track([sighting(0, 100, h=900)])
    steady = Track([sighting(0, 800), sighting(1, 810)])
    assert choose_track([flicker, steady], "largest") is steady
    assert choose_track([flicker], "largest") is flicker


def test_a_brief_passer_by_is_not_chosen_by_position():
    walker = Track([sighting(k / 2, 900 - 50 * k) for k in range(10)])
    passer = Track([sighting(4.0, 1800), sighting(4.5, 1850)])  # 2 < 30 % of 10 sightings
    assert choose_track([walker, passer], "right") is walker


def test_an_unknown_person_choice_and_no_tracks_are_clear_errors():
    with pytest.raises(ValueError, match="person must be one of moves, left, right, largest"):
        choose_track([Track([sighting(0, 1)])], "tallest")
    with pytest.raises(ValueError, match="no person was found"):
        choose_track([], "moves")


def test_the_target_path_interpolates_boxes_and_ends_a_little_after_the_last_sighting():
    path = TargetPath(np.array([1.0, 2.0]), np.array([[0, 0, 10, 20], [100, 10, 110, 30]]), 0.25)
    assert path.box_at(1.5) == pytest.approx((50, 5, 60, 25))
    assert path.box_at(0.8) == pytest.approx((0, 0, 10, 20))  # held before the first
    assert path.box_at(0.7) is None
    assert path.box_at(2.25) == pytest.approx((100, 10, 110, 30))
    assert path.box_at(2.3) is None


def test_the_crop_adds_margins_in_body_heights_and_stays_inside_the_frame():
    # Person 200 px tall: 0.4 * 200 = 80 px at the sides, 0.2 * 200 = 40 px above and below.
    assert crop_around((500, 300, 600, 500), 1920, 1080) == (420, 260, 680, 540)
    assert crop_around((10, 5, 110, 205), 1920, 1080) == (0, 0, 190, 245)


def test_wide_frames_are_searched_in_overlapping_square_windows():
    # 16:9 at 1280 px: windows 1.1 x 720 = 792 wide; two cover 1280 with 304 px overlap.
    assert search_windows(1280, 720) == [(0, 792), (488, 1280)]
    assert search_windows(960, 540) == [(0, 594), (366, 960)]
    assert search_windows(720, 1280) == [(0, 720)]  # portrait: the whole picture
    # A 6:1 panorama: 550 px windows every 408.3 px (2450 / 6).
    starts = [x0 for x0, _ in search_windows(3000, 500)]
    assert starts == [0, 408, 817, 1225, 1633, 2042, 2450]


@given(w=st.integers(10, 8000), h=st.integers(10, 4000))
def test_search_windows_cover_the_width_and_overlap_by_a_fifth(w, h):
    windows = search_windows(w, h)
    assert windows[0][0] == 0 and windows[-1][1] == w
    for (a0, a1), (b0, _) in pairwise(windows):
        assert b0 > a0 and a1 - b0 >= 0.2 * (a1 - a0) - 1


def test_the_close_up_search_uses_overlapping_square_tiles_in_rows_and_columns():
    # 297 px tiles (0.55 x 540): 4 columns at 0, 221, 442, 663 (663 / 3) and 3 rows at
    # 0, 122, 243 (243 / 2 = 121.5, rounded to even).
    tiles = search_tiles(960, 540, 297)
    assert len(tiles) == 12
    assert tiles[:4] == [
        (0, 0, 297, 297),
        (221, 0, 518, 297),
        (442, 0, 739, 297),
        (663, 0, 960, 297),
    ]
    assert tiles[-1] == (663, 243, 960, 540)
    assert search_tiles(200, 100, 297) == [(0, 0, 200, 100)]  # tile larger than the picture


@given(w=st.integers(10, 4000), h=st.integers(10, 3000), share=st.floats(0.2, 1.0))
def test_close_up_tiles_cover_the_picture_and_overlap_by_a_fifth(w, h, share):
    side = max(1, round(share * min(w, h)))
    tiles = search_tiles(w, h, side)
    xs = sorted({(x0, x1) for x0, _, x1, _ in tiles})
    ys = sorted({(y0, y1) for _, y0, _, y1 in tiles})
    assert xs[0][0] == 0 and xs[-1][1] == w and ys[0][0] == 0 and ys[-1][1] == h
    for spans in (xs, ys):
        for (a0, a1), (b0, _) in pairwise(spans):
            assert b0 > a0 and a1 - b0 >= 0.2 * (a1 - a0) - 1
    assert len(tiles) == len(xs) * len(ys)


boxes = st.tuples(
    st.floats(-500, 2500), st.floats(-500, 1500), st.floats(1, 800), st.floats(1, 800)
).map(lambda b: (b[0], b[1], b[0] + b[2], b[1] + b[3]))


@given(box=boxes, w=st.integers(1, 4000), h=st.integers(1, 3000))
def test_any_crop_is_a_non_empty_region_inside_the_frame(box, w, h):
    x0, y0, x1, y1 = crop_around(box, w, h)
    assert 0 <= x0 < x1 <= w
    assert 0 <= y0 < y1 <= h


@given(
    st.lists(
        st.lists(st.tuples(st.floats(0, 1900), st.floats(100, 900)), max_size=3),
        min_size=1,
        max_size=12,
    )
)
def test_linking_keeps_every_sighting_exactly_once_and_in_time_order(per_sample):
    samples = [
        (k * 0.2, [sighting(k * 0.2, x, h=h) for x, h in people])
        for k, people in enumerate(per_sample)
    ]
    tracks = link_tracks(samples)
    assert sum(len(tr.sightings) for tr in tracks) == sum(len(p) for p in per_sample)
    for tr in tracks:
        assert np.all(np.diff(tr.times_s) > 0)  # never two sightings of one sample


def test_a_person_choice_is_read_once_whatever_its_case_and_refused_without_an_option_name():
    assert PersonChoice(" Left ") is PersonChoice.LEFT
    assert PersonChoice(PersonChoice.MOVES) is PersonChoice.MOVES
    with pytest.raises(InputError) as err:
        PersonChoice("tallest")
    assert err.value.parameter == "person"
    assert str(err.value) == "person must be one of moves, left, right, largest (got 'tallest')"
