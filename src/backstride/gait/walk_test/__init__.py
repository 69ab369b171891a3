"""Timing the 3-metre backward walk test (3MBWT) from side-view keypoints.

``BackwardWalkTimer`` finds the first backward movement and the heel crossing the 3 m
line; the line comes from two x positions on the picture (``Lines``) or from the
person's leg length as a ruler. Interpretation of the time is in
``backstride.training.balance_test``.
"""

from backstride.gait.walk_test._legs import LegMeasure, leg_length_px
from backstride.gait.walk_test._timer import BackwardWalkTimer, Lines, WalkTestError

__all__ = ["BackwardWalkTimer", "LegMeasure", "Lines", "WalkTestError", "leg_length_px"]
