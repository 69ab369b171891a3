"""Plain data for an imported watch activity, whatever file format it came from.

FIT, GPX and TCX readers all produce these, so matching and the web preview never look
at a file format. Times are aware UTC datetimes; units are in the field names.
Distances and speeds are ``None`` when the file does not know them (a treadmill run
without a foot pod, a GPX track without points), never a made-up zero.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field


class ActivityError(ValueError):
    """A file that cannot be read as an activity; the message is meant for a person."""


@dataclass(frozen=True)
class Lap:
    """One lap as the watch recorded it; with a structured workout, one per step."""

    start: dt.datetime
    duration_s: float
    distance_m: float | None = None
    avg_speed_kmh: float | None = None
    avg_hr: float | None = None
    name: str | None = None
    intensity: str | None = None  # FIT lap intensity: active, rest, warmup, cooldown ...
    step_index: int | None = None  # FIT wkt_step_index: which workout step the lap ran


@dataclass(frozen=True)
class Activity:
    """One recorded session; a file may hold several (multi-sport FIT, many GPX tracks)."""

    source_format: str  # "fit", "gpx" or "tcx"
    sport: str
    start: dt.datetime
    duration_s: float
    distance_m: float | None
    laps: tuple[Lap, ...] = ()
    has_gps: bool = False
    device: str | None = None
    name: str | None = None
    file_name: str | None = None  # the uploaded file (or zip member) it came from
    # Problems that did not stop the read (bad checksum, truncated end): shown to the person.
    warnings: tuple[str, ...] = field(default=())

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(seconds=self.duration_s)


def utc(value: dt.datetime) -> dt.datetime:
    """Aware UTC; naive times from files are taken as UTC, which FIT and GPX specify."""
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def kmh(distance_m: float | None, duration_s: float) -> float | None:
    """Average speed, or None when either figure is missing or zero."""
    if distance_m is None or duration_s <= 0:
        return None
    return round(distance_m / duration_s * 3.6, 2)


def fingerprint(activity: Activity) -> str:
    """A stable hash of what was recorded, independent of the file that carried it.

    Start to the second, duration and distance to the metre/second, sport and lap count:
    the same activity uploaded alone, inside a zip, or renamed gives the same hash, so
    a re-import is recognised; two different sessions never share a start second.
    """
    parts = (
        activity.source_format,
        activity.start.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S"),
        str(round(activity.duration_s)),
        str(round(activity.distance_m or 0.0)),
        activity.sport,
        str(len(activity.laps)),
    )
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()
