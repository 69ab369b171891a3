"""Parameter family: temporal, spatial and form measures computed from events."""

from backstride.gait.parameters._arms import ArmSwing
from backstride.gait.parameters._legs import PushOffExtension
from backstride.gait.parameters._posture import TrunkHeadPosture
from backstride.gait.parameters._rhythm import (
    AnkleGapRhythmCadence,
    CadenceChoice,
    choose_cadence,
)
from backstride.gait.parameters._spatial import StanceSpeedStepLength
from backstride.gait.parameters._strike import FootAngleStrike, foot_angle_deg
from backstride.gait.parameters._temporal import TemporalParameters, symmetry_index_pct

__all__ = [
    "AnkleGapRhythmCadence",
    "ArmSwing",
    "CadenceChoice",
    "FootAngleStrike",
    "PushOffExtension",
    "StanceSpeedStepLength",
    "TemporalParameters",
    "TrunkHeadPosture",
    "choose_cadence",
    "foot_angle_deg",
    "symmetry_index_pct",
]
