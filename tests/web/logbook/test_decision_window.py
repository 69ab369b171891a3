"""The decision from the bounded window of logs equals the decision from every log.

``services.decide_next`` reads only the logs ``adaptation.decide`` needs (the latest few,
the window of ``adaptation.window_start``, every fall) so saving a log does not cost more
with each year of history. Speed must not change a decision: over several long generated
histories (about 400 logs over 600 days each, dense with pain, rising pain, morning answers, breaks,
falls, near-falls, long sessions and several logs a day) and many points in each, the
window's answer is compared with the one computed the old way, from all logs.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from backstride.training import schedule
from backstride.training.status import Status, current_status
from backstride.web.logbook import services
from backstride.web.logbook.models import LogEntry
from backstride.web.plans import services as plans
from backstride.web.plans.models import FallReview, PainReview
from tests.web.conftest import make_user
from tests.web.plans.helpers import plan_for

HISTORY_DAYS = 600


def _from_all_logs(
    athlete: object, today: dt.date, up_to: LogEntry | None
) -> tuple[object, Status, bool]:
    """The status as computed before the window: every stored log, in (date, id) order."""
    rows = LogEntry.objects.filter(athlete=athlete, date__lte=today)
    if up_to is not None:
        rows = rows.filter(pk__lte=up_to.pk)
    logs = [e.to_engine() for e in rows.order_by("date", "id")]
    planned = schedule.next_session(plans.build_plan(plans.active_plan(athlete)), logs, today)
    reviewed = plans.falls_reviewed(athlete, [log.date for log in logs if log.fall])
    screening = plans.latest_screening(athlete)
    status = current_status(
        planned,
        logs,
        screening=plans.screening_result(screening),
        clearance_recorded=bool(screening and screening.is_cleared_by_professional),
        today=today,
        fall_reviewed=reviewed,
        reviewed_on=plans.latest_pain_review(athlete),
    )
    return planned, status, not reviewed


def _history(athlete: object, today: dt.date, rng: random.Random) -> list[LogEntry]:
    """About a log a day with runs of rising pain, gaps, doubles and rare falls."""
    plan = plans.build_plan(plans.active_plan(athlete))
    by_date = {s.date: s for s in plan.sessions}
    rows: list[LogEntry] = []
    day = today - dt.timedelta(days=HISTORY_DAYS)
    rising = 0
    last = today - dt.timedelta(days=rng.choice((0, 0, 1, 3, 16)))  # 16: a break
    while day <= last:
        for _ in range(2 if rng.random() < 0.08 else 1):
            session = by_date.get(day)
            if rng.random() < 0.1:
                rising = 3
            knee = (7 - 2 * rising) if rising else rng.choice((0, 0, 0, 1, 2, 3, 4, 6, 8))
            rising = max(rising - 1, 0)
            minutes = float(rng.choice((10, 20, 30, 45, 90)))
            rows.append(
                LogEntry(
                    athlete=athlete,
                    recorded_by=athlete,
                    session_uid=session.uid if session and rng.random() < 0.8 else "",
                    date=day,
                    completed_fraction=rng.choice((1.0, 1.0, 0.95, 0.8, 0.5)),
                    rpe=float(rng.choice((3, 5, 6, 7, 9, 10))),
                    minutes=minutes,
                    backward_seconds=round(minutes * 60 * rng.uniform(0.1, 0.9), 1),
                    pain={"knee": knee, "calf": rng.choice((0, 0, 2, 5))},
                    sharp_pain=rng.random() < 0.03,
                    near_fall=rng.random() < 0.04,
                    fall=rng.random() < 0.01,
                    next_morning_soreness=rng.choice((None, 0, 1, 2, 3, 4, 6)),
                )
            )
        day += dt.timedelta(days=rng.choice((1, 1, 1, 2, 3)) if rng.random() > 0.02 else 20)
    for row in rows:  # pain values of 0 are not stored, as the log book does
        row.pain = {site: value for site, value in row.pain.items() if value}
        if rng.random() < 0.4:  # not answered (imports, skipped question): unknown
            row.pain = None
    return LogEntry.objects.bulk_create(rows)


@pytest.mark.parametrize("seed", range(6))
def test_the_window_decides_as_all_logs_do(db: None, seed: int) -> None:
    rng = random.Random(seed)
    today = dt.date(2026, 3, 2) + dt.timedelta(days=seed * 37)
    athlete = make_user(f"long{seed}")
    plan_for(athlete, start=today - dt.timedelta(days=rng.choice((10, 21, 40))))
    entries = list(LogEntry.objects.filter(pk__in=[e.pk for e in _history(athlete, today, rng)]))
    assert len(entries) > 250
    falls = sorted(e.date for e in entries if e.fall)
    if falls and seed % 2:  # a review covering some of the falls, not the latest
        FallReview.objects.create(athlete=athlete, reviewed_by=athlete, covers_until=falls[0])
    if seed % 3 == 0:  # a physio's review lifts the stops of the logs up to it
        PainReview.objects.create(
            athlete=athlete,
            recorded_by=athlete,
            professional_name="Pat Physio",
            profession=PainReview._meta.get_field("profession").choices[0][0],
            reviewed_on=today - dt.timedelta(days=rng.choice((3, 10, 40))),
        )

    # Latest state at today and a few later days, then many points inside the history:
    # as if each log had just been saved (today = its day, or a few days after it).
    points: list[tuple[dt.date, LogEntry | None]] = [
        (today + dt.timedelta(days=extra), None) for extra in (0, 1, 5, 15, 30)
    ]
    for entry in rng.sample(entries, 40):
        points.append((entry.date + dt.timedelta(days=rng.choice((0, 0, 1, 4, 20))), entry))
    actions = set()
    for day, up_to in points:
        planned, status, needs_review = _from_all_logs(athlete, day, up_to)
        found = services.decide_next(athlete, day, up_to=up_to)
        assert found is not None
        assert found.planned == planned, (seed, day, up_to)
        assert found.status == status, (seed, day, up_to)
        assert found.decision == status.decision, (seed, day, up_to)
        assert found.fall_needs_review == needs_review
        if status.decision is not None:
            actions.add(status.decision.action)
    # Each history reaches more than one action, so the comparison is not of one branch.
    assert len(actions) >= 2, actions


def test_the_window_reads_a_bounded_number_of_logs(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """However long the history, a decision loads the window, not every row."""
    rng = random.Random(99)
    today = dt.date(2026, 3, 2)
    athlete = make_user("bounded")
    plan_for(athlete, start=today - dt.timedelta(days=21))
    _history(athlete, today, rng)
    seen: list[int] = []
    original = LogEntry.to_engine

    def counting(entry: LogEntry) -> object:
        seen.append(entry.pk)
        return original(entry)

    # Counts the rows turned into engine logs; the database and the engine stay real.
    monkeypatch.setattr(LogEntry, "to_engine", counting)
    services.decide_next(athlete, today)
    total = LogEntry.objects.filter(athlete=athlete).count()
    falls = LogEntry.objects.filter(athlete=athlete, fall=True).count()
    assert total > 250
    assert 0 < len(seen) <= 60 + falls  # ~45 days of logs at most two a day, plus falls
