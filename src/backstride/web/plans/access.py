"""Whose data may this request see? One helper, used by every page and API route.

A person always sees their own training. Another athlete's data is visible only when
the coaching app (built separately) says the request's user may view them; when that
app is not installed the answer is no. Refusals are 404s, never 403s, so nobody can
probe which ids exist.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.http import Http404, HttpRequest

MAX_DB_INT = 2**63 - 1


def _coach_may_view(viewer: AbstractBaseUser, athlete: AbstractBaseUser) -> bool:
    try:
        coaching = importlib.import_module("backstride.web.coaching")
    except ImportError:
        return False
    can_view = getattr(coaching, "can_view", None)
    return bool(can_view(viewer, athlete)) if callable(can_view) else False


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
    needs ``coaching.can_view(request.user, athlete)``.
    """
    user = request.user
    if not user.is_authenticated:
        raise Http404("Sign in first.")
    if athlete_id is None or athlete_id == user.pk:
        return user
    athlete = get_user_model().objects.filter(pk=athlete_id, is_active=True).first()
    if athlete is None or not _coach_may_view(user, athlete):
        raise Http404("No such athlete.")
    return athlete


def athlete_from_query(request: HttpRequest) -> AbstractBaseUser:
    """``athlete_for`` with the id taken from ``?athlete=`` (how coach links point here)."""
    return athlete_for(request, parse_athlete_id(request.GET.get("athlete")))
