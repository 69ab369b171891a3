"""Exports: the calendar feed at a secret URL, and FIT workouts for watches.

Calendar apps poll a feed without cookies, so the feed is public to whoever holds its
secret URL; the person can replace the secret at any time, which kills the old URL.
"""

from __future__ import annotations

import io
import zipfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from backstride.export.fit_workout import fit_filename, session_to_fit
from backstride.export.ics import plan_to_ics
from backstride.web.accounts.models import profile_for
from backstride.web.plans import services
from backstride.web.plans.models import TrainingPlan
from backstride.web.plans.views_plan import _load, _session_or_404


@require_GET
@login_required
def session_fit(request: HttpRequest, uid: str) -> HttpResponse:
    _, _, plan = _load(request)
    session = _session_or_404(plan, uid)
    response = HttpResponse(session_to_fit(session), content_type="application/vnd.ant.fit")
    response["Content-Disposition"] = f'attachment; filename="{fit_filename(session)}"'
    return response


@require_GET
@login_required
def plan_fit_zip(request: HttpRequest) -> HttpResponse:
    """Every session as a FIT file in one zip, for copying onto a watch at once."""
    _, _, plan = _load(request)
    if plan is None:
        raise Http404("No plan.")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for session in plan.sessions:
            archive.writestr(fit_filename(session), session_to_fit(session))
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="backstride-plan-fit.zip"'
    return response


@require_GET
@login_required
def feed(request: HttpRequest) -> HttpResponse:
    """Explain the calendar feed and show its URL (only the owner sees it)."""
    row = services.active_plan(request.user)
    if row is None:
        return redirect("plans:calendar")
    url = request.build_absolute_uri(f"/plans/feed/{row.feed_secret}.ics")
    reminder = profile_for(request.user).reminder_time
    return render(
        request,
        "plans/feed.html",
        {"plan_row": row, "feed_url": url, "reminder_time": reminder},
    )


@require_POST
@login_required
def feed_regenerate(request: HttpRequest) -> HttpResponse:
    row = services.active_plan(request.user)
    if row is None:
        raise Http404("No plan.")
    services.regenerate_feed_secret(row)
    messages.success(request, "New calendar link made. The old link no longer works.")
    return redirect("plans:feed")


@require_GET
def feed_ics(request: HttpRequest, secret: str) -> HttpResponse:
    """No login: the secret in the URL is the key. Unknown or retired secrets are 404."""
    row = TrainingPlan.objects.filter(feed_secret=secret, active=True).first()
    if row is None:
        raise Http404("No such calendar.")
    profile = profile_for(row.athlete)
    body = plan_to_ics(
        services.build_plan(row), units=profile.units, reminder=profile.reminder_time
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="backstride.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
