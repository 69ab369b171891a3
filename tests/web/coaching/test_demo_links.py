"""The demo coach follows the three demo athletes, and reloading does not duplicate."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from backstride.web.core.demo import load_demo
from backstride.web.sharing.access import athletes_of
from backstride.web.sharing.models import CoachLink


def test_the_demo_coach_sees_ada_kim_and_sam(db: None) -> None:
    load_demo()
    coach = get_user_model().objects.get(username="coach")
    assert sorted(u.username for u in athletes_of(coach)) == ["ada", "kim", "sam"]


def test_loading_the_demo_twice_keeps_three_links_and_restores_a_revoked_one(db: None) -> None:
    load_demo()
    CoachLink.objects.filter(athlete__username="kim").update(revoked_at="2026-01-01T00:00Z")
    load_demo()
    assert CoachLink.objects.filter(revoked_at__isnull=True).count() == 3
