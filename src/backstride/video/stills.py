"""One JPEG still per keypoint frame, so a person can step through a clip on a web page.

Why stills rather than seeking in the video from the browser: a phone browser cannot
show an exact frame of an H.264 clip reliably, and the frame the person picks must be
the same frame the keypoints (and so the timer) number. Each keypoint time gets the
decoded frame nearest to it at or before that time.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

from backstride.video.decode import iter_frames

STILL_MAX_SIDE = 640  # enough to see a heel on a line; small enough to step quickly
JPEG_QUALITY = 80


def write_stills(
    source: str | Path,
    times_s: np.ndarray,
    path_for: Callable[[int], Path],
    max_side: int = STILL_MAX_SIDE,
) -> int:
    """Write still ``i`` for keypoint time ``times_s[i]`` to ``path_for(i)``; returns count.

    Keypoint times past the last decoded frame repeat that frame, so every index the
    page can show has a picture.
    """
    wanted = 0
    last: Path | None = None
    for frame in iter_frames(source, max_side=max_side):
        while wanted < len(times_s) and times_s[wanted] <= frame.time_s + 1e-6:
            last = path_for(wanted)
            last.parent.mkdir(parents=True, exist_ok=True)
            bgr = cv2.cvtColor(frame.image, cv2.COLOR_RGB2BGR)
            cv2.imwrite(str(last), bgr, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
            wanted += 1
        if wanted >= len(times_s):
            break
    for index in range(wanted, len(times_s)):
        if last is not None:
            path_for(index).write_bytes(last.read_bytes())
    return len(times_s)
