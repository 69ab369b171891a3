"""What a coach should look at first: flags and adherence computed from plain data.

Pure functions over the engine's :class:`~backstride.training.models.SessionLog` and a
list of planned sessions, so the rules are tested with hand-made numbers and do not
depend on how the logbook stores rows (``sources.py`` does that translation).

Rules (each flag links to the Learn page that explains it):
- pain: any site above 5/10 in the last 14 days. 5 is where the pain-monitoring model
  (Silbernagel et al. 2007) stops "hold" and starts "step back".
- sharp pain, fall, near-fall: any in the last 14 days; a single one matters.
- missed: planned sessions dated in the 14 days before today with no log.
- urgent: the latest screening reported chest pain at rest or fainting: medical help
  now, no plan, and no clearance form unlocks it (a new screening does).
- consult: the latest screening said "see a professional" and no clearance is recorded.
- adherence: done / planned over the last 28 days (today counts only once logged);
  above 70 % meets the usual target for home programmes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from backstride.training.models import SessionLog

RECENT_DAYS = 14
ADHERENCE_DAYS = 28
PAIN_FLAG_ABOVE = 5
ADHERENCE_TARGET_PERCENT = 70


@dataclass(frozen=True)
class PlannedSession:
    uid: str
    date: dt.date


@dataclass(frozen=True)
class Flag:
    """One reason for the coach to look closer; ``topic``/``anchor`` point into Learn."""

    code: str
    label: str
    detail: str
    topic: str
    anchor: str
    severity: str  # "high" (act now) or "watch"


@dataclass(frozen=True)
class AthleteSummary:
    flags: tuple[Flag, ...]
    planned: int
    done: int
    adherence_percent: int | None
    last_session: dt.date | None
    missed: int

    @property
    def meets_adherence_target(self) -> bool | None:
        if self.adherence_percent is None:
            return None
        return self.adherence_percent > ADHERENCE_TARGET_PERCENT


def _is_done(session: PlannedSession, logs: Sequence[SessionLog]) -> bool:
    """A log ticks off a planned session by uid, or by date when it names no session."""
    for log in logs:
        if log.session_uid is not None:
            if log.session_uid == session.uid:
                return True
        elif log.date == session.date:
            return True
    return False


def _day(date: dt.date) -> str:
    return f"{date.day} {date:%b}"


def _pain_flag(recent: Sequence[SessionLog]) -> Flag | None:
    worst: tuple[int, dt.date, str] | None = None
    for log in recent:
        for site, score in (log.pain or {}).items():  # None: not answered
            if score > PAIN_FLAG_ABOVE and (worst is None or (score, log.date) > worst[:2]):
                worst = (score, log.date, str(site))
    if worst is None:
        return None
    score, date, site = worst
    return Flag(
        "pain",
        "Pain above 5",
        f"{site.capitalize()} pain {score}/10 on {_day(date)}",
        "safety",
        "pain",
        "high",
    )


def _event_flags(recent: Sequence[SessionLog]) -> list[Flag]:
    flags: list[Flag] = []
    checks = (
        ("sharp-pain", "Sharp pain", "sharp_pain", "safety", "when-to-stop", "high"),
        ("fall", "Fall", "fall", "safety", "falls", "high"),
        ("near-fall", "Near-fall", "near_fall", "safety", "falls", "watch"),
    )
    for code, label, attribute, topic, anchor, severity in checks:
        dates = sorted(log.date for log in recent if getattr(log, attribute))
        if dates:
            times = "once" if len(dates) == 1 else f"{len(dates)} times"
            detail = f"Reported {times}, last on {_day(dates[-1])}"
            flags.append(Flag(code, label, detail, topic, anchor, severity))
    return flags


def summarize(
    logs: Sequence[SessionLog],
    planned: Sequence[PlannedSession],
    today: dt.date,
    *,
    consult_uncleared: bool = False,
    urgent: bool = False,
) -> AthleteSummary:
    """Flags, adherence and last session date for one athlete on ``today``."""
    recent_start = today - dt.timedelta(days=RECENT_DAYS)
    recent = [log for log in logs if recent_start <= log.date <= today]
    flags: list[Flag] = []
    if urgent:
        flags.append(
            Flag(
                "urgent",
                "Urgent: medical help",
                "Screening reported chest pain at rest or fainting: no training until seen",
                "safety",
                "clearance",
                "high",
            )
        )
    if consult_uncleared:
        flags.append(
            Flag(
                "consult",
                "Clearance needed",
                "Screening asked for a professional's OK before training",
                "safety",
                "clearance",
                "high",
            )
        )
    pain = _pain_flag(recent)
    if pain:
        flags.append(pain)
    flags.extend(_event_flags(recent))

    missed = [s for s in planned if recent_start <= s.date < today and not _is_done(s, logs)]
    if missed:
        flags.append(
            Flag(
                "missed",
                "Missed sessions",
                f"{len(missed)} planned session{'s' if len(missed) != 1 else ''} "
                f"not logged in the last {RECENT_DAYS} days",
                "questions",
                "missed-sessions",
                "watch",
            )
        )

    window_start = today - dt.timedelta(days=ADHERENCE_DAYS - 1)
    window = [s for s in planned if window_start <= s.date <= today]
    done = sum(1 for s in window if _is_done(s, logs))
    # Today's session is not missed yet: it counts as planned only once it is logged.
    counted = sum(1 for s in window if s.date < today or _is_done(s, logs))
    percent = round(100 * done / counted) if counted else None
    past_logs = [log.date for log in logs if log.date <= today]
    return AthleteSummary(
        flags=tuple(flags),
        planned=counted,
        done=done,
        adherence_percent=percent,
        last_session=max(past_logs, default=None),
        missed=len(missed),
    )
