"""Event family: foot contacts and toe-offs, strides, and over-the-shoulder checks."""

from backstride.gait.events._ground_contact import GroundContactDetector, foot_low_point_y
from backstride.gait.events._select import choose_detector, plausible_steps
from backstride.gait.events._shoulder_checks import HeadTurnShoulderChecks
from backstride.gait.events._stillness import FootStillnessStance
from backstride.gait.events._strides import ContactToContactStrides

__all__ = [
    "ContactToContactStrides",
    "FootStillnessStance",
    "GroundContactDetector",
    "HeadTurnShoulderChecks",
    "choose_detector",
    "foot_low_point_y",
    "plausible_steps",
]
