"""Training data for the demo athletes: profiles, screenings, plans and logged weeks.

Each athlete tells a different story so every screen has something to show: Ada (72,
treadmill) trains within balance limits, Kim (knee rehab) has a session that hit knee
pain 5/10, and Sam (footballer) nearly fell once and overdid another session. Logs
are saved through ``services.save_log`` on the day they happened, so the stored
decisions are exactly what the app would have said at the time. Everything is derived
from ``today``: the demo always looks a few weeks into its plans.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from backstride.training.screening import QUESTION_IDS
from backstride.web.logbook import services
from backstride.web.logbook.models import LogEntry
from backstride.web.plans import services as plans
from backstride.web.plans.models import Screening, TrainingPlan, TrainingProfile


@dataclass(frozen=True)
class Day:
    """One past planned session: None in a story means it was missed."""

    fraction: float
    rpe: int
    minutes_factor: float = 1.0
    pain: dict[str, int] = field(default_factory=dict)
    soreness: int = 1
    near_fall: bool = False
    notes: str = ""


@dataclass(frozen=True)
class Story:
    username: str
    profile: dict[str, Any]
    yes: tuple[str, ...]
    days_ago: int
    days: tuple[Day | None, ...]


STORIES: tuple[Story, ...] = (
    Story(
        "ada",
        {
            "age": 72,
            "population": "older-adult",
            "running_experience_years": 0.0,
            "sessions_per_week": 3,
            "environment": "treadmill",
            "goals": ["balance", "quadriceps-strength"],
            "body_mass_kg": 61.0,
        },
        ("balance_problems",),
        20,
        (
            Day(1.0, 3, notes="Held the rails the whole time; felt steady."),
            Day(1.0, 4, 1.05),
            Day(0.75, 5, 0.8, {"calf": 2}, 2),
            None,
            Day(1.0, 4, soreness=0),
            Day(1.0, 5, 1.1, {"quadriceps": 2}, 2),
            Day(0.4, 6, 0.4, notes="Belt felt fast today, stopped early."),
            Day(1.0, 4),
            Day(1.0, 4, 0.95),
        ),
    ),
    Story(
        "kim",
        {
            "age": 45,
            "population": "knee-rehab",
            "running_experience_years": 3.0,
            "sessions_per_week": 3,
            "environment": "flat-ground",
            "goals": ["knee-health", "quadriceps-strength"],
            "body_mass_kg": 78.0,
        },
        ("knee_problems",),
        24,
        (
            Day(1.0, 3, pain={"knee": 2}, soreness=2),
            Day(1.0, 4, pain={"knee": 3}, soreness=2),
            Day(1.0, 5, 1.1, {"knee": 5}, 4, notes="Knee ached near the end of the main set."),
            Day(0.75, 4, 0.75, {"knee": 3}, 2),
            Day(1.0, 4, pain={"knee": 2}),
            None,
            Day(1.0, 4, pain={"knee": 1}, soreness=1),
            Day(1.0, 3, pain={"knee": 1}, soreness=0),
            Day(1.0, 4, 1.0, {"knee": 2}),
            Day(1.0, 4, 0.9),
        ),
    ),
    Story(
        "sam",
        {
            "age": 24,
            "population": "athlete",
            "running_experience_years": 6.0,
            "sessions_per_week": 3,
            "environment": "track",
            "goals": ["agility", "quadriceps-strength"],
            "body_mass_kg": 74.0,
        },
        (),
        17,
        (
            Day(1.0, 4, soreness=2),
            Day(1.0, 6, 1.35, notes="Added extra reps with the team."),
            Day(1.0, 5, near_fall=True, notes="Caught a heel on the lane line, stayed up."),
            Day(0.9, 5, 0.95),
            Day(1.0, 7, 1.0, {"calf": 3}, 3),
            Day(1.0, 5),
            Day(1.0, 6, 1.05),
            Day(1.0, 5),
        ),
    ),
)


def _reset(user: Any) -> None:
    LogEntry.objects.filter(athlete=user).delete()
    TrainingPlan.objects.filter(athlete=user).delete()
    Screening.objects.filter(athlete=user).delete()
    TrainingProfile.objects.filter(user=user).delete()


@transaction.atomic
def load_demo_training(today: dt.date) -> dict[str, int]:
    """(Re)create the three demo athletes' training; returns logs written per athlete."""
    users = get_user_model()
    written: dict[str, int] = {}
    for story in STORIES:
        user = users.objects.get(username=story.username)
        _reset(user)
        TrainingProfile.objects.create(user=user, **story.profile)
        plans.save_screening(user, {q: q in story.yes for q in QUESTION_IDS})
        start = today - dt.timedelta(days=story.days_ago)
        plan = plans.build_plan(plans.create_plan(user, user, start, 8))
        past = [s for s in plan.sessions if s.date < today]
        # Stories end at the latest session; older extra sessions (the weekday decides
        # how many fit) get an easy, unremarkable log.
        days = (*(Day(1.0, 3),) * max(len(past) - len(story.days), 0), *story.days)
        count = 0
        for session, day in zip(past, days[len(days) - len(past) :], strict=True):
            if day is None:
                continue
            entry = services.save_log(
                user,
                user,
                {
                    "session_uid": session.uid,
                    "date": session.date,
                    "completed_fraction": day.fraction,
                    "rpe": day.rpe,
                    "minutes": round(session.total_seconds / 60 * day.minutes_factor, 1),
                    "pain": day.pain,
                    "near_fall": day.near_fall,
                    "notes": day.notes,
                },
                session.date,
            )
            if session.date < today - dt.timedelta(days=1):
                # The morning after; yesterday's answer is left for the dashboard to ask.
                services.answer_soreness(entry, day.soreness, session.date + dt.timedelta(days=1))
            count += 1
        written[story.username] = count
    return written
