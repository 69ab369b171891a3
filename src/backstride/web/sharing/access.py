"""The one place that answers "may this person see that athlete's training?".

Plans, the log book, progress, analysis and coaching call these in their views and
services, so a revoked link cuts access everywhere at once: there is no cached
permission. A person always sees their own training; another athlete's only through
:func:`can_view`. Refusals are 404s, never 403s, so nobody can probe which ids exist.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from backstride.web.accounts.models import Role
from backstride.web.sharing.models import CoachLink


def _is_coach(user: AbstractBaseUser | AnonymousUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    profile = getattr(user, "profile", None)
    return profile is not None and profile.role == Role.COACH


def can_view(coach_user: AbstractBaseUser | AnonymousUser, athlete_user: AbstractBaseUser) -> bool:
    """True when ``coach_user`` is a coach the athlete accepted and has not revoked.

    A coach account is required on purpose: turning a coach into an athlete in the
    profile ends their access without touching the links.
    """
    if not _is_coach(coach_user) or coach_user.pk == athlete_user.pk:
        return False
    return CoachLink.objects.filter(
        coach=coach_user, athlete=athlete_user, revoked_at__isnull=True
    ).exists()


def athletes_of(coach_user: AbstractBaseUser | AnonymousUser) -> QuerySet:
    """The users who currently share their training with ``coach_user`` (by name)."""
    users = get_user_model().objects
    if not _is_coach(coach_user):
        return users.none()
    return (
        users.filter(coach_links__coach=coach_user, coach_links__revoked_at__isnull=True)
        .select_related("profile")
        .order_by("profile__display_name", "username")
        .distinct()
    )


def active_links_of_athlete(athlete_user: AbstractBaseUser) -> QuerySet:
    """The athlete's live links, for their sharing page."""
    return CoachLink.objects.filter(athlete=athlete_user, revoked_at__isnull=True).select_related(
        "coach__profile"
    )


MAX_DB_INT = 2**63 - 1


def parse_athlete_id(raw: Any) -> int | None:
    """``?athlete=`` from a URL: None when absent, 404 for anything that is not an id."""
    if raw in (None, ""):
        return None
    text = str(raw)
    if not text.isdigit() or len(text) > 19 or not 1 <= int(text) <= MAX_DB_INT:
        raise Http404("No such athlete.")
    return int(text)


def athlete_for(request: HttpRequest, athlete_id: int | None = None) -> AbstractBaseUser:
    """The athlete whose data this request is about, or Http404.

    ``athlete_id`` None (or the user's own id) means the signed-in person; any other id
    needs ``can_view(request.user, athlete)``.
    """
    user = request.user
    if not user.is_authenticated:
        raise Http404("Sign in first.")
    if athlete_id is None or athlete_id == user.pk:
        return user
    athlete = get_user_model().objects.filter(pk=athlete_id, is_active=True).first()
    if athlete is None or not can_view(user, athlete):
        raise Http404("No such athlete.")
    return athlete


def athlete_from_query(request: HttpRequest) -> AbstractBaseUser:
    """``athlete_for`` with the id taken from ``?athlete=`` (how coach links point here)."""
    return athlete_for(request, parse_athlete_id(request.GET.get("athlete")))
