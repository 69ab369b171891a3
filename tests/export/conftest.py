"""Hand-built plans for the exporter tests: small enough to check every number by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from backstride.training.models import (
    Block,
    BlockKind,
    Direction,
    Environment,
    Mode,
    Muscles,
    Plan,
    Profile,
    Session,
    Week,
)

WALK_WARMUP = Block(
    BlockKind.WARMUP, "Easy walk", Direction.FORWARD, Mode.WALK, seconds=300, why="Warm up."
)
WALK_MAIN = Block(
    BlockKind.MAIN,
    "Backward walk intervals",
    Direction.BACKWARD,
    Mode.WALK,
    repeats=6,
    seconds=30,
    rest_seconds=60,
    cues=("Look over your shoulder every few steps", "Land on the ball of the foot"),
    muscles=Muscles(primary=("quadriceps",), secondary=("calves",)),
    why="Backward walking loads the quadriceps with little knee strain.",
)
WALK_COOLDOWN = Block(BlockKind.COOLDOWN, "Walk it off", Direction.FORWARD, Mode.WALK, seconds=180)

MIXED_WARMUP = Block(
    BlockKind.WARMUP,
    "Forward and back",
    Direction.MIXED,
    Mode.WALK,
    repeats=3,
    seconds=30,
    forward_seconds=60,
)
SKIP_DRILL = Block(
    BlockKind.DRILL,
    "Backward skips",
    Direction.BACKWARD,
    Mode.DRILL,
    repeats=2,
    meters=20,
    rest_seconds=30,
    cues=("Stay tall",),
)
TREADMILL_JOG = Block(
    BlockKind.MAIN,
    "Backward jog repeats",
    Direction.BACKWARD,
    Mode.JOG,
    repeats=4,
    meters=200,
    rest_seconds=90,
    speed_kmh=6.0,
    cues=("Hold the handrails lightly at first",),
)
TRACK_JOG = Block(
    BlockKind.MAIN, "Backward jog on the track", Direction.BACKWARD, Mode.JOG, repeats=4, meters=200
)

START = dt.date(2026, 12, 1)


def make_plan() -> Plan:
    walk = Session(
        uid="p1-w1s1",
        date=START,
        week=1,
        index_in_week=0,
        title="Backward walk intro",
        environment=Environment.TRACK,
        blocks=(WALK_WARMUP, WALK_MAIN, WALK_COOLDOWN),
        safety_checklist=("Clear lane behind you", "No headphones"),
    )
    treadmill = Session(
        uid="p1-w1s2",
        date=START + dt.timedelta(days=2),
        week=1,
        index_in_week=1,
        title="Treadmill backward jog",
        environment=Environment.TREADMILL,
        blocks=(MIXED_WARMUP, SKIP_DRILL, TREADMILL_JOG, WALK_COOLDOWN),
        safety_checklist=("Clip the safety key on",),
    )
    track = Session(
        uid="p1-w2s1",
        date=START + dt.timedelta(days=7),
        week=2,
        index_in_week=0,
        title="Track backward jog",
        environment=Environment.TRACK,
        blocks=(TRACK_JOG,),
        deload=True,
    )
    return Plan(
        profile=Profile(age=40),
        start=START,
        weeks=(Week(1, (walk, treadmill)), Week(2, (track,), deload=True)),
    )


@pytest.fixture
def plan() -> Plan:
    return make_plan()
