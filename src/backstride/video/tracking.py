"""Choose the one person to analyse when several are in the picture.

MediaPipe Pose returns a single person per image, and in tracking mode it keeps
whoever it found first, which in a park or on a treadmill row is often the wrong one.
So we look at a sparse sample of frames first (a few per second), find *everyone*
in each with MediaPipe's person detector alone (masking out each person found and
asking again), link those sightings into tracks, and choose a track:

- ``moves`` (default): the person who travels furthest sideways, in body heights.
  Gait is sustained travel; someone exercising on the spot or passing briefly
  travels less. Each step between samples is capped, so a jump or a swapped
  detection cannot win on its own.
- ``left`` / ``right``: the person furthest to that side of the picture (median).
- ``largest``: the tallest person in the picture (median), i.e. the nearest.

The chosen track becomes a :class:`TargetPath`: where that person's box is at any
time, which the extractor uses to crop each frame around them only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from backstride.gait.keypoints import InputError
from backstride.video.backends import PeopleDetector, PersonFound


class PersonChoice(StrEnum):
    """Whom to follow (see the module docstring). ``PersonChoice(text)`` is the one
    check of a choice: it takes any case and surrounding spaces, and refuses anything
    else with a sentence for the person (an ``InputError`` on ``person``)."""

    MOVES = "moves"
    LEFT = "left"
    RIGHT = "right"
    LARGEST = "largest"

    @classmethod
    def _missing_(cls, value: object) -> PersonChoice:
        text = value.strip().lower() if isinstance(value, str) else None
        for choice in cls:
            if choice.value == text:
                return choice
        raise InputError(
            f"person must be one of {', '.join(PERSON_CHOICES)} (got {value!r})", "person"
        )


PERSON_CHOICES: tuple[str, ...] = tuple(choice.value for choice in PersonChoice)

_GRAY = 127


@dataclass
class Sighting:
    """One person found in one sampled frame, in original-frame pixels."""

    time_s: float
    box: tuple[float, float, float, float]
    center: tuple[float, float]

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]

    @classmethod
    def from_found(
        cls,
        time_s: float,
        person: PersonFound,
        offset: tuple[float, float] = (0.0, 0.0),
        scale: float = 1.0,
    ) -> Sighting:
        """Build from the person detector's answer for a window at ``offset`` of an
        image shrunk by ``scale``."""
        dx, dy = offset
        x0, y0, x1, y1 = person.box
        box = ((x0 + dx) / scale, (y0 + dy) / scale, (x1 + dx) / scale, (y1 + dy) / scale)
        cx, cy = person.center
        return cls(time_s=time_s, box=box, center=((cx + dx) / scale, (cy + dy) / scale))


def find_people(
    image: np.ndarray, detector: PeopleDetector, max_people: int = 3
) -> list[PersonFound]:
    """Everyone the detector can find in ``image``, by hiding each person once found.

    The detector mostly answers with the most prominent person only (a second one
    often scores below its threshold beside the first), so each person found is
    painted grey and the image searched again, until nobody more is found: one
    person costs two detector calls.
    """
    work = image.copy()
    h, w = work.shape[:2]
    found: list[PersonFound] = []
    for _ in range(max_people):
        people = detector.find(work)
        if not people:
            break
        for person in people[: max_people - len(found)]:
            x0, y0, x1, y1 = person.box
            pad = 0.08 * max(y1 - y0, x1 - x0, 1.0)
            ix0, iy0 = max(0, int(x0 - pad)), max(0, int(y0 - pad))
            ix1, iy1 = min(w, int(x1 + pad) + 1), min(h, int(y1 + pad) + 1)
            if ix1 > ix0 and iy1 > iy0:
                work[iy0:iy1, ix0:ix1] = _GRAY
            found.append(person)
        if len(found) >= max_people:
            break
    return found


def search_windows(width: int, height: int, overlap: float = 0.2) -> list[tuple[int, int]]:
    """Column ranges (x0, x1) of roughly square windows covering a wide picture.

    The person detector squeezes its whole input into 224 x 224 pixels, so in a 16:9
    frame an adult filmed from 5-10 m away shrinks to 40-50 pixels and is often missed.
    Square windows, overlapping by at least ``overlap`` of their width (enough to
    hold a whole person standing on the seam), keep people about 1.8 x larger.
    """
    if width <= 1.2 * height:
        return [(0, width)]
    win = min(width, round(1.1 * height))
    count = int(np.ceil((width - win) / ((1 - overlap) * win))) + 1
    starts = np.linspace(0, width - win, count).round().astype(int)
    return [(int(x0), int(x0) + win) for x0 in starts]


def search_tiles(
    width: int, height: int, side: int, overlap: float = 0.2
) -> list[tuple[int, int, int, int]]:
    """Square tiles (x0, y0, x1, y1) of ``side`` pixels covering the picture, overlapping
    by at least ``overlap`` of a tile: the close-up search for people too small to be
    found in :func:`search_windows` (each tile is squeezed into 224 px, not the frame).
    """

    def starts(length: int) -> np.ndarray:
        win = min(side, length)
        count = int(np.ceil(max(length - win, 0) / ((1 - overlap) * win))) + 1
        return np.linspace(0, length - win, count).round().astype(int)

    sx, sy = min(side, width), min(side, height)
    return [
        (int(x), int(y), int(x) + sx, int(y) + sy) for y in starts(height) for x in starts(width)
    ]


def find_everyone(
    time_s: float,
    image: np.ndarray,
    detector: PeopleDetector,
    scale: float = 1.0,
    tile_side: int | None = None,
) -> list[Sighting]:
    """Everyone in ``image`` as sightings in original-frame pixels (``image`` shrunk by
    ``scale``), searching each :func:`search_windows` window (or, with ``tile_side``,
    each :func:`search_tiles` tile) and merging the same person seen in two
    overlapping windows (hips within 0.3 body heights; the larger box, i.e. the less
    cut-off view, is kept).
    """
    h, w = image.shape[:2]
    if tile_side is None:
        windows = [(x0, 0, x1, h) for x0, x1 in search_windows(w, h)]
    else:
        windows = search_tiles(w, h, tile_side)
    found: list[Sighting] = []
    for x0, y0, x1, y1 in windows:
        window = np.ascontiguousarray(image[y0:y1, x0:x1])
        for person in find_people(window, detector):
            s = Sighting.from_found(time_s, person, (x0, y0), scale)
            same = [
                k
                for k, o in enumerate(found)
                if np.hypot(s.center[0] - o.center[0], s.center[1] - o.center[1])
                < 0.3 * max(s.height, o.height)
            ]
            if not same:
                found.append(s)
            elif s.height > found[same[0]].height:
                found[same[0]] = s
    return found


@dataclass
class Track:
    """Sightings believed to be the same person, in time order."""

    sightings: list[Sighting] = field(default_factory=list)

    @property
    def times_s(self) -> np.ndarray:
        return np.array([s.time_s for s in self.sightings])

    @property
    def median_height(self) -> float:
        return float(np.median([s.height for s in self.sightings]))

    @property
    def median_x(self) -> float:
        return float(np.median([s.center[0] for s in self.sightings]))

    def travel_bh(self, max_speed_bh_s: float = 3.0) -> float:
        """Sideways distance travelled, in body heights, each step capped at a fast run."""
        if len(self.sightings) < 2:
            return 0.0
        h = max(self.median_height, 1.0)
        x = np.array([s.center[0] for s in self.sightings]) / h
        dt = np.diff(self.times_s)
        return float(np.sum(np.minimum(np.abs(np.diff(x)), max_speed_bh_s * dt)))


def link_tracks(
    samples: list[tuple[float, list[Sighting]]],
    max_speed_bh_s: float = 3.0,
    max_gap_s: float = 1.0,
) -> list[Track]:
    """Link per-sample sightings into tracks by nearest predicted hip centre (greedy).

    A track with two or more sightings predicts its next position at constant
    velocity and accepts a sighting within ``0.4 + 1.5 * dt`` body heights of it; a new
    track (velocity unknown) accepts one within ``0.5 + max_speed * dt``. Sizes must
    agree within a factor of two, and a track seen more than ``max_gap_s`` ago is
    closed. This keeps two people who cross or follow each other apart.
    """
    tracks: list[Track] = []
    for t, sightings in samples:
        live = [tr for tr in tracks if t - tr.sightings[-1].time_s <= max_gap_s]
        pairs = []
        for i, s in enumerate(sightings):
            for j, tr in enumerate(live):
                dist, gate = _distance_to_prediction(tr, s, max_speed_bh_s)
                if dist <= gate:
                    pairs.append((dist, i, j))
        used_s: set[int] = set()
        used_t: set[int] = set()
        for _, i, j in sorted(pairs):
            if i in used_s or j in used_t:
                continue
            live[j].sightings.append(sightings[i])
            used_s.add(i)
            used_t.add(j)
        tracks.extend(Track([s]) for i, s in enumerate(sightings) if i not in used_s)
    return tracks


def _distance_to_prediction(tr: Track, s: Sighting, max_speed_bh_s: float) -> tuple[float, float]:
    """(distance, gate) in body heights between a sighting and where ``tr`` should be."""
    last = tr.sightings[-1]
    ratio = max(s.height, 1.0) / max(last.height, 1.0)
    if not 0.5 <= ratio <= 2.0:
        return np.inf, 0.0
    h = max(last.height, s.height, 1.0)
    dt = s.time_s - last.time_s
    px, py = last.center
    if len(tr.sightings) >= 2:
        prev = tr.sightings[-2]
        span = max(last.time_s - prev.time_s, 1e-6)
        px += (last.center[0] - prev.center[0]) / span * dt
        py += (last.center[1] - prev.center[1]) / span * dt
        gate = 0.4 + 1.5 * dt
    else:
        gate = 0.5 + max_speed_bh_s * dt
    return float(np.hypot(s.center[0] - px, s.center[1] - py) / h), gate


def choose_track(tracks: list[Track], person: PersonChoice | str = "moves") -> Track:
    """The track of the person to analyse (see the module docstring for the rules)."""
    person = PersonChoice(person)
    if not tracks:
        raise ValueError("no person was found in the video")
    longest = max(len(t.sightings) for t in tracks)
    # Ignore flickers and brief passers-by: a track needs 2 sightings and 30 % of the
    # longest track's, unless nobody is seen that often.
    pool = [t for t in tracks if len(t.sightings) >= min(longest, max(2, 0.3 * longest))]
    if person == "moves":
        return max(pool, key=lambda t: (t.travel_bh(), len(t.sightings)))
    if person == "left":
        return min(pool, key=lambda t: t.median_x)
    if person == "right":
        return max(pool, key=lambda t: t.median_x)
    return max(pool, key=lambda t: t.median_height)


@dataclass
class TargetPath:
    """Where the chosen person is between samples (linear in time), in frame pixels.

    ``pad_s`` extends the path a little before the first and after the last sighting,
    since the person was probably there between samples too.
    """

    times_s: np.ndarray
    boxes: np.ndarray  # (N, 4): x0, y0, x1, y1
    pad_s: float = 0.25

    @classmethod
    def from_track(cls, track: Track, pad_s: float = 0.25) -> TargetPath:
        return cls(track.times_s, np.array([s.box for s in track.sightings]), pad_s)

    def box_at(self, time_s: float) -> tuple[float, float, float, float] | None:
        if time_s < self.times_s[0] - self.pad_s or time_s > self.times_s[-1] + self.pad_s:
            return None
        x0, y0, x1, y1 = (
            float(np.interp(time_s, self.times_s, self.boxes[:, k])) for k in range(4)
        )
        return x0, y0, x1, y1


def crop_around(
    box: tuple[float, float, float, float],
    frame_w: int,
    frame_h: int,
    side_margin: float = 0.4,
    top_margin: float = 0.2,
) -> tuple[int, int, int, int]:
    """Integer crop (x0, y0, x1, y1) around a person box, margins in body heights.

    Always at least one pixel inside the frame, even for a box predicted off-screen.
    """
    x0, y0, x1, y1 = box
    h = max(y1 - y0, 1.0)
    cx0 = int(np.clip(np.floor(x0 - side_margin * h), 0, frame_w - 1))
    cy0 = int(np.clip(np.floor(y0 - top_margin * h), 0, frame_h - 1))
    cx1 = int(np.clip(np.ceil(x1 + side_margin * h), cx0 + 1, frame_w))
    cy1 = int(np.clip(np.ceil(y1 + top_margin * h), cy0 + 1, frame_h))
    return cx0, cy0, cx1, cy1
