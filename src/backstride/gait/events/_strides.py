"""Cut the recording into strides (contact to next contact of the same foot)."""

from __future__ import annotations

import itertools

import numpy as np

from backstride.gait.consts import SIDES


class ContactToContactStrides:
    """Segment strides per foot, each with its toe-off.

    Parameters
    ----------
    max_stride_s
        Longer "strides" span a pause or a missed contact and are dropped.

    Attributes
    ----------
    strides_
        Per side, an array ``(n, 3)`` of ``[contact_s, toe_off_s, next_contact_s]``.
    steps_
        All contacts of both feet merged in time order as ``(time_s, side)`` tuples.
    """

    def __init__(self, max_stride_s: float = 3.0) -> None:
        self.max_stride_s = max_stride_s

    def segment(
        self, contacts: dict[str, np.ndarray], toe_offs: dict[str, np.ndarray]
    ) -> ContactToContactStrides:
        """Pair each contact with the next same-foot contact and the toe-off between them."""
        self.strides_ = {}
        for side in SIDES:
            c = np.asarray(contacts.get(side, []), dtype=float)
            o = np.asarray(toe_offs.get(side, []), dtype=float)
            rows = []
            for a, b in itertools.pairwise(c):
                between = o[(o > a) & (o < b)]
                if b - a <= self.max_stride_s and between.size == 1:
                    rows.append([a, between[0], b])
            self.strides_[side] = np.array(rows).reshape(-1, 3)
        self.steps_ = sorted((float(t), side) for side in SIDES for t in contacts.get(side, []))
        return self
