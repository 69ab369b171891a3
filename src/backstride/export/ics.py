"""Calendar export (iCalendar, RFC 5545) of a plan: one all-day event per session.

Calendar apps decide whether a re-imported event is new or an update by its UID, so
each event's UID is the session's own ``uid`` plus a fixed domain: exporting the same
plan twice gives the same UIDs and the calendar updates instead of duplicating.
Sessions carry a date but no time of day, hence all-day events (``DTSTART;VALUE=DATE``)
marked transparent so they never block the person's free/busy time.

A reminder is a ``VALARM`` whose trigger is the chosen time of day after the event's
start (``TRIGGER:PT7H30M`` for 07:30): an all-day event starts at midnight in the
phone's own time zone, so the alarm rings at 07:30 wherever the person is.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Alarm, Calendar, Event

from backstride.export.text import KIND_LABELS, block_summary, format_meters, format_seconds
from backstride.training.models import Plan, Session
from backstride.training.units import METRIC, Units

UID_DOMAIN = "backstride.local"
PRODID = "-//Backstride//Backward running coach//EN"
NOT_SCREENED_NOTE = (
    "Readiness: not screened. Answer the readiness questions before the first session."
)


def event_uid(session: Session, domain: str = UID_DOMAIN) -> str:
    """``<session uid>@<domain>``: stable as long as the plan generator keeps the uid."""
    return f"{session.uid}@{domain}"


def session_description(session: Session, units: Units = METRIC) -> str:
    """Plain text a calendar shows: totals, each block with its cues, then the checklist."""
    backward = f"Backward: {format_seconds(session.backward_seconds)}"
    if session.backward_meters > 0:
        backward += f" (about {format_meters(session.backward_meters, units)})"
    lines = [backward, f"Total time: {format_seconds(session.total_seconds)}"]
    if session.focus:
        lines.append(f"Focus: {session.focus}")
    if session.deload:
        lines.append("Lighter week: keep it easy.")
    lines.append("")
    for block in session.blocks:
        summary = block_summary(block, units=units)
        lines.append(f"{KIND_LABELS[block.kind]}: {block.name} - {summary}")
        lines.extend(f"  - {cue}" for cue in block.cues)
    if session.coach_note:
        lines.extend(["", f"Coach's note: {session.coach_note}"])
    if session.safety_checklist:
        lines.append("")
        lines.append("Before you start:")
        lines.extend(f"  [ ] {item}" for item in session.safety_checklist)
    return "\n".join(lines)


def reminder_alarm(session: Session, at: dt.time) -> Alarm:
    """A display alarm at ``at`` on the session's day (relative to its all-day start)."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Backstride today: {session.title}")
    alarm.add("trigger", dt.timedelta(hours=at.hour, minutes=at.minute))
    return alarm


def plan_to_calendar(
    plan: Plan,
    *,
    stamp: dt.datetime | None = None,
    domain: str = UID_DOMAIN,
    units: Units = METRIC,
    reminder: dt.time | None = None,
) -> Calendar:
    """Build the calendar. ``stamp`` (UTC) is the DTSTAMP; default: now, to the second.

    ``units`` words the descriptions; ``reminder`` adds an alarm at that time of day.
    """
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
        event.add("description", unscreened + session_description(session, units))
        event.add("categories", ["Backstride", "Training"])
        event.add("transp", "TRANSPARENT")
        event.add("sequence", 0)
        if reminder is not None:
            event.add_component(reminder_alarm(session, reminder))
        cal.add_component(event)
    return cal


def plan_to_ics(
    plan: Plan,
    *,
    stamp: dt.datetime | None = None,
    domain: str = UID_DOMAIN,
    units: Units = METRIC,
    reminder: dt.time | None = None,
) -> bytes:
    """The calendar serialised as ``.ics`` bytes (CRLF line endings, folded lines)."""
    return plan_to_calendar(
        plan, stamp=stamp, domain=domain, units=units, reminder=reminder
    ).to_ical()
