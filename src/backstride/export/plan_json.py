"""The JSON shape of a plan, a session and a decision.

Scripts, the web front end and the golden tests all read this shape, so it is
built in one place. The keys named in the CLI contract (``weeks``, ``sessions``,
``blocks`` with ``kind``/``direction``/``mode``/``repeats``/``seconds``/``meters``/
``rest_seconds``/``speed_kmh``/``cues``/``muscles``/``why``) are never renamed or
removed; extra keys (uid, title, speed_mph ...) may be added.

Durations are rounded to 0.1 s and distances to 0.1 m: finer digits are float
noise from speed conversions and would make golden files churn.
"""

from __future__ import annotations

from typing import Any

from backstride.training.models import Block, Decision, LogRef, Plan, Session, Week
from backstride.training.status import Status


def _r(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(float(value), digits)


def block_to_dict(block: Block) -> dict[str, Any]:
    """One block; ``seconds``/``meters`` are per repeat, as in the model."""
    return {
        "kind": block.kind.value,
        "name": block.name,
        "direction": block.direction.value,
        "mode": block.mode.value,
        "repeats": block.repeats,
        "seconds": _r(block.seconds),
        "meters": _r(block.meters),
        "forward_seconds": _r(block.forward_seconds),
        "rest_seconds": _r(block.rest_seconds),
        "speed_kmh": _r(block.speed_kmh, 2),
        "speed_mph": block.speed_mph,
        "backward_seconds": _r(block.backward_seconds),
        "backward_meters": _r(block.backward_meters),
        "total_seconds": _r(block.total_seconds),
        "cues": list(block.cues),
        "muscles": {
            "primary": list(block.muscles.primary),
            "secondary": list(block.muscles.secondary),
        },
        "why": block.why,
    }


def session_to_dict(session: Session) -> dict[str, Any]:
    """One session with its blocks and the totals a calendar or watch shows."""
    return {
        "uid": session.uid,
        "date": session.date.isoformat(),
        "week": session.week,
        "index_in_week": session.index_in_week,
        "title": session.title,
        "focus": session.focus,
        "environment": session.environment.value,
        "deload": session.deload,
        "supervised": session.supervised,
        "backward_seconds": _r(session.backward_seconds),
        "backward_meters": _r(session.backward_meters),
        "total_seconds": _r(session.total_seconds),
        "safety_checklist": list(session.safety_checklist),
        "blocks": [block_to_dict(b) for b in session.blocks],
    }


def week_to_dict(week: Week) -> dict[str, Any]:
    return {
        "week": week.number,
        "deload": week.deload,
        "backward_seconds": _r(week.backward_seconds),
        "backward_meters": _r(week.backward_meters),
        "sessions": [session_to_dict(s) for s in week.sessions],
    }


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The whole plan: who it is for, the screening outcome and every week."""
    profile = plan.profile
    return {
        "start": plan.start.isoformat(),
        "clearance": plan.clearance_label,  # "not screened" without readiness answers
        "restrictions": [r.value for r in plan.restrictions],
        "profile": {
            "age": profile.age,
            "population": profile.population.value,
            "running_experience_years": profile.running_experience_years,
            "sessions_per_week": profile.sessions_per_week,
            "environment": profile.environment.value,
            "goals": [g.value for g in profile.goals],
        },
        "weeks": [week_to_dict(w) for w in plan.weeks],
    }


def decision_to_dict(decision: Decision) -> dict[str, Any]:
    """What ``backstride next --format json`` prints."""
    return {
        "action": decision.action.value,
        "reasons": list(decision.reasons),
        "session": None if decision.session is None else session_to_dict(decision.session),
        "basis": [
            {
                "rule": item.rule,
                "action": item.action.value,
                "text": item.text,
                "logs": [log_ref_to_dict(ref) for ref in item.logs],
            }
            for item in decision.basis
        ],
        "logs_used": [log_ref_to_dict(ref) for ref in decision.logs_used],
    }


def log_ref_to_dict(ref: LogRef) -> dict[str, Any]:
    return {"date": ref.date.isoformat(), "log_id": ref.log_id, "session_uid": ref.session_uid}


def status_to_dict(status: Status) -> dict[str, Any]:
    """The one state every surface shows (``training.status.current_status``)."""
    return {
        "state": status.state.value,
        "headline": status.headline,
        "message": status.message,
        "blocked": status.blocked,
        "supervised": status.supervised,
        "reasons": list(status.reasons),
        "lifts": [{"id": x.id, "text": x.text, "who": x.who.value} for x in status.lifts],
        "logs_used": [log_ref_to_dict(ref) for ref in status.logs_used],
    }
