"""The one date rule every dated input goes through (``training.dates``)."""

from __future__ import annotations

import datetime as dt

import pytest

from backstride.training.dates import (
    EARLIEST,
    DateOutOfRange,
    birth_year_from_age,
    check_date,
    date_window,
)

TODAY = dt.date(2026, 12, 7)


def test_the_window_runs_from_2000_to_tomorrow() -> None:
    assert date_window(TODAY) == (dt.date(2000, 1, 1), dt.date(2026, 12, 8))
    for day in (EARLIEST, TODAY, TODAY + dt.timedelta(days=1)):
        assert check_date(day, TODAY) == day


@pytest.mark.parametrize(
    ("day", "needle"),
    [
        (dt.date(1, 1, 1), "0001-01-01 is before the year 2000"),
        (dt.date(1999, 12, 31), "use a date from 2000-01-01 on"),
        (dt.date(2026, 12, 9), "is in the future; use a date up to 2026-12-08"),
        (dt.date(9999, 12, 31), "in the future"),
    ],
)
def test_dates_outside_the_window_are_refused_in_one_sentence(day: dt.date, needle: str) -> None:
    with pytest.raises(DateOutOfRange, match=needle) as caught:
        check_date(day, TODAY, what="--date")
    assert str(caught.value).startswith("--date ")
    assert isinstance(caught.value, ValueError)  # every caller's ValueError path holds


def test_the_birth_year_moves_the_floor_when_it_is_later_than_2000() -> None:
    born = birth_year_from_age(12, TODAY)
    assert born == 2013
    assert check_date(dt.date(2013, 1, 1), TODAY, birth_year=born)
    with pytest.raises(DateOutOfRange, match="before you were born"):
        check_date(dt.date(2012, 12, 31), TODAY, birth_year=born)
    # An older person's birth year is before 2000: the 2000 floor stays.
    assert date_window(TODAY, birth_year_from_age(70, TODAY))[0] == EARLIEST


@pytest.mark.parametrize("age", [None, -1, True, "40"])
def test_an_unknown_age_gives_no_birth_year(age: object) -> None:
    assert birth_year_from_age(age, TODAY) is None  # type: ignore[arg-type]


def test_a_non_date_is_refused_and_a_datetime_is_read_as_its_day() -> None:
    with pytest.raises(DateOutOfRange, match="must be a date"):
        check_date("2026-01-01", TODAY)  # type: ignore[arg-type]
    assert check_date(dt.datetime(2026, 1, 1, 9, 0), TODAY) == dt.date(2026, 1, 1)
