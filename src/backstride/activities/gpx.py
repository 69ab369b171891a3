"""GPX tracks read with gpxpy.

GPX knows points, not laps or sports, so each track with timed points becomes one
activity without laps (matched to a plan as a whole). Routes and bare waypoints carry
no duration and are refused with a reason.
"""

from __future__ import annotations

import gpxpy
import gpxpy.gpx

from backstride.activities._xml import looks_like, xml_text
from backstride.activities.models import Activity, ActivityError, utc

MIN_SECONDS = 1.0
MAX_SECONDS = 48 * 3600.0


def looks_like_gpx(data: bytes) -> bool:
    return looks_like(data, b"gpx")


def _track(track: gpxpy.gpx.GPXTrack, creator: str | None) -> Activity | None:
    points = [p for seg in track.segments for p in seg.points]
    times = [p.time for p in points if p.time is not None]
    if len(times) < 2:
        return None
    start, end = min(times), max(times)
    # Moving time would hide pauses; the log book wants the time the session took.
    duration = (end - start).total_seconds()
    if not MIN_SECONDS <= duration <= MAX_SECONDS:
        # Placeholder times (every point stamped alike) or a track spanning days:
        # either way not one session.
        return None
    length = track.length_2d()
    return Activity(
        source_format="gpx",
        sport=(track.type or "generic").strip().lower() or "generic",
        start=utc(start),
        duration_s=duration,
        distance_m=round(length, 1) if length else None,
        laps=(),
        has_gps=True,
        device=creator,
        name=track.name or None,
    )


def read_gpx(data: bytes, name: str = "file") -> list[Activity]:
    """One activity per timed track; raises ActivityError when there is none."""
    text = xml_text(data, name, "GPX")
    try:
        parsed = gpxpy.parse(text)
    # gpxpy raises its own GPXException, but also ValueError/TypeError from its field
    # converters on odd values; all mean the same to the person.
    except Exception as exc:
        raise ActivityError(f"{name} is not a readable GPX file ({_short(exc)}).") from None
    try:
        activities = [a for a in (_track(t, parsed.creator) for t in parsed.tracks) if a]
    # Odd times (mixed naive and aware points) make gpxpy fail while measuring.
    except Exception as exc:
        raise ActivityError(
            f"{name} has track points gpxpy cannot measure ({_short(exc)})."
        ) from None
    if not activities:
        raise ActivityError(
            f"{name} has no track with usable times (a planned route, waypoints only, "
            "or placeholder times), so there is no session to import."
        )
    return activities


def _short(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]
