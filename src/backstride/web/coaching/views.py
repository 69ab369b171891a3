"""Coach pages (dashboard, one athlete, plan adjustments) and the athlete's sharing pages.

Access rules, as decorators and one helper:
- coach pages need a coach account (``coach_required``: others get a 403 page);
- one athlete's pages need a live link (``_linked_athlete``: anything else is a 404,
  so nobody can probe which ids exist);
- sharing pages only ever show the signed-in person's own links.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from backstride.training.models import Restriction
from backstride.training.screening_rules import LIMIT_TEXT
from backstride.web.accounts.models import profile_for
from backstride.web.coaching import services, sources
from backstride.web.coaching.history import history_for
from backstride.web.coaching.models import CoachAction, Invite
from backstride.web.logbook.status_ui import status_context
from backstride.web.plans import services as plans_services
from backstride.web.sharing.access import active_links_of_athlete, athletes_of, can_view
from backstride.web.sharing.models import CoachLink

View = Callable[..., HttpResponse]


def coach_required(view: View) -> View:
    """Signed in, and a coach account; an athlete gets a page explaining how to become one."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not profile_for(request.user).is_coach:
            return render(request, "coaching/not_coach.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped


def _linked_athlete(request: HttpRequest, athlete_id: int) -> AbstractBaseUser:
    athlete = get_user_model().objects.filter(pk=athlete_id, is_active=True).first()
    if athlete is None or not can_view(request.user, athlete):
        raise Http404("No such athlete.")
    return athlete


def optional_url(name: str, athlete_id: int) -> str | None:
    """A link into another app's page for this athlete, if that app is installed."""
    try:
        return f"{reverse(name)}?athlete={athlete_id}"
    except NoReverseMatch:
        return None


def invite_url(request: HttpRequest, invite: Invite) -> str:
    return request.build_absolute_uri(reverse("coaching:invite", args=[invite.token]))


def _today() -> dt.date:
    return timezone.localdate()


@require_GET
@coach_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Every athlete at a glance: flags first, then adherence and last session."""
    today = _today()
    rows = []
    for athlete in athletes_of(request.user):
        summary = sources.summary_for(athlete, today)
        rows.append(
            {
                "athlete": athlete,
                "name": athlete.profile.name,
                "population": athlete.profile.get_population_display(),
                "summary": summary,
                "plan_url": optional_url("plans:calendar", athlete.pk),
                "logs_url": optional_url("logbook:history", athlete.pk),
            }
        )
    # Athletes with urgent flags first, then the ones with anything to look at.
    rows.sort(
        key=lambda r: (
            -sum(f.severity == "high" for f in r["summary"].flags),
            -len(r["summary"].flags),
            r["name"].lower(),
        )
    )
    invites = [
        (invite, invite_url(request, invite))
        for invite in Invite.objects.filter(
            coach=request.user, used_at__isnull=True, expires_at__gt=timezone.now()
        )
    ]
    new_invite_id = request.session.pop("new_invite_id", None)
    return render(
        request,
        "coaching/dashboard.html",
        {"rows": rows, "invites": invites, "new_invite_id": new_invite_id, "today": today},
    )


@require_POST
@coach_required
def create_invite(request: HttpRequest) -> HttpResponse:
    try:
        invite = services.create_invite(request.user, request.POST.get("note", ""))
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        request.session["new_invite_id"] = invite.pk
        messages.success(request, "Invite link created. Send it to your athlete; it works once.")
    return redirect("coaching:dashboard")


@require_POST
@coach_required
def cancel_invite(request: HttpRequest, invite_id: int) -> HttpResponse:
    invite = get_object_or_404(Invite, pk=invite_id, coach=request.user)
    try:
        services.cancel_invite(invite)
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Invite link cancelled; it no longer works.")
    return redirect("coaching:dashboard")


@require_http_methods(["GET", "POST"])
@login_required
def invite(request: HttpRequest, token: str) -> HttpResponse:
    """Show who invites you and exactly what they will see; accepting is one button."""
    found = services.find_invite(token)
    if found is None:
        raise Http404("This invite link is not valid.")
    problem = services.invite_problem(found, request.user)
    if request.method == "POST" and problem is None:
        try:
            services.accept_invite(token, request.user)
        except ValueError as exc:
            problem = str(exc)
        else:
            name = found.coach.profile.name
            messages.success(request, f"{name} can now follow your training.")
            return redirect("coaching:sharing")
    return render(
        request,
        "coaching/invite.html",
        {"invite": found, "coach_name": found.coach.profile.name, "problem": problem},
        status=400 if (problem and request.method == "POST") else 200,
    )


@require_GET
@coach_required
def athlete(request: HttpRequest, athlete_id: int) -> HttpResponse:
    person = _linked_athlete(request, athlete_id)
    today = _today()
    summary = sources.summary_for(person, today)
    entries = sources.recent_log_entries(person, today, 28)
    entries.sort(key=lambda e: (e.date, e.pk), reverse=True)
    sessions = sources.planned_sessions(person)
    upcoming = [(s.uid, sources.session_title(s)) for s in sessions if s.date >= today][:12]
    return render(
        request,
        "coaching/athlete.html",
        {
            "person": person,
            "name": person.profile.name,
            "summary": summary,
            "entries": entries[:10],
            "history": history_for(person),
            "consult": sources.consult_uncleared(person),
            "clearance": sources.clearance_of(person),
            "professions": list(plans_services.PROFESSIONS.items()),
            "limit_choices": [(r.value, LIMIT_TEXT[r]) for r in Restriction],
            **status_context(request.user, person, today),
            "has_plan": bool(sessions),
            "upcoming": upcoming,
            "plan_url": optional_url("plans:calendar", person.pk),
            "logs_url": optional_url("logbook:history", person.pk),
            "progress_url": optional_url("progress:index", person.pk),
            "today": today,
        },
    )


def _act(
    request: HttpRequest, athlete_id: int, action: Callable[[AbstractBaseUser], str]
) -> HttpResponse:
    """Run one plan adjustment; its ValueError becomes a message and nothing is saved."""
    person = _linked_athlete(request, athlete_id)
    try:
        done = action(person)
    except (ValueError, PermissionError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("coaching:athlete", athlete_id=person.pk)


@require_POST
@coach_required
def record_clearance(request: HttpRequest, athlete_id: int) -> HttpResponse:
    def action(person: AbstractBaseUser) -> str:
        raw_date = request.POST.get("cleared_on", "").strip()
        try:
            date = dt.date.fromisoformat(raw_date)
        except ValueError:
            raise ValueError("Enter the clearance date as a date, e.g. 2026-03-02.") from None
        name = request.POST.get("professional_name", "")
        services.coach_record_clearance(
            person,
            request.user,
            name,
            date,
            profession=request.POST.get("profession", ""),
            limits=request.POST.getlist("limits"),
            confirmed=request.POST.get("confirm") == "on",
        )
        return "Clearance recorded. The athlete's plan is unlocked."

    return _act(request, athlete_id, action)


@require_POST
@coach_required
def repeat_week(request: HttpRequest, athlete_id: int) -> HttpResponse:
    def action(person: AbstractBaseUser) -> str:
        change = services.coach_repeat_week(person, request.user, _today())
        return f"Week {change.week} will be repeated; later weeks move on by one."

    return _act(request, athlete_id, action)


@require_POST
@coach_required
def add_note(request: HttpRequest, athlete_id: int) -> HttpResponse:
    def action(person: AbstractBaseUser) -> str:
        services.add_session_note(
            person, request.user, request.POST.get("text", ""), request.POST.get("session", "")
        )
        return "Note saved. The athlete sees it on their sharing page."

    return _act(request, athlete_id, action)


@require_GET
@login_required
def sharing(request: HttpRequest) -> HttpResponse:
    """The athlete's side: who follows me, what they wrote, and the revoke buttons."""
    links = active_links_of_athlete(request.user)
    notes = CoachAction.objects.filter(athlete=request.user).select_related("actor__profile")[:20]
    past = CoachLink.objects.filter(athlete=request.user, revoked_at__isnull=False).select_related(
        "coach__profile"
    )[:10]
    return render(request, "coaching/sharing.html", {"links": links, "notes": notes, "past": past})


@require_POST
@login_required
def revoke_link(request: HttpRequest, link_id: int) -> HttpResponse:
    link = get_object_or_404(
        CoachLink.objects.filter(Q(athlete=request.user) | Q(coach=request.user)),
        pk=link_id,
        revoked_at__isnull=True,
    )
    services.revoke_link(link, request.user)
    if link.athlete_id == request.user.pk:
        messages.success(request, f"{link.coach.profile.name} can no longer see your training.")
        return redirect("coaching:sharing")
    messages.success(request, f"You stopped following {link.athlete.profile.name}.")
    return redirect("coaching:dashboard")
