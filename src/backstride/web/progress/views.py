"""The progress page: the athlete's own, or (``?athlete=<id>``) one their coach may view."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from backstride.web.accounts.models import profile_for
from backstride.web.accounts.units import units_for
from backstride.web.analysis.services import recent_checks
from backstride.web.coaching.flags import ADHERENCE_TARGET_PERCENT
from backstride.web.progress import figures, services
from backstride.web.sharing.access import athlete_from_query

RANGES = (("4", "4 weeks"), ("8", "8 weeks"), ("12", "12 weeks"), ("all", "All"))


@require_GET
@login_required
def progress(request: HttpRequest) -> HttpResponse:
    """Charts over the chosen range; a new athlete gets one friendly sentence instead."""
    athlete = athlete_from_query(request)
    weeks = services.parse_range(request.GET.get("weeks"))
    data = services.progress_for(athlete, timezone.localdate(), weeks)
    own = athlete.pk == request.user.pk
    charts = []
    if data.has_logs:
        charts = [
            f
            for f in (
                figures.volume_minutes(data),
                figures.volume_meters(data, units_for(request.user)),
                figures.daily_load(data),
                figures.ratio(data),
                figures.pain(data),
                figures.adherence(data),
            )
            if f is not None
        ]
    context = {
        "progress": data,
        "figures": charts,
        "own": own,
        "athlete": athlete,
        "athlete_name": profile_for(athlete).name,
        "range_key": "all" if weeks is None else str(weeks),
        "ranges": RANGES,
        "athlete_query": "" if own else f"&athlete={athlete.pk}",
        "adherence_target": ADHERENCE_TARGET_PERCENT,
        "this_week": data.week_rows[-1] if data.week_rows else None,
        "form_checks": recent_checks(athlete),
    }
    return render(request, "progress/progress.html", context)
