"""Decide the next session from the latest logs: progress, repeat, regress or stop.

Why rules and not a score: a person (or their physio) must be able to see exactly why
the plan moved or held, so every rule that fires adds a plain sentence, and the most
cautious action wins. The pain rules follow the pain-monitoring model used in tendon
and knee rehabilitation (Silbernagel et al. 2007): pain up to 3/10 that has settled by
the next morning is acceptable, 4-5 means hold, above 5 means step back. Sharp pain
means stop the session (the source article says the same); we add a referral when it is
in the knee or shin, when pain passes 7/10 or when it climbs session after session.
Thresholds and their sources are listed in docs/science/adaptation-load-energy.md.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import replace

from backstride.training.load import SPIKE_LIMIT, SPIKE_LOOKBACK_DAYS, validate_log
from backstride.training.models import (
    Action,
    Block,
    BlockKind,
    Decision,
    Direction,
    Environment,
    Mode,
    PainSite,
    Session,
    SessionLog,
)

ACCEPTABLE_PAIN = 3  # <= this: fine to progress (if settled next morning)
HOLD_PAIN = 5  # 4-5: hold; above: regress
REFER_PAIN = 7  # above: stop and see a professional
REFER_SHARP_SITES = frozenset({PainSite.KNEE, PainSite.SHIN})
PROGRESS_COMPLETION = 0.9
LOW_COMPLETION = 0.7
EXTREME_RPE = 9  # 9-10 on the CR-10 scale: near-maximal, too hard to build on
BREAK_DAYS = 14
REGRESS_FACTOR = 0.7
REPEAT_FALLBACK_FACTOR = 1 / SPIKE_LIMIT  # undo one plan step when the last volume is unknown
WALK_SPEED_KMH = 3.6
MIN_FACTOR = 0.3  # never shrink a main set below 30 % of the plan: that is a different session

_SEVERITY = {Action.PROGRESS: 0, Action.REPEAT: 1, Action.REGRESS: 2, Action.STOP: 3}
_SEE_SOMEONE = "see a physiotherapist or doctor before your next backward session"


def _pain_rules(latest: SessionLog, earlier: Sequence[SessionLog]) -> list[tuple[Action, str]]:
    found: list[tuple[Action, str]] = []
    pain = latest.max_pain
    where = ", ".join(f"{site} {value}/10" for site, value in latest.pain.items() if value > 0)
    sharp_at = [site for site in REFER_SHARP_SITES if latest.pain.get(site, 0) > 0]
    if latest.sharp_pain and sharp_at:
        sites = " and ".join(sorted(str(site) for site in sharp_at))
        found.append(
            (Action.STOP, f"You felt sharp pain with pain in the {sites}: {_SEE_SOMEONE}.")
        )
    elif latest.sharp_pain:
        found.append(
            (
                Action.REGRESS,
                "You felt sharp pain: the next session is shorter and easier. Stop at once if it "
                "comes back, and note where it hurts.",
            )
        )
    if pain > REFER_PAIN:
        found.append((Action.STOP, f"Pain reached {pain}/10 ({where}): {_SEE_SOMEONE}."))
    elif pain > HOLD_PAIN:
        found.append(
            (Action.REGRESS, f"Pain reached {pain}/10 ({where}), above {HOLD_PAIN}: step back.")
        )
    elif pain > ACCEPTABLE_PAIN:
        found.append((Action.REPEAT, f"Pain reached {pain}/10 ({where}): hold at this level."))
    elif pain > 0:
        found.append(
            (
                Action.PROGRESS,
                f"Pain peaked at {pain}/10 ({where}), "
                f"within the acceptable 0-{ACCEPTABLE_PAIN} range.",
            )
        )
    found.extend(_rising_pain(latest, earlier))
    return found


def _rising_pain(latest: SessionLog, earlier: Sequence[SessionLog]) -> list[tuple[Action, str]]:
    """Pain at one site higher in each of the last two logs than in the one before."""
    if len(earlier) < 2:
        return []
    first, second = earlier[-2], earlier[-1]
    found = []
    for site in PainSite:
        a, b, c = (log.pain.get(site, 0) for log in (first, second, latest))
        if a < b < c:
            action = Action.STOP if c > ACCEPTABLE_PAIN else Action.REPEAT
            advice = _SEE_SOMEONE if action == Action.STOP else "hold until it settles"
            found.append(
                (
                    action,
                    f"Pain in the {site} has risen two sessions in a row ({a}, {b}, {c}/10): "
                    f"{advice}.",
                )
            )
    return found


PROVISIONAL = "Provisional:"


def _soreness_rules(latest: SessionLog, today: dt.date | None) -> list[tuple[Action, str]]:
    soreness = latest.next_morning_soreness
    if soreness is None:
        when = "tomorrow morning" if today is None or today <= latest.date else "now"
        return [
            (
                Action.PROGRESS,
                f"{PROVISIONAL} next-morning soreness is not recorded yet. Please add it "
                f"{when}; if it is above 3/10 this decision changes to hold.",
            )
        ]
    if soreness > HOLD_PAIN:
        return [(Action.REGRESS, f"Next-morning soreness was {soreness}/10, above 5: step back.")]
    if soreness > ACCEPTABLE_PAIN:
        return [(Action.REPEAT, f"Next-morning soreness was {soreness}/10: it has not settled.")]
    if soreness > 0:
        return [
            (
                Action.PROGRESS,
                f"Mild next-morning soreness ({soreness}/10) is normal when muscles meet a new "
                "movement, and it had settled.",
            )
        ]
    return []


def _effort_rules(latest: SessionLog) -> list[tuple[Action, str]]:
    done = latest.completed_fraction
    found: list[tuple[Action, str]] = []
    if done < LOW_COMPLETION and latest.rpe >= EXTREME_RPE:
        found.append(
            (
                Action.REGRESS,
                f"You completed {done:.0%} of the session at effort {latest.rpe:g}/10: "
                "it was too hard, so the next one is lighter.",
            )
        )
    elif done < PROGRESS_COMPLETION:
        found.append(
            (
                Action.REPEAT,
                f"You completed {done:.0%} of the session: repeat this volume before adding more.",
            )
        )
    elif latest.rpe >= EXTREME_RPE:
        found.append(
            (
                Action.REPEAT,
                f"Effort was {latest.rpe:g}/10, near your maximum: repeat before adding more.",
            )
        )
    return found


def _safety_rules(
    latest: SessionLog, logs: Sequence[SessionLog], fall_reviewed: bool, environment: Environment
) -> list[tuple[Action, str]]:
    found: list[tuple[Action, str]] = []
    falls = [log.date for log in logs if log.fall]
    if falls and not fall_reviewed:
        found.append(
            (
                Action.REPEAT,
                f"You fell on {falls[-1]}. The plan will not progress until the fall has been "
                "reviewed (what happened, the space behind you, your speed). If you were hurt, "
                f"{_SEE_SOMEONE}.",
            )
        )
    if latest.near_fall:
        rails = " and hold the handrails" if environment == Environment.TREADMILL else ""
        found.append(
            (
                Action.REPEAT,
                f"You nearly fell: repeat this session more slowly{rails}, check the space behind "
                "you and glance over your shoulder often.",
            )
        )
    return found


def _break_rule(latest: SessionLog, today: dt.date | None) -> list[tuple[Action, str]]:
    if today is None or (today - latest.date).days <= BREAK_DAYS:
        return []
    return [
        (
            Action.REPEAT,
            f"Your last logged session was {(today - latest.date).days} days ago: "
            "pick up at the same volume rather than adding more.",
        )
    ]


def _check(planned: Session, logs: Sequence[SessionLog], today: dt.date | None) -> None:
    if not isinstance(planned, Session):
        raise ValueError(f"planned must be a Session (got {type(planned).__name__})")
    for log in logs:
        validate_log(log)
        if today is not None and log.date > today:
            raise ValueError(f"a session log is dated {log.date}, after today ({today})")


def decide(
    planned: Session,
    logs: Sequence[SessionLog],
    *,
    today: dt.date | None = None,
    fall_reviewed: bool = False,
) -> Decision:
    """Turn the latest logs into an action, plain reasons and the adjusted next session."""
    _check(planned, logs, today)
    if not logs:
        return Decision(
            Action.PROGRESS,
            ("No session logged yet, so the planned session stands as written.",),
            planned,
        )
    ordered = sorted(logs, key=lambda log: log.date)
    latest, earlier = ordered[-1], ordered[:-1]
    rules = [
        *_safety_rules(latest, ordered, fall_reviewed, planned.environment),
        *_pain_rules(latest, earlier),
        *_soreness_rules(latest, today),
        *_effort_rules(latest),
        *_break_rule(latest, today),
    ]
    action = max((a for a, _ in rules), key=_SEVERITY.__getitem__, default=Action.PROGRESS)
    if action != Action.PROGRESS:
        # "Changes to hold if sore" only qualifies a go-ahead; a hold, step back or stop
        # already stands whatever tomorrow's soreness is.
        rules = [(a, text) for a, text in rules if not text.startswith(PROVISIONAL)]
    reasons = [text for a, text in sorted(rules, key=lambda r: -_SEVERITY[r[0]])]
    if action == Action.STOP:
        return Decision(action, tuple(reasons), None)
    session, extra = _next_session(planned, action, latest, ordered)
    if action == Action.PROGRESS and not extra:
        extra.append(
            f"You completed {latest.completed_fraction:.0%} at effort {latest.rpe:g}/10 "
            "with pain in the acceptable range: go ahead with the next planned step."
        )
    if latest.near_fall:
        session = replace(
            session,
            safety_checklist=(
                *session.safety_checklist,
                "Go slower than last time; you nearly fell.",
            ),
        )
    return Decision(action, tuple(reasons + extra), session)


def _next_session(
    planned: Session, action: Action, latest: SessionLog, logs: Sequence[SessionLog]
) -> tuple[Session, list[str]]:
    """Build the adapted session and say what changed in it."""
    if action == Action.REGRESS:
        pain_high = latest.max_pain > HOLD_PAIN or latest.sharp_pain
        with_pain = latest.max_pain > ACCEPTABLE_PAIN or latest.sharp_pain
        notes = [f"The main set is cut to {REGRESS_FACTOR:.0%} of the plan."]
        if pain_high:
            notes.append("Running in the main set is replaced by backward walking.")
        if with_pain:
            notes.append("Drills are left out until the pain settles.")
        session = adapt_session(
            planned, action, REGRESS_FACTOR, walk_only=pain_high, drop_drills=with_pain
        )
        return session, notes
    main_seconds = _main_backward_seconds(planned)
    if action == Action.REPEAT:
        if latest.backward_seconds > 0 and main_seconds > 0:
            target = latest.backward_seconds - (planned.backward_seconds - main_seconds)
            factor = min(1.0, max(target / main_seconds, MIN_FACTOR))
            note = "The main set matches the backward time you did last session."
        else:
            factor = REPEAT_FALLBACK_FACTOR
            note = "The main set is held about one step (10 %) below the plan."
        return adapt_session(planned, action, factor), [note]
    return _capped_progress(planned, logs)


def _capped_progress(planned: Session, logs: Sequence[SessionLog]) -> tuple[Session, list[str]]:
    """The plan as written, unless it jumps > 10 % over the longest recent session."""
    since = planned.date - dt.timedelta(days=SPIKE_LOOKBACK_DAYS)
    recent = [log.backward_seconds for log in logs if log.date >= since]
    longest = max(recent, default=0.0)
    main_seconds = _main_backward_seconds(planned)
    if longest <= 0 or main_seconds <= 0 or planned.backward_seconds <= SPIKE_LIMIT * longest:
        return planned, []
    target = SPIKE_LIMIT * longest - (planned.backward_seconds - main_seconds)
    factor = max(target / main_seconds, MIN_FACTOR)
    session = _rebuild(planned, Action.PROGRESS, min(factor, 1.0), False, False)
    return session, [
        f"The planned session was more than 10 % above your longest backward session of the "
        f"last 30 days ({longest / 60:.0f} min), so its main set is trimmed to that limit.",
    ]


def _main_backward_seconds(session: Session) -> float:
    return sum(b.backward_seconds for b in session.blocks if b.kind == BlockKind.MAIN)


def _scale(value: float, factor: float) -> float:
    """Whole seconds or metres; rounded down when growing so the 10 % cap holds."""
    scaled = value * factor
    return float(math.floor(scaled + 1e-9)) if factor > 1 else float(max(1, round(scaled)))


def _scaled_block(block: Block, factor: float, walk: bool) -> Block:
    if block.kind != BlockKind.MAIN or block.direction == Direction.FORWARD:
        return block
    changes: dict[str, object] = {}
    if block.seconds is not None:
        changes["seconds"] = _scale(block.seconds, factor)
    elif block.meters is not None:
        changes["meters"] = _scale(block.meters, factor)
    if walk and block.mode in (Mode.JOG, Mode.RUN):
        changes["mode"] = Mode.WALK
        changes["name"] = f"{block.name} (walked)"
        changes["cues"] = (*block.cues, "Walk this part today instead of running.")
        if block.speed_kmh is not None:
            changes["speed_kmh"] = min(block.speed_kmh, WALK_SPEED_KMH)
    return replace(block, **changes)


def adapt_session(
    planned: Session,
    action: Action,
    factor: float | None = None,
    *,
    walk_only: bool = False,
    drop_drills: bool = False,
) -> Session:
    """Scale the backward part of the main set; warm-up, drills and cool-down stay.

    ``factor`` multiplies main-set backward time (or distance) per repeat. PROGRESS
    without a factor keeps the planned session (the plan already progresses); with one
    it must be 1.0-1.10 (the 10 % cap). REPEAT needs 0 < factor <= 1 (default: one
    10 % step below the plan), REGRESS 0 < factor < 1 (default 0.7). ``walk_only``
    turns main-set running into walking and ``drop_drills`` removes drill blocks
    (both used on regress with pain). STOP has no next session.
    """
    action = Action(action)
    if action == Action.STOP:
        raise ValueError("a stop decision has no next session: see a professional first")
    if factor is not None and (not isinstance(factor, int | float) or not math.isfinite(factor)):
        raise ValueError(f"factor must be a number (got {factor!r})")
    if action == Action.PROGRESS:
        if factor is None:
            return planned
        if not 1.0 <= factor <= SPIKE_LIMIT:
            raise ValueError(f"a progress factor must be between 1.0 and 1.1 (got {factor:g})")
    elif action == Action.REPEAT:
        factor = REPEAT_FALLBACK_FACTOR if factor is None else factor
        if not 0 < factor <= 1:
            raise ValueError(f"a repeat factor must be above 0 and at most 1 (got {factor:g})")
    else:
        factor = REGRESS_FACTOR if factor is None else factor
        if not 0 < factor < 1:
            raise ValueError(f"a regress factor must be between 0 and 1 (got {factor:g})")
    return _rebuild(planned, action, factor, walk_only, drop_drills)


def _rebuild(
    planned: Session, action: Action, factor: float, walk_only: bool, drop_drills: bool
) -> Session:
    blocks = tuple(
        _scaled_block(block, factor, walk_only)
        for block in planned.blocks
        if not (drop_drills and block.kind == BlockKind.DRILL)
    )
    return replace(
        planned,
        uid=f"{planned.uid}-adapted-{action.value}",
        title=f"{planned.title} ({action.value})",
        blocks=blocks,
    )
