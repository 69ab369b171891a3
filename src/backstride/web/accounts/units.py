"""Which units a person reads: their choice, else their browser's locale on first visit.

Every page and export asks :func:`units_for`; the formatting itself is
``training.units`` (pure), so this module only finds the choice.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import HttpRequest

from backstride.training.units import METRIC, Units, units_for_locale
from backstride.web.accounts.models import Profile, profile_for


def browser_locale(request: HttpRequest) -> str:
    """The first language tag of ``Accept-Language`` (``en-US,en;q=0.9`` -> ``en-US``)."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    return header.split(",")[0].split(";")[0].strip()


def default_from_locale(profile: Profile, request: HttpRequest) -> Profile:
    """Set units from the browser once, for a person who has not chosen yet."""
    if profile.units_set:
        return profile
    units = units_for_locale(browser_locale(request))
    profile.distance_unit = units.distance.value
    profile.speed_unit = units.speed.value
    profile.short_unit = units.short.value
    profile.units_set = True
    profile.save(update_fields=["distance_unit", "speed_unit", "short_unit", "units_set"])
    return profile


def units_for(user: AbstractBaseUser | AnonymousUser | None) -> Units:
    """The person's units; metric for visitors who are not signed in."""
    if user is None or not user.is_authenticated:
        return METRIC
    return profile_for(user).units
