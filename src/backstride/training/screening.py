"""Readiness screening: may this person start backward walking or running, and how?

Moving backward removes the eyes from the path and loads the quadriceps and shins in an
unfamiliar way, so the screen asks two kinds of question: the seven general questions of
the PAR-Q+ (2024), which flag a risk for any new exercise, and what backward movement
adds (falls, fear of falling, balance, vision, fragile bones, blood thinners, pregnancy,
recent surgery, pain at rest).

The outcome is one of five (``models.Clearance``), from least to most cautious:

* ``cleared``: start the normal plan.
* ``restricted``: start, within named limits (``models.Restriction``) such as walking only.
* ``supervised``: start, but only with a helper or professional present at every session.
* ``consult``: no plan until a professional's clearance is recorded.
* ``urgent``: chest pain at rest or fainting: seek medical help now; no plan.

The questions and rules are one table, ``screening_rules``; the Learn pages render the
same table, so the code and the pages cannot disagree. Every rule that fires adds a
reason in plain words, so the person sees *why* and not just a verdict.
"""

from __future__ import annotations

from collections.abc import Mapping

from backstride.training.models import Clearance, Profile, Restriction, ScreeningResult
from backstride.training.screening_rules import (
    CLEARED_REASON,
    OLDER_ADULT_AGE,
    QUESTION_IDS,
    QUESTIONS,
    REQUIRED_IDS,
    RULES,
    Question,
)

__all__ = [
    "OLDER_ADULT_AGE",
    "QUESTIONS",
    "QUESTION_IDS",
    "REQUIRED_IDS",
    "Question",
    "missing_answers",
    "screen",
]


def _validate(answers: Mapping[str, bool]) -> None:
    """Refuse malformed answers: a missing required 'no' must never count as a 'no'."""
    if not isinstance(answers, Mapping):
        raise ValueError("screening answers must be a mapping of question id to true/false")
    unknown = sorted(str(k) for k in answers if k not in QUESTION_IDS)
    if unknown:
        raise ValueError(
            f"unknown screening question id(s): {', '.join(unknown)}; "
            f"known ids are: {', '.join(QUESTION_IDS)}"
        )
    not_bool = sorted(k for k, v in answers.items() if not isinstance(v, bool))
    if not_bool:
        raise ValueError(f"screening answers must be true or false, not for: {', '.join(not_bool)}")
    missing = [q for q in REQUIRED_IDS if q not in answers]
    if missing:
        raise ValueError(f"screening question(s) not answered: {', '.join(missing)}")


def missing_answers(answers: Mapping[str, bool]) -> tuple[str, ...]:
    """Questions the stored answers do not hold (added to the check after they were given)."""
    return tuple(q for q in QUESTION_IDS if q not in answers)


def screen(answers: Mapping[str, bool], profile: Profile | None = None) -> ScreeningResult:
    """Turn yes/no answers (and optionally the profile's age) into an outcome with reasons.

    Every row of ``screening_rules.RULES`` that fires adds its reason and limits; the most
    cautious outcome wins. Limits are kept even for ``consult``, so that a later
    professional clearance starts from them rather than from nothing. Questions added
    after older answers were stored are *not answered*: listed in ``unanswered`` and,
    until answered, a walking-only start with support nearby (never taken as "no").
    """
    _validate(answers)
    yes = frozenset(k for k, v in answers.items() if v)
    age = profile.age if profile is not None else None
    missing = missing_answers(answers)
    fired = [r for r in RULES if r.fires(yes, age, missing)]
    if not fired:
        return ScreeningResult(Clearance.CLEARED, (CLEARED_REASON,), (), (), ())
    outcome = max((r.outcome for r in fired), key=lambda c: c.severity)
    limits = {limit for r in fired for limit in r.limits}
    if outcome == Clearance.SUPERVISED:
        limits.add(Restriction.SUPERVISED)
    # Most cautious first, table order within an outcome.
    ordered_rules = sorted(fired, key=lambda r: -r.outcome.severity)
    count = f"{len(missing)} new question{'s' if len(missing) != 1 else ''}"
    reasons = tuple(r.reason.format(age=age, missing=count) for r in ordered_rules)
    return ScreeningResult(
        outcome,
        reasons,
        tuple(r for r in Restriction if r in limits),
        missing,
        tuple(r.id for r in ordered_rules),
    )
