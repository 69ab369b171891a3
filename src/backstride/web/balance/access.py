"""Whose balance tests may this request see? The owner, and a coach they share with.

The sharing rule (``can_view``) is imported here and nowhere else in this app, so if it
moves again only this import changes. Refusals are 404s, never 403s, so nobody can
probe which ids exist.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.http import Http404, HttpRequest

from backstride.web.sharing.access import can_view, parse_athlete_id

__all__ = ["athlete_for", "may_see", "parse_athlete_id"]


def may_see(viewer: AbstractBaseUser, athlete: AbstractBaseUser) -> bool:
    return viewer.pk == athlete.pk or can_view(viewer, athlete)


def athlete_for(request: HttpRequest, athlete_id: int | None = None) -> AbstractBaseUser:
    """The athlete this request is about (``None`` = the signed-in person), or Http404."""
    user = request.user
    if not user.is_authenticated:
        raise Http404("Sign in first.")
    if athlete_id is None or athlete_id == user.pk:
        return user
    athlete = get_user_model().objects.filter(pk=athlete_id, is_active=True).first()
    if athlete is None or not may_see(user, athlete):
        raise Http404("No such athlete.")
    return athlete
