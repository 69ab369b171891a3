"""Event family: foot contacts and toe-offs, strides, and over-the-shoulder checks."""

from backstride.gait.events._ground_contact import GroundContactDetector, foot_low_point_y
from backstride.gait.events._shoulder_checks import HeadTurnShoulderChecks
from backstride.gait.events._strides import ContactToContactStrides

__all__ = [
    "ContactToContactStrides",
    "GroundContactDetector",
    "HeadTurnShoulderChecks",
    "foot_low_point_y",
]
