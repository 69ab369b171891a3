"""Direction family: facing and travel estimated separately, then a locomotion label."""

from backstride.gait.direction._facing import HeelToeFacing, facing_evidence
from backstride.gait.direction._locomotion import (
    FacingTravelLocomotion,
    pelvis_rise_at_midstance,
)
from backstride.gait.direction._travel import StanceFootTravel

__all__ = [
    "FacingTravelLocomotion",
    "HeelToeFacing",
    "StanceFootTravel",
    "facing_evidence",
    "pelvis_rise_at_midstance",
]
