"""One formatting module for distances and speeds, in the person's units."""

from __future__ import annotations

import pytest

from backstride.training.units import (
    METRIC,
    Distance,
    Short,
    Speed,
    Units,
    format_distance,
    format_speed,
    in_distance_unit,
    units_for_locale,
)

IMPERIAL = Units(Distance.MILES, Speed.MPH, Short.YARDS)


@pytest.mark.parametrize(
    ("meters", "units", "text"),
    [
        (400, METRIC, "400 m"),
        (400, IMPERIAL, "437 yd"),
        (1500, METRIC, "1.5 km"),
        (1609.344, IMPERIAL, "1 mi"),
        (5000, IMPERIAL, "3.11 mi"),
        (2000, METRIC, "2 km"),
    ],
)
def test_distances(meters, units, text):
    assert format_distance(meters, units) == text


@pytest.mark.parametrize(
    ("speed", "text"),
    [
        (Speed.KMH, "5.0 km/h"),
        (Speed.MPH, "3.1 mph"),
        (Speed.PACE_KM, "12:00 /km"),
        (Speed.PACE_MILE, "19:19 /mi"),
    ],
)
def test_speeds(speed, text):
    assert format_speed(5.0, Units(speed=speed)) == text


def test_a_zero_speed_is_refused():
    with pytest.raises(ValueError, match="above zero"):
        format_speed(0, METRIC)


@pytest.mark.parametrize(
    ("locale", "distance", "short"),
    [
        ("en-US", Distance.MILES, Short.YARDS),
        ("en_GB", Distance.MILES, Short.METERS),
        ("de-DE", Distance.KM, Short.METERS),
        ("en", Distance.KM, Short.METERS),
        ("", Distance.KM, Short.METERS),
        (None, Distance.KM, Short.METERS),
        ("zh-Hant-TW", Distance.KM, Short.METERS),
    ],
)
def test_locale_defaults(locale, distance, short):
    units = units_for_locale(locale)
    assert (units.distance, units.short) == (distance, short)


def test_parse_refuses_unknown_values_and_chart_values_convert():
    with pytest.raises(ValueError, match="Unknown unit"):
        Units.parse("furlong", "kmh", "m")
    assert Units.parse("mi", "pace-mi", "yd").speed == Speed.PACE_MILE
    assert in_distance_unit(1609.344, IMPERIAL) == pytest.approx(1.0)
    assert in_distance_unit(1500, METRIC) == pytest.approx(1.5)
