"""TCX (Garmin Training Center) activities read with the standard library parser.

TCX has laps but no workout-step index, so its laps are matched to planned steps by
order. The document is checked by :func:`backstride.activities._xml.xml_text` first
(no DTD, no entities), which makes the stdlib parser safe to use here.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from backstride.activities._xml import looks_like, xml_text
from backstride.activities.models import Activity, ActivityError, Lap, kmh, utc

NS = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"


def looks_like_tcx(data: bytes) -> bool:
    return looks_like(data, b"trainingcenterdatabase")


def _time(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        return utc(dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00")))
    except ValueError:
        return None


def _float(node: ET.Element, path: str) -> float | None:
    text = node.findtext(path)
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _lap(node: ET.Element) -> Lap | None:
    start = _time(node.get("StartTime"))
    duration = _float(node, f"{NS}TotalTimeSeconds")
    if start is None or duration is None or duration < 0:
        return None
    distance = _float(node, f"{NS}DistanceMeters") or None
    return Lap(
        start=start,
        duration_s=duration,
        distance_m=distance,
        avg_speed_kmh=kmh(distance, duration),
        avg_hr=_float(node, f"{NS}AverageHeartRateBpm/{NS}Value"),
        intensity=(node.findtext(f"{NS}Intensity") or "").strip().lower() or None,
    )


def _activity(node: ET.Element, name: str) -> Activity | None:
    laps = tuple(lap for lap in (_lap(n) for n in node.iter(f"{NS}Lap")) if lap is not None)
    start = _time(node.findtext(f"{NS}Id")) or (laps[0].start if laps else None)
    if start is None or not laps:
        return None
    distances = [lap.distance_m for lap in laps if lap.distance_m is not None]
    creator = node.find(f"{NS}Creator")
    device = (creator.findtext(f"{NS}Name") or "").strip() or None if creator is not None else None
    return Activity(
        source_format="tcx",
        sport=(node.get("Sport") or "generic").strip().lower() or "generic",
        start=start,
        duration_s=sum(lap.duration_s for lap in laps),
        distance_m=round(sum(distances), 1) if distances else None,
        laps=laps,
        has_gps=node.find(f".//{NS}Position") is not None,
        device=device,
    )


def read_tcx(data: bytes, name: str = "file") -> list[Activity]:
    """One activity per ``<Activity>`` with at least one timed lap."""
    text = xml_text(data, name, "TCX")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise ActivityError(f"{name} is not well-formed XML ({exc}).") from None
    if root.tag != f"{NS}TrainingCenterDatabase":
        raise ActivityError(f"{name} is XML but not a TCX file (no TrainingCenterDatabase).")
    found = [_activity(n, name) for n in root.iter(f"{NS}Activity")]
    activities = [a for a in found if a is not None]
    if not activities:
        raise ActivityError(f"{name} has no activity with timed laps to import.")
    return activities
