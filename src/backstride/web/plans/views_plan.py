"""Plan pages: calendar, list, one session in detail, the player, "repeat this week".

Every view resolves the athlete with ``athlete_from_query`` (the person, or someone a
coach may view) and reads the plan through ``services.build_plan``: the views only
arrange what the engine produced.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from backstride.export.plan_json import session_to_dict
from backstride.export.text import KIND_LABELS, block_summary, format_seconds
from backstride.training import schedule
from backstride.training.energy import EnergyView, session_view
from backstride.training.models import Block, Plan, Session
from backstride.web.accounts.units import units_for
from backstride.web.logbook import services as logbook
from backstride.web.logbook.models import LogEntry
from backstride.web.logbook.status_ui import status_context
from backstride.web.plans import calendar, services
from backstride.web.plans.forms import RepeatWeekForm
from backstride.web.plans.models import TrainingPlan, TrainingProfile
from backstride.web.player.constants import player_constants
from backstride.web.sharing.access import athlete_from_query

PLAYER_TEMPLATE = "player/player.html"
BODY_REGIONS = (
    "quadriceps",
    "tibialis anterior",
    "hip flexors",
    "core",
    "glutes",
    "hamstrings",
    "calves",
)


def player_available() -> bool:
    try:
        get_template(PLAYER_TEMPLATE)
    except TemplateDoesNotExist:
        return False
    return True


def _query(request: HttpRequest, athlete: AbstractBaseUser) -> str:
    """Keeps ``?athlete=`` on links when a coach is looking at someone else's plan."""
    return "" if athlete.pk == request.user.pk else f"?athlete={athlete.pk}"


def _load(request: HttpRequest) -> tuple[AbstractBaseUser, TrainingPlan | None, Plan | None]:
    athlete = athlete_from_query(request)
    row = services.active_plan(athlete)
    return athlete, row, services.build_plan(row) if row else None


def _no_plan(request: HttpRequest, athlete: AbstractBaseUser) -> HttpResponse:
    own = athlete.pk == request.user.pk
    screening = services.latest_screening(athlete)
    return render(request, "plans/no_plan.html", {"own": own, "screening": screening})


def _plan_context(
    request: HttpRequest, athlete: AbstractBaseUser, row: TrainingPlan, plan: Plan
) -> dict[str, Any]:
    today = timezone.localdate()
    minutes = logbook.logged_minutes(athlete)
    week = schedule.current_week(plan, today)
    return {
        "athlete": athlete,
        "own": athlete.pk == request.user.pk,
        "q": _query(request, athlete),
        "plan_row": row,
        "plan": plan,
        "today": today,
        "current_week": week,
        "changes": row.changes.select_related("made_by"),
        "logged_minutes": minutes,
        "legend": [(s.value, label) for s, label in calendar.STATUS_LABELS.items()],
        **status_context(request.user, athlete, today),
        "current_clearance": _clearance_of(athlete, row),
    }


def _clearance_of(athlete: AbstractBaseUser, row: TrainingPlan) -> object | None:
    """The professional's clearance the plan was built on (shown with its limits)."""
    if not row.clearance_recorded:
        return None
    screening = services.latest_screening(athlete)
    return getattr(screening, "clearance_record", None) if screening else None


@require_GET
@login_required
def calendar_view(request: HttpRequest) -> HttpResponse:
    """Month grid, Monday first, each session coloured by how closely it was done."""
    athlete, row, plan = _load(request)
    if row is None or plan is None:
        return _no_plan(request, athlete)
    context = _plan_context(request, athlete, row, plan)
    today = context["today"]
    default = today if plan.start <= today <= plan.sessions[-1].date else plan.start
    year, month = calendar.parse_month(request.GET.get("month"), default)
    prev_y, prev_m = calendar.shift_month(year, month, -1)
    next_y, next_m = calendar.shift_month(year, month, 1)
    context.update(
        {
            "grid": calendar.month_grid(
                year, month, plan.sessions, context["logged_minutes"], today
            ),
            "month_label": dt.date(year, month, 1).strftime("%B %Y"),
            "prev_month": f"{prev_y:04d}-{prev_m:02d}",
            "next_month": f"{next_y:04d}-{next_m:02d}",
            "weekdays": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
            "view": "calendar",
        }
    )
    return render(request, "plans/calendar.html", context)


@require_GET
@login_required
def list_view(request: HttpRequest) -> HttpResponse:
    """Every week with its sessions, totals and colours: the plan at a glance."""
    athlete, row, plan = _load(request)
    if row is None or plan is None:
        return _no_plan(request, athlete)
    context = _plan_context(request, athlete, row, plan)
    minutes = context["logged_minutes"]
    context["weeks"] = [
        {
            "week": week,
            "backward": format_seconds(week.backward_seconds),
            "sessions": [
                (
                    s,
                    calendar.session_status(s, minutes.get(s.uid), context["today"]),
                    format_seconds(s.total_seconds),
                )
                for s in week.sessions
            ],
        }
        for week in plan.weeks
    ]
    context["view"] = "list"
    return render(request, "plans/list.html", context)


def muscle_levels(block: Block) -> dict[str, str]:
    """Region -> "primary" / "secondary" / "" for the body diagram's CSS classes."""
    levels = {region.replace(" ", "_"): "" for region in BODY_REGIONS}
    for name in block.muscles.secondary:
        levels[name.replace(" ", "_")] = "secondary"
    for name in block.muscles.primary:
        levels[name.replace(" ", "_")] = "primary"
    return levels


def _session_or_404(plan: Plan | None, uid: str) -> Session:
    session = schedule.find_session(plan, uid) if plan else None
    if session is None:
        raise Http404("No such session in this plan.")
    return session


@require_GET
@login_required
def session_detail(request: HttpRequest, uid: str) -> HttpResponse:
    """Blocks with cues, speeds and muscles, the checklist, and any adaptation."""
    athlete, _, plan = _load(request)
    planned = _session_or_404(plan, uid)
    adapted = logbook.adapted_session(athlete, uid)
    decision, entry = adapted if adapted else (None, None)
    shown = decision.session if decision and decision.session else planned
    logs = athlete.session_logs.filter(session_uid=uid).order_by("-date", "-id")
    blocks = [
        {
            "block": b,
            "label": KIND_LABELS[b.kind],
            "summary": block_summary(b, with_speed=False, units=units_for(request.user)),
            "duration": format_seconds(b.total_seconds),
            "levels": muscle_levels(b),
        }
        for b in shown.blocks
    ]
    own = athlete.pk == request.user.pk
    today = timezone.localdate()
    state = status_context(request.user, athlete, today)
    blocked = state["current"].status.blocked
    energy = _energy(athlete, shown)
    return render(
        request,
        "plans/session.html",
        {
            "athlete": athlete,
            "own": own,
            "q": _query(request, athlete),
            "session": shown,
            "planned": planned,
            "decision": decision,
            "decision_entry": entry,
            "blocks": blocks,
            "total": format_seconds(shown.total_seconds),
            "backward": format_seconds(shown.backward_seconds),
            "logs": logs,
            "can_play": own and player_available() and not blocked,
            "today": today,
            "energy": energy,
            **state,
        },
    )


def _energy(athlete: AbstractBaseUser, session: Session) -> EnergyView | None:
    """About how much energy the session costs, with the person's body mass (else 70 kg).

    The engine's ``energy.session_view`` gives every figure and the sentence shown
    (docs/science/adaptation-load-energy.md); this only looks up the body mass.
    """
    profile = TrainingProfile.objects.filter(user=athlete).first()
    mass = profile.body_mass_kg if profile and profile.body_mass_kg else None
    try:
        return session_view(session, mass)
    except ValueError:
        return None


@require_GET
@login_required
def session_play(request: HttpRequest, uid: str) -> HttpResponse:
    """The guided player for one session, adapted if the logs say so."""
    athlete, _, plan = _load(request)
    if athlete.pk != request.user.pk or not player_available():
        raise Http404("The player is not available.")
    planned = _session_or_404(plan, uid)
    state = status_context(request.user, athlete, timezone.localdate())
    if state["current"].status.blocked:
        return render(request, "plans/paused.html", {"planned": planned, **state}, status=409)
    adapted = logbook.adapted_session(athlete, uid)
    session = adapted[0].session if adapted and adapted[0].session else planned
    data = session_to_dict(session)
    data["uid"] = planned.uid  # logs attach to the planned session, adapted or not
    return render(
        request,
        PLAYER_TEMPLATE,
        {
            "session": data,
            "log_url": reverse("api:create_log"),
            "user_id": request.user.pk,
            "constants": player_constants(units_for(request.user)),
            **state,
        },
    )


@require_POST
@login_required
def repeat_week(request: HttpRequest) -> HttpResponse:
    """Repeat the current week; later weeks move on by one. Recorded with who did it."""
    athlete = athlete_from_query(request)
    row = services.active_plan(athlete)
    if row is None:
        raise Http404("No plan.")
    form = RepeatWeekForm(request.POST)
    target = reverse("plans:list") + _query(request, athlete)
    if not form.is_valid():
        messages.error(request, "Choose a week of the plan to repeat.")
        return redirect(target)
    try:
        services.repeat_week(row, form.cleaned_data["week"], request.user)
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        week = form.cleaned_data["week"]
        messages.success(
            request, f"Week {week} will be repeated; the weeks after it move on by one week."
        )
    return redirect(target)


@require_POST
@login_required
def fall_review(request: HttpRequest) -> HttpResponse:
    """Record that the logged falls were talked through, so the plan may progress again.

    The athlete (after talking it through with someone) or their linked coach/physio can
    record it; who did is kept.
    """
    athlete = athlete_from_query(request)
    falls = list(LogEntry.objects.filter(athlete=athlete, fall=True).values_list("date", flat=True))
    back = reverse("core:dashboard") if athlete.pk == request.user.pk else _coach_page(athlete)
    try:
        services.record_fall_review(athlete, request.user, falls, request.POST.get("note", ""))
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Fall review recorded: the plan can move on again.")
    return redirect(back)


@require_POST
@login_required
def pain_review(request: HttpRequest) -> HttpResponse:
    """Record a physiotherapist's or doctor's review of the pain behind a pause.

    The athlete or their linked coach/physio records it (who, profession, date, advice);
    who entered it is kept. A review dated on or after the logs behind a pain stop turns
    the stop into a hold (``training.status``).
    """
    athlete = athlete_from_query(request)
    back = reverse("core:dashboard") if athlete.pk == request.user.pk else _coach_page(athlete)
    raw = request.POST.get("reviewed_on", "").strip()
    try:
        date = dt.date.fromisoformat(raw)
    except ValueError:
        messages.error(request, "Enter the date of the review, e.g. 2026-03-02.")
        return redirect(back)
    try:
        services.record_pain_review(
            athlete,
            request.user,
            request.POST.get("professional_name", ""),
            request.POST.get("profession", ""),
            date,
            request.POST.get("note", ""),
        )
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Professional review recorded.")
    return redirect(back)


def _coach_page(athlete: AbstractBaseUser) -> str:
    try:
        return reverse("coaching:athlete", args=[athlete.pk])
    except NoReverseMatch:
        return reverse("plans:list") + f"?athlete={athlete.pk}"
