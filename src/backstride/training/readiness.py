"""Who must answer the readiness questions before a plan is made for them.

Kept apart from ``screening`` (which judges answers) because this is a rule about the
*absence* of answers: for most people a plan without screening is shown as "not
screened" and is theirs to use; for the people a backward fall or an overloaded knee
hurts most (older adults, knee rehabilitation, anyone 65 or over) no plan is made until
the questions are answered. The CLI asks them then and there in a terminal, or refuses
(the web app always screens during onboarding).
"""

from __future__ import annotations

from backstride.training.models import Population, Profile
from backstride.training.screening import OLDER_ADULT_AGE

SCREENING_REQUIRED_POPULATIONS = (Population.OLDER_ADULT, Population.KNEE_REHAB)


def screening_required(profile: Profile) -> bool:
    """True for older adults, knee rehabilitation and anyone ``OLDER_ADULT_AGE`` or over."""
    return profile.population in SCREENING_REQUIRED_POPULATIONS or profile.age >= OLDER_ADULT_AGE


def why_required(profile: Profile) -> str:
    """The reason in a few words, e.g. "at 84" or "for knee rehabilitation"."""
    if profile.population == Population.KNEE_REHAB:
        return "for knee rehabilitation"
    if profile.population == Population.OLDER_ADULT:
        return "for older adults"
    return f"at {profile.age}"
