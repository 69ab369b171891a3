"""The dashboard's summaries, loaded for all athletes at once, are each athlete's own.

``sources.summaries_for`` reads plans, screenings and logs for every athlete in one
query each; nothing of one athlete may leak into another's flags or adherence.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from backstride.web.coaching import sources
from tests.web.conftest import make_user
from tests.web.logbook.test_decision_window import _history
from tests.web.plans.helpers import plan_for


def test_bulk_summaries_equal_one_athlete_at_a_time(db: None) -> None:
    today = timezone.localdate()
    rng = random.Random(5)
    athletes = []
    for number in range(4):
        athlete = make_user(f"bulk{number}")
        athletes.append(athlete)
        if number == 3:
            continue  # no plan and no logs
        plan_for(athlete, start=today - dt.timedelta(days=10 + 7 * number))
        if number < 2:
            _history(athlete, today - dt.timedelta(days=40 * number), rng)  # 1: none recent
    together = sources.summaries_for(athletes, today)
    alone = {a.pk: sources.summaries_for([a], today)[a.pk] for a in athletes}
    assert together == alone
    assert together[athletes[0].pk].flags  # a dense history raises flags
    assert together[athletes[1].pk].last_session is not None  # from the older logs
    assert together[athletes[3].pk].adherence_percent is None
