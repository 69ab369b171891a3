"""Words and labels the plan generator attaches to blocks: cues, muscles, goals, drills.

Kept apart from the arithmetic so a coach can reword a cue without touching the
progression rules. All guidance is in our own words; the facts behind it (toe-first
landing, shoulder checks, quadriceps and shin muscles as prime movers) come from the
source article and are cited in ``docs/science/screening-and-plans.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

from backstride.training.models import Goal, Muscles, Population

# Form cues: short enough to read on a watch or hear between intervals.
POSTURE = "Stand tall with your chest a touch ahead of your hips."
LOOK = "Head up; glance over one shoulder, then the other, every few steps."
ARMS = "Elbows bent near 90 degrees, arms swinging in time with your legs."
FOOT = "Touch down on your toes first, then let the heel settle."
DRIVE = "Push away by straightening the knee and hip."
STRIDE = "Keep steps short and controlled."
HANDRAILS = "Rest your hands on the handrails; let go only while you feel steady."
SUPPORT = "Stay within arm's reach of a rail, a wall or a helper."
PAIN = "Rate knee or joint pain 0-10 as you go: up to 3 is fine, above that ease off."
SHARP_STOP = "Stop at once on any sharp pain or dizziness."
BALANCE = "Move slowly and feel each foot take your weight before the next step."
TURN = "Turn through the hips, then accelerate forward for a few steps."
PAIN_STOP = "Knee pain above 3 out of 10: stop this block and log it."
FIRST_JOG = "First jogging week: keep your hands just above the handrails, ready to grip."
HEEL_TO_TOE = "Place each toe just behind the other heel."

WALK_CUES: tuple[str, ...] = (POSTURE, LOOK, FOOT, STRIDE, ARMS)
RUN_CUES: tuple[str, ...] = (POSTURE, LOOK, ARMS, FOOT, DRIVE, STRIDE)

# Muscles as the source article ranks them for backward locomotion.
LOCOMOTION_MUSCLES = Muscles(
    primary=("quadriceps", "tibialis anterior"),
    secondary=("calves", "glutes", "hamstrings", "core"),
)
SHUFFLE_MUSCLES = Muscles(primary=("glutes", "quadriceps"), secondary=("calves", "core"))
HIGH_KNEE_MUSCLES = Muscles(primary=("hip flexors", "quadriceps"), secondary=("calves", "core"))
BUTT_KICK_MUSCLES = Muscles(primary=("hamstrings",), secondary=("quadriceps", "calves", "core"))
AGILITY_MUSCLES = Muscles(
    primary=("quadriceps", "tibialis anterior", "glutes"),
    secondary=("calves", "hamstrings", "core"),
)

GOAL_WORDS: dict[Goal, str] = {
    Goal.QUADRICEPS: "stronger quadriceps",
    Goal.KNEE_HEALTH: "knee health",
    Goal.BALANCE: "better balance",
    Goal.CARDIO: "joint-friendly cardio",
    Goal.AGILITY: "agility",
}

DEFAULT_GOALS: dict[Population, tuple[Goal, ...]] = {
    Population.GENERAL: (Goal.CARDIO, Goal.QUADRICEPS),
    Population.RUNNER: (Goal.QUADRICEPS, Goal.KNEE_HEALTH, Goal.CARDIO),
    Population.ATHLETE: (Goal.AGILITY, Goal.QUADRICEPS),
    Population.KNEE_REHAB: (Goal.KNEE_HEALTH, Goal.QUADRICEPS),
    Population.OLDER_ADULT: (Goal.BALANCE, Goal.KNEE_HEALTH),
}


@dataclass(frozen=True)
class Purpose:
    """What a kind of block does, and which goals that effect serves."""

    goals: tuple[Goal, ...]
    effect: str


WARMUP = Purpose(
    tuple(Goal),
    "it wakes up the quadriceps and rehearses the backward pattern before harder work",
)
COOLDOWN = Purpose(tuple(Goal), "easy movement brings the heart rate down and eases stiffness")
WALK = Purpose(
    (Goal.BALANCE, Goal.QUADRICEPS, Goal.KNEE_HEALTH, Goal.CARDIO),
    "backward walking trains balance and the front-thigh muscles",
)
# The kneecap claim holds at running speed only: Roos et al. 2012 measured about 24 %
# lower peak patellofemoral force backward at the same running speed, while at 1.0 m/s
# no reduction was found (Old Dominion University thesis, 1998). So jogs slower than
# about 2 m/s (7.2 km/h) get the sentence without it.
KNEECAP_CLAIM_MIN_KMH = 7.2
JOG = Purpose(
    (Goal.QUADRICEPS, Goal.CARDIO, Goal.KNEE_HEALTH),
    "backward jogging works the front-thigh muscles and costs more energy than the same "
    "pace forward",
)
RUN = Purpose(
    (Goal.QUADRICEPS, Goal.CARDIO, Goal.KNEE_HEALTH),
    "backward running works the front-thigh muscles, and at running speed the joint "
    "behind the kneecap takes about a quarter less peak force than running forward",
)


def jog_purpose(speed_kmh: float | None) -> Purpose:
    """The kneecap sentence only at running speed (about 2 m/s and up), see ``RUN``."""
    if speed_kmh is not None and speed_kmh >= KNEECAP_CLAIM_MIN_KMH:
        return RUN
    return JOG


MIXED = Purpose(
    (Goal.CARDIO, Goal.QUADRICEPS, Goal.KNEE_HEALTH),
    "switching direction keeps the heart rate up and moves work onto the quadriceps",
)
AGILITY = Purpose(
    (Goal.AGILITY, Goal.BALANCE, Goal.QUADRICEPS),
    "quick backpedals and changes of direction copy what field and court sports demand",
)
SHUFFLE = Purpose((Goal.AGILITY, Goal.BALANCE), "sideways-back steps train hip control")
HIGH_KNEES = Purpose((Goal.QUADRICEPS, Goal.AGILITY), "lifting the knees builds hip drive")
BUTT_KICKS = Purpose((Goal.AGILITY, Goal.CARDIO), "quick heel lifts train a light, fast stride")
BALANCE_WALK = Purpose(
    (Goal.BALANCE, Goal.KNEE_HEALTH),
    "slow, narrow steps near support train the balance that keeps a stumble from becoming a fall",
)

# Older adults' balance block: heel-to-toe on the ground, a narrow stance on a belt.
HEEL_TOE_WALK = "Backward heel-to-toe walk"
HEEL_TOE_WALK_CUES: tuple[str, ...] = (HEEL_TO_TOE, "Take your time: one step every two seconds.")
NARROW_WALK = "Narrow-base backward walk"
NARROW_WALK_CUES: tuple[str, ...] = (
    "Hold both handrails the whole time.",
    "Bring your feet closer together than usual, about a fist apart.",
)


def goals_for(population: Population, goals: tuple[Goal, ...]) -> tuple[Goal, ...]:
    """The person's goals, or sensible defaults for their population when none are given."""
    return goals if goals else DEFAULT_GOALS[population]


def why(purpose: Purpose, goals: tuple[Goal, ...]) -> str:
    """One sentence naming the person's goals this block serves, and how."""
    served = [g for g in goals if g in purpose.goals]
    if served:
        names = [GOAL_WORDS[g] for g in served]
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"Serves your goal of {joined}: {purpose.effect}."
    return (
        f"Supports your goal of {GOAL_WORDS[goals[0]]} indirectly: {purpose.effect}, "
        "which makes the main work safer."
    )


@dataclass(frozen=True)
class Drill:
    """A technique drill; ``gentle`` ones suit restricted people and older adults."""

    name: str
    purpose: Purpose
    muscles: Muscles
    cues: tuple[str, ...]
    gentle: bool
    treadmill_ok: bool


DRILLS: tuple[Drill, ...] = (
    Drill(
        "Backward shuffle",
        SHUFFLE,
        SHUFFLE_MUSCLES,
        (POSTURE, LOOK, "Stay low and let the feet brush past each other, never cross."),
        False,
        False,
    ),
    Drill(
        "Backward high knees",
        HIGH_KNEES,
        HIGH_KNEE_MUSCLES,
        (POSTURE, ARMS, "Lift each knee to hip height, land softly on the toes."),
        False,
        False,
    ),
    Drill(
        "Backward butt kicks",
        BUTT_KICKS,
        BUTT_KICK_MUSCLES,
        (POSTURE, LOOK, "Flick the heels up behind you with quick, light contacts."),
        False,
        False,
    ),
    Drill(
        "Backward high-knee march",
        HIGH_KNEES,
        HIGH_KNEE_MUSCLES,
        (POSTURE, LOOK, "March slowly, lifting each knee, toes down first."),
        True,
        True,
    ),
    Drill(
        "Backward heel-flick walk",
        BUTT_KICKS,
        BUTT_KICK_MUSCLES,
        (POSTURE, STRIDE, "Walk back slowly, lifting each heel towards the seat."),
        True,
        True,
    ),
)


def drills_for(*, gentle: bool, treadmill: bool) -> tuple[Drill, ...]:
    """Pick at most four drills: full ones once running starts, gentle ones otherwise.

    Older adults' balance work is a main block (``sessions``), not a drill, so that a
    no-drills restriction or a tight budget never removes it.
    """
    chosen = [d for d in DRILLS if d.gentle == gentle]
    if treadmill:
        chosen = [d for d in chosen if d.treadmill_ok] or [d for d in DRILLS if d.treadmill_ok]
    return tuple(chosen[:4])
