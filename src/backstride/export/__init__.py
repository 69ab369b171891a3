"""Exports of a plan to other tools: JSON, calendars (ICS) and watches (FIT workouts).

Every exporter takes the domain dataclasses from ``backstride.training.models`` and
returns text or bytes; writing files is left to the caller (the CLI or the web layer).
"""

from __future__ import annotations

from backstride.export.fit_workout import fit_filename, plan_to_fit_files, session_to_fit
from backstride.export.ics import event_uid, plan_to_calendar, plan_to_ics
from backstride.export.plan_json import (
    block_to_dict,
    decision_to_dict,
    plan_to_dict,
    session_to_dict,
    status_to_dict,
)

__all__ = [
    "block_to_dict",
    "decision_to_dict",
    "event_uid",
    "fit_filename",
    "plan_to_calendar",
    "plan_to_dict",
    "plan_to_fit_files",
    "plan_to_ics",
    "session_to_dict",
    "session_to_fit",
    "status_to_dict",
]
