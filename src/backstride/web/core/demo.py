"""Demo accounts for `backstride serve --demo`: a coach and three athletes.

The athletes get training profiles, screenings, plans and a few weeks of logged
sessions (``logbook.demo``). Loading twice is safe: it resets the same four accounts
and their training instead of adding more.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from backstride.training.models import Population
from backstride.web.accounts.models import Profile, Role
from backstride.web.coaching.demo import link_demo_coach
from backstride.web.logbook.demo import load_demo_training

DEMO_PASSWORD = "backstride-demo"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    role: Role
    population: Population | None
    description: str


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("coach", "Casey (coach)", Role.COACH, None, "coach / physio"),
    DemoAccount("ada", "Ada", Role.ATHLETE, Population.OLDER_ADULT, "older adult"),
    DemoAccount("kim", "Kim", Role.ATHLETE, Population.KNEE_REHAB, "knee rehab"),
    DemoAccount("sam", "Sam", Role.ATHLETE, Population.ATHLETE, "footballer"),
)


@transaction.atomic
def load_demo() -> tuple[DemoAccount, ...]:
    """Create (or reset) the demo accounts with the shared demo password."""
    users = get_user_model()
    for account in DEMO_ACCOUNTS:
        user, _ = users.objects.get_or_create(
            username=account.username,
            defaults={"email": f"{account.username}@demo.backstride.invalid"},
        )
        user.set_password(DEMO_PASSWORD)
        user.is_active = True
        user.save()
        Profile.objects.update_or_create(
            user=user,
            defaults={
                "display_name": account.display_name,
                "role": account.role,
                "population": account.population.value if account.population else "",
            },
        )
    link_demo_coach()
    load_demo_training(timezone.localdate())
    return DEMO_ACCOUNTS
