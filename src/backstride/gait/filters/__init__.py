"""Keypoint preprocessing filters; each is a small class with ``filter(series) -> self``.

``backstride.gait.preprocess.Preprocessor`` chains them in the recommended order.
"""

from __future__ import annotations

from backstride.gait.filters.confidence import ConfidenceMask
from backstride.gait.filters.gaps import GapFiller
from backstride.gait.filters.jumps import JumpRejection
from backstride.gait.filters.lowpass import ButterworthLowpass
from backstride.gait.filters.swaps import LegSwapRepair

__all__ = ["ButterworthLowpass", "ConfidenceMask", "GapFiller", "JumpRejection", "LegSwapRepair"]
