"""Pages every visitor sees, the signed-in home, and the health probe."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.defaults import server_error as django_server_error

from backstride.web.accounts.models import profile_for
from backstride.web.accounts.units import default_from_locale
from backstride.web.core.today import today_view
from backstride.web.logbook.home import home_summary
from backstride.web.plans.views_plan import player_available
from backstride.web.progress.home import home_card


@require_GET
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """Answer load balancers and `make run` scripts: is the app up and can it reach its DB?

    The query is real (not just "the process is alive") so a lost database connection
    turns the probe red with 503 instead of looking healthy.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": connection.vendor}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})


@require_GET
def landing(request: HttpRequest) -> HttpResponse:
    """Explain what Backstride is; people already signed in go straight to their home."""
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    return render(request, "core/landing.html")


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The signed-in home: next step of onboarding, or the adapted next session."""
    context = {"profile": profile_for(request.user)}
    context.update(home_summary(request.user, timezone.localdate()))
    if context.get("plan_row"):
        context["progress_card"] = home_card(request.user, timezone.localdate())
        profile = default_from_locale(context["profile"], request)
        context["today_card"] = today_view(request.user, timezone.localdate(), profile.units)
        context["player"] = player_available()
    return render(request, "core/dashboard.html", context)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 as JSON under /api/ (scripts parse it) and as a page everywhere else."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not Found"}, status=404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 without templates or database (either may be what broke)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Server error; please retry later."}, status=500)
    return django_server_error(request)
