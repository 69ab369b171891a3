"""Build the blocks of one session from a main-set state and the person's context.

The generator decides *how much* (a ``SetState`` and a budget); this module decides
*what it looks like*: warm-up, drills, main set and cool-down, each with cues, muscles
and a why-sentence. Main sets come in five kinds:

* ``walk``: backward walking intervals, the base of every plan.
* ``jog``: backward jogging/running intervals, by distance on the ground, by time on a
  treadmill.
* ``walk+jog``: walking intervals plus a short jog finisher (older adults, knee rehab).
* ``mixed``: runners' 60 s forward / N s backward intervals (not on a treadmill:
  turning round on a moving belt is unsafe).
* ``agility``: athletes' backpedal-and-turn, zig-zag backpedal and reactive changes.

Older adults get a supported balance block in every session's main part (not a drill,
so a tight budget or a no-drills restriction cannot drop it), and knee-rehab main blocks
carry a stop rule for knee pain. Where the speeds come from is ``ladders``.
"""

from __future__ import annotations

from dataclasses import dataclass

from backstride.training.models import (
    Block,
    BlockKind,
    Direction,
    Environment,
    Goal,
    Mode,
    Restriction,
)
from backstride.training.plans import catalogue as cat
from backstride.training.plans.ladders import FIRST_TREADMILL_JOG_KMH
from backstride.training.plans.progression import Ladder, SetState

RUN_FROM_KMH = 7.0  # below this a backward "run" is a jog
FORWARD_MIXED_SECONDS = 60.0
FINISHER_REPS = 3
FINISHER_GROUND_KMH = 5.0
BALANCE_REPEATS = 2
BALANCE_SECONDS = 30.0


@dataclass(frozen=True)
class Context:
    """Everything about the person that shapes the blocks, derived once per plan."""

    goals: tuple[Goal, ...]
    environment: Environment
    restrictions: tuple[Restriction, ...]
    older: bool
    knee: bool
    late: bool  # walking-dominant plan: older adults and knee rehab
    jog_top_kmh: float = 6.0  # ceiling for jog, run and mixed sets (see ``ladders``)

    @property
    def treadmill(self) -> bool:
        return self.environment == Environment.TREADMILL

    @property
    def low(self) -> bool:
        return self.late or Restriction.LOW_INTENSITY in self.restrictions

    @property
    def supported(self) -> bool:
        return self.older or Restriction.TREADMILL_HANDRAILS in self.restrictions


def _extra_cues(
    ctx: Context, *, moving_backward: bool = True, main: bool = False, first_jog: bool = False
) -> tuple[str, ...]:
    """Cues every block of this person needs; ``main`` adds the knee-pain stop rule."""
    extra: list[str] = []
    if moving_backward and ctx.treadmill:
        extra.append(cat.HANDRAILS)
    elif moving_backward and ctx.supported:
        extra.append(cat.SUPPORT)
    if ctx.knee:
        extra.append(cat.PAIN)
        if main:
            extra.append(cat.PAIN_STOP)
    if ctx.older:
        extra.append(cat.BALANCE)
    if first_jog and ctx.treadmill:
        extra.append(cat.FIRST_JOG)
    return tuple(extra)


def _mode(speed_kmh: float) -> Mode:
    return Mode.RUN if speed_kmh >= RUN_FROM_KMH else Mode.JOG


def _walk_speed(ctx: Context) -> float:
    if ctx.treadmill:
        return 0.8 if ctx.older else 1.2
    return 2.5 if ctx.older else 3.0


def warmup(ctx: Context, seconds: float, backward: bool) -> Block:
    """Easy walking; forward only when the backward budget is too small for it."""
    direction = Direction.BACKWARD if backward else Direction.FORWARD
    name = "Easy backward walk" if backward else "Easy forward walk"
    return Block(
        BlockKind.WARMUP,
        name,
        direction,
        Mode.WALK,
        seconds=seconds,
        speed_kmh=_walk_speed(ctx),
        cues=(cat.POSTURE, cat.LOOK, cat.STRIDE, *_extra_cues(ctx, moving_backward=backward)),
        muscles=cat.LOCOMOTION_MUSCLES,
        why=cat.why(cat.WARMUP, ctx.goals),
    )


def cooldown(ctx: Context, seconds: float, backward: bool) -> Block:
    direction = Direction.BACKWARD if backward else Direction.FORWARD
    name = "Slow backward walk" if backward else "Slow forward walk"
    return Block(
        BlockKind.COOLDOWN,
        name,
        direction,
        Mode.WALK,
        seconds=seconds,
        speed_kmh=_walk_speed(ctx),
        cues=(
            cat.POSTURE,
            cat.STRIDE,
            "Let your breathing settle before you stop.",
            *_extra_cues(ctx, moving_backward=backward),
        ),
        muscles=cat.LOCOMOTION_MUSCLES,
        why=cat.why(cat.COOLDOWN, ctx.goals),
    )


def drills(ctx: Context, *, running: bool, reps: int) -> tuple[Block, ...]:
    """Up to four drills; gentle ones before running and for walking-dominant plans."""
    if Restriction.NO_DRILLS in ctx.restrictions:
        return ()
    gentle = not running or ctx.low or ctx.older
    chosen = cat.drills_for(gentle=gentle, treadmill=ctx.treadmill)
    speed = _walk_speed(ctx) if ctx.treadmill else None
    return tuple(
        Block(
            BlockKind.DRILL,
            d.name,
            Direction.BACKWARD,
            Mode.DRILL,
            repeats=reps,
            seconds=20.0,
            rest_seconds=30.0,
            speed_kmh=speed,
            cues=d.cues + _extra_cues(ctx),
            muscles=d.muscles,
            why=cat.why(d.purpose, ctx.goals),
        )
        for d in chosen
    )


def main_blocks(
    kind: str,
    state: SetState,
    lad: Ladder,
    ctx: Context,
    *,
    first_jog: bool = False,
    finisher_reps: int = FINISHER_REPS,
) -> tuple[Block, ...]:
    """The main set for ``kind`` at ``state``, plus older adults' balance block.

    ``first_jog`` marks the first week this slot jogs, which on a treadmill asks for the
    hands to stay over the handrails. ``finisher_reps`` is the wished number of short
    jogs after a walking-dominant set; fewer are given if they would take more than
    half the walking time, and none if even one would.
    """
    speed = lad.speeds[min(state.speed_index, len(lad.speeds) - 1)]
    balance = (_balance(ctx),) if ctx.older else ()
    if kind == "walk":
        return (_walk(state, speed, ctx), *balance)
    if kind == "walk+jog":
        walk = _walk(state, speed, ctx)
        reps = min(finisher_reps, FINISHER_REPS)
        finisher = _jog_finisher(ctx, first_jog, max(reps, 1))
        while reps > 0 and 2 * finisher.backward_seconds > walk.backward_seconds:
            reps -= 1
            finisher = _jog_finisher(ctx, first_jog, max(reps, 1))
        return (walk, *balance, *((finisher,) if reps > 0 else ()))
    if kind == "jog":
        return (_jog(state, speed, ctx, first_jog), *balance)
    if kind == "mixed":
        return (_mixed(state, speed, ctx), *balance)
    if kind == "agility":
        return (*_agility(state, speed, ctx), *balance)
    raise ValueError(f"unknown main-set kind: {kind}")


def _balance(ctx: Context) -> Block:
    """A short, slow, supported balance walk for older adults, in every session.

    On a belt heel-to-toe steps are unsafe, so the treadmill version narrows the stance
    at the slowest belt speed with both hands on the rails; on the ground it is a
    heel-to-toe walk beside a wall, a rail or a helper.
    """
    if ctx.treadmill:
        name, cues = cat.NARROW_WALK, cat.NARROW_WALK_CUES
        speed: float | None = _walk_speed(ctx)
    else:
        name, cues, speed = cat.HEEL_TOE_WALK, cat.HEEL_TOE_WALK_CUES, None
    return Block(
        BlockKind.MAIN,
        name,
        Direction.BACKWARD,
        Mode.WALK,
        repeats=BALANCE_REPEATS,
        seconds=BALANCE_SECONDS,
        rest_seconds=30.0,
        speed_kmh=speed,
        cues=cues + tuple(c for c in _extra_cues(ctx, main=True) if c != cat.HANDRAILS),
        muscles=cat.LOCOMOTION_MUSCLES,
        why=cat.why(cat.BALANCE_WALK, ctx.goals),
    )


def _walk(state: SetState, speed: float, ctx: Context) -> Block:
    return Block(
        BlockKind.MAIN,
        "Backward walk intervals",
        Direction.BACKWARD,
        Mode.WALK,
        repeats=state.reps,
        seconds=state.amount,
        rest_seconds=60.0 if ctx.low else 30.0,
        speed_kmh=speed,
        cues=cat.WALK_CUES + _extra_cues(ctx, main=True),
        muscles=cat.LOCOMOTION_MUSCLES,
        why=cat.why(cat.WALK, ctx.goals),
    )


def _jog(state: SetState, speed: float, ctx: Context, first_jog: bool) -> Block:
    mode = Mode.JOG if ctx.low else _mode(speed)
    by_time = ctx.treadmill
    return Block(
        BlockKind.MAIN,
        f"Backward {mode.value} intervals",
        Direction.BACKWARD,
        mode,
        repeats=state.reps,
        seconds=state.amount if by_time else None,
        meters=None if by_time else state.amount,
        rest_seconds=60.0,
        speed_kmh=speed,
        cues=cat.RUN_CUES + _extra_cues(ctx, main=True, first_jog=first_jog),
        muscles=cat.LOCOMOTION_MUSCLES,
        why=cat.why(cat.jog_purpose(speed), ctx.goals),
    )


def _jog_finisher(ctx: Context, first_jog: bool, reps: int) -> Block:
    """A short taste of jogging at the end of a walking-dominant session."""
    speed = FIRST_TREADMILL_JOG_KMH if ctx.treadmill else FINISHER_GROUND_KMH
    return Block(
        BlockKind.MAIN,
        "Short backward jogs",
        Direction.BACKWARD,
        Mode.JOG,
        repeats=reps,
        seconds=20.0 if ctx.treadmill else None,
        meters=None if ctx.treadmill else 20.0,
        rest_seconds=90.0,
        speed_kmh=speed,
        cues=(
            cat.POSTURE,
            cat.LOOK,
            cat.FOOT,
            cat.STRIDE,
            *_extra_cues(ctx, main=True, first_jog=first_jog),
        ),
        muscles=cat.LOCOMOTION_MUSCLES,
        why=cat.why(cat.jog_purpose(speed), ctx.goals),
    )


def _mixed(state: SetState, speed: float, ctx: Context) -> Block:
    mode = _mode(speed)
    return Block(
        BlockKind.MAIN,
        f"Forward {FORWARD_MIXED_SECONDS:.0f} s / backward {state.amount:.0f} s",
        Direction.MIXED,
        mode,
        repeats=state.reps,
        seconds=state.amount,
        forward_seconds=FORWARD_MIXED_SECONDS,
        speed_kmh=speed,
        cues=(
            cat.LOOK,
            "Slow down for two steps before each change of direction.",
            cat.FOOT,
            cat.ARMS,
            *_extra_cues(ctx, main=True),
        ),
        muscles=cat.LOCOMOTION_MUSCLES,
        why=cat.why(cat.MIXED, ctx.goals),
    )


def _agility(state: SetState, speed: float, ctx: Context) -> tuple[Block, ...]:
    mode = _mode(speed)
    cues = (cat.LOOK, cat.FOOT, cat.STRIDE, *_extra_cues(ctx, main=True))
    common = {
        "muscles": cat.AGILITY_MUSCLES,
        "why": cat.why(cat.AGILITY, ctx.goals),
        "speed_kmh": speed,
    }
    return (
        Block(
            BlockKind.MAIN,
            "Backpedal and turn",
            Direction.BACKWARD,
            mode,
            repeats=state.reps,
            meters=state.amount,
            rest_seconds=45.0,
            cues=(cat.TURN, *cues),
            **common,
        ),
        Block(
            BlockKind.MAIN,
            "Zig-zag backpedal",
            Direction.BACKWARD,
            mode,
            repeats=state.reps,
            meters=state.amount + 5.0,
            rest_seconds=45.0,
            cues=("Cut back at 45 degrees every 5 m, staying low.", *cues),
            **common,
        ),
        Block(
            BlockKind.MAIN,
            "Reactive direction changes",
            Direction.MIXED,
            mode,
            repeats=state.reps,
            seconds=8.0,
            forward_seconds=4.0,
            rest_seconds=45.0,
            cues=("Backpedal until a partner calls, then sprint forward.", *cues),
            **common,
        ),
    )


def fallback_walk(ctx: Context, budget_seconds: float, budget_meters: float) -> Block:
    """A single walking repeat that fits a very small budget (tiny recent history).

    For older adults it is the supported balance walk, so even this session trains
    balance; its length obeys both the seconds and the metres budget.
    """
    speed = _walk_speed(ctx)
    seconds = min(budget_seconds, budget_meters / (speed / 3.6))
    seconds = max(1.0, float(int(seconds)))
    return Block(
        BlockKind.MAIN,
        "Backward walk near support" if ctx.older else "Backward walk",
        Direction.BACKWARD,
        Mode.WALK,
        seconds=seconds,
        speed_kmh=speed,
        cues=cat.WALK_CUES + _extra_cues(ctx, main=True),
        muscles=cat.LOCOMOTION_MUSCLES,
        why=cat.why(cat.BALANCE_WALK if ctx.older else cat.WALK, ctx.goals),
    )
