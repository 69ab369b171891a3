"""Plain data types shared by every training model.

These dataclasses are the contract between the pure engine (screening, plans,
adaptation, load, energy) and its shells (CLI, web, exporters). They hold no
behaviour beyond derived totals, so any store or UI can build and read them.

Units are in the field names: ``seconds``, ``meters``, ``speed_kmh``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

KMH_PER_MPH = 1.609344


class Population(StrEnum):
    """Who the plan is for; each gets a different programme shape."""

    GENERAL = "general"
    RUNNER = "runner"
    ATHLETE = "athlete"  # field or court sport: football, basketball, tennis ...
    KNEE_REHAB = "knee-rehab"
    OLDER_ADULT = "older-adult"


class Environment(StrEnum):
    """Where the person trains; decides the safety checklist and speeds."""

    TRACK = "track"
    TREADMILL = "treadmill"
    FLAT_GROUND = "flat-ground"


class Goal(StrEnum):
    """Why the person does backward locomotion; every block names the goals it serves."""

    QUADRICEPS = "quadriceps-strength"
    KNEE_HEALTH = "knee-health"
    BALANCE = "balance"
    CARDIO = "joint-friendly-cardio"
    AGILITY = "agility"


class Clearance(StrEnum):
    """Outcome of the readiness screening, from least to most cautious.

    ``SUPERVISED`` allows a plan, but only with a helper or professional present at every
    session; ``CONSULT`` allows no plan until a professional's clearance is recorded;
    ``URGENT`` (chest pain at rest, fainting) allows no plan at all: seek medical help now.
    """

    CLEARED = "cleared"
    RESTRICTED = "restricted"
    SUPERVISED = "supervised"
    CONSULT = "consult"
    URGENT = "urgent"

    @property
    def severity(self) -> int:
        """0 (cleared) to 4 (urgent): the most cautious outcome of several rules wins."""
        return list(Clearance).index(self)


class Restriction(StrEnum):
    """Limits a restricted screening puts on every generated session."""

    WALKING_ONLY = "walking-only"
    TREADMILL_HANDRAILS = "treadmill-with-handrails"
    LOW_INTENSITY = "low-intensity"
    NO_DRILLS = "no-fast-drills"
    SUPERVISED = "supervised"  # a helper or professional present at every session


class BlockKind(StrEnum):
    WARMUP = "warmup"
    DRILL = "drill"
    MAIN = "main"
    COOLDOWN = "cooldown"


class Direction(StrEnum):
    BACKWARD = "backward"
    FORWARD = "forward"
    MIXED = "mixed"  # alternating forward and backward intervals


class Mode(StrEnum):
    WALK = "walk"
    JOG = "jog"
    RUN = "run"
    DRILL = "drill"


class PainSite(StrEnum):
    """Where pain is reported after a session (the seed: quads, shins, knees first)."""

    KNEE = "knee"
    SHIN = "shin"
    QUADRICEPS = "quadriceps"
    CALF = "calf"
    HIP = "hip"
    BACK = "back"


class Action(StrEnum):
    """What the adaptation model decides for the next session."""

    PROGRESS = "progress"
    REPEAT = "repeat"
    REGRESS = "regress"
    STOP = "stop"  # stop and see a professional


@dataclass(frozen=True)
class Profile:
    """The person a plan is built for."""

    age: int
    population: Population = Population.GENERAL
    running_experience_years: float = 0.0
    sessions_per_week: int = 3
    environment: Environment = Environment.TRACK
    goals: tuple[Goal, ...] = ()
    body_mass_kg: float | None = None


@dataclass(frozen=True)
class Muscles:
    """Muscles a block trains, in the order the seed ranks them."""

    primary: tuple[str, ...] = ()
    secondary: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    """One part of a session: warm-up, a drill, the main set or the cool-down.

    ``seconds`` and ``meters`` are per repeat; a block is prescribed by one of them
    (the other may be an estimate from ``speed_kmh``). For ``Direction.MIXED`` blocks,
    ``seconds`` is the backward part of each repeat and ``forward_seconds`` the forward
    part, e.g. 60 s forward / 30 s backward.
    """

    kind: BlockKind
    name: str
    direction: Direction
    mode: Mode
    repeats: int = 1
    seconds: float | None = None
    meters: float | None = None
    rest_seconds: float = 0.0
    speed_kmh: float | None = None
    forward_seconds: float | None = None
    cues: tuple[str, ...] = ()
    muscles: Muscles = field(default_factory=Muscles)
    why: str = ""

    @property
    def speed_mph(self) -> float | None:
        return None if self.speed_kmh is None else round(self.speed_kmh / KMH_PER_MPH, 2)

    @property
    def backward_seconds(self) -> float:
        """Time spent moving backward in this block, over all repeats."""
        if self.direction == Direction.FORWARD:
            return 0.0
        per_rep = self.seconds
        if per_rep is None and self.meters is not None and self.speed_kmh:
            per_rep = self.meters / (self.speed_kmh / 3.6)
        return float(per_rep or 0.0) * self.repeats

    @property
    def backward_meters(self) -> float:
        """Distance covered backward in this block, over all repeats (estimated from speed)."""
        if self.direction == Direction.FORWARD:
            return 0.0
        per_rep = self.meters
        if per_rep is None and self.seconds is not None and self.speed_kmh:
            per_rep = self.seconds * self.speed_kmh / 3.6
        return float(per_rep or 0.0) * self.repeats

    @property
    def total_seconds(self) -> float:
        """Wall-clock time of the block including rests and forward parts."""
        per_rep = self.seconds
        if per_rep is None and self.meters is not None and self.speed_kmh:
            per_rep = self.meters / (self.speed_kmh / 3.6)
        per_rep = float(per_rep or 0.0) + float(self.forward_seconds or 0.0)
        rests = self.rest_seconds * max(self.repeats - 1, 0)
        return per_rep * self.repeats + rests


@dataclass(frozen=True)
class Session:
    """One planned training day."""

    uid: str
    date: dt.date
    week: int
    index_in_week: int
    title: str
    environment: Environment
    blocks: tuple[Block, ...]
    safety_checklist: tuple[str, ...] = ()
    focus: str = ""
    deload: bool = False
    # Only with a helper or professional present (a ``supervised`` screening): every
    # surface that shows or plays the session says so.
    supervised: bool = False
    # A linked coach's note on this session (``training.overrides.Edit``), shown with it.
    coach_note: str = ""

    @property
    def backward_seconds(self) -> float:
        return sum(b.backward_seconds for b in self.blocks)

    @property
    def backward_meters(self) -> float:
        return sum(b.backward_meters for b in self.blocks)

    @property
    def total_seconds(self) -> float:
        return sum(b.total_seconds for b in self.blocks)

    @property
    def has_backward_running(self) -> bool:
        return any(
            b.direction != Direction.FORWARD and b.mode in (Mode.JOG, Mode.RUN) for b in self.blocks
        )


@dataclass(frozen=True)
class Week:
    number: int
    sessions: tuple[Session, ...]
    deload: bool = False

    @property
    def backward_seconds(self) -> float:
        return sum(s.backward_seconds for s in self.sessions)

    @property
    def backward_meters(self) -> float:
        return sum(s.backward_meters for s in self.sessions)


NOT_SCREENED = "not screened"


@dataclass(frozen=True)
class Plan:
    profile: Profile
    start: dt.date
    weeks: tuple[Week, ...]
    clearance: Clearance = Clearance.CLEARED
    restrictions: tuple[Restriction, ...] = ()
    # False when the plan was made without readiness answers: it is then shaped as if
    # cleared, and must never be *shown* as cleared (see ``clearance_label``).
    screened: bool = True

    @property
    def clearance_label(self) -> str:
        """What every view and export says about screening: the outcome, or "not screened"."""
        return self.clearance.value if self.screened else NOT_SCREENED

    @property
    def sessions(self) -> tuple[Session, ...]:
        return tuple(s for w in self.weeks for s in w.sessions)


@dataclass(frozen=True)
class SessionLog:
    """What the person reports after a session (and the next morning).

    Missing is not zero: ``pain`` is ``None`` when the question was never answered (an
    imported activity, a skipped form); an empty dict means "answered: no pain". The
    models infer no trend, hold or stop from an unknown value. ``pre_session_pain`` is
    the pain before the session, the level next-morning pain is compared with.
    ``log_id`` is the store's id (any string), so a decision can name the logs it used.
    """

    date: dt.date
    completed_fraction: float = 1.0
    rpe: float = 0.0  # 0-10 (CR-10 scale)
    minutes: float = 0.0
    backward_seconds: float = 0.0
    backward_meters: float = 0.0
    pain: dict[PainSite, int] | None = field(default_factory=dict)  # 0-10 per site; None unknown
    sharp_pain: bool = False
    next_morning_soreness: int | None = None  # 0-10, None = not answered yet
    near_fall: bool = False
    fall: bool = False
    session_uid: str | None = None
    notes: str = ""
    pre_session_pain: int | None = None  # 0-10 before the session; None = not answered
    swelling: bool | None = None  # swelling after the session or next morning; None unknown
    log_id: str | None = None

    @property
    def pain_known(self) -> bool:
        return self.pain is not None

    @property
    def max_pain(self) -> int | None:
        """Highest pain at any site; ``None`` when pain was not answered (never 0)."""
        if self.pain is None:
            return None
        return max(self.pain.values(), default=0)

    def pain_at(self, site: PainSite) -> int | None:
        """Pain at one site; 0 when pain was answered without this site, None if unknown."""
        return None if self.pain is None else self.pain.get(site, 0)

    @property
    def ref(self) -> LogRef:
        return LogRef(self.date, self.log_id, self.session_uid)


@dataclass(frozen=True)
class LogRef:
    """Which log a decision used: its date and, when the shell gave them, ids."""

    date: dt.date
    log_id: str | None = None
    session_uid: str | None = None

    def __str__(self) -> str:
        label = f"log {self.log_id} " if self.log_id else "log "
        return f"{label}of {self.date.isoformat()}"


@dataclass(frozen=True)
class ScreeningResult:
    """Outcome of the readiness questionnaire, with reasons shown to the person."""

    clearance: Clearance
    reasons: tuple[str, ...] = ()
    restrictions: tuple[Restriction, ...] = ()
    # Questions added after these answers were given (stored older answers): never "no".
    unanswered: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()  # ids of the screening-table rows that fired

    @property
    def allows_plan(self) -> bool:
        return self.clearance not in (Clearance.CONSULT, Clearance.URGENT)


@dataclass(frozen=True)
class Basis:
    """One rule that fired: its row id in the pain/adaptation table and the logs it used."""

    rule: str
    action: Action
    text: str
    logs: tuple[LogRef, ...] = ()


@dataclass(frozen=True)
class Decision:
    """What the adaptation model makes of the latest logs for the next session."""

    action: Action
    reasons: tuple[str, ...]
    session: Session | None  # the adapted next session; None when the action is STOP
    basis: tuple[Basis, ...] = ()  # every rule behind ``reasons``, with the logs it used

    @property
    def logs_used(self) -> tuple[LogRef, ...]:
        seen: dict[LogRef, None] = {}
        for item in self.basis:
            for ref in item.logs:
                seen.setdefault(ref)
        return tuple(sorted(seen, key=lambda r: (r.date, r.log_id or "")))
