"""Calendar export (iCalendar, RFC 5545) of a plan: one all-day event per session.

Calendar apps decide whether a re-imported event is new or an update by its UID, so
each event's UID is the session's own ``uid`` plus a fixed domain: exporting the same
plan twice gives the same UIDs and the calendar updates instead of duplicating.
Sessions carry a date but no time of day, hence all-day events (``DTSTART;VALUE=DATE``)
marked transparent so they never block the person's free/busy time.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from backstride.export.text import KIND_LABELS, block_summary, format_meters, format_seconds
from backstride.training.models import Plan, Session

UID_DOMAIN = "backstride.local"
PRODID = "-//Backstride//Backward running coach//EN"
NOT_SCREENED_NOTE = (
    "Readiness: not screened. Answer the readiness questions before the first session."
)


def event_uid(session: Session, domain: str = UID_DOMAIN) -> str:
    """``<session uid>@<domain>``: stable as long as the plan generator keeps the uid."""
    return f"{session.uid}@{domain}"


def session_description(session: Session) -> str:
    """Plain text a calendar shows: totals, each block with its cues, then the checklist."""
    backward = f"Backward: {format_seconds(session.backward_seconds)}"
    if session.backward_meters > 0:
        backward += f" (about {format_meters(session.backward_meters)})"
    lines = [backward, f"Total time: {format_seconds(session.total_seconds)}"]
    if session.focus:
        lines.append(f"Focus: {session.focus}")
    if session.deload:
        lines.append("Lighter week: keep it easy.")
    lines.append("")
    for block in session.blocks:
        lines.append(f"{KIND_LABELS[block.kind]}: {block.name} - {block_summary(block)}")
        lines.extend(f"  - {cue}" for cue in block.cues)
    if session.safety_checklist:
        lines.append("")
        lines.append("Before you start:")
        lines.extend(f"  [ ] {item}" for item in session.safety_checklist)
    return "\n".join(lines)


def plan_to_calendar(
    plan: Plan, *, stamp: dt.datetime | None = None, domain: str = UID_DOMAIN
) -> Calendar:
    """Build the calendar. ``stamp`` (UTC) is the DTSTAMP; default: now, to the second."""
    if stamp is None:
        stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    elif stamp.tzinfo is None:
        raise ValueError("the DTSTAMP time must carry a time zone (use UTC)")
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Backstride plan")
    # A plan made without readiness answers says so wherever it goes, calendars too.
    unscreened = "" if plan.screened else NOT_SCREENED_NOTE + "\n\n"
    if unscreened:
        cal.add("x-wr-caldesc", NOT_SCREENED_NOTE)
    for session in plan.sessions:
        event = Event()
        event.add("uid", event_uid(session, domain))
        event.add("dtstamp", stamp.astimezone(dt.UTC))
        event.add("dtstart", session.date)
        event.add("dtend", session.date + dt.timedelta(days=1))
        event.add("summary", f"Backstride: {session.title}")
        event.add("description", unscreened + session_description(session))
        event.add("categories", ["Backstride", "Training"])
        event.add("transp", "TRANSPARENT")
        event.add("sequence", 0)
        cal.add_component(event)
    return cal


def plan_to_ics(plan: Plan, *, stamp: dt.datetime | None = None, domain: str = UID_DOMAIN) -> bytes:
    """The calendar serialised as ``.ics`` bytes (CRLF line endings, folded lines)."""
    return plan_to_calendar(plan, stamp=stamp, domain=domain).to_ical()
