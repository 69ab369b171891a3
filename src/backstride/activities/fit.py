"""FIT activities read with fitdecode.

A FIT file is a stream of messages; what we need sits in a few of them: ``session``
(sport, start, totals), ``lap`` (one per lap, one per workout step on a watch running a
structured workout), ``record`` (only to tell whether there was GPS) and ``file_id`` /
``device_info`` (the device name). A file cut short or with a bad checksum still yields
whatever sessions were complete, with a warning, because the person's run is in there;
a file with no session at all is refused.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from dataclasses import dataclass, field
from typing import Any

import fitdecode

from backstride.activities.models import Activity, ActivityError, Lap, kmh, utc

FIT_MAGIC = b".FIT"


def looks_like_fit(data: bytes) -> bool:
    """FIT files carry ``.FIT`` at byte 8 of a 12- or 14-byte header."""
    return len(data) >= 12 and data[8:12] == FIT_MAGIC


# The reader's words for a file cut short; the web import refuses such a file outright
# (it would log a session shorter than the one done), so it looks for this warning.
ENDS_EARLY = "the file ends early (it may not have finished copying)"


@dataclass
class _Collected:
    sessions: list[dict[str, Any]] = field(default_factory=list)
    laps: list[dict[str, Any]] = field(default_factory=list)
    file_type: str | None = None
    device: str | None = None
    gps_points: int = 0
    records: int = 0
    problems: list[str] = field(default_factory=list)


def _fields(frame: fitdecode.FitDataMessage) -> dict[str, Any]:
    return {f.name: f.value for f in frame.fields if f.value is not None}


def _device(values: dict[str, Any]) -> str | None:
    maker = values.get("manufacturer")
    product = values.get("garmin_product") or values.get("product_name") or values.get("product")
    parts = [str(p) for p in (maker, product) if p is not None]
    return " ".join(parts) or None


def _collect(data: bytes) -> _Collected:
    found = _Collected()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            reader = fitdecode.FitReader(
                io.BytesIO(data),
                check_crc=fitdecode.CrcCheck.WARN,
                error_handling=fitdecode.ErrorHandling.WARN,
            )
            for frame in reader:
                if isinstance(frame, fitdecode.FitDataMessage):
                    _take(found, frame)
        except fitdecode.FitEOFError:
            found.problems.append(ENDS_EARLY)
        except fitdecode.FitHeaderError:
            found.problems.append("the file is damaged after its first part")
        # fitdecode raises a handful of unrelated types on damaged bytes (struct,
        # index, unicode, value errors); any of them means "this part is unreadable".
        except Exception:
            found.problems.append("part of the file could not be decoded")
    if any("CRC" in str(w.message) for w in caught):
        found.problems.append("its checksum does not match (the file may be damaged)")
    return found


def _take(found: _Collected, frame: fitdecode.FitDataMessage) -> None:
    name = frame.name
    if name == "session":
        found.sessions.append(_fields(frame))
    elif name == "lap":
        found.laps.append(_fields(frame))
    elif name == "record":
        found.records += 1
        if frame.has_field("position_lat") and frame.get_value("position_lat") is not None:
            found.gps_points += 1
    elif name == "file_id":
        values = _fields(frame)
        found.file_type = str(values.get("type")) if values.get("type") is not None else None
        found.device = found.device or _device(values)
    elif name == "device_info":
        values = _fields(frame)
        if str(values.get("device_index")) == "creator":
            found.device = _device(values) or found.device


def _number(values: dict[str, Any], *names: str) -> float | None:
    for name in names:
        value = values.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    return None


def _time(values: dict[str, Any], name: str) -> dt.datetime | None:
    value = values.get(name)
    return utc(value) if isinstance(value, dt.datetime) else None


def _lap(values: dict[str, Any]) -> Lap | None:
    start = _time(values, "start_time")
    duration = _number(values, "total_timer_time", "total_elapsed_time")
    if start is None or duration is None:
        return None
    distance = _number(values, "total_distance")
    speed = _number(values, "enhanced_avg_speed", "avg_speed")
    step = values.get("wkt_step_index")
    return Lap(
        start=start,
        duration_s=duration,
        distance_m=distance or None,
        avg_speed_kmh=round(speed * 3.6, 2) if speed else kmh(distance or None, duration),
        avg_hr=_number(values, "avg_heart_rate"),
        name=str(values["lap_name"]) if values.get("lap_name") else None,
        intensity=str(values["intensity"]) if values.get("intensity") is not None else None,
        step_index=step if isinstance(step, int) else None,
    )


def _activity(session: dict[str, Any], laps: list[Lap], found: _Collected) -> Activity | None:
    start = _time(session, "start_time")
    duration = _number(session, "total_timer_time", "total_elapsed_time")
    if start is None or duration is None or duration < 0:
        return None
    end = start + dt.timedelta(seconds=duration)
    mine = tuple(lap for lap in laps if start - dt.timedelta(seconds=1) <= lap.start <= end)
    sport = session.get("sport")
    distance = _number(session, "total_distance")
    return Activity(
        source_format="fit",
        sport=str(sport) if sport is not None else "generic",
        start=start,
        duration_s=duration,
        distance_m=distance or None,
        laps=mine,
        has_gps=found.gps_points > 0,
        device=found.device,
        name=str(session["sport_profile_name"]) if session.get("sport_profile_name") else None,
        warnings=tuple(found.problems),
    )


def read_fit(data: bytes, name: str = "file") -> list[Activity]:
    """Activities in one FIT file; raises ActivityError when there is none to import."""
    if not looks_like_fit(data):
        raise ActivityError(f"{name} is not a FIT file.")
    found = _collect(data)
    if found.file_type == "workout":
        raise ActivityError(
            f"{name} is a planned workout, not a recorded activity: import the file the "
            "watch saved after the session."
        )
    laps = [lap for lap in (_lap(v) for v in found.laps) if lap is not None]
    laps.sort(key=lambda lap: lap.start)
    activities = [a for a in (_activity(s, laps, found) for s in found.sessions) if a]
    if not activities:
        why = f" ({found.problems[0]})" if found.problems else ""
        raise ActivityError(f"{name} holds no recorded session that could be read{why}.")
    return activities
