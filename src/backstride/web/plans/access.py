"""Whose data may this request see? One helper, used by every page and API route.

A person always sees their own training. Another athlete's data is visible only when
``sharing.access.can_view`` says the request's user may view them. Refusals are 404s,
never 403s, so nobody can probe which ids exist.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.http import Http404, HttpRequest

from backstride.web.sharing.access import can_view

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
    needs ``sharing.access.can_view(request.user, athlete)``.
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
