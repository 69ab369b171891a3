"""Progress pieces other pages show: the balance-check trend card (progress and coach pages)."""

from __future__ import annotations

from django import template
from django.contrib.auth.models import AbstractBaseUser

from backstride.web.balance.services import trend
from backstride.web.progress.balance_chart import balance_trend

register = template.Library()


@register.inclusion_tag("progress/_balance_trend.html")
def balance_trend_card(athlete: AbstractBaseUser, own: bool = True) -> dict:
    """The trend chart of the athlete's balance checks (nothing before the first one)."""
    points = trend(athlete)
    return {"fig": balance_trend(points), "points": points, "own": own, "athlete": athlete}
