"""Move, skip and (for a linked coach) edit one session: thin POST views over services.

Who may: ``athlete_from_query`` answers for the signed-in athlete or a coach they share
with (anyone else gets a 404); edits are for the coach only, because the athlete's own
tool for an easier day is the log and the adaptation that follows it.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from backstride.training.overrides import BlockEdit
from backstride.web.plans import services
from backstride.web.sharing.access import athlete_from_query


def _query(request: HttpRequest, athlete) -> str:
    """Keeps ``?athlete=`` on the way back when a coach made the change."""
    return "" if athlete.pk == request.user.pk else f"?athlete={athlete.pk}"


def _back(request: HttpRequest, athlete, uid: str) -> HttpResponse:
    return redirect(reverse("plans:session", args=[uid]) + _query(request, athlete))


def _row(athlete):
    row = services.active_plan(athlete)
    if row is None:
        raise Http404("No plan.")
    return row


@require_POST
@login_required
def move(request: HttpRequest, uid: str) -> HttpResponse:
    athlete = athlete_from_query(request)
    row = _row(athlete)
    try:
        to = dt.date.fromisoformat(request.POST.get("to", ""))
    except ValueError:
        messages.error(request, "Pick the new day as a date, such as 2026-03-04.")
        return _back(request, athlete, uid)
    try:
        services.move_session(row, uid, to, request.user, timezone.localdate())
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Moved to {to:%A %d %B}.")
    return _back(request, athlete, uid)


@require_POST
@login_required
def skip(request: HttpRequest, uid: str) -> HttpResponse:
    athlete = athlete_from_query(request)
    row = _row(athlete)
    try:
        services.skip_session(row, uid, request.user, timezone.localdate())
    except ValueError as exc:
        messages.error(request, str(exc))
        return _back(request, athlete, uid)
    messages.success(request, "Session skipped; the plan goes on without it.")
    return redirect(reverse("plans:calendar") + _query(request, athlete))


def _block_edits(post) -> list[BlockEdit]:
    """The changed amounts from the form's ``repeats-<i>`` and ``seconds-<i>`` fields."""
    indexes = sorted(
        {
            int(k.split("-", 1)[1])
            for k in post
            if k.split("-", 1)[0] in ("repeats", "seconds") and k.split("-", 1)[1].isdigit()
        }
    )
    edits = []
    for i in indexes:
        repeats, seconds = post.get(f"repeats-{i}", ""), post.get(f"seconds-{i}", "")
        try:
            edits.append(
                BlockEdit(
                    i,
                    int(repeats) if repeats.strip() else None,
                    float(seconds) if seconds.strip() else None,
                )
            )
        except ValueError:
            raise ValueError("Repeats and seconds must be numbers.") from None
    return edits


@require_POST
@login_required
def edit(request: HttpRequest, uid: str) -> HttpResponse:
    athlete = athlete_from_query(request)
    if athlete.pk == request.user.pk:
        raise Http404("Only a linked coach edits a session.")
    row = _row(athlete)
    try:
        services.edit_session_by(
            row,
            uid,
            _block_edits(request.POST),
            request.POST.get("note", ""),
            request.user,
            timezone.localdate(),
        )
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Session edited; the athlete sees it with your note.")
    return _back(request, athlete, uid)
