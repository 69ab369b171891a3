"""The readiness screening's ONE table: questions, the rules built on them, their texts.

Everything a person reads about who may start, and how, comes from here: the screening
code (``screening.screen``) evaluates :data:`RULES`, and the Learn pages render
:func:`learn_markdown` in place of a hand-written list, so the pages cannot promise one
thing while the code does another (``tests/training/test_screening_table.py`` checks
both sides). The sources of each row are in ``docs/science/screening-and-plans.md``.

A rule fires when every question in ``when`` was answered yes, each group in ``groups``
has at least one yes, and the age condition holds. The most cautious outcome
of the rules that fired wins; their limits add up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from backstride.training.models import Clearance, Restriction

OLDER_ADULT_AGE = 65

# The limits that belong together when balance is the worry.
FALL_LIMITS: tuple[Restriction, ...] = (
    Restriction.WALKING_ONLY,
    Restriction.TREADMILL_HANDRAILS,
    Restriction.NO_DRILLS,
)
SUPERVISED_FALL_LIMITS: tuple[Restriction, ...] = (*FALL_LIMITS, Restriction.SUPERVISED)


@dataclass(frozen=True)
class Question:
    """One yes/no question.

    ``source`` says where it comes from: ``"PAR-Q+ n"`` (the 2024 PAR-Q+ general health
    question n, in our words) or ``"backward"`` (what moving backward adds).
    ``required`` questions were on the first version of the check, so every stored
    answer set holds them; later questions may be missing from older answers, and a
    missing answer is *not answered*, never "no".
    """

    id: str
    text: str
    category: str
    source: str
    required: bool = False


QUESTIONS: tuple[Question, ...] = (
    Question(
        "heart_condition",
        "Has a doctor ever said you have a heart condition or high blood pressure?",
        "cardiac",
        "PAR-Q+ 1",
        True,
    ),
    Question(
        "chest_pain",
        "Do you feel pain in your chest at rest, in daily activities or when you exercise?",
        "cardiac",
        "PAR-Q+ 2",
        True,
    ),
    Question(
        "chest_pain_at_rest",
        "Right now or in the last few days, have you had chest pain, pressure or tightness "
        "while resting?",
        "urgent",
        "PAR-Q+ 2",
    ),
    Question(
        "fainting",
        "In the last 12 months, have you lost balance because of dizziness, or lost consciousness?",
        "cardiac",
        "PAR-Q+ 3",
        True,
    ),
    Question(
        "fainted_recently",
        "Have you fainted or blacked out during or just after exercise, or recently "
        "without a doctor having found the cause?",
        "urgent",
        "PAR-Q+ 3",
    ),
    Question(
        "chronic_condition",
        "Do you have another long-term medical condition (for example diabetes, "
        "lung disease or a neurological condition)?",
        "chronic",
        "PAR-Q+ 4",
        True,
    ),
    Question(
        "chronic_medication",
        "Do you take prescribed medicine for any long-term (chronic) condition?",
        "chronic",
        "PAR-Q+ 5",
    ),
    Question(
        "heart_medication",
        "Do you take prescribed medicine for blood pressure or a heart condition?",
        "cardiac",
        "PAR-Q+ 5",
        True,
    ),
    Question(
        "knee_problems",
        "Do you have a knee problem (pain, arthritis, an old ligament or cartilage injury)?",
        "orthopaedic",
        "PAR-Q+ 6",
        True,
    ),
    Question(
        "joint_problems",
        "Do you have a problem with another joint or your back (hip, ankle, foot, spine)?",
        "orthopaedic",
        "PAR-Q+ 6",
        True,
    ),
    Question(
        "recent_injury",
        "Have you had a muscle, bone or joint injury in the last 6 months?",
        "injury",
        "PAR-Q+ 6",
        True,
    ),
    Question(
        "medically_supervised",
        "Has a doctor said you should only be physically active under medical supervision?",
        "supervision",
        "PAR-Q+ 7",
    ),
    Question(
        "fall_last_year",
        "Have you fallen in the last 12 months?",
        "balance",
        "backward",
    ),
    Question(
        "fear_of_falling",
        "Are you worried about falling, or do you avoid things because you might fall?",
        "balance",
        "backward",
    ),
    Question(
        "balance_problems",
        "Do you have trouble keeping your balance?",
        "balance",
        "backward",
        True,
    ),
    Question(
        "vision_impairment",
        "Do you have a vision problem that glasses or lenses do not fully correct?",
        "vision",
        "backward",
        True,
    ),
    Question(
        "dizziness",
        "Do you get dizzy or light-headed when you turn your head or stand up quickly?",
        "dizziness",
        "backward",
        True,
    ),
    Question(
        "osteoporosis",
        "Do you have osteoporosis, or have you broken a bone in a minor fall or knock "
        "since the age of 50?",
        "bone",
        "backward",
    ),
    Question(
        "blood_thinners",
        "Do you take blood-thinning medicine (for example warfarin, apixaban or rivaroxaban)?",
        "bleeding",
        "backward",
    ),
    Question(
        "pregnancy",
        "Are you pregnant, or have you had a baby in the last 3 months?",
        "pregnancy",
        "backward",
    ),
    Question(
        "recent_surgery",
        "Have you had surgery in the last 6 months?",
        "injury",
        "backward",
        True,
    ),
    Question(
        "pain_at_rest",
        "Do you have pain in your knees, legs, hips or back even when you are resting?",
        "pain",
        "backward",
        True,
    ),
)

QUESTION_IDS: tuple[str, ...] = tuple(q.id for q in QUESTIONS)
REQUIRED_IDS: tuple[str, ...] = tuple(q.id for q in QUESTIONS if q.required)


@dataclass(frozen=True)
class Rule:
    """One row of the screening table.

    ``when``: all of these answered yes. ``groups``: in each group at least one question
    answered yes. ``min_age``: only from this age on (needs the profile).
    ``unanswered``: fires when questions are missing from older stored answers.
    ``condition`` is the short phrase the Learn pages list under the outcome; ``reason``
    is the sentence the person sees after screening (``{age}`` is filled in).
    """

    id: str
    outcome: Clearance
    condition: str
    reason: str
    when: tuple[str, ...] = ()
    groups: tuple[tuple[str, ...], ...] = ()
    min_age: int | None = None
    limits: tuple[Restriction, ...] = ()
    unanswered: bool = False

    def fires(self, yes: frozenset[str], age: int | None, missing: Iterable[str]) -> bool:
        if self.unanswered:
            return bool(tuple(missing))
        if not set(self.when) <= yes:
            return False
        if any(not (set(group) & yes) for group in self.groups):
            return False
        return self.min_age is None or (age is not None and age >= self.min_age)


_DOCTOR = "Please get a doctor's go-ahead before starting."
BALANCE_OR_VISION = ("balance_problems", "vision_impairment")
FRAGILE = ("osteoporosis", "blood_thinners")

RULES: tuple[Rule, ...] = (
    # --- urgent: no plan, seek help now --------------------------------------------------
    Rule(
        "chest-pain-at-rest",
        Clearance.URGENT,
        "chest pain, pressure or tightness while resting",
        "Chest pain, pressure or tightness at rest can be a heart problem: seek medical help "
        "now (call your emergency number if it is happening now). No plan is made.",
        when=("chest_pain_at_rest",),
    ),
    Rule(
        "fainted-recently",
        Clearance.URGENT,
        "fainting during or just after exercise, or recently without a known cause",
        "Fainting with exercise, or without a known cause, needs a doctor's check: seek "
        "medical help now. No plan is made.",
        when=("fainted_recently",),
    ),
    # --- consult: no plan until a professional's clearance is recorded --------------------
    Rule(
        "heart-condition",
        Clearance.CONSULT,
        "a heart condition or high blood pressure",
        f"You reported a heart condition or high blood pressure. {_DOCTOR}",
        when=("heart_condition",),
    ),
    Rule(
        "chest-pain",
        Clearance.CONSULT,
        "chest pain in daily life or when exercising",
        f"You reported chest pain. {_DOCTOR}",
        when=("chest_pain",),
    ),
    Rule(
        "fainting",
        Clearance.CONSULT,
        "losing balance from dizziness, or fainting, in the last 12 months",
        f"You reported losing balance from dizziness, or fainting, in the last year. {_DOCTOR}",
        when=("fainting",),
    ),
    Rule(
        "heart-medication",
        Clearance.CONSULT,
        "medicine for blood pressure or the heart",
        f"You take medicine for your blood pressure or heart. {_DOCTOR}",
        when=("heart_medication",),
    ),
    Rule(
        "chronic-condition",
        Clearance.CONSULT,
        "another long-term medical condition",
        "You have a long-term medical condition; a doctor or physiotherapist should confirm "
        "this new exercise suits you.",
        when=("chronic_condition",),
    ),
    Rule(
        "chronic-medication",
        Clearance.CONSULT,
        "prescribed medicine for a long-term condition",
        "You take prescribed medicine for a long-term condition; a doctor or pharmacist "
        "should confirm it is safe with this new exercise (some medicines affect balance, "
        "heart rate or bleeding).",
        when=("chronic_medication",),
    ),
    Rule(
        "pain-at-rest",
        Clearance.CONSULT,
        "pain in the knees, legs, hips or back even at rest",
        "Pain while resting needs to be checked by a professional before loading the legs "
        "in a new way.",
        when=("pain_at_rest",),
    ),
    Rule(
        "recent-surgery",
        Clearance.CONSULT,
        "surgery in the last 6 months",
        "Surgery in the last 6 months: your surgeon or physiotherapist should say when "
        "backward walking can start.",
        when=("recent_surgery",),
    ),
    Rule(
        "pregnancy",
        Clearance.CONSULT,
        "pregnancy, or a birth in the last 3 months",
        "Pregnancy changes your balance and makes a fall more harmful: your midwife or "
        "doctor should agree first, and then it is walking only, near support.",
        when=("pregnancy",),
        limits=FALL_LIMITS,
    ),
    Rule(
        "dizziness",
        Clearance.CONSULT,
        "dizziness when turning the head or standing up",
        "Dizziness when turning the head or standing up needs a professional's check first: "
        "moving backward means turning your head to look over your shoulder all the time. "
        "Once cleared: walking only, with support nearby.",
        when=("dizziness",),
        limits=FALL_LIMITS,
    ),
    Rule(
        "fall-with-balance-or-vision",
        Clearance.CONSULT,
        "a fall in the last 12 months together with a balance or vision problem",
        "A fall in the last year together with a balance or vision problem: a professional "
        "should check your balance first, and then every session needs a helper or "
        "professional beside you.",
        when=("fall_last_year",),
        groups=(BALANCE_OR_VISION,),
        limits=SUPERVISED_FALL_LIMITS,
    ),
    Rule(
        "fall-with-fragile-bones-or-bleeding",
        Clearance.CONSULT,
        "a fall in the last 12 months with osteoporosis or blood-thinning medicine",
        "A fall in the last year with fragile bones or blood-thinning medicine: a backward "
        "fall could mean a fracture or a bleed, so a professional should agree first.",
        when=("fall_last_year",),
        groups=(FRAGILE,),
        limits=SUPERVISED_FALL_LIMITS,
    ),
    Rule(
        "balance-with-dizziness",
        Clearance.CONSULT,
        "dizziness together with a balance or vision problem",
        "Dizziness together with balance or vision problems makes a backward fall too "
        "likely to start without a professional's advice.",
        when=("dizziness",),
        groups=(BALANCE_OR_VISION,),
        limits=FALL_LIMITS,
    ),
    # --- supervised: a plan, but only with a helper or professional present --------------
    Rule(
        "medically-supervised",
        Clearance.SUPERVISED,
        "a doctor said you should only exercise under medical supervision",
        "Your doctor said you should only be active under medical supervision: train only "
        "with that professional present, every session.",
        when=("medically_supervised",),
        limits=(Restriction.SUPERVISED,),
    ),
    Rule(
        "fall-at-65",
        Clearance.SUPERVISED,
        f"a fall in the last 12 months at {OLDER_ADULT_AGE} or over",
        "At {age}, after a fall in the last year: walking only, with a helper or "
        "professional beside you at every session, holding a rail or handrails.",
        when=("fall_last_year",),
        min_age=OLDER_ADULT_AGE,
        limits=SUPERVISED_FALL_LIMITS,
    ),
    Rule(
        "fall-with-fear",
        Clearance.SUPERVISED,
        "a fall in the last 12 months and a fear of falling",
        "A fall in the last year and a fear of falling: walking only, with a helper beside "
        "you at every session until you feel steady.",
        when=("fall_last_year", "fear_of_falling"),
        limits=SUPERVISED_FALL_LIMITS,
    ),
    Rule(
        "fragile-bones-with-balance",
        Clearance.SUPERVISED,
        "osteoporosis or blood-thinning medicine together with a balance or vision problem",
        "Fragile bones or blood-thinning medicine together with a balance or vision "
        "problem: walking only, with a helper beside you at every session.",
        groups=(FRAGILE, BALANCE_OR_VISION),
        limits=SUPERVISED_FALL_LIMITS,
    ),
    # --- restricted: a plan within named limits ------------------------------------------
    Rule(
        "fall",
        Clearance.RESTRICTED,
        "a fall in the last 12 months (under 65, no balance or vision problem)",
        "A fall in the last year: walking only to start, with a rail, wall or helper within "
        "reach and no fast drills.",
        when=("fall_last_year",),
        limits=FALL_LIMITS,
    ),
    Rule(
        "fear-of-falling",
        Clearance.RESTRICTED,
        "a fear of falling",
        "Worry about falling: walking only, near a rail, a wall or a helper, and no fast "
        "drills, so your confidence can grow first.",
        when=("fear_of_falling",),
        limits=FALL_LIMITS,
    ),
    Rule(
        "balance-or-vision",
        Clearance.RESTRICTED,
        "a balance problem, or a vision problem glasses do not correct",
        "Balance or vision problems: walking only, holding handrails or with support "
        "within reach, and no fast drills.",
        groups=(BALANCE_OR_VISION,),
        limits=FALL_LIMITS,
    ),
    Rule(
        "osteoporosis",
        Clearance.RESTRICTED,
        "osteoporosis or a fracture from a minor fall",
        "Fragile bones: walking only, near a rail, a wall or a helper, and no fast drills, "
        "because a backward fall lands on the hip or wrist.",
        when=("osteoporosis",),
        limits=FALL_LIMITS,
    ),
    Rule(
        "blood-thinners",
        Clearance.RESTRICTED,
        "blood-thinning medicine",
        "Blood-thinning medicine: walking only, near a rail, a wall or a helper, and no "
        "fast drills, because a fall can cause serious bleeding.",
        when=("blood_thinners",),
        limits=FALL_LIMITS,
    ),
    Rule(
        "older-balance",
        Clearance.RESTRICTED,
        f"a balance, vision, dizziness or fainting concern at {OLDER_ADULT_AGE} or over",
        "At {age} with a balance concern: walk on a treadmill holding the handrails, or "
        "with someone beside you.",
        groups=((*BALANCE_OR_VISION, "dizziness", "fainting"),),
        min_age=OLDER_ADULT_AGE,
        limits=(Restriction.WALKING_ONLY, Restriction.TREADMILL_HANDRAILS),
    ),
    Rule(
        "knee-problems",
        Clearance.RESTRICTED,
        "a knee problem",
        "Knee problems: low intensity, a longer walking phase and pain checks in every session.",
        when=("knee_problems",),
        limits=(Restriction.LOW_INTENSITY,),
    ),
    Rule(
        "joint-problems",
        Clearance.RESTRICTED,
        "a problem with another joint or the back",
        "Joint or back problems: low intensity and a longer walking phase, so the joints "
        "get used to the new direction slowly.",
        when=("joint_problems",),
        limits=(Restriction.LOW_INTENSITY,),
    ),
    Rule(
        "recent-injury",
        Clearance.RESTRICTED,
        "an injury in the last 6 months",
        "An injury in the last 6 months: walking only at low intensity until it has fully "
        "healed and you screen again.",
        when=("recent_injury",),
        limits=(Restriction.WALKING_ONLY, Restriction.LOW_INTENSITY),
    ),
    Rule(
        "unanswered",
        Clearance.RESTRICTED,
        "questions added to the check since you answered it, until you answer them",
        "The readiness check has {missing} you have not answered yet. Until you answer "
        "them: walking only, with support nearby.",
        unanswered=True,
        limits=(Restriction.WALKING_ONLY, Restriction.TREADMILL_HANDRAILS),
    ),
)

CLEARED_REASON = "No answer points to a risk: start with the walking weeks as planned."

OUTCOME_HEADINGS: dict[Clearance, str] = {
    Clearance.URGENT: "Seek medical help now; no plan is made",
    Clearance.CONSULT: "Ask a doctor or physiotherapist first; the plan stays locked until "
    "their clearance is recorded",
    Clearance.SUPERVISED: "Only with a helper or professional present at every session",
    Clearance.RESTRICTED: "Start within named limits (walking only, support nearby, low "
    "intensity or no fast drills)",
}

LIMIT_TEXT: dict[Restriction, str] = {
    Restriction.WALKING_ONLY: "walking only (no backward jogging or running)",
    Restriction.TREADMILL_HANDRAILS: "handrails held on a treadmill, or a rail, wall or "
    "helper within reach",
    Restriction.LOW_INTENSITY: "low intensity (jogging only later, never above 6 km/h)",
    Restriction.NO_DRILLS: "no fast drills",
    Restriction.SUPERVISED: "only with a helper or professional present",
}


def rule(rule_id: str) -> Rule:
    """The table row with this id (ValueError for an unknown id)."""
    for row in RULES:
        if row.id == rule_id:
            return row
    raise ValueError(f"no screening rule {rule_id!r}")


def learn_markdown(outcomes: Iterable[Clearance] = tuple(OUTCOME_HEADINGS)) -> list[str]:
    """Bullet lines for the Learn pages: one per outcome, listing the conditions behind it.

    The Learn content files include this with a ``@screening-outcomes`` line, so the
    page shows the same conditions the code checks, in the same words.
    """
    lines = []
    for outcome in outcomes:
        conditions = [r.condition for r in RULES if r.outcome == outcome]
        if conditions:
            lines.append(f"- **{OUTCOME_HEADINGS[outcome]}**: {'; '.join(conditions)}.")
    return lines
