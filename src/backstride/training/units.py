"""The person's units: one set of formatting rules for every page, export and chart.

The engine computes in metres, seconds and km/h (units in field names). What a person
reads is their choice, made once in their account: km or miles for long distances,
metres or yards for short ones, and km/h, mph or a pace per km or mile for speed.
Pages, the player, the text of exports and the charts call these functions, so a
distance never reads "1.2 km" on one screen and "0.75 mi" on another. Pure: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

METERS_PER_MILE = 1609.344
METERS_PER_YARD = 0.9144
KM_PER_MILE = METERS_PER_MILE / 1000
# Below this a distance is "short" and shown in metres or yards (a track lap is 400 m).
SHORT_METERS = 1000.0


class Distance(StrEnum):
    KM = "km"
    MILES = "mi"


class Speed(StrEnum):
    KMH = "kmh"
    MPH = "mph"
    PACE_KM = "pace-km"
    PACE_MILE = "pace-mi"


class Short(StrEnum):
    METERS = "m"
    YARDS = "yd"


DISTANCE_LABELS: dict[Distance, str] = {Distance.KM: "Kilometres", Distance.MILES: "Miles"}
SPEED_LABELS: dict[Speed, str] = {
    Speed.KMH: "km/h",
    Speed.MPH: "mph",
    Speed.PACE_KM: "Pace per km (min:s /km)",
    Speed.PACE_MILE: "Pace per mile (min:s /mi)",
}
SHORT_LABELS: dict[Short, str] = {Short.METERS: "Metres", Short.YARDS: "Yards"}


@dataclass(frozen=True)
class Units:
    """One person's choice; the default is metric."""

    distance: Distance = Distance.KM
    speed: Speed = Speed.KMH
    short: Short = Short.METERS

    @classmethod
    def parse(cls, distance: str, speed: str, short: str) -> Units:
        """From stored strings; raises ValueError naming the value it cannot read."""
        try:
            return cls(Distance(distance), Speed(speed), Short(short))
        except ValueError as exc:
            raise ValueError(f"Unknown unit: {exc}") from None

    def to_dict(self) -> dict[str, str]:
        return {
            "distance": self.distance.value,
            "speed": self.speed.value,
            "short": self.short.value,
        }


METRIC = Units()
# The United States, Liberia and Myanmar use miles, mph and yards day to day; the United
# Kingdom uses miles and mph on the road but metres on the track.
_IMPERIAL_REGIONS = {"US", "LR", "MM"}
_MILE_REGIONS = {"GB"}


def units_for_locale(locale: str | None) -> Units:
    """The default for a browser locale such as ``en-US`` or ``en_GB`` (metric otherwise)."""
    region = ""
    if locale:
        parts = locale.replace("_", "-").split("-")
        region = next((p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()), "")
    if region in _IMPERIAL_REGIONS:
        return Units(Distance.MILES, Speed.MPH, Short.YARDS)
    if region in _MILE_REGIONS:
        return Units(Distance.MILES, Speed.MPH, Short.METERS)
    return METRIC


def _trim(value: float, places: int) -> str:
    """``1.50`` -> ``"1.5"``, ``2.0`` -> ``"2"``: no trailing zeros in a distance."""
    return f"{round(value, places):g}"


def format_distance(meters: float, units: Units = METRIC) -> str:
    """``400`` -> ``"400 m"`` or ``"437 yd"``; ``1500`` -> ``"1.5 km"`` or ``"0.93 mi"``."""
    if round(meters) < SHORT_METERS:
        if units.short == Short.YARDS:
            return f"{round(meters / METERS_PER_YARD)} yd"
        return f"{round(meters)} m"
    if units.distance == Distance.MILES:
        return f"{_trim(meters / METERS_PER_MILE, 2)} mi"
    return f"{_trim(meters / 1000, 1)} km"


SHORT_WORDS: dict[Short, str] = {Short.METERS: "metres", Short.YARDS: "yards"}


def short_unit_meters(units: Units = METRIC) -> float:
    """Metres in one short unit (1 or 0.9144): the player turns a block's metres into it."""
    return METERS_PER_YARD if units.short == Short.YARDS else 1.0


def format_pace(seconds_per_unit: float) -> str:
    minutes, rest = divmod(round(seconds_per_unit), 60)
    return f"{minutes}:{rest:02d}"


def format_speed(kmh: float, units: Units = METRIC) -> str:
    """``5.0`` -> ``"5.0 km/h"``, ``"3.1 mph"``, ``"12:00 /km"`` or ``"19:19 /mi"``."""
    if kmh <= 0:
        raise ValueError("A speed must be above zero.")
    if units.speed == Speed.MPH:
        return f"{kmh / KM_PER_MILE:.1f} mph"
    if units.speed == Speed.PACE_KM:
        return f"{format_pace(3600 / kmh)} /km"
    if units.speed == Speed.PACE_MILE:
        return f"{format_pace(3600 * KM_PER_MILE / kmh)} /mi"
    return f"{kmh:.1f} km/h"


def distance_unit(units: Units = METRIC) -> str:
    """The long-distance unit's symbol, for chart axes ("km" or "mi")."""
    return units.distance.value


def in_distance_unit(meters: float, units: Units = METRIC) -> float:
    """Metres in the person's long unit (for chart values)."""
    return meters / (METERS_PER_MILE if units.distance == Distance.MILES else 1000.0)
