"""Log a session, see what it changes next, answer the next-morning question."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from backstride.export.text import format_seconds
from backstride.training.schedule import find_session
from backstride.web.logbook import services
from backstride.web.logbook.forms import LogForm, SorenessForm, initial_from
from backstride.web.logbook.models import LogEntry
from backstride.web.logbook.status_ui import status_context
from backstride.web.plans import services as plans
from backstride.web.sharing.access import athlete_for, athlete_from_query

MAX_ENTRY_ID = 2**63 - 1


def _replayed(request: HttpRequest) -> bool:
    """A form the phone kept while offline and sends now (backstride/outbox.js): it asks for
    JSON. A person's own submit never does, so their answers stay the usual pages."""
    return request.method == "POST" and "application/json" in request.headers.get("Accept", "")


def _first_error(form: LogForm) -> str:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        return f"{label}: {errors[0]}" if label else str(errors[0])
    return "The log could not be saved."


@require_http_methods(["GET", "POST"])
@login_required
def log_session(request: HttpRequest, uid: str) -> HttpResponse:
    """Only the person logs their own sessions; the form is prefilled from the plan.

    A POST may carry an ``Idempotency-Key`` header (the phone's queue sends one with a
    form kept offline): a key this person posted before answers the entry it made and
    stores nothing new, exactly like ``POST /api/logs``.
    """
    athlete = athlete_for(request)
    row = plans.active_plan(athlete)
    session = find_session(plans.build_plan(row), uid) if row else None
    if session is None:
        raise Http404("No such session in your plan.")
    today = timezone.localdate()
    initial = {
        "completed": "100",
        "minutes": round(session.total_seconds / 60),
        "date": min(session.date, today),
    }
    form = LogForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        birth_year=services.birth_year(athlete, today),
    )
    status = 200
    replayed = _replayed(request)
    key = ""
    if request.method == "POST" and "Idempotency-Key" in request.headers:
        form.is_valid()  # errors exist before one is added
        try:
            key = services.client_key(request.headers["Idempotency-Key"])
        except ValueError as exc:
            form.add_error(None, str(exc))
    if request.method == "POST":
        earlier = services.existing_for_key(request.user, key)
        if earlier is not None:
            if replayed:
                return JsonResponse({"log": {"id": earlier.pk}}, status=200)
            return redirect("logbook:entry", entry_id=earlier.pk)
        if form.is_valid():
            data = form.to_data(uid)
            if key:
                data["client_key"] = key
            try:
                with transaction.atomic():
                    entry = services.save_log(athlete, request.user, data, today)
            except IntegrityError:
                # A concurrent post with the same key won the race: answer its entry.
                entry = services.existing_for_key(request.user, key)
                if entry is None:
                    raise
            except ValueError as exc:
                form.add_error(None, str(exc))
                entry = None
            if entry is not None:
                if replayed:
                    return JsonResponse({"log": {"id": entry.pk}}, status=201)
                return redirect("logbook:entry", entry_id=entry.pk)
        status = 400
        if replayed:
            return JsonResponse({"detail": _first_error(form)}, status=400)
    return render(
        request,
        "logbook/log.html",
        {"form": form, "session": session, "total": format_seconds(session.total_seconds)},
        status=status,
    )


def _entry_or_404(request: HttpRequest, entry_id: int) -> LogEntry:
    if not 1 <= entry_id <= MAX_ENTRY_ID:
        raise Http404("No such log.")
    entry = LogEntry.objects.filter(pk=entry_id).first()
    if entry is None:
        raise Http404("No such log.")
    athlete_for(request, entry.athlete_id)  # 404 unless it is theirs (or their coach's)
    return entry


@require_GET
@login_required
def entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    """The saved log and, straight away, the adapted next session with its reasons."""
    found = _entry_or_404(request, entry_id)
    next_up = None
    latest = services.latest_entry(found.athlete)
    if latest is not None and latest.pk == found.pk and found.decided_on is not None:
        next_up = services.decide_next(found.athlete, found.decided_on, up_to=found)
    planned = None
    if found.session_uid:
        row = plans.active_plan(found.athlete)
        planned = find_session(plans.build_plan(row), found.session_uid) if row else None
    return render(
        request,
        "logbook/entry.html",
        {
            "entry": found,
            "planned": planned,
            "next_up": next_up,
            "next_total": (
                format_seconds(next_up.decision.session.total_seconds)
                if next_up and next_up.decision and next_up.decision.session
                else ""
            ),
            "own": found.athlete_id == request.user.pk,
            "athlete_query": (
                "" if found.athlete_id == request.user.pk else f"?athlete={found.athlete_id}"
            ),
            "pain": sorted((found.pain or {}).items()),
            **status_context(request.user, found.athlete, timezone.localdate()),
        },
    )


def _own_entry_or_404(request: HttpRequest, entry_id: int) -> LogEntry:
    """Only the athlete corrects their own logs; a coach's or stranger's try is a 404."""
    found = _entry_or_404(request, entry_id)
    if found.athlete_id != request.user.pk:
        raise Http404("No such log.")
    return found


@require_http_methods(["GET", "POST"])
@login_required
def edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    """Correct a saved log; the next session is decided again at once."""
    found = _own_entry_or_404(request, entry_id)
    form = LogForm(request.POST if request.method == "POST" else None, initial=initial_from(found))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            changes = form.to_data(found.session_uid)
            changes.pop("session_uid")
            try:
                services.update_log(found, request.user, changes, timezone.localdate())
            except ValueError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Log corrected. The next session was decided again.")
                return redirect("logbook:entry", entry_id=found.pk)
        status = 400
    planned = None
    if found.session_uid:
        row = plans.active_plan(found.athlete)
        planned = find_session(plans.build_plan(row), found.session_uid) if row else None
    return render(
        request,
        "logbook/log.html",
        {
            "form": form,
            "session": planned,
            "entry": found,
            "editing": True,
            "total": format_seconds(planned.total_seconds) if planned else "",
        },
        status=status,
    )


@require_POST
@login_required
def delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    """Delete a log (the athlete's own); the next session is decided again at once."""
    found = _own_entry_or_404(request, entry_id)
    services.delete_log(found, request.user, timezone.localdate())
    messages.success(request, "Log deleted. The next session was decided again.")
    return redirect("logbook:history")


@require_GET
@login_required
def history(request: HttpRequest) -> HttpResponse:
    athlete = athlete_from_query(request)
    entries = list(LogEntry.objects.filter(athlete=athlete).order_by("-date", "-id")[:200])
    # Each row names its session ("Week 2: first backward jog"), from the plan as it stands.
    row = plans.active_plan(athlete)
    titles = {s.uid: s.title for s in plans.build_plan(row).sessions} if row else {}
    for entry in entries:
        entry.session_title = titles.get(entry.session_uid, "")
    return render(
        request,
        "logbook/history.html",
        {"entries": entries, "own": athlete.pk == request.user.pk},
    )


@require_POST
@login_required
def soreness(request: HttpRequest, entry_id: int) -> HttpResponse:
    """The next-morning answer; only the person who trained can give it."""
    found = _own_entry_or_404(request, entry_id)
    form = SorenessForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose how sore your legs are, from 0 (not at all) to 10.")
        return redirect("core:dashboard")
    services.answer_soreness(found, form.cleaned_data["soreness"], timezone.localdate())
    messages.success(request, "Thanks. Your next session takes this into account.")
    return redirect("core:dashboard")
