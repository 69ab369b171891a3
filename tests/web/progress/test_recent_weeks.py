"""The home card's weekly minutes, read from the recent weeks alone, match the full history.

``recent_backward_minutes`` skips the years of logs before the card's six weeks; the
progress page computes the same weeks from every log. Over long generated histories
(with minutes-only logs, several a day, gaps) and several "todays", the two agree.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from backstride.web.progress import services
from backstride.web.progress.home import HOME_WEEKS
from tests.web.conftest import make_user
from tests.web.logbook.test_decision_window import _history
from tests.web.plans.helpers import plan_for


@pytest.mark.parametrize("seed", range(3))
def test_recent_weeks_match_the_weeks_of_the_whole_history(db: None, seed: int) -> None:
    rng = random.Random(seed)
    today = dt.date(2026, 3, 4) + dt.timedelta(days=seed * 11)
    athlete = make_user(f"weeks{seed}")
    plan_for(athlete, start=today - dt.timedelta(days=21))
    _history(athlete, today, rng)
    for day in (today, today + dt.timedelta(days=3), today + dt.timedelta(days=60)):
        full = services.progress_for(athlete, day, HOME_WEEKS)
        recent = services.recent_backward_minutes(athlete, day, HOME_WEEKS)
        if not full.has_logs:
            assert recent is None
            continue
        assert recent == [w.backward_minutes for w in full.week_rows]
    assert services.recent_backward_minutes(athlete, today, HOME_WEEKS) is not None
