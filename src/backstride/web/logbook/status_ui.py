"""The one status as every page shows it: the message word for word, and lift buttons.

``training.status.current_status`` decides; this module only says, for each lift step,
which button or link does it and whether the person looking may use it (the athlete
for their own steps; the athlete or a linked coach for a professional's record). The
template ``logbook/_status.html`` renders the result on home, the session page, the
play page and the calendar, so none of them words the state on its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse

from backstride.training.status import Who
from backstride.web.logbook import services
from backstride.web.logbook.models import LogEntry
from backstride.web.plans import services as plans


@dataclass(frozen=True)
class LiftButton:
    """One lift step: its text, and how to do it here (a link, a form, or nothing)."""

    id: str
    text: str
    kind: str  # "link", "pain-review", "fall-review" or "" (no button for this viewer)
    url: str = ""
    label: str = ""


def _latest_log_edit(athlete: AbstractBaseUser) -> str:
    latest = LogEntry.objects.filter(athlete=athlete).order_by("-date", "-id").first()
    return reverse("logbook:edit", args=[latest.pk]) if latest else ""


def _button(lift_id: str, text: str, found: services.NextUp, athlete: AbstractBaseUser) -> tuple:
    """(kind, url, label) of the button that carries out ``lift_id``."""
    planned = found.planned
    log_url = reverse("logbook:log", args=[planned.uid]) if planned else ""
    links = {
        "record-clearance": (reverse("plans:outcome"), "Record the clearance"),
        "answer-screening": (reverse("plans:screening"), "Answer the readiness questions"),
        "seek-medical-help": (reverse("plans:screening"), "Answer the questions again later"),
        "log-pain-free-session": (log_url, "Log a session"),
        "log-steady-session": (log_url, "Log a session"),
        "log-full-session": (log_url, "Log a session"),
        "log-session": (log_url, "Log a session"),
        "add-next-morning-pain": (_latest_log_edit(athlete), "Add it to the last log"),
        "add-pain-rating": (_latest_log_edit(athlete), "Add it to the last log"),
        "add-pre-session-pain": (log_url, "Log the next session"),
    }
    if lift_id == "record-professional-review":
        return "pain-review", reverse("plans:pain_review"), "Record the review"
    if lift_id == "record-fall-review":
        return "fall-review", reverse("plans:fall_review"), "Record the fall review"
    url, label = links.get(lift_id, ("", ""))
    return ("link", url, label) if url else ("", "", "")


def status_context(
    viewer: AbstractBaseUser, athlete: AbstractBaseUser, today: dt.date
) -> dict[str, Any]:
    """``status`` (the NextUp with its status), the lift buttons the viewer may use."""
    found = services.status_for(athlete, today)
    own = viewer.pk == athlete.pk
    buttons = []
    used: set[str] = set()
    for lift in found.status.lifts if found.status else ():
        allowed = own or lift.who == Who.PROFESSIONAL
        kind, url, label = _button(lift.id, lift.text, found, athlete) if allowed else ("", "", "")
        if url in used:  # two steps done by the same page: one button is enough
            kind = ""
        used.add(url)
        buttons.append(LiftButton(lift.id, lift.text, kind, url, label))
    return {
        "current": found,
        "lift_buttons": buttons,
        "status_query": "" if own else f"?athlete={athlete.pk}",
        "professions": list(plans.PROFESSIONS.items()),
        "status_today": today,
    }
