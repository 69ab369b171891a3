"""The one rule for the dates people type, post or import: a sane window.

Why a window at all: a log dated year 1 (a typo, a fuzzer, a watch with a dead clock)
is not just wrong data; every series that starts at the oldest row then spans two
thousand years of days. So every dated input (the log form, ``POST /api/logs``,
``backstride log --date``, a watch import, a clearance date) goes through
:func:`check_date` and everything outside the window is refused with one sentence.

The window is:

* not before :data:`EARLIEST` (2000-01-01): nothing in Backstride predates it;
* not before the first of January of the person's birth year, when we know it
  (from their age: see :func:`birth_year_from_age`);
* not after tomorrow: one day of slack for a phone or watch whose time zone is ahead
  of the server's. Inputs that record something that happened (a log) add their own
  stricter "not after today" on top; this rule is only about sane dates.
"""

from __future__ import annotations

import datetime as dt

EARLIEST = dt.date(2000, 1, 1)
FUTURE_SLACK_DAYS = 1


class DateOutOfRange(ValueError):
    """A date outside the sane window; the message is meant for the person."""


def birth_year_from_age(age: int | None, today: dt.date) -> int | None:
    """The earliest birth year that fits ``age`` today (someone 40 now was born in or
    after ``today.year - 41``); None when the age is unknown."""
    if age is None or isinstance(age, bool) or not isinstance(age, int) or age < 0:
        return None
    return today.year - age - 1


def date_window(today: dt.date, birth_year: int | None = None) -> tuple[dt.date, dt.date]:
    """The first and last day (both included) a dated input may carry."""
    earliest = EARLIEST
    if birth_year is not None and dt.MINYEAR <= birth_year <= dt.MAXYEAR:
        earliest = max(earliest, dt.date(birth_year, 1, 1))
    return earliest, today + dt.timedelta(days=FUTURE_SLACK_DAYS)


def check_date(
    day: dt.date,
    today: dt.date,
    *,
    birth_year: int | None = None,
    what: str = "The date",
) -> dt.date:
    """Return ``day`` when it lies in the window, else raise :class:`DateOutOfRange`.

    ``what`` starts the sentence ("The date", "--date", "This activity") so each entry
    point keeps its own wording while the rule stays one.
    """
    if not isinstance(day, dt.date):
        raise DateOutOfRange(f"{what} must be a date such as {today.isoformat()}.")
    if isinstance(day, dt.datetime):
        day = day.date()
    earliest, latest = date_window(today, birth_year)
    if day < earliest:
        why = "before you were born" if earliest > EARLIEST else "before the year 2000"
        raise DateOutOfRange(
            f"{what} {day.isoformat()} is {why}; use a date from {earliest.isoformat()} on."
        )
    if day > latest:
        raise DateOutOfRange(
            f"{what} {day.isoformat()} is in the future; use a date up to {latest.isoformat()}."
        )
    return day
