"""Compliance colours and the month grid of the plan calendar (pure, no database).

Colours compare logged minutes with the planned duration, in whole percent so the
edges are exact: green is 80-120 %, amber 50-79 % or 121-150 %, red anything else.
A session not yet logged is grey; a past session never logged is "missed" (a red
outline), which is different from a logged session far off the plan (solid red).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from backstride.training.models import Session


class Status(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    PLANNED = "planned"  # grey: not logged yet, still to come
    MISSED = "missed"  # red outline: the day has passed with no log


STATUS_LABELS: dict[Status, str] = {
    Status.GREEN: "Done as planned",
    Status.AMBER: "Partly done or overdone",
    Status.RED: "Far off the plan",
    Status.PLANNED: "Not logged yet",
    Status.MISSED: "Missed",
}


GREEN_PERCENT = (80, 120)  # done as planned, within 20 % either way
AMBER_PERCENT = (50, 150)  # outside green but within half or one and a half times the plan


def compliance_percent(planned_seconds: float, logged_minutes: float) -> int:
    """Logged time as a whole percentage of the planned time."""
    if planned_seconds <= 0:
        return 100 if logged_minutes <= 0 else 999
    return round(100 * logged_minutes * 60 / planned_seconds)


def compliance(planned_seconds: float, logged_minutes: float) -> Status:
    percent = compliance_percent(planned_seconds, logged_minutes)
    if GREEN_PERCENT[0] <= percent <= GREEN_PERCENT[1]:
        return Status.GREEN
    if AMBER_PERCENT[0] <= percent <= AMBER_PERCENT[1]:
        return Status.AMBER
    return Status.RED


def session_status(session: Session, logged_minutes: float | None, today: dt.date) -> Status:
    if logged_minutes is None:
        return Status.MISSED if session.date < today else Status.PLANNED
    return compliance(session.total_seconds, logged_minutes)


@dataclass(frozen=True)
class Day:
    date: dt.date
    in_month: bool
    is_today: bool
    sessions: tuple[tuple[Session, Status], ...]


def month_grid(
    year: int,
    month: int,
    sessions: Sequence[Session],
    logged_minutes: Mapping[str, float],
    today: dt.date,
) -> list[list[Day]]:
    """Week rows (Monday first) covering the month, each day with its sessions and colour."""
    by_day: dict[dt.date, list[Session]] = {}
    for session in sessions:
        by_day.setdefault(session.date, []).append(session)
    rows: list[list[Day]] = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        rows.append(
            [
                Day(
                    date=day,
                    in_month=day.month == month,
                    is_today=day == today,
                    sessions=tuple(
                        (s, session_status(s, logged_minutes.get(s.uid), today))
                        for s in by_day.get(day, ())
                    ),
                )
                for day in week
            ]
        )
    return rows


def parse_month(raw: str | None, default: dt.date) -> tuple[int, int]:
    """``2026-03`` -> (2026, 3); anything else (or nothing) -> the default's month."""
    if raw:
        try:
            parsed = dt.datetime.strptime(raw, "%Y-%m")
        except ValueError:
            return default.year, default.month
        if 2000 <= parsed.year <= 2100:
            return parsed.year, parsed.month
    return default.year, default.month


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1
