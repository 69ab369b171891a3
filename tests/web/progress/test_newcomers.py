"""Progress for someone in their first weeks: right counts, no early trend talk, plain words."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from backstride.web.accounts.models import profile_for
from backstride.web.logbook import services as logbook
from backstride.web.plans import services as plans
from backstride.web.progress.services import progress_for
from tests.web.plans.helpers import plan_for


def test_two_logs_in_the_first_week_count_two_and_a_day_early_log_is_not_red(
    owner: object, owner_client: Client, monday: dt.date, today: dt.date
) -> None:
    # A plan that started on this week's Monday; log its first session on its day (or
    # today) and the next one a day before it is due.
    row = plan_for(owner, start=monday)
    first, second = plans.build_plan(row).sessions[:2]
    logbook.save_log(
        owner,
        owner,
        {
            "session_uid": first.uid,
            "rpe": 3,
            "minutes": first.total_seconds / 60,
            "date": min(first.date, today),
        },
        today,
    )
    early = second.date - dt.timedelta(days=1)
    if early > today:  # the test must not log in the future: move "today" on
        today = early
    logbook.save_log(
        owner,
        owner,
        {"session_uid": second.uid, "rpe": 3, "minutes": second.total_seconds / 60, "date": early},
        today,
    )
    data = progress_for(owner, today, 4)
    week = next(w for w in data.week_rows if w.week_start == monday)
    assert (week.done_sessions, week.planned_sessions) == (2, 2)
    assert week.compliance == "green"
    assert data.extra_logs == 0


def test_a_log_on_the_sunday_before_its_monday_session_counts_in_the_sessions_week(
    owner: object, monday: dt.date
) -> None:
    # The plan starts next Monday; its first session is done on the Sunday before.
    start = monday + dt.timedelta(days=7)
    row = plan_for(owner, start=start)
    first = plans.build_plan(row).sessions[0]
    sunday = start - dt.timedelta(days=1)
    logbook.save_log(
        owner,
        owner,
        {"session_uid": first.uid, "rpe": 3, "minutes": first.total_seconds / 60, "date": sunday},
        sunday,
    )
    data = progress_for(owner, start, 4)
    rows = {w.week_start: w for w in data.week_rows}
    assert rows[monday].logged_minutes == 0  # the Sunday's week is not overdone
    assert rows[start].done_sessions == 1 and rows[start].compliance == "green"


def test_no_trend_numbers_or_messages_before_four_weeks(
    owner: object, owner_client: Client, today: dt.date
) -> None:
    plan_for(owner, start=today - dt.timedelta(days=3))
    for days_ago, minutes in ((3, 10), (1, 30)):
        logbook.save_log(
            owner,
            owner,
            {"rpe": 8, "minutes": minutes, "date": today - dt.timedelta(days=days_ago)},
            today,
        )
    page = owner_client.get("/progress/").content.decode()
    assert 'data-testid="trends-wait"' in page
    assert "25 more days to go" in page
    assert "42-day:" not in page and 'data-testid="monotony"' not in page
    assert "above your 4-week trend" not in page and "below your 4-week trend" not in page
    assert "rating of perceived exertion" in page  # RPE explained where it is used
    assert profile_for(owner)  # the page works for a person without a units choice yet
