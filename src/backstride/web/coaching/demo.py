"""Demo sharing: the demo coach follows ada, kim and sam (called from ``load_demo``)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from backstride.web.sharing.models import CoachLink

DEMO_COACH = "coach"
DEMO_ATHLETES: tuple[str, ...] = ("ada", "kim", "sam")


def link_demo_coach() -> int:
    """Accepted links from the demo coach to the demo athletes; safe to run twice.

    Returns how many links were created (0 when they all exist already).
    """
    users = get_user_model().objects
    coach = users.get(username=DEMO_COACH)
    created = 0
    for athlete in users.filter(username__in=DEMO_ATHLETES):
        _, made = CoachLink.objects.get_or_create(
            coach=coach, athlete=athlete, revoked_at__isnull=True
        )
        created += int(made)
    return created
