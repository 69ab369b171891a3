"""One state, one message: the current decision, its reasons, and how to lift it.

Home, the session page, the play page, the calendar, ``GET /api/next`` and the CLI must
all say the same thing about what happens next, and a person without a coach must see
how to get going again. So one function, :func:`current_status`, combines the two
things that can block training (the readiness screening and the adaptation decision)
into a :class:`Status`: a state, one headline sentence to show word for word, the
reasons, and the :class:`Lift` steps that end a hold or pause, each with an action id a
button can use. Shells only render it; they never rephrase it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from backstride.training.adaptation import decide
from backstride.training.models import (
    Action,
    Clearance,
    Decision,
    LogRef,
    ScreeningResult,
    Session,
    SessionLog,
)


class State(StrEnum):
    """What the person may do next, from free to blocked."""

    GO = "go"
    HOLD = "hold"  # repeat the level
    STEP_BACK = "step-back"  # a lighter session
    PAUSED = "paused"  # no backward session until a professional has looked
    NO_PLAN = "no-plan"  # a professional's clearance is needed first
    URGENT = "urgent"  # seek medical help now


class Who(StrEnum):
    """Who may carry out a lift step (the web shows the button only to them)."""

    ATHLETE = "athlete"  # the person themself (or anyone acting for them)
    PROFESSIONAL = "professional"  # recorded by the athlete, a linked coach or physio


@dataclass(frozen=True)
class Lift:
    """One way to lift the current state; ``id`` is stable for buttons and the API."""

    id: str
    text: str
    who: Who = Who.ATHLETE


@dataclass(frozen=True)
class Status:
    state: State
    headline: str
    reasons: tuple[str, ...]
    lifts: tuple[Lift, ...]
    decision: Decision | None = None
    supervised: bool = False

    @property
    def blocked(self) -> bool:
        """No session may be played (no plan, urgent or paused)."""
        return self.state in (State.NO_PLAN, State.URGENT, State.PAUSED)

    @property
    def logs_used(self) -> tuple[LogRef, ...]:
        return self.decision.logs_used if self.decision else ()

    @property
    def message(self) -> str:
        """The headline and the first way to lift it: the one line every surface shows."""
        if not self.lifts:
            return self.headline
        return f"{self.headline} {LIFT_PREFIX.get(self.state, 'To lift it:')} {self.lifts[0].text}"


HEADLINES: dict[State, str] = {
    State.GO: "Go ahead with the next planned session.",
    State.HOLD: "Hold: repeat this level before adding more.",
    State.STEP_BACK: "Step back: the next session is shorter and easier.",
    State.PAUSED: "Paused: see a physiotherapist or doctor before your next backward session.",
    State.NO_PLAN: "No plan yet: a doctor or physiotherapist needs to clear you first.",
    State.URGENT: "Seek medical help now. No plan until a doctor has seen you.",
}
# Nothing is held on a go: its step completes the record rather than lifting anything.
LIFT_PREFIX = {State.GO: "Also:", State.URGENT: "Afterwards:"}
SUPERVISED_NOTE = "Only with your helper or professional present, every session."

_STATE = {
    Action.PROGRESS: State.GO,
    Action.REPEAT: State.HOLD,
    Action.REGRESS: State.STEP_BACK,
    Action.STOP: State.PAUSED,
}

LIFTS: dict[str, Lift] = {
    lift.id: lift
    for lift in (
        Lift(
            "seek-medical-help",
            "answer the readiness check again once a doctor has seen you.",
        ),
        Lift(
            "record-clearance",
            "record the clearance of the doctor or physiotherapist who "
            "saw you (name, profession, date and any limits).",
            Who.PROFESSIONAL,
        ),
        Lift("answer-screening", "answer the new questions of the readiness check."),
        Lift(
            "record-professional-review",
            "record a physiotherapist's or doctor's review of this pain (who and when).",
            Who.PROFESSIONAL,
        ),
        Lift(
            "record-fall-review",
            "record a review of the fall: what happened, the space behind you, your speed.",
            Who.PROFESSIONAL,
        ),
        Lift(
            "log-pain-free-session",
            "log a session with pain at 3/10 or less that has settled by the next morning.",
        ),
        Lift("log-steady-session", "log a slower session without a stumble."),
        Lift("log-full-session", "log a session you complete at a manageable effort."),
        Lift("add-next-morning-pain", "add your next-morning pain to the last log."),
        Lift("add-pain-rating", "add your pain rating to the last log (0 if nothing hurt)."),
        Lift(
            "add-pre-session-pain",
            "rate your pain before the next session too, so the "
            "next morning can be compared with it.",
        ),
        Lift("log-session", "log your next session; it picks up at the same level."),
    )
}

# Decision rule id -> the step that lifts it (rules that never block have none).
_RULE_LIFT: dict[str, str] = {
    "during-refer": "record-professional-review",
    "sharp-knee-shin": "record-professional-review",
    "rising-session-pain": "record-professional-review",
    "during-hold": "log-pain-free-session",
    "during-high": "log-pain-free-session",
    "sharp-other": "log-pain-free-session",
    "swelling": "log-pain-free-session",
    "morning-not-settled": "log-pain-free-session",
    "morning-high": "log-pain-free-session",
    "morning-no-baseline-hold": "add-pre-session-pain",
    "weekly-morning-rise": "log-pain-free-session",
    "professional-review": "log-pain-free-session",
    "fall-unreviewed": "record-fall-review",
    "near-fall": "log-steady-session",
    "incomplete": "log-full-session",
    "too-hard": "log-full-session",
    "near-maximal": "log-full-session",
    "break": "log-session",
    "morning-missing": "add-next-morning-pain",
    "pain-unknown": "add-pain-rating",
}


def _screening_status(screening: ScreeningResult, clearance_recorded: bool) -> Status | None:
    if screening.clearance == Clearance.URGENT:
        return Status(
            State.URGENT,
            HEADLINES[State.URGENT],
            screening.reasons,
            (LIFTS["seek-medical-help"],),
        )
    if screening.clearance == Clearance.CONSULT and not clearance_recorded:
        lifts = [LIFTS["record-clearance"]]
        if screening.unanswered:
            lifts.append(LIFTS["answer-screening"])
        return Status(State.NO_PLAN, HEADLINES[State.NO_PLAN], screening.reasons, tuple(lifts))
    return None


def current_status(
    planned: Session | None,
    logs: Sequence[SessionLog],
    *,
    screening: ScreeningResult | None = None,
    clearance_recorded: bool = False,
    today: dt.date | None = None,
    fall_reviewed: bool = False,
    reviewed_on: dt.date | None = None,
) -> Status:
    """The state every surface shows, with its reasons and the steps that lift it.

    The screening is checked first (urgent, or consult without a clearance, means no
    plan whatever the logs say); then the adaptation decision for ``planned``. Without a
    planned session (the plan is over, or none exists) only the screening can block.
    """
    blocked = None if screening is None else _screening_status(screening, clearance_recorded)
    if blocked is not None:
        return blocked
    supervised = bool(planned and planned.supervised)
    extra: list[Lift] = []
    if screening is not None and screening.unanswered:
        extra.append(LIFTS["answer-screening"])
    if planned is None:
        return Status(State.GO, HEADLINES[State.GO], (), tuple(extra), None, supervised)
    decision = decide(
        planned, logs, today=today, fall_reviewed=fall_reviewed, reviewed_on=reviewed_on
    )
    state = _STATE[decision.action]
    lifts: list[Lift] = []
    # Blocking rules first (the most cautious action), then the rest: lifting the worst
    # one is what matters to the person.
    for item in sorted(decision.basis, key=lambda b: -list(Action).index(b.action)):
        if state == State.GO and item.action != Action.PROGRESS:
            continue
        if state != State.GO and item.action == Action.PROGRESS:
            continue
        lift_id = _RULE_LIFT.get(item.rule)
        if lift_id and LIFTS[lift_id] not in lifts:
            lifts.append(LIFTS[lift_id])
    reasons = decision.reasons
    headline = HEADLINES[state]
    if supervised:
        headline = f"{headline} {SUPERVISED_NOTE}"
    return Status(state, headline, reasons, tuple(lifts + extra), decision, supervised)
