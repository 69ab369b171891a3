"""Compliance colours and the month grid, checked at every edge of the bands."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backstride.training.models import Profile
from backstride.training.plans import generate_plan
from backstride.web.plans.calendar import (
    Status,
    compliance,
    compliance_percent,
    month_grid,
    parse_month,
    session_status,
    shift_month,
)

PLANNED_S = 1200.0  # a 20-minute session


@pytest.mark.parametrize(
    ("minutes", "status"),
    [
        (20.0, Status.GREEN),  # 100 %
        (16.0, Status.GREEN),  # 80 %
        (24.0, Status.GREEN),  # 120 %
        (15.8, Status.AMBER),  # 79 %
        (24.2, Status.AMBER),  # 121 %
        (10.0, Status.AMBER),  # 50 %
        (30.0, Status.AMBER),  # 150 %
        (9.8, Status.RED),  # 49 %
        (30.2, Status.RED),  # 151 %
        (0.0, Status.RED),  # logged as not done at all
    ],
)
def test_colours_follow_the_bands_at_their_edges(minutes: float, status: Status) -> None:
    assert compliance(PLANNED_S, minutes) == status


@given(st.floats(min_value=0, max_value=1000, allow_nan=False))
def test_every_logged_duration_gets_exactly_the_colour_of_its_percentage(minutes: float) -> None:
    percent = compliance_percent(PLANNED_S, minutes)
    colour = compliance(PLANNED_S, minutes)
    green = 80 <= percent <= 120
    amber = 50 <= percent < 80 or 120 < percent <= 150
    assert (colour == Status.GREEN) == green
    assert (colour == Status.AMBER) == amber
    assert (colour == Status.RED) == (not green and not amber)


def test_unlogged_sessions_are_grey_until_their_day_has_passed() -> None:
    session = generate_plan(Profile(age=30), dt.date(2026, 3, 2), 4).sessions[0]
    assert session_status(session, None, dt.date(2026, 3, 2)) == Status.PLANNED
    assert session_status(session, None, dt.date(2026, 3, 3)) == Status.MISSED
    assert session_status(session, session.total_seconds / 60, dt.date(2026, 3, 3)) == Status.GREEN


def test_the_march_2026_grid_has_six_monday_first_rows_with_sessions_on_their_days() -> None:
    plan = generate_plan(Profile(age=30), dt.date(2026, 3, 2), 4)
    first = plan.sessions[0]
    grid = month_grid(2026, 3, plan.sessions, {first.uid: 0.0}, dt.date(2026, 3, 4))
    # 1 March 2026 is a Sunday, so the first row starts Monday 23 February; 31 March is a
    # Tuesday, so six rows end on Sunday 5 April.
    assert len(grid) == 6
    assert grid[0][0].date == dt.date(2026, 2, 23) and not grid[0][0].in_month
    assert grid[-1][-1].date == dt.date(2026, 4, 5)
    monday = grid[1][0]
    assert monday.date == dt.date(2026, 3, 2)
    assert monday.sessions == ((first, Status.RED),)
    wednesday = grid[1][2]
    assert wednesday.is_today and wednesday.sessions[0][1] == Status.PLANNED
    assert sum(len(d.sessions) for row in grid for d in row) == 12


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2026-03", (2026, 3)), ("2026-13", (2025, 7)), ("garbage", (2025, 7)), (None, (2025, 7))],
)
def test_a_bad_month_in_the_url_falls_back_to_the_default(
    raw: str | None, expected: tuple[int, int]
) -> None:
    assert parse_month(raw, dt.date(2025, 7, 14)) == expected


def test_months_roll_over_the_year() -> None:
    assert shift_month(2026, 12, 1) == (2027, 1)
    assert shift_month(2026, 1, -1) == (2025, 12)
