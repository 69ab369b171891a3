"""Decide the next session from the latest logs: progress, repeat, regress or stop.

Why rules and not a score: a person (or their physio) must be able to see exactly why
the plan moved or held, so every rule that fires adds a plain sentence and names the
logs it used (``models.Basis``), and the most cautious action wins.

The pain rules are the pain-monitoring model (Thomeé 1997; Silbernagel et al. 2007) as
a decision table, :data:`PAIN_TABLE`: during-session pain, next-morning pain against the
pre-session level, the week-to-week morning trend, sharp pain, swelling and falls. Where
Backstride is stricter than the published model (it holds at 4-5/10, which the model
still accepts), the sentence the person reads says so. The table is written out in
docs/science/adaptation-load-energy.md and each row has a test.

Missing is not zero: a log whose pain was never answered (an import, a skipped
question) has ``pain is None``. No pain rule, trend, hold or stop is built on an unknown
value; the decision is then marked provisional and asks for the missing answer.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import replace

from backstride.training.load import SPIKE_LIMIT, SPIKE_LOOKBACK_DAYS, validate_log
from backstride.training.models import (
    Action,
    Basis,
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
from backstride.training.pain_model import PAIN_TABLE, PainRow, learn_markdown, table_row
from backstride.training.plans import catalogue

ACCEPTABLE_PAIN = 3  # <= this: fine to progress (if settled next morning)
HOLD_PAIN = 5  # 4-5: hold; above: regress
REFER_PAIN = 7  # above: stop and see a professional
MODEL_LIMIT = 5  # the published model accepts pain up to 5/10 during and after activity
REFER_SHARP_SITES = frozenset({PainSite.KNEE, PainSite.SHIN})
PROGRESS_COMPLETION = 0.9
LOW_COMPLETION = 0.7
EXTREME_RPE = 9  # 9-10 on the CR-10 scale: near-maximal, too hard to build on
BREAK_DAYS = 14
TREND_WINDOW_DAYS = 7  # "week to week": the 7 days up to the latest log against the 7 before
REGRESS_FACTOR = 0.7
REPEAT_FALLBACK_FACTOR = 1 / SPIKE_LIMIT  # undo one plan step when the last volume is unknown
WALK_SPEED_KMH = 3.6
MIN_FACTOR = 0.3  # never shrink a main set below 30 % of the plan: that is a different session

_SEVERITY = {Action.PROGRESS: 0, Action.REPEAT: 1, Action.REGRESS: 2, Action.STOP: 3}
_SEE_SOMEONE = "see a physiotherapist or doctor before your next backward session"
__all__ = [
    "PAIN_TABLE",
    "RECENT_LOGS",
    "PainRow",
    "adapt_session",
    "decide",
    "learn_markdown",
    "table_row",
    "window_start",
]

STRICTER = (
    "The published pain-monitoring model accepts up to 5/10; Backstride holds from 4/10 "
    "to stay on the safe side."
)
PROVISIONAL = "Provisional:"


def _basis(rule: str, action: Action, text: str, *logs: SessionLog) -> Basis:
    return Basis(rule, action, text, tuple(log.ref for log in logs))


def _where(log: SessionLog) -> str:
    return ", ".join(f"{site} {value}/10" for site, value in (log.pain or {}).items() if value > 0)


def _pain_rules(latest: SessionLog, earlier: Sequence[SessionLog]) -> list[Basis]:
    found: list[Basis] = []
    pain = latest.max_pain
    if pain is None:
        found.append(
            _basis(
                "pain-unknown",
                Action.PROGRESS,
                f"{PROVISIONAL} no pain rating was recorded for the session of {latest.date}. "
                "Add it (0 if nothing hurt): an unknown rating is not counted as no pain.",
                latest,
            )
        )
    where = _where(latest)
    sharp_at = [site for site in REFER_SHARP_SITES if (latest.pain_at(site) or 0) > 0]
    if latest.sharp_pain and sharp_at:
        sites = " and ".join(sorted(str(site) for site in sharp_at))
        found.append(
            _basis(
                "sharp-knee-shin",
                Action.STOP,
                f"You felt sharp pain with pain in the {sites}: {_SEE_SOMEONE}.",
                latest,
            )
        )
    elif latest.sharp_pain:
        found.append(
            _basis(
                "sharp-other",
                Action.REGRESS,
                "You felt sharp pain: the next session is shorter and easier. Stop at once if "
                "it comes back, and note where it hurts.",
                latest,
            )
        )
    if pain is not None:
        if pain > REFER_PAIN:
            text = (
                f"Pain reached {pain}/10 ({where}): {_SEE_SOMEONE}. (Backstride's own line: "
                "the published model steps back above 5/10; above 7/10 we also refer you.)"
            )
            found.append(_basis("during-refer", Action.STOP, text, latest))
        elif pain > HOLD_PAIN:
            text = f"Pain reached {pain}/10 ({where}), above {HOLD_PAIN}: step back."
            found.append(_basis("during-high", Action.REGRESS, text, latest))
        elif pain > ACCEPTABLE_PAIN:
            text = f"Pain reached {pain}/10 ({where}): hold at this level. {STRICTER}"
            found.append(_basis("during-hold", Action.REPEAT, text, latest))
        elif pain > 0:
            text = (
                f"Pain peaked at {pain}/10 ({where}), "
                f"within the acceptable 0-{ACCEPTABLE_PAIN} range."
            )
            found.append(_basis("during-acceptable", Action.PROGRESS, text, latest))
    if latest.swelling:
        found.append(
            _basis(
                "swelling",
                Action.REGRESS,
                "You noticed swelling: step back to a shorter, easier session. If it has not "
                f"gone down within a day, {_SEE_SOMEONE}. (Backstride's own rule; the "
                "published pain model does not score swelling.)",
                latest,
            )
        )
    found.extend(_rising_pain(latest, earlier))
    return found


def _rising_pain(latest: SessionLog, earlier: Sequence[SessionLog]) -> list[Basis]:
    """Pain at one site higher in each of the last three logs that *recorded* pain.

    Logs without a pain answer are left out, never read as 0: an unrelated import with
    no rating must not turn 1 and 4 into "0, 1, 4: rising".
    """
    if latest.pain is None:
        return []
    known = [log for log in earlier if log.pain is not None]
    if len(known) < 2:
        return []
    first, second = known[-2], known[-1]
    found = []
    for site in PainSite:
        a, b, c = (log.pain_at(site) or 0 for log in (first, second, latest))
        if a < b < c:
            action = Action.STOP if c > ACCEPTABLE_PAIN else Action.REPEAT
            advice = _SEE_SOMEONE if action == Action.STOP else "hold until it settles"
            found.append(
                _basis(
                    "rising-session-pain",
                    action,
                    f"Pain in the {site} has risen two sessions in a row ({a}, {b}, {c}/10) "
                    f"over the logs of {first.date}, {second.date} and {latest.date}: {advice}. "
                    "(Backstride's own rule, stricter than the published model, which "
                    "looks at the change from week to week.)",
                    first,
                    second,
                    latest,
                )
            )
    return found


def _soreness_rules(latest: SessionLog, today: dt.date | None) -> list[Basis]:
    """Next-morning pain against the pre-session level (the model: it must have settled)."""
    morning = latest.next_morning_soreness
    if morning is None:
        when = "tomorrow morning" if today is None or today <= latest.date else "now"
        return [
            _basis(
                "morning-missing",
                Action.PROGRESS,
                f"{PROVISIONAL} next-morning pain is not recorded yet. Please add it {when}; "
                "if it has not settled back to your level before the session, this changes "
                "to hold.",
                latest,
            )
        ]
    if morning > MODEL_LIMIT:
        text = f"Next-morning pain was {morning}/10, above 5: step back."
        return [_basis("morning-high", Action.REGRESS, text, latest)]
    before = latest.pre_session_pain
    during = latest.max_pain
    if before is not None and morning > before:
        text = (
            f"Next-morning pain was {morning}/10, above your {before}/10 before the session: "
            "it has not settled, so hold at this level."
        )
        return [_basis("morning-not-settled", Action.REPEAT, text, latest)]
    if before is None and during and morning > during:
        text = (
            f"Next-morning pain was {morning}/10, higher than the {during}/10 during the "
            "session: it has not settled, so hold at this level."
        )
        return [_basis("morning-not-settled", Action.REPEAT, text, latest)]
    if before is not None:
        if morning == 0:
            return []
        text = (
            f"Next-morning pain ({morning}/10) was back to your level before the session "
            f"({before}/10): it had settled."
        )
        return [_basis("morning-settled", Action.PROGRESS, text, latest)]
    if morning > ACCEPTABLE_PAIN:
        text = (
            f"Next-morning pain was {morning}/10 and your pain before the session was not "
            "recorded, so we cannot see that it settled: hold at this level. (Backstride is "
            "stricter here: the published model accepts up to 5/10 once it settles. Record "
            "your pain before the next session so we can compare.)"
        )
        return [_basis("morning-no-baseline-hold", Action.REPEAT, text, latest)]
    if morning > 0:
        text = (
            f"Mild next-morning soreness ({morning}/10) is normal when muscles meet a new "
            "movement. Record your pain before the next session too, so we can check that it "
            "settles back to that level."
        )
        return [_basis("morning-no-baseline", Action.PROGRESS, text, latest)]
    return []


def _weekly_trend(latest: SessionLog, logs: Sequence[SessionLog]) -> list[Basis]:
    """Morning pain must not rise week to week; only answered mornings count."""
    end = latest.date
    this_week = [
        log
        for log in logs
        if log.next_morning_soreness is not None and 0 <= (end - log.date).days < TREND_WINDOW_DAYS
    ]
    last_week = [
        log
        for log in logs
        if log.next_morning_soreness is not None
        and TREND_WINDOW_DAYS <= (end - log.date).days < 2 * TREND_WINDOW_DAYS
    ]
    if not this_week or not last_week:
        return []
    now = max(this_week, key=lambda log: log.next_morning_soreness or 0)
    then = max(last_week, key=lambda log: log.next_morning_soreness or 0)
    now_value, then_value = now.next_morning_soreness or 0, then.next_morning_soreness or 0
    if now_value <= then_value:
        return []
    text = (
        f"Next-morning pain is rising week to week ({then_value}/10 on {then.date}, "
        f"{now_value}/10 on {now.date}): hold at this level until it stops rising."
    )
    return [_basis("weekly-morning-rise", Action.REPEAT, text, then, now)]


def _effort_rules(latest: SessionLog) -> list[Basis]:
    done = latest.completed_fraction
    if done < LOW_COMPLETION and latest.rpe >= EXTREME_RPE:
        text = (
            f"You completed {done:.0%} of the session at effort {latest.rpe:g}/10: "
            "it was too hard, so the next one is lighter."
        )
        return [_basis("too-hard", Action.REGRESS, text, latest)]
    if done < PROGRESS_COMPLETION:
        text = f"You completed {done:.0%} of the session: repeat this volume before adding more."
        return [_basis("incomplete", Action.REPEAT, text, latest)]
    if latest.rpe >= EXTREME_RPE:
        text = f"Effort was {latest.rpe:g}/10, near your maximum: repeat before adding more."
        return [_basis("near-maximal", Action.REPEAT, text, latest)]
    return []


def _safety_rules(
    latest: SessionLog, logs: Sequence[SessionLog], fall_reviewed: bool, environment: Environment
) -> list[Basis]:
    found: list[Basis] = []
    falls = [log for log in logs if log.fall]
    if falls and not fall_reviewed:
        found.append(
            _basis(
                "fall-unreviewed",
                Action.REPEAT,
                f"You fell on {falls[-1].date}. The plan will not progress until the fall has "
                "been reviewed (what happened, the space behind you, your speed). If you were "
                f"hurt, {_SEE_SOMEONE}.",
                *falls,
            )
        )
    if latest.near_fall:
        rails = " and hold the handrails" if environment == Environment.TREADMILL else ""
        found.append(
            _basis(
                "near-fall",
                Action.REPEAT,
                f"You nearly fell: repeat this session more slowly{rails}, check the space "
                "behind you and glance over your shoulder often.",
                latest,
            )
        )
    return found


def _break_rule(latest: SessionLog, today: dt.date | None) -> list[Basis]:
    if today is None or (today - latest.date).days <= BREAK_DAYS:
        return []
    text = (
        f"Your last logged session was {(today - latest.date).days} days ago: "
        "pick up at the same volume rather than adding more."
    )
    return [_basis("break", Action.REPEAT, text, latest)]


def _review_lifts(rules: list[Basis], reviewed_on: dt.date | None) -> list[Basis]:
    """A professional's review dated on or after the logs behind a stop lifts that stop.

    The stop becomes a hold (repeat the previous level, no progress yet): the review
    says training may go on, not that the load may grow at once.
    """
    if reviewed_on is None:
        return rules
    out: list[Basis] = []
    lifted: list[Basis] = []
    for item in rules:
        if item.action == Action.STOP and all(ref.date <= reviewed_on for ref in item.logs):
            lifted.append(item)
        else:
            out.append(item)
    if lifted:
        refs = tuple(ref for item in lifted for ref in item.logs)
        out.append(
            Basis(
                "professional-review",
                Action.REPEAT,
                f"A physiotherapist or doctor reviewed this on {reviewed_on}: resume at the "
                "previous level, without adding more until a session goes well.",
                refs,
            )
        )
    return out


RECENT_LOGS = 3  # the latest log and the two before it (rising pain)


def window_start(latest: dt.date, planned: dt.date) -> dt.date:
    """The earliest day whose logs :func:`decide` reads by date.

    Why: a shell with years of logs must not load them all for one decision. ``decide``
    reads, besides the logs dated on or after this day (the week-to-week morning trend,
    two weeks back from ``latest``; the single-session cap, 30 days before ``planned``):
    every fall (a fall stays unreviewed until reviewed, however old) and the
    :data:`RECENT_LOGS` latest logs (rising pain compares the latest with the two logs
    before it that recorded pain; a shell whose logs always record pain passes the three
    latest). Given exactly these, ``decide`` returns what it returns from all logs
    (``tests/web/test_decision_window.py`` checks it on long generated histories).
    """
    trend_start = latest - dt.timedelta(days=2 * TREND_WINDOW_DAYS - 1)
    return min(trend_start, planned - dt.timedelta(days=SPIKE_LOOKBACK_DAYS))


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
    reviewed_on: dt.date | None = None,
) -> Decision:
    """Turn the latest logs into an action, plain reasons and the adjusted next session.

    ``reviewed_on``: the date of the latest professional review the shell has recorded;
    it lifts a stop whose logs are all on or before it (see :func:`_review_lifts`).
    """
    _check(planned, logs, today)
    if not logs:
        return Decision(
            Action.PROGRESS,
            ("No session logged yet, so the planned session stands as written.",),
            planned,
            (Basis("no-logs", Action.PROGRESS, "No session logged yet."),),
        )
    ordered = sorted(logs, key=lambda log: log.date)
    latest, earlier = ordered[-1], ordered[:-1]
    rules = [
        *_safety_rules(latest, ordered, fall_reviewed, planned.environment),
        *_pain_rules(latest, earlier),
        *_soreness_rules(latest, today),
        *_weekly_trend(latest, ordered),
        *_effort_rules(latest),
        *_break_rule(latest, today),
    ]
    rules = _review_lifts(rules, reviewed_on)
    action = max((b.action for b in rules), key=_SEVERITY.__getitem__, default=Action.PROGRESS)
    if action != Action.PROGRESS:
        # "Changes to hold if sore" only qualifies a go-ahead; a hold, step back or stop
        # already stands whatever tomorrow's answer is.
        rules = [b for b in rules if not b.text.startswith(PROVISIONAL)]
    rules.sort(key=lambda b: -_SEVERITY[b.action])
    reasons = [b.text for b in rules]
    if action == Action.STOP:
        return Decision(action, tuple(reasons), None, tuple(rules))
    session, extra = _next_session(planned, action, latest, ordered)
    if action == Action.PROGRESS and not extra:
        if latest.max_pain is None:
            extra.append(
                f"You completed {latest.completed_fraction:.0%} at effort {latest.rpe:g}/10: "
                "go ahead with the next planned step once you have added the pain rating."
            )
        else:
            extra.append(
                f"You completed {latest.completed_fraction:.0%} at effort {latest.rpe:g}/10 "
                "with pain in the acceptable range: go ahead with the next planned step."
            )
        rules.append(_basis("go-ahead", Action.PROGRESS, extra[-1], latest))
    if latest.near_fall:
        session = replace(
            session,
            safety_checklist=(
                *session.safety_checklist,
                "Go slower than last time; you nearly fell.",
            ),
        )
    return Decision(action, tuple(reasons + extra), session, tuple(rules))


def _next_session(
    planned: Session, action: Action, latest: SessionLog, logs: Sequence[SessionLog]
) -> tuple[Session, list[str]]:
    """Build the adapted session and say what changed in it."""
    if action == Action.REGRESS:
        pain = latest.max_pain or 0  # unknown pain: no pain-based change to the session
        pain_high = pain > HOLD_PAIN or latest.sharp_pain
        with_pain = pain > ACCEPTABLE_PAIN or latest.sharp_pain or bool(latest.swelling)
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
        # The kneecap sentence holds at running speed only: a walked run loses it.
        changes["why"] = block.why.replace(catalogue.RUN.effect, catalogue.WALK.effect)
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
