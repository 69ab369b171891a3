"""Readiness screening: may this person start backward walking or running, and how?

Moving backward removes the eyes from the path and loads the quadriceps and shins in an
unfamiliar way, so the screen asks two kinds of question: the PAR-Q+ style questions that
flag a heart or circulation risk for any new exercise, and the questions the source
article raises for backward locomotion in particular (balance, vision, knees and other
joints, recent injury or surgery, dizziness, pain at rest).

The outcome is one of three (``models.Clearance``):

* ``cleared``: start the normal plan.
* ``restricted``: start, but within limits (``models.Restriction``) such as walking only.
* ``consult``: no plan until a professional's clearance is recorded.

Every rule adds a reason in plain words, so the person sees *why* and not just a verdict.
The rule table with its sources is in ``docs/science/screening-and-plans.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from backstride.training.models import Clearance, Profile, Restriction, ScreeningResult

OLDER_ADULT_AGE = 65


@dataclass(frozen=True)
class Question:
    """One yes/no question; ``category`` groups them for display and for the rules."""

    id: str
    text: str
    category: str


QUESTIONS: tuple[Question, ...] = (
    Question(
        "heart_condition",
        "Has a doctor ever said you have a heart condition or high blood pressure?",
        "cardiac",
    ),
    Question(
        "chest_pain",
        "Do you feel pain in your chest at rest, in daily activities or when you exercise?",
        "cardiac",
    ),
    Question(
        "fainting",
        "In the last 12 months, have you lost balance because of dizziness, or lost consciousness?",
        "cardiac",
    ),
    Question(
        "heart_medication",
        "Do you take prescribed medicine for blood pressure or a heart condition?",
        "cardiac",
    ),
    Question(
        "chronic_condition",
        "Do you have another long-term medical condition (for example diabetes, "
        "lung disease or a neurological condition)?",
        "chronic",
    ),
    Question(
        "balance_problems",
        "Do you have trouble keeping your balance, or have you fallen in the last year?",
        "balance",
    ),
    Question(
        "vision_impairment",
        "Do you have a vision problem that glasses or lenses do not fully correct?",
        "vision",
    ),
    Question(
        "knee_problems",
        "Do you have a knee problem (pain, arthritis, an old ligament or cartilage injury)?",
        "orthopaedic",
    ),
    Question(
        "joint_problems",
        "Do you have a problem with another joint or your back (hip, ankle, foot, spine)?",
        "orthopaedic",
    ),
    Question(
        "recent_injury",
        "Have you had a muscle, bone or joint injury in the last 6 months?",
        "injury",
    ),
    Question(
        "recent_surgery",
        "Have you had surgery in the last 6 months?",
        "injury",
    ),
    Question(
        "dizziness",
        "Do you get dizzy or light-headed when you turn your head or stand up quickly?",
        "dizziness",
    ),
    Question(
        "pain_at_rest",
        "Do you have pain in your legs, hips or back even when you are resting?",
        "pain",
    ),
)

QUESTION_IDS: tuple[str, ...] = tuple(q.id for q in QUESTIONS)

_CARDIAC_REASONS: dict[str, str] = {
    "heart_condition": "You reported a heart condition or high blood pressure.",
    "chest_pain": "You reported chest pain.",
    "fainting": "You reported losing balance from dizziness, or fainting, in the last year.",
    "heart_medication": "You take medicine for your blood pressure or heart.",
}


def _validate(answers: Mapping[str, bool]) -> None:
    """Refuse partial or malformed answers: a missing 'no' must never count as a 'no'."""
    if not isinstance(answers, Mapping):
        raise ValueError("screening answers must be a mapping of question id to true/false")
    unknown = sorted(k for k in answers if k not in QUESTION_IDS)
    if unknown:
        raise ValueError(
            f"unknown screening question id(s): {', '.join(map(str, unknown))}; "
            f"known ids are: {', '.join(QUESTION_IDS)}"
        )
    not_bool = sorted(k for k, v in answers.items() if not isinstance(v, bool))
    if not_bool:
        raise ValueError(f"screening answers must be true or false, not for: {', '.join(not_bool)}")
    missing = [q for q in QUESTION_IDS if q not in answers]
    if missing:
        raise ValueError(f"screening question(s) not answered: {', '.join(missing)}")


def screen(answers: Mapping[str, bool], profile: Profile | None = None) -> ScreeningResult:
    """Turn yes/no answers (and optionally the profile's age) into a clearance with reasons.

    Consult rules are checked first and win; restriction rules add limits that are kept
    in the result even for a consult, so that a later professional clearance starts from
    those limits rather than from nothing.
    """
    _validate(answers)
    yes = {k for k, v in answers.items() if v}
    consult: list[str] = []
    restricted: list[str] = []
    limits: set[Restriction] = set()

    for qid, reason in _CARDIAC_REASONS.items():
        if qid in yes:
            consult.append(f"{reason} Please get a doctor's go-ahead before starting.")
    if "chronic_condition" in yes:
        consult.append(
            "You have a long-term medical condition; a doctor or physiotherapist should "
            "confirm this new exercise suits you."
        )
    if "pain_at_rest" in yes:
        consult.append(
            "Pain while resting needs to be checked by a professional before loading "
            "the legs in a new way."
        )
    if "recent_surgery" in yes:
        consult.append(
            "Surgery in the last 6 months: your surgeon or physiotherapist should say "
            "when backward walking can start."
        )

    balance_issue = bool(yes & {"balance_problems", "vision_impairment"})
    if balance_issue and "dizziness" in yes:
        consult.append(
            "Dizziness together with balance or vision problems makes a backward fall "
            "too likely to start without a professional's advice."
        )
    if balance_issue:
        restricted.append(
            "Balance or vision problems: walking only, holding handrails or with support "
            "within reach, and no fast drills."
        )
        limits |= {Restriction.WALKING_ONLY, Restriction.TREADMILL_HANDRAILS}
        limits.add(Restriction.NO_DRILLS)
    if "dizziness" in yes:
        restricted.append(
            "Dizziness when turning the head: walking only, with handrails or support "
            "nearby, because backward movement needs frequent shoulder checks."
        )
        limits |= {Restriction.WALKING_ONLY, Restriction.TREADMILL_HANDRAILS}
        limits.add(Restriction.NO_DRILLS)
    if "knee_problems" in yes:
        restricted.append(
            "Knee problems: low intensity, a longer walking phase and pain checks in every session."
        )
        limits.add(Restriction.LOW_INTENSITY)
    if "joint_problems" in yes:
        restricted.append(
            "Joint or back problems: low intensity and a longer walking phase, so the "
            "joints get used to the new direction slowly."
        )
        limits.add(Restriction.LOW_INTENSITY)
    if "recent_injury" in yes:
        restricted.append(
            "An injury in the last 6 months: walking only at low intensity until it has "
            "fully healed and you screen again."
        )
        limits |= {Restriction.WALKING_ONLY, Restriction.LOW_INTENSITY}

    older = profile is not None and profile.age >= OLDER_ADULT_AGE
    if older and (balance_issue or yes & {"dizziness", "fainting"}):
        restricted.append(
            f"At {profile.age} with a balance concern: walk on a treadmill holding the "
            "handrails, or with someone beside you."
        )
        limits |= {Restriction.TREADMILL_HANDRAILS, Restriction.WALKING_ONLY}

    ordered = tuple(r for r in Restriction if r in limits)
    if consult:
        return ScreeningResult(Clearance.CONSULT, tuple(consult + restricted), ordered)
    if limits:
        return ScreeningResult(Clearance.RESTRICTED, tuple(restricted), ordered)
    return ScreeningResult(
        Clearance.CLEARED,
        ("No answer points to a risk: start with the walking weeks as planned.",),
        (),
    )
