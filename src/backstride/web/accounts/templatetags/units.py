"""Template tags that write distances and speeds in the signed-in person's units.

``{% load units %}`` then ``{% distance meters %}``, ``{% speed kmh %}`` and
``{{ seconds|minutes }}``. The formatting is ``training.units`` (the same functions the
exports and the player use); the tags only find whose units to use.
"""

from __future__ import annotations

from typing import Any

from django import template

from backstride.training.units import format_distance, format_speed
from backstride.web.accounts.units import units_for

register = template.Library()


def _units(context: Any):
    request = context.get("request")
    return units_for(getattr(request, "user", None))


@register.simple_tag(takes_context=True)
def distance(context: Any, meters: float | None) -> str:
    return "" if meters is None else format_distance(float(meters), _units(context))


@register.simple_tag(takes_context=True)
def speed(context: Any, kmh: float | None) -> str:
    return "" if not kmh else format_speed(float(kmh), _units(context))


@register.filter
def minutes(seconds: float | None) -> str:
    """Whole minutes for tight places such as a calendar day (``"10 min"``)."""
    if seconds is None:
        return ""
    return f"{max(1, round(float(seconds) / 60))} min"
