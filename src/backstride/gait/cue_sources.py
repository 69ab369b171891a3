"""Where each form-cue target comes from, said in the report a person reads.

No study gives thresholds for "good" backward form, so most bands are the project's
rules of thumb; where a published finding sets the direction or the number, it is named.
``cues`` appends ``note(cue)`` to every target string, so report.json, report.html and
the web form check all show it; docs/science/gait-engine.md lists the same entries with
an evidence grade, and tests/science checks the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass

RULE_OF_THUMB = "Backstride rule of thumb"


@dataclass(frozen=True)
class CueSource:
    """The source of one cue's target: short text for the report, and a grade."""

    text: str
    grade: str  # strong / moderate / weak / project's own


CUE_SOURCES: dict[str, CueSource] = {
    "direction": CueSource("definition: the clip should show backward travel", "project's own"),
    "posture": CueSource(RULE_OF_THUMB, "project's own"),
    "head": CueSource(RULE_OF_THUMB, "project's own"),
    "shoulder_checks": CueSource(RULE_OF_THUMB, "project's own"),
    "arm_angle": CueSource(RULE_OF_THUMB, "project's own"),
    "arm_rhythm": CueSource(RULE_OF_THUMB, "project's own"),
    "foot_strike": CueSource(
        f"{RULE_OF_THUMB}; toes-first fits the soft landing Cavagna 2011 measured",
        "weak",
    ),
    "leg_drive": CueSource(
        f"{RULE_OF_THUMB}; the knee, not the hip, extends in the push, Winter 1989",
        "weak",
    ),
    "knee_lift": CueSource(
        f"{RULE_OF_THUMB}; joint ranges are smaller backward, Arata 2000", "project's own"
    ),
    "stride_length": CueSource(
        f"{RULE_OF_THUMB}; backward steps are shorter, Uthoff 2018 and Laufer 2005", "weak"
    ),
    "cadence_run": CueSource(
        f"{RULE_OF_THUMB}; backward step rate is higher than forward, Uthoff 2018",
        "project's own",
    ),
    "cadence_walk": CueSource(
        "from the walk ratio of 0.60 cm per step/min, Bogen 2018, with backward cadence "
        "as forward, Laufer 2005; not judged low below 1 m/s, Murakami 2017",
        "weak",
    ),
}


def note(cue: str) -> str:
    """`` (source: ...)`` for a cue's target string."""
    return f" ({CUE_SOURCES[cue].text})"
